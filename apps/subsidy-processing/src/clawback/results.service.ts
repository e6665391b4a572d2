import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { InvalidInputError, orConflict, type Principal, readSnapshot } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { listedCompany, producerCompany } from '../claims/claim-access';
import type { Claim } from '../claims/claim.entity';
import { assertNotOwnWork } from '../claims/claim-workflow';
import { Clock } from '@redmet/platform';
import { ProgrammesService } from '../programmes/programmes.service';
import { resultsShortfall } from './clawback-coefficient';
import { ClawbackService, PAID_STATES, type Reassessed } from './clawback.service';
import type { OutstandingResults, ResultsCorrectionDto, ResultsReportDto } from './dto/results-report.dto';
import { type ResultsCorrection, type ResultsFigures, ResultsReport } from './results-report.entity';
import {
  correctingOwnResults,
  nothingCorrected,
  planRequired,
  planSetByOfficer,
  resultsAlreadyRecorded,
  resultsNotFound,
} from './results.errors';

/** The report, and the paid claims of its company and year whose clawback demand it raised or lowered. */
export interface RecordedResults extends Reassessed {
  report: ResultsReport;
}

function companyFor(dto: ResultsReportDto, principal: Principal): string {
  if (principal.isProducer()) return producerCompany(principal, dto.companyId, 'records results');
  if (dto.companyId) return dto.companyId;
  throw new InvalidInputError('REQUEST.INVALID', 'companyId is required', [
    { field: 'companyId', messages: ['companyId must name the company the results are for'] },
  ]);
}

/** A producer reports what it achieved; the target it is judged against comes from an officer. */
function plannedFor(dto: ResultsReportDto, principal: Principal): string | null {
  if (principal.isProducer()) {
    if (dto.planned !== undefined) throw planSetByOfficer();
    return null;
  }
  if (dto.planned === undefined) throw planRequired();
  return dto.planned;
}

/**
 * Results judge every claim of their company and year, a claim paid later too (its payment reads them), so
 * four eyes keep whoever wrote one of those claims from recording or correcting them.
 */
function assertJudgesNoOwnWork(claims: readonly Claim[], userId: string, step: string): void {
  for (const claim of claims) assertNotOwnWork(claim, userId, step);
}

/**
 * Nobody corrects figures they set: the results they recorded (even once others corrected them), or the figures
 * standing from the latest correction, when it was theirs. Otherwise one officer could move a clawback twice
 * alone, correcting their own correction.
 */
function assertNotOwnFigures(report: ResultsReport, userId: string): void {
  if (report.recordedBy === userId) throw correctingOwnResults('recording');
  if (report.corrections.at(-1)?.correctedBy === userId) throw correctingOwnResults('correction');
}

function shortfallOf(figures: ResultsFigures): string | null {
  return figures.planned === null ? null : resultsShortfall(figures.planned, figures.actual);
}

function sameFigures(a: ResultsFigures, b: ResultsFigures): boolean {
  const samePlan =
    a.planned === null || b.planned === null ? a.planned === b.planned : new Decimal(a.planned).equals(b.planned);
  return a.indicator === b.indicator && samePlan && new Decimal(a.actual).equals(b.actual);
}

/**
 * A company's results for a programme year (due 1 February of the next year
 * by default), recorded by the producer (actual only) or an officer (plan and
 * actual), and corrected only by officers. Results below plan give every paid
 * claim of that company and year k = multiplier × (1 − actual/planned), with
 * the multiplier of the programme version the claim was priced under.
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programmes: ProgrammesService,
    private readonly clawbacks: ClawbackService,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {}

  record(dto: ResultsReportDto, principal: Principal): Promise<RecordedResults> {
    const companyId = companyFor(dto, principal);
    const figures: ResultsFigures = {
      indicator: dto.indicator,
      planned: plannedFor(dto, principal),
      actual: dto.actual,
    };
    return this.dataSource.transaction(async (manager) => {
      const today = this.clock.today();
      const rules = await this.programmes.rulesInForce(dto.programmeYear, today, manager, 'programmeYear');
      const report = manager.create(ResultsReport, {
        companyId,
        programmeYear: dto.programmeYear,
        ...figures,
        shortfall: shortfallOf(figures),
        dueOn: rules.resultsDueOn,
        submittedOn: today,
        recordedBy: principal.userId,
        corrections: [],
      });
      await orConflict(manager.save(report), 'results_report_once', () => resultsAlreadyRecorded(dto.programmeYear));
      const claims = await this.clawbacks.lockYear(manager, companyId, dto.programmeYear);
      // Reporting what its company achieved is a producer's part; the officer's plan judges it.
      if (!principal.isProducer()) assertJudgesNoOwnWork(claims, principal.userId, 'records the results judging');
      await this.audit.record(manager, {
        subjectType: 'results_report',
        subjectId: report.id,
        action: 'results.recorded',
        actor: actorOf(principal),
        changes: {
          companyId,
          programmeYear: dto.programmeYear,
          ...figures,
          shortfall: report.shortfall,
          late: today > report.dueOn,
        },
      });
      const reassessed = await this.clawbacks.reassessYear(manager, claims, actorOf(principal));
      return { report, ...reassessed };
    });
  }

  /**
   * An officer replaces recorded figures (or sets the plan a producer's report
   * lacks), keeping the ones replaced, and the year's paid claims are
   * re-assessed: better results lower a demand, never below what is repaid.
   */
  correct(id: string, dto: ResultsCorrectionDto, principal: Principal): Promise<RecordedResults> {
    const actor = actorOf(principal);
    return this.dataSource.transaction(async (manager) => {
      const report = await manager.findOne(ResultsReport, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!report) throw resultsNotFound(id);
      assertNotOwnFigures(report, principal.userId);
      const previous: ResultsFigures = { indicator: report.indicator, planned: report.planned, actual: report.actual };
      const corrected: ResultsFigures = {
        indicator: dto.indicator ?? previous.indicator,
        planned: dto.planned ?? previous.planned,
        actual: dto.actual ?? previous.actual,
      };
      if (sameFigures(previous, corrected)) throw nothingCorrected();
      const correction: ResultsCorrection = {
        correctedAt: this.clock.now().toISOString(),
        correctedBy: principal.userId,
        correctedByName: principal.name,
        reason: dto.reason,
        previous,
        corrected,
      };
      Object.assign(report, corrected, {
        shortfall: shortfallOf(corrected),
        corrections: [...report.corrections, correction],
      });
      const claims = await this.clawbacks.lockYear(manager, report.companyId, report.programmeYear);
      assertJudgesNoOwnWork(claims, principal.userId, 'corrects the results judging');
      await manager.save(report);
      await this.audit.record(manager, {
        subjectType: 'results_report',
        subjectId: report.id,
        action: 'results.corrected',
        actor,
        changes: { previous, corrected, shortfall: report.shortfall },
        reason: dto.reason,
      });
      const reassessed = await this.clawbacks.reassessYear(manager, claims, actor);
      return { report, ...reassessed };
    });
  }

  /**
   * Companies paid for `year` whose results cannot be judged yet: no results
   * report (the overdue ones being what officers chase), or one whose plan an
   * officer has yet to set. The results are what a clawback is judged on.
   */
  async outstanding(year: number, companyId: string | undefined, principal: Principal): Promise<OutstandingResults[]> {
    const company = listedCompany(principal, companyId);
    const today = this.clock.today();
    // The due day and the companies it applies to, as of one moment.
    const { resultsDueOn, rows } = await readSnapshot(this.dataSource, async (manager) => {
      const rules = await this.programmes.rulesInForce(year, today, manager, 'programmeYear');
      const outstanding: { companyId: string; paidClaims: number; paidKopecks: string; awaitingPlan: boolean }[] =
        await manager.query(
          `SELECT c.company_id AS "companyId", count(*)::int AS "paidClaims", sum(c.paid_kopecks)::text AS "paidKopecks",
                  bool_or(r.id IS NOT NULL) AS "awaitingPlan"
             FROM claim c
             LEFT JOIN results_report r ON r.company_id = c.company_id AND r.programme_year = c.programme_year
            WHERE c.programme_year = $1 AND c.state IN ${PAID_STATES} AND ($2::uuid IS NULL OR c.company_id = $2)
              AND r.planned IS NULL
            GROUP BY c.company_id ORDER BY c.company_id`,
          [year, company ?? null],
        );
      return { resultsDueOn: rules.resultsDueOn, rows: outstanding };
    });
    return rows.map((row) => ({
      ...row,
      programmeYear: year,
      dueOn: resultsDueOn,
      overdue: !row.awaitingPlan && today > resultsDueOn,
    }));
  }

  list(companyId: string | undefined, principal: Principal): Promise<ResultsReport[]> {
    const company = listedCompany(principal, companyId);
    return this.dataSource.manager.find(ResultsReport, {
      where: company ? { companyId: company } : {},
      order: { programmeYear: 'ASC', recordedAt: 'ASC' },
    });
  }
}
