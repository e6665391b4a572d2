import type { EntityManager } from 'typeorm';
import type { Actor } from '@redmet/contracts';
import type { Principal } from '@redmet/platform';
import { fitText } from '../common/text';
import { ClaimLine } from './claim-line.entity';
import { Claim } from './claim.entity';
import { claimNotFound, otherCompanyNamed } from './claim.errors';

/** Staff see every claim; a producer only its company's, and another company's claim does not exist for it. */
export function assertCanSee(principal: Principal, claim: Claim): void {
  if (!principal.canSeeCompany(claim.companyId)) throw claimNotFound(claim.id);
}

/**
 * A producer's lists hold its own company's rows: one naming another company in `companyId` is refused,
 * as production-reporting's lists refuse it, rather than answered empty, which would read as "none
 * there". Both ids come in lower case (the filter's by `IsUuid`, the token's by the principal), so the
 * producer's own company named in upper case is still its own.
 */
export function assertMayFilterBy(principal: Principal, companyId: string | undefined): void {
  if (principal.isProducer() && companyId !== undefined && companyId !== principal.companyId) {
    throw otherCompanyNamed();
  }
}

/**
 * Locks every claim citing the report, in id order, before a decision on the
 * report is recorded. An approval or payment locks its claim before it reads
 * the report's versions: so either it reads this decision, or the decision
 * waits for it to commit and then sees the claim as it left it (approved, or
 * first-approved, on the versions it read). Without the lock, a decision
 * recorded while an approval was under way could miss the claim and leave it
 * approved on a version no longer current.
 */
export async function lockClaimsCiting(manager: EntityManager, reportId: string): Promise<void> {
  await manager.query(`SELECT id FROM claim WHERE report_ids @> ARRAY[$1::uuid] ORDER BY id FOR UPDATE`, [reportId]);
}

/** Locks the claim so concurrent commands on it commit, and publish their events, one after the other. */
export async function findClaimForUpdate(manager: EntityManager, id: string, principal?: Principal): Promise<Claim> {
  const claim = await manager.findOne(Claim, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!claim) throw claimNotFound(id);
  if (principal) assertCanSee(principal, claim);
  return claim;
}

export async function findClaim(manager: EntityManager, id: string, principal: Principal): Promise<Claim> {
  const claim = await manager.findOneBy(Claim, { id });
  if (!claim) throw claimNotFound(id);
  assertCanSee(principal, claim);
  return claim;
}

/**
 * Writes every column of a claim the caller has locked, in one UPDATE
 * (TypeORM's `save` would read the row again first).
 */
export async function saveClaim(manager: EntityManager, claim: Claim): Promise<void> {
  const columns = manager.connection
    .getMetadata(Claim)
    .columns.filter((column) => !column.isPrimary && !column.isCreateDate && !column.isUpdateDate && column.isUpdate);
  const values = Object.fromEntries(columns.map((column) => [column.propertyName, column.getEntityValue(claim)]));
  await manager.update(Claim, { id: claim.id }, values);
}

export function linesOf(manager: EntityManager, claimId: string): Promise<ClaimLine[]> {
  return manager.find(ClaimLine, { where: { claimId }, order: { lineNo: 'ASC' } });
}

/** The caller as events name people: a blank name is no name, a long one is cut to the contract's 200. */
export function officerOf(principal: Principal): Actor {
  const name = principal.name?.trim();
  return { userId: principal.userId, name: name ? fitText(name, 200) : null };
}

export type ClaimView = Claim & { lines: ClaimLine[] };

export function withLines(claim: Claim, lines: ClaimLine[]): ClaimView {
  return Object.assign(claim, { lines });
}
