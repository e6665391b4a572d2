import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type BudgetChangePayload, BudgetReleased, BudgetReserved, BudgetTotalChanged } from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { ConflictError } from '@redmet/platform';
import { percent } from '../common/money';
import type { ProgrammeVersion } from './programme-version.entity';

interface BudgetRow {
  total_kopecks: string;
  committed_kopecks: string;
}

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
      `UPDATE programme SET committed_kopecks = committed_kopecks + $2
       WHERE year = $1 AND committed_kopecks + $2 <= total_kopecks
       RETURNING total_kopecks, committed_kopecks`,
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
   * Publishes the total a new version set on the year's budget row (`previousTotal`
   * null: the version created it). The caller holds the row's lock, so the event
   * takes its place among the year's reservations and releases in commit order.
   */
  async totalChanged(
    manager: EntityManager,
    version: ProgrammeVersion,
    previousTotal: string | null,
    committed: string,
  ): Promise<void> {
    await this.outbox.add(manager, BudgetTotalChanged, String(version.year), {
      programmeYear: version.year,
      programmeVersion: version.version,
      previousTotalKopecks: previousTotal,
      ...figures({ total_kopecks: version.totalKopecks, committed_kopecks: committed }),
      reason: version.reason,
    });
  }

  async release(manager: EntityManager, year: number, amount: bigint, claimId: string): Promise<BudgetChangePayload> {
    const [rows] = (await manager.query(
      `UPDATE programme SET committed_kopecks = committed_kopecks - $2 WHERE year = $1
       RETURNING total_kopecks, committed_kopecks`,
      [year, amount.toString()],
    )) as [BudgetRow[], number];
    const payload = change(year, claimId, amount, rows[0]);
    await this.outbox.add(manager, BudgetReleased, String(year), payload);
    return payload;
  }
}
