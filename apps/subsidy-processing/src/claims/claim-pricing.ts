import type { EntityManager } from 'typeorm';
import { InvalidInputError } from '@redmet/platform';
import type { ClaimLineInput } from '@redmet/contracts';
import type { ProgrammeVersion } from '../programmes/programme-version.entity';
import { ClaimLine } from './claim-line.entity';
import type { Claim } from './claim.entity';
import { keptOf } from './clawback-workflow';
import { type ClaimAmounts, claimAmounts, type PricedLine, priceLines } from './compensation';

/**
 * What a claim takes from its company's cap: its approved amount (else the
 * requested one), less clawed-back money the programme kept (repaid, net of
 * refunds). The budget counts the same: a repayment releases its money to both,
 * a refund takes it from both again. Demanded and not yet repaid still counts.
 */
export function capTakenBy(claim: Claim): bigint {
  return BigInt(claim.approvedKopecks ?? claim.requestedKopecks) - keptOf(claim);
}

/** What the company's other live claims of the year take from its cap, each as `capTakenBy` counts it. */
async function usedByOtherClaims(manager: EntityManager, claim: Claim): Promise<bigint> {
  const [row]: { used: string }[] = await manager.query(
    `SELECT coalesce(sum(coalesce(approved_kopecks, requested_kopecks) - coalesce(clawback_settled_kopecks, 0)
                         + coalesce(clawback_refunded_kopecks, 0)), 0)::text AS used FROM claim
     WHERE company_id = $1 AND programme_year = $2 AND id <> $3 AND state NOT IN ('draft', 'rejected')`,
    [claim.companyId, claim.programmeYear, claim.id],
  );
  return BigInt(row.used);
}

/**
 * Serialises everything that can raise what a company's claims of a year take
 * from its cap (a submission, an edit of a returned claim, an approval, a
 * lowered approval raised again, a clawback refund), so two of them on
 * different instances cannot both count the same room.
 */
export async function lockCompanyCap(manager: EntityManager, companyId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [companyId]);
}

/** What the company cap leaves for `claim` after the company's other live claims of the year; the caller holds `lockCompanyCap`. */
export async function capRoom(manager: EntityManager, claim: Claim, capKopecks: bigint): Promise<bigint> {
  const room = capKopecks - (await usedByOtherClaims(manager, claim));
  return room > 0n ? room : 0n;
}

export function inputOf(line: ClaimLine): ClaimLineInput {
  const present = Object.entries(line).filter(([, value]) => value !== null);
  return Object.fromEntries(present) as unknown as ClaimLineInput;
}

/** Far above any real claim (a thousand trillion roubles) and safely inside PostgreSQL's bigint. */
const LARGEST_KOPECKS = 10n ** 17n;

function assertStorable(lines: readonly PricedLine[]): void {
  const problems = lines.flatMap((line, index) =>
    BigInt(line.basisKopecks) > LARGEST_KOPECKS
      ? [{ field: `lines.${index}`, messages: [`the line's basis exceeds ${LARGEST_KOPECKS} kopecks`] }]
      : [],
  );
  const total = lines.reduce((sum, line) => sum + BigInt(line.basisKopecks), 0n);
  if (problems.length === 0 && total > LARGEST_KOPECKS) {
    problems.push({ field: 'lines', messages: [`the lines together exceed ${LARGEST_KOPECKS} kopecks`] });
  }
  if (problems.length > 0)
    throw new InvalidInputError('CLAIM.INVALID_LINES', 'Some claim lines are too large', problems);
}

/** Prices the lines under `rules` and sets the claim's amounts (not saved). */
export async function priceClaim(
  manager: EntityManager,
  claim: Claim,
  inputs: readonly ClaimLineInput[],
  rules: ProgrammeVersion,
): Promise<{ lines: PricedLine[]; amounts: ClaimAmounts }> {
  const lines = priceLines(inputs, rules.rates);
  assertStorable(lines);
  const amounts = claimAmounts(lines, BigInt(rules.companyCapKopecks), await usedByOtherClaims(manager, claim));
  Object.assign(claim, amounts, { programmeVersion: rules.version });
  return { lines, amounts };
}

export async function replaceLines(manager: EntityManager, claimId: string, lines: PricedLine[]): Promise<ClaimLine[]> {
  await manager.delete(ClaimLine, { claimId });
  const rows = lines.map((line) => manager.create(ClaimLine, { ...line, claimId }));
  if (rows.length > 0) await manager.insert(ClaimLine, rows);
  return rows;
}
