/**
 * The claims of programme year `year` as they stood at `at` (both SQL expressions), one row each, from
 * every claim event kept with its time: each claim as its newest version by then left it, in whatever year
 * that version puts it (a returned claim may move to another period's year, so claims that were ever in
 * the year are folded and the year filtered afterwards). Two events may state one version (a repayment and
 * the settlement it makes): the largest totals of the two count. A demand from before demands were
 * versioned counts until a versioned one replaces it. The reports are those the newest version cites (a
 * returned claim may be edited to cite others); null for a version an instance of an older release kept.
 * The subsidy summary and its effectiveness as of a past day both read this.
 */
export const claimsAt = (year: string, at: string) => `(
  SELECT * FROM (
    SELECT DISTINCT ON (claim_id) claim_id, programme_year, report_ids, approved_kopecks, paid_kopecks,
           first_value(clawback_demanded_kopecks) OVER newest_demand AS clawback_demanded_kopecks,
           max(clawback_repaid_kopecks) OVER same_claim
             - coalesce(max(clawback_refunded_kopecks) OVER same_claim, 0) AS clawed_back_kopecks
      FROM subsidy_claim_version
     WHERE updated_at <= ${at}
       AND claim_id IN (SELECT claim_id FROM subsidy_claim_version WHERE programme_year = ${year})
    WINDOW same_claim AS (PARTITION BY claim_id),
           newest_demand AS (PARTITION BY claim_id
                             ORDER BY clawback_version DESC NULLS LAST, clawback_demanded_kopecks IS NULL, version DESC)
     ORDER BY claim_id, version DESC) newest
  WHERE programme_year = ${year})`;
