import { IsInt, IsUUID, Matches, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { IsKopecks } from '../values/quantities';

/** A programme year's budget after a change, and the change itself. */
export class BudgetChangePayload {
  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear: number;

  @IsUUID()
  claimId: string;

  /** The amount reserved or released by this change. */
  @IsKopecks()
  amountKopecks: string;

  @IsKopecks()
  totalKopecks: string;

  /** Approved and not yet paid, plus paid: never more than the total. */
  @IsKopecks()
  committedKopecks: string;

  @IsKopecks()
  availableKopecks: string;

  /** committed / total × 100, as a decimal string with two decimals. */
  @Matches(/^\d{1,3}\.\d{2}$/, { message: '$property must be a percentage like 42.50' })
  utilisationPercent: string;
}

export const BudgetReserved = defineEvent({
  topic: TOPICS.subsidyBudget,
  type: 'BudgetReserved',
  schemaVersion: 1,
  payload: BudgetChangePayload,
  summary: "Money was reserved from a programme year's budget for an approved claim.",
});

export const BudgetReleased = defineEvent({
  topic: TOPICS.subsidyBudget,
  type: 'BudgetReleased',
  schemaVersion: 1,
  payload: BudgetChangePayload,
  summary: 'Reserved money went back to the budget (a reduced, cancelled or clawed-back claim).',
});
