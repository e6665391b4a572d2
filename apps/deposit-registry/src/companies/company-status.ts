import type { CompanyStatus } from '@redmet/contracts';
import type { Transitions } from '../common/status-history';

/**
 * A liquidation can be called off (the members' decision revoked, a
 * bankruptcy ending in settlement); a company struck off the state register
 * has ceased to exist, and a new one gets a new record. A company may be
 * struck off without a liquidation first: merged into another, or excluded
 * by the tax service as inactive. The registry records what the state
 * register says, often late, so `active → liquidated` is allowed: a detour
 * through `in_liquidation` would record, and publish, a status the company
 * never had.
 */
export const COMPANY_TRANSITIONS: Transitions<CompanyStatus> = {
  active: ['in_liquidation', 'liquidated'],
  in_liquidation: ['active', 'liquidated'],
  liquidated: [],
};

/** The field message of a refused change, naming what the client may send instead. */
export function statusChangeRefusal(from: CompanyStatus, to: CompanyStatus): string | undefined {
  const next = COMPANY_TRANSITIONS[from];
  if (to === from || next.includes(to)) return undefined;
  const allowed = next.length > 0 ? `it can go to ${next.join(' or ')}` : `${from} is final`;
  return `a company cannot go from ${from} to ${to}: ${allowed}`;
}
