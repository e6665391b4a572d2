import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type BudgetChangePayload, BudgetReleased, BudgetReserved, BudgetTotalChanged } from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { ConflictError } from '@redmet/platform';
import { percent } from '../common/money';
import type { Programme } from './programme.entity';
import { ProgrammeVersion } from './programme-version.entity';

interface BudgetRow {
  total_kopecks: string;
  committed_kopecks: string;
  budget_version: string;
}

/** Every change of a year's budget row counts itself, under the row's lock: see BudgetFigures.budgetVersion. */
const CHANGED = `budget_version = budget_version + 1`;
const FIGURES = `total_kopecks, committed_kopecks, budget_version`;
/** A year's row is its budget's first change. */
export const FIRST_BUDGET_VERSION = '1';

export function budgetExceeded(year: number, amount: bigint): ConflictError {
  return new ConflictError(
    'CLAIM.BUDGET_EXCEEDED',
    `The ${year} programme budget cannot cover ${amount} kopecks more; nothing was reserved`,
  );
}

function figures(row: BudgetRow) {
  const total = BigInt(row.total_kopecks);
  const committed = BigInt(row.committed_kopecks);
  return {
    totalKopecks: total.toString(),
    committedKopecks: committed.toString(),
    availableKopecks: (total - committed).toString(),
    utilisationPercent: percent(committed, total),
    budgetVersion: Number(row.budget_version),
  };
}

function change(year: number, claimId: string, amount: bigint, row: BudgetRow): BudgetChangePayload {
  return { programmeYear: year, claimId, amountKopecks: amount.toString(), ...figures(row) };
}

/**
 * Reservations against a programme year's budget, each one conditional
 * UPDATE of the budget row in the caller's transaction: the row lock orders
 * concurrent approvals, and PostgreSQL re-checks the condition against the
 * row as the previous one left it, so two approvals can never both take the
 * last money. The CHECK on the table backs this up.
 */
@Injectable()
export class Budget {
  constructor(private readonly outbox: Outbox) {}

  async reserve(manager: EntityManager, year: number, amount: bigint, claimId: string): Promise<BudgetChangePayload> {
    const [rows] = (await manager.query(
      `UPDATE programme SET committed_kopecks = committed_kopecks + $2, ${CHANGED}
       WHERE year = $1 AND committed_kopecks + $2 <= total_kopecks
       RETURNING ${FIGURES}`,
      [year, amount.toString()],
    )) as [BudgetRow[], number];
    if (rows.length === 0) throw budgetExceeded(year, amount);
    const payload = change(year, claimId, amount, rows[0]);
    await this.outbox.add(manager, BudgetReserved, String(year), payload);
    return payload;
  }

  /** Reserves `wanted`, or as much of it as is left; returns what was reserved (0: nothing, and no event). */
  async reserveUpTo(manager: EntityManager, year: number, wanted: bigint, claimId: string): Promise<bigint> {
    const [row]: BudgetRow[] = await manager.query(
      `SELECT total_kopecks, committed_kopecks FROM programme WHERE year = $1 FOR UPDATE`,
      [year],
    );
    const left = BigInt(row.total_kopecks) - BigInt(row.committed_kopecks);
    const amount = wanted < left ? wanted : left;
    if (amount <= 0n) return 0n;
    await this.reserve(manager, year, amount, claimId);
    return amount;
  }

  /**
   * Sets the total a new version of the year's rules gives its budget row and
   * publishes it. `previous` is the row as it was, which the caller holds
   * locked, so the event takes its place among the year's reservations and
   * releases in commit order; null when the version creates the year, whose
   * row the caller has just inserted as its first change.
   */
  async setTotal(manager: EntityManager, version: ProgrammeVersion, previous: Programme | null): Promise<void> {
    const row: BudgetRow = previous
      ? (
          (await manager.query(
            `UPDATE programme SET total_kopecks = $2, ${CHANGED} WHERE year = $1 RETURNING ${FIGURES}`,
            [version.year, version.totalKopecks],
          )) as [BudgetRow[], number]
        )[0][0]
      : { total_kopecks: version.totalKopecks, committed_kopecks: '0', budget_version: FIRST_BUDGET_VERSION };
    await this.publishTotal(manager, version, previous?.totalKopecks ?? null, row);
  }

  /**
   * Publishes the total of every year whose budget no counted change has
   * touched (on a new database, the years the first migration created, which
   * no event ever stated; after the upgrade that brought the count, every
   * year once), so that readers know a year's budget before its first
   * reservation. It changes no total: the total before is the total. Counting
   * the announcement is what marks a year done; a year another instance is
   * announcing is left to it.
   */
  async announceUncounted(manager: EntityManager): Promise<number[]> {
    const [rows] = (await manager.query(
      `UPDATE programme SET ${CHANGED}
        WHERE year IN (SELECT year FROM programme WHERE budget_version = 0 ORDER BY year FOR UPDATE SKIP LOCKED)
       RETURNING year, ${FIGURES}`,
    )) as [(BudgetRow & { year: number })[], number];
    for (const row of rows.sort((a, b) => a.year - b.year)) {
      const latest = await manager.findOneOrFail(ProgrammeVersion, {
        where: { year: row.year },
        order: { version: 'DESC' },
      });
      await this.publishTotal(manager, latest, row.total_kopecks, row);
    }
    return rows.map((row) => row.year);
  }

  private async publishTotal(
    manager: EntityManager,
    version: ProgrammeVersion,
    previousTotal: string | null,
    row: BudgetRow,
  ): Promise<void> {
    await this.outbox.add(manager, BudgetTotalChanged, String(version.year), {
      programmeYear: version.year,
      programmeVersion: version.version,
      previousTotalKopecks: previousTotal,
      ...figures(row),
      reason: version.reason,
    });
  }

  async release(manager: EntityManager, year: number, amount: bigint, claimId: string): Promise<BudgetChangePayload> {
    const [rows] = (await manager.query(
      `UPDATE programme SET committed_kopecks = committed_kopecks - $2, ${CHANGED} WHERE year = $1
       RETURNING ${FIGURES}`,
      [year, amount.toString()],
    )) as [BudgetRow[], number];
    const payload = change(year, claimId, amount, rows[0]);
    await this.outbox.add(manager, BudgetReleased, String(year), payload);
    return payload;
  }
}
