import type { LicenceStatus } from '@redmet/contracts';

export interface LicenceStatusRecord {
  version: number;
  status: LicenceStatus;
  statusSince: string;
  validFrom: string;
  validTo: string;
}

export type Coverage =
  | { state: 'active' }
  | { state: 'inactive'; reason: string }
  /** A version is missing (its event has not arrived yet): the answer could change. */
  | { state: 'unknown'; reason: string };

/**
 * Whether a licence was in force on every day from `start` to `end` (ISO dates,
 * inclusive), judged from every version known so far: within its validity (as
 * the latest version states it) and active throughout, each status holding from
 * its `statusSince` until the day before the next version's.
 */
export function licenceCoverage(history: readonly LicenceStatusRecord[], start: string, end: string): Coverage {
  const versions = [...history].sort((a, b) => a.version - b.version);
  if (versions.length === 0) return { state: 'unknown', reason: 'no version of the licence is known yet' };
  const missing = versions.findIndex((record, index) => record.version !== index + 1);
  if (missing >= 0) return { state: 'unknown', reason: `version ${missing + 1} of the licence has not arrived yet` };
  const latest = versions[versions.length - 1];
  if (latest.validFrom > start || latest.validTo < end) {
    return {
      state: 'inactive',
      reason: `valid from ${latest.validFrom} to ${latest.validTo}, not the whole of ${start}..${end}`,
    };
  }
  for (const [index, record] of versions.entries()) {
    const until = versions[index + 1]?.statusSince;
    // A status the next version replaced on the day it began held on no day (suspended and lifted the same day).
    const overlaps =
      record.statusSince <= end && (until === undefined || (until > start && until > record.statusSince));
    if (record.status !== 'active' && overlaps) {
      return { state: 'inactive', reason: `${record.status} since ${record.statusSince}` };
    }
  }
  return { state: 'active' };
}
