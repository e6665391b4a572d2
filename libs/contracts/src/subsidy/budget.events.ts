import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { IsKopecks } from '../values/quantities';

/** committed / total × 100, as a decimal string with two decimals. */
const IsUtilisationPercent = () =>
  Matches(/^\d{1,3}\.\d{2}$/, { message: '$property must be a percentage like 42.50' });

/** A programme year's budget as a change left it: every budget event states it whole. */
export abstract class BudgetFigures {
  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear: number;

  @IsKopecks()
  totalKopecks: string;

  /** Approved and not yet paid, plus paid: never more than the total. */
  @IsKopecks()
  committedKopecks: string;

  @IsKopecks()
  availableKopecks: string;

  @IsUtilisationPercent()
  utilisationPercent: string;

  /**
   * The year's budget as of this change, counted: one more with every change
   * of its total or committed money, in the order they committed. A reader
   * orders a year's figures by it, not by `occurredAt`, which instances on
   * other hosts stamp by clocks that may disagree. Absent from events
   * published before it was introduced.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  budgetVersion?: number;
}

/** A programme year's budget after a change, and the change itself. */
export class BudgetChangePayload extends BudgetFigures {
  @IsUUID()
  claimId: string;

  /** The amount reserved or released by this change. */
  @IsKopecks()
  amountKopecks: string;
}

/**
 * A programme year's budget after a new version of the programme's rules set
 * its total (an appropriation counts at once, whatever the version's
 * effective date), with the figures a reservation would state; the committed
 * amount is unchanged, as a total is never set below it.
 */
export class BudgetTotalChangedPayload extends BudgetFigures {
  /** The version of the year's rules that set the total. */
  @IsInt()
  @Min(1)
  programmeVersion: number;

  /** Null when this version created the year's programme. */
  @IsOptional()
  @IsKopecks()
  previousTotalKopecks: string | null;

  /** The version's reason, e.g. the order that changed the appropriation. */
  @IsString()
  @Length(1, 2000)
  reason: string;
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

export const BudgetTotalChanged = defineEvent({
  topic: TOPICS.subsidyBudget,
  type: 'BudgetTotalChanged',
  schemaVersion: 1,
  payload: BudgetTotalChangedPayload,
  summary:
    "A new version of a programme year's rules set its budget total (the first version sets it from nothing); committed money is unchanged.",
});
