import type { EntityManager } from 'typeorm';
import type { Actor } from '@redmet/contracts';
import type { Principal } from '@redmet/platform';
import { fitText } from '../common/text';
import { ClaimLine } from './claim-line.entity';
import { Claim } from './claim.entity';
import { claimNotFound, noCompany, otherCompany } from './claim.errors';
import type { ClaimView } from './dto/claim-view.dto';

/**
 * A producer sees its company's claims, and another company's claim does not exist for it. Staff see every
 * claim once it is submitted (one returned for changes was, and stays theirs to follow); until then a draft is
 * its writers' own: the company's producers, and the officer who keys in a paper claim. To other staff it does
 * not exist either, so nothing they do reaches it.
 */
function canSee(principal: Principal, claim: Claim): boolean {
  if (principal.isProducer()) return principal.canSeeCompany(claim.companyId);
  return claim.state !== 'draft' || claim.createdBy === principal.userId;
}

/** What `canSee` hides from staff, in SQL over the claim aliased `c`, the caller's id bound as `:viewer`. */
export const OTHERS_DRAFT = `(c.state = 'draft' AND c.created_by <> :viewer)`;

/**
 * A producer token naming no company is refused on every route, before anything is looked up: it acts for
 * nobody, so whether a claim exists is none of its business either.
 */
function assertActsForCompany(principal: Principal): void {
  if (principal.isProducer() && !principal.companyId) throw noCompany();
}

/**
 * The company a producer acts for: its token's, which `companyId` in a body or query may name but not
 * change. A token naming no company is refused on every such route, rather than answered empty (a list)
 * or as if it named another company. Both ids come in lower case (the body's and query's by `IsUuid`, the
 * token's by the principal), so the producer's own company named in upper case is still its own.
 */
export function producerCompany(principal: Principal, named: string | undefined, what: string): string {
  if (!principal.companyId) throw noCompany();
  if (named !== undefined && named !== principal.companyId) throw otherCompany(what);
  return principal.companyId;
}

/**
 * The company a list is of: a producer's own (one naming another company is refused, as
 * production-reporting's lists refuse it, rather than answered empty, which would read as "none there"),
 * else the one staff name, if any.
 */
export function listedCompany(principal: Principal, named: string | undefined): string | undefined {
  return principal.isProducer() ? producerCompany(principal, named, 'lists claims and results') : named;
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
export async function lockClaim(manager: EntityManager, id: string): Promise<Claim> {
  const claim = await manager.findOne(Claim, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!claim) throw claimNotFound(id);
  return claim;
}

/** The claim a command of `principal` acts on, locked (`lockClaim`); one it may not see answers as none would. */
export async function findClaimForUpdate(manager: EntityManager, id: string, principal: Principal): Promise<Claim> {
  assertActsForCompany(principal);
  const claim = await lockClaim(manager, id);
  if (!canSee(principal, claim)) throw claimNotFound(id);
  return claim;
}

/**
 * The claim `principal` may see. A caller may check this in a statement of its own before reading what it shows of
 * the claim: a claim never leaves a caller's sight once in it (its company and creator stay, and it never becomes a
 * draft again).
 */
export async function findClaim(manager: EntityManager, id: string, principal: Principal): Promise<Claim> {
  assertActsForCompany(principal);
  const claim = await manager.findOneBy(Claim, { id });
  if (!claim || !canSee(principal, claim)) throw claimNotFound(id);
  return claim;
}

/**
 * `findClaim` with the claim's lines, in one statement: an edit committing meanwhile cannot pair one moment's
 * amounts with another's lines.
 */
export async function findClaimView(manager: EntityManager, id: string, principal: Principal): Promise<ClaimView> {
  assertActsForCompany(principal);
  const claim = await manager
    .createQueryBuilder(Claim, 'c')
    .leftJoinAndMapMany('c.lines', ClaimLine, 'l', 'l.claim_id = c.id')
    .where('c.id = :id', { id })
    .orderBy('l.line_no', 'ASC')
    .getOne();
  if (!claim || !canSee(principal, claim)) throw claimNotFound(id);
  return claim as ClaimView;
}

/**
 * Takes the row a write returned into the caller's copy: the columns the database fills in (generated
 * ones, defaults, timestamps) and those the write left out, so a command answers the claim as a later GET
 * shows it.
 */
function takeStored(manager: EntityManager, claim: Claim, written: { raw: unknown }): void {
  const [row] = written.raw as Record<string, unknown>[];
  for (const column of manager.connection.getMetadata(Claim).columns) {
    column.setEntityValue(claim, manager.connection.driver.prepareHydratedValue(row[column.databaseName], column));
  }
}

export async function insertClaim(manager: EntityManager, claim: Claim): Promise<void> {
  const written = await manager
    .createQueryBuilder()
    .insert()
    .into(Claim)
    .values(claim)
    .returning('*')
    .updateEntity(false)
    .execute();
  takeStored(manager, claim, written);
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
  const written = await manager
    .createQueryBuilder()
    .update(Claim)
    .set(values)
    .where({ id: claim.id })
    .returning('*')
    .updateEntity(false)
    .execute();
  takeStored(manager, claim, written);
}

/** A claim no longer live (rejected, however it got there) holds none of its company's documents: they may be claimed again. */
export async function freeClaimedDocuments(manager: EntityManager, claimId: string): Promise<void> {
  await manager.query(`DELETE FROM claimed_document WHERE claim_id = $1`, [claimId]);
}

export function linesOf(manager: EntityManager, claimId: string): Promise<ClaimLine[]> {
  return manager.find(ClaimLine, { where: { claimId }, order: { lineNo: 'ASC' } });
}

/** The caller as events name people: a blank name is no name, a long one is cut to the contract's 200. */
export function officerOf(principal: Principal): Actor {
  const name = principal.name?.trim();
  return { userId: principal.userId, name: name ? fitText(name, 200) : null };
}

export function withLines(claim: Claim, lines: ClaimLine[]): ClaimView {
  return Object.assign(claim, { lines });
}

/**
 * The claim as `GET /claims/:id` shows it, its lines read in the caller's transaction. A review or payment command,
 * which changes no line, reads them as soon as it holds the claim's lock and answers the same object once its
 * changes are saved: the budget row it may lock last is then held only until the commit.
 */
export async function viewOf(manager: EntityManager, claim: Claim): Promise<ClaimView> {
  return withLines(claim, await linesOf(manager, claim.id));
}
