import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, type Principal } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { otherCompany } from '../claims/claim.errors';
import { Clock } from '../common/clock';
import { orConflict } from '../common/unique-key';
import { ProgrammesService } from '../programmes/programmes.service';
import { resultsShortfall } from './clawback-coefficient';
import { ClawbackService, PAID_STATES } from './clawback.service';
import type { OutstandingResults, ResultsReportDto } from './dto/results-report.dto';
import { ResultsReport } from './results-report.entity';

export interface RecordedResults {
  report: ResultsReport;
  /** Paid claims of the company and year that now have a clawback demanded (or a larger one). */
  clawbacks: string[];
}

function companyFor(dto: ResultsReportDto, principal: Principal): string {
  if (principal.isProducerOnly()) {
    if (!principal.companyId || (dto.companyId && dto.companyId !== principal.companyId)) throw otherCompany();
    return principal.companyId;
  }
  if (dto.companyId) return dto.companyId;
  throw new InvalidInputError('REQUEST.INVALID', 'companyId is required', [
    { field: 'companyId', messages: ['companyId must name the company the results are for'] },
  ]);
}

/**
 * A company's results for a programme year (due 1 February of the next year
 * by default), recorded by the producer or an officer. Results below plan
 * give k = 1 − actual/planned on every paid claim of that company and year.
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
    return this.dataSource.transaction(async (manager) => {
      const today = this.clock.today();
      const rules = await this.programmes.rulesInForce(dto.programmeYear, today, manager);
      const report = manager.create(ResultsReport, {
        companyId,
        programmeYear: dto.programmeYear,
        indicator: dto.indicator,
        planned: dto.planned,
        actual: dto.actual,
        coefficient: resultsShortfall(dto.planned, dto.actual, rules.clawbackMultiplier),
        dueOn: rules.resultsDueOn,
        submittedOn: today,
        recordedBy: principal.userId,
      });
      await orConflict(manager.save(report), 'results_report_once', () => resultsAlreadyRecorded(dto.programmeYear));
      await this.audit.record(manager, {
        subjectType: 'results_report',
        subjectId: report.id,
        action: 'results.recorded',
        actor: actorOf(principal),
        changes: {
          companyId,
          programmeYear: dto.programmeYear,
          planned: dto.planned,
          actual: dto.actual,
          coefficient: report.coefficient,
          late: today > report.dueOn,
        },
      });
      const clawbacks: string[] = [];
      for (const claim of await this.clawbacks.paidClaimsOf(manager, companyId, dto.programmeYear)) {
        if (await this.clawbacks.reassess(manager, claim, actorOf(principal))) clawbacks.push(claim.id);
      }
      return { report, clawbacks };
    });
  }

  /**
   * Companies paid for `year` with no results report for it, the overdue ones
   * being what officers chase: the results are what a clawback is judged on.
   */
  async outstanding(year: number, companyId: string | undefined, principal: Principal): Promise<OutstandingResults[]> {
    const company = principal.isProducerOnly() ? principal.companyId : companyId;
    if (principal.isProducerOnly() && (!company || (companyId && companyId !== company))) throw otherCompany();
    const today = this.clock.today();
    const { resultsDueOn } = await this.programmes.rulesInForce(year, today);
    const rows: { companyId: string; paidClaims: number; paidKopecks: string }[] = await this.dataSource.query(
      `SELECT c.company_id AS "companyId", count(*)::int AS "paidClaims", sum(c.paid_kopecks)::text AS "paidKopecks"
         FROM claim c
        WHERE c.programme_year = $1 AND c.state IN ${PAID_STATES} AND ($2::uuid IS NULL OR c.company_id = $2)
          AND NOT EXISTS (SELECT 1 FROM results_report r
                           WHERE r.company_id = c.company_id AND r.programme_year = c.programme_year)
        GROUP BY c.company_id ORDER BY c.company_id`,
      [year, company ?? null],
    );
    return rows.map((row) => ({ ...row, programmeYear: year, dueOn: resultsDueOn, overdue: today > resultsDueOn }));
  }

  list(companyId: string | undefined, principal: Principal): Promise<ResultsReport[]> {
    const company = principal.isProducerOnly() ? (principal.companyId ?? undefined) : companyId;
    if (principal.isProducerOnly() && (!company || (companyId && companyId !== company))) return Promise.resolve([]);
    return this.dataSource.manager.find(ResultsReport, {
      where: company ? { companyId: company } : {},
      order: { programmeYear: 'ASC', recordedAt: 'ASC' },
    });
  }
}

function resultsAlreadyRecorded(year: number): ConflictError {
  return new ConflictError('RESULTS.ALREADY_RECORDED', `The company's results for ${year} are already recorded`);
}
