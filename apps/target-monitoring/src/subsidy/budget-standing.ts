/**
 * Which of a programme year's budget events states its budget at a moment: the counted event with the
 * highest count, unless one without a count (from before counts, or from an instance of an older
 * version during a rollout) was made after every counted one, and then the latest of those. Counts are
 * taken under the year's row lock, so they order the changes truly; instances' clocks may disagree, so
 * time orders only what has no count. Of two events the rule cannot tell apart (uncounted ones stamped
 * at the same moment, or a count stated twice) the later to arrive stands: a year's events share its
 * Kafka key, so they arrive in the order they were made, here and in a rebuild (but for a dead letter
 * replayed late, and the events kept before arrivals were, numbered by their times).
 *
 * Decided over every event of the year kept by then in `subsidy_budget_version`, never pair by pair as
 * events come: compared by count with each other and by time with uncounted ones, events are not in
 * one order (a counted event can precede an uncounted one that precedes an earlier-counted one), so
 * only a decision over the whole history is the same whatever order and batches they arrive in.
 *
 * The latest event (by time, a counted one first at a tie) is uncounted exactly when an uncounted event
 * came after every counted one: so of it and the highest count, an uncounted latest stands, else the
 * highest count. Each is one look-up by index.
 *
 * @param years an SQL `int[]` expression: the programme years wanted (a year with no event by then gives no row)
 * @param at an SQL `timestamptz` expression: the events made by then count
 * @returns a subquery (to alias) of `subsidy_budget_version` rows: each year's standing event
 */
export function standingBudgets(years: string, at = `'infinity'`): string {
  return `(
    SELECT standing.* FROM unnest(${years}) AS wanted(programme_year) CROSS JOIN LATERAL (
      SELECT * FROM (
        (SELECT * FROM subsidy_budget_version
          WHERE programme_year = wanted.programme_year AND as_of <= ${at} AND budget_version IS NOT NULL
          ORDER BY budget_version DESC, arrival DESC LIMIT 1)
        UNION ALL
        (SELECT * FROM subsidy_budget_version
          WHERE programme_year = wanted.programme_year AND as_of <= ${at}
          ORDER BY as_of DESC, budget_version IS NULL, arrival DESC LIMIT 1)) candidate
       ORDER BY budget_version DESC NULLS FIRST, arrival DESC LIMIT 1) standing)`;
}
