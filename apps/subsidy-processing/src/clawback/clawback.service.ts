import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { ClaimClawbackDemanded, ClaimClawbackReduced, ClaimClawbackSettled, type ClaimState } from '@redmet/contracts';
import { type AuditActor, Audit } from '../audit/audit';
import { saveClaim } from '../claims/claim-access';
import { ClaimEvents } from '../claims/claim-events';
import { Claim } from '../claims/claim.entity';
import * as workflow from '../claims/claim-workflow';
import { Clock } from '@redmet/platform';
import { addWorkingDays } from '../common/dates';
import { multiplyDown } from '../common/money';
import { ProgrammeVersion } from '../programmes/programme-version.entity';
import { ReportVersions } from '../reports/report-versions';
import { SubsidyEnvironment } from '../subsidy.environment';
import { resultsShortfall, type Shortfall } from './clawback-coefficient';
import { reportSupport } from './relied-reports';

/** A reduction's reason when nothing is owed any more. */
const NO_SHORTFALL = 'Results and relied-on reports no longer fall short of what the payment relied on';

export interface Reassessed {
  /** Claims whose clawback demand went up (or was first made). */
  clawbacks: string[];
  /** Claims whose demand came down, was withdrawn, is now settled by its repayments or owes a refund. */
  reducedClawbacks: string[];
}

const PAID: readonly ClaimState[] = ['paid', 'under_clawback', 'clawed_back'];
export const PAID_STATES = `('paid', 'under_clawback', 'clawed_back')`;
/** Approved and not yet paid: a lowered report lowers the approval instead (`approval-reassessment.ts`). */
export const UNPAID_APPROVED_STATES = ['approved', 'payment_scheduled'] as const;

/**
 * Decides whether a paid claim must give money back, from everything known
 * now: the relied-on reports (a later accepted version with less, or none
 * accepted any more) and the company's results for the year. The largest k
 * applies (triggers do not add up). A demand goes out when the total owed
 * is above what was demanded, and comes down when it is below (below what
 * was repaid, the excess is refunded), so re-running it changes nothing.
 */
@Injectable()
export class ClawbackService {
  private readonly holidays: ReadonlySet<string>;

  constructor(
    private readonly reports: ReportVersions,
    private readonly events: ClaimEvents,
    private readonly audit: Audit,
    private readonly clock: Clock,
    environment: SubsidyEnvironment,
  ) {
    this.holidays = new Set(environment.SUBSIDY_PUBLIC_HOLIDAYS);
  }

  /**
   * Approved (paid or not yet) claims relying on the report, locked in id
   * order (so concurrent handlers cannot deadlock).
   */
  async claimsRelyingOn(manager: EntityManager, reportId: string): Promise<Claim[]> {
    return manager
      .createQueryBuilder(Claim, 'c')
      .where(`c.id IN (SELECT claim_id FROM claim_relied_report WHERE report_id = :reportId)`, { reportId })
      .andWhere(`(c.state IN ${PAID_STATES} OR c.state IN (:...unpaid))`, { unpaid: UNPAID_APPROVED_STATES })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /**
   * Every claim of the company and year, locked whatever its state, before
   * their results change: a payment under way holds its claim's lock and read
   * the results before they were recorded, so the change must wait for it and
   * see the claim paid (locking only the claims already paid would skip it, and
   * the claim would stay paid with nothing demanded).
   */
  lockYear(manager: EntityManager, companyId: string, year: number): Promise<Claim[]> {
    return manager
      .createQueryBuilder(Claim, 'c')
      .where('c.company_id = :companyId AND c.programme_year = :year', { companyId, year })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /**
   * Re-assesses the paid ones among `claims` (a company's year, locked by
   * `lockYear`; their results changed): the claims whose demand went up or down.
   */
  async reassessYear(manager: EntityManager, claims: Claim[], actor: AuditActor): Promise<Reassessed> {
    const reassessed: Reassessed = { clawbacks: [], reducedClawbacks: [] };
    for (const claim of claims.filter((candidate) => PAID.includes(candidate.state))) {
      const outcome = await this.reassess(manager, claim, actor);
      if (outcome === 'demanded') reassessed.clawbacks.push(claim.id);
      else if (outcome) reassessed.reducedClawbacks.push(claim.id);
    }
    return reassessed;
  }

  /** `claim` must be locked by the caller. */
  async reassess(
    manager: EntityManager,
    claim: Claim,
    actor: AuditActor,
  ): Promise<'demanded' | workflow.Reduction | null> {
    if (!['paid', 'under_clawback', 'clawed_back'].includes(claim.state)) return null;
    const rules = await manager.findOneByOrFail(ProgrammeVersion, {
      year: claim.programmeYear,
      version: claim.programmeVersion!,
    });
    const { total, ...shortfall } = await this.owed(manager, claim, rules);
    const demanded = BigInt(claim.clawbackKopecks ?? '0');
    if (total > demanded) {
      await this.demand(manager, claim, { total, ...shortfall }, rules, actor);
      return 'demanded';
    }
    if (total < demanded && (claim.state === 'under_clawback' || claim.state === 'clawed_back'))
      return this.reduce(manager, claim, total, shortfall, actor);
    return null;
  }

  private async demand(
    manager: EntityManager,
    claim: Claim,
    shortfall: Shortfall & { total: bigint },
    rules: ProgrammeVersion,
    actor: AuditActor,
  ): Promise<void> {
    const today = this.clock.today();
    workflow.demandClawback(claim, {
      total: shortfall.total,
      coefficient: shortfall.coefficient,
      reason: shortfall.reason,
      on: today,
      dueOn: addWorkingDays(today, rules.clawbackDueWorkingDays, this.holidays),
    });
    await saveClaim(manager, claim);
    await this.events.emit(manager, ClaimClawbackDemanded, claim, {
      clawbackKopecks: claim.clawbackKopecks!,
      coefficient: claim.clawbackCoefficient!,
      reason: claim.clawbackReason!,
      dueOn: claim.clawbackDueOn!,
      refundDueKopecks: claim.clawbackRefundDueKopecks,
    });
    await this.audit.record(manager, {
      subjectType: 'claim',
      subjectId: claim.id,
      action: 'claim.clawback_demanded',
      actor,
      changes: {
        state: claim.state,
        clawbackKopecks: claim.clawbackKopecks,
        coefficient: claim.clawbackCoefficient,
        dueOn: claim.clawbackDueOn,
        refundDueKopecks: claim.clawbackRefundDueKopecks,
        version: claim.version,
      },
      reason: claim.clawbackReason,
    });
  }

  /**
   * What the demand was judged on improved (results corrected, a relied-on
   * report amended back up): the demand comes down to what is owed now, and
   * what was repaid beyond it becomes a refund due (audited as
   * `claim.clawback_refund_due`; finance pays it through `RefundsService`).
   */
  private async reduce(
    manager: EntityManager,
    claim: Claim,
    total: bigint,
    shortfall: Shortfall,
    actor: AuditActor,
  ): Promise<workflow.Reduction | null> {
    const previous = claim.clawbackKopecks!;
    const today = this.clock.today();
    const reason = shortfall.reason || NO_SHORTFALL;
    const outcome = workflow.reduceClawback(claim, { total, coefficient: shortfall.coefficient, reason, on: today });
    if (!outcome) return null;
    await saveClaim(manager, claim);
    const totals = {
      clawbackKopecks: claim.clawbackKopecks ?? '0',
      repaidKopecks: claim.clawbackSettledKopecks ?? '0',
      outstandingKopecks: claim.clawbackOutstandingKopecks ?? '0',
      refundDueKopecks: claim.clawbackRefundDueKopecks,
    };
    await this.events.emit(manager, ClaimClawbackReduced, claim, {
      previousClawbackKopecks: previous,
      coefficient: shortfall.coefficient,
      reason,
      dueOn: claim.state === 'under_clawback' ? claim.clawbackDueOn : null,
      ...totals,
    });
    if (outcome === 'settled')
      await this.events.emit(manager, ClaimClawbackSettled, claim, {
        clawbackKopecks: claim.clawbackKopecks!,
        settledOn: today,
      });
    await this.audit.record(manager, {
      subjectType: 'claim',
      subjectId: claim.id,
      action: reductionAction(outcome, totals.refundDueKopecks),
      actor,
      changes: { state: claim.state, previousClawbackKopecks: previous, ...totals, version: claim.version },
      reason,
    });
    return outcome;
  }

  /**
   * The larger of what the triggers call for (they do not add up): what was
   * paid beyond what the relied-on reports support now, measured from the
   * officers' amount and the figures they approved on (so a claim lowered
   * before payment is not charged twice for one fall, nor for a fall that
   * still leaves what it was paid covered); and paid × k for results below plan.
   */
  private async owed(
    manager: EntityManager,
    claim: Claim,
    rules: ProgrammeVersion,
  ): Promise<Shortfall & { total: bigint }> {
    const paid = BigInt(claim.paidKopecks!);
    const reports = await reportSupport(manager, claim, this.reports, rules);
    const beyond = paid - reports.supported;
    const byReports = {
      total: beyond > 0n ? beyond : 0n,
      // The share of what was paid; the officers' k when they were paid in full.
      coefficient: paid === reports.basis.kopecks ? reports.shortfall.coefficient : shareOf(beyond, paid),
      reason: reports.shortfall.reason,
    };
    const [results]: { indicator: string; planned: string; actual: string }[] = await manager.query(
      `SELECT indicator, planned::text, actual::text FROM results_report
        WHERE company_id = $1 AND programme_year = $2 AND planned IS NOT NULL`,
      [claim.companyId, claim.programmeYear],
    );
    if (!results) return byReports;
    const coefficient = resultsShortfall(results.planned, results.actual, rules.clawbackMultiplier);
    const total = multiplyDown(paid, coefficient);
    if (total <= byReports.total) return byReports;
    return {
      total,
      coefficient,
      reason: `Results for ${claim.programmeYear} below plan: ${results.indicator} ${results.actual} against ${results.planned} planned`,
    };
  }
}

/** A refund due is what the reduction means for the company, whatever else it did to the demand. */
function reductionAction(outcome: workflow.Reduction, refundDue: string): string {
  if (refundDue !== '0') return 'claim.clawback_refund_due';
  return `claim.clawback_${outcome === 'lowered' ? 'reduced' : outcome}`;
}

/** `part` of `whole` as a share, six decimals rounded down, 0 when there is no part. */
function shareOf(part: bigint, whole: bigint): string {
  if (part <= 0n) return '0';
  return new Decimal(part.toString()).div(whole.toString()).toDecimalPlaces(6, Decimal.ROUND_DOWN).toFixed();
}
