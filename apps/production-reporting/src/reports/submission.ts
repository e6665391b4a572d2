import { createHash } from 'node:crypto';
import type { Actor, ReportState, ReportVersionSnapshot, TonnageClass } from '@redmet/contracts';
import { isNilReturn, type LineContent, type RegistryFacts, type ReportContent } from '../acceptance/report-content';

/** A version as its signer submitted it: the content, who attested it and when. */
export interface Submission extends ReportContent {
  reportId: string;
  version: number;
  signedBy: Actor;
  /** ISO timestamp with milliseconds, as it appears on the receipt. */
  submittedAt: string;
  supersedesVersion: number | null;
  amendmentReason: string | null;
  /** SHA-256 of `signedContent`, hex: the receipt's fingerprint. */
  contentSha256: string;
}

export type UnsignedSubmission = Omit<Submission, 'contentSha256'>;

/** JSON with object keys sorted at every level and no whitespace: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What the signer attests, hashed for the receipt: the report's identity and
 * version, its site, period and every line exactly as submitted, the signer
 * and the moment. Anyone holding a version can recompute it (README).
 */
export function signedContent(submission: UnsignedSubmission): object {
  return {
    reportId: submission.reportId,
    version: submission.version,
    companyId: submission.companyId,
    facilityId: submission.facilityId,
    depositId: submission.depositId,
    period: submission.period,
    lines: submission.lines.map((line) => ({
      lineNo: line.lineNo,
      productCode: line.productCode,
      quantity: line.quantity,
      unit: line.unit,
      metalContentTonnes: line.metalContentTonnes,
      domesticShipments: line.domesticShipments,
      exports: line.exports,
    })),
    amendmentReason: submission.amendmentReason,
    signedBy: { userId: submission.signedBy.userId, name: submission.signedBy.name ?? null },
    submittedAt: submission.submittedAt,
  };
}

export function sign(submission: UnsignedSubmission): Submission {
  const contentSha256 = createHash('sha256')
    .update(canonicalJson(signedContent(submission)), 'utf8')
    .digest('hex');
  return { ...submission, contentSha256 };
}

/** The lines with the tonnage class the catalogue gives their products (null while unknown). */
export function classified(
  lines: readonly LineContent[],
  facts: RegistryFacts,
): (LineContent & { tonnageClass: TonnageClass | null })[] {
  return lines.map((line) => ({ ...line, tonnageClass: facts.products.get(line.productCode)?.tonnageClass ?? null }));
}

export function regionOf(facts: RegistryFacts): string | null {
  return facts.facility?.region ?? facts.deposit?.region ?? null;
}

/** The version as events carry it: whole, so consumers replace what an earlier version said. */
export function snapshotOf(submission: Submission, facts: RegistryFacts, state: ReportState): ReportVersionSnapshot {
  return {
    reportId: submission.reportId,
    version: submission.version,
    companyId: submission.companyId,
    facilityId: submission.facilityId,
    depositId: submission.depositId,
    region: regionOf(facts),
    period: submission.period,
    state,
    nilReturn: isNilReturn(submission.lines),
    lines: classified(submission.lines, facts),
    submittedBy: { userId: submission.signedBy.userId, name: submission.signedBy.name ?? null },
    submittedAt: submission.submittedAt,
    contentSha256: submission.contentSha256,
  };
}
