import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { GroupTransactions, type Principal } from '@redmet/platform';
import type { LineContent, ReportContent } from '../acceptance/report-content';
import { holdRegistryViewForJudging } from '../acceptance/registry-view-lock';
import { retryLostRace } from '../acceptance/site-claims';
import { isNilReturn } from '../acceptance/report-content';
import { ReportingEnvironment } from '../reporting.environment';
import type { AmendReportDto, CreateReportDto, ReportContentDto, ReportLineDto } from './dto/report.dto';
import * as errors from './report.errors';
import { type Filed, ReportFiling } from './report-filing.service';
import { insertVersion, type NewReport, versionLines } from './report-store';
import { repeatedLines } from './repeated-lines';
import { sign, type Submission } from './submission';

interface LockedReport extends ReportContent {
  id: string;
  state: Filed['state'] | 'draft';
  latestVersion: number;
}

export function actingCompany(principal: Principal): string {
  if (!principal.companyId) throw errors.noCompany();
  return principal.companyId;
}

/** A version as the principal signs it now (or at `submittedAt`, shared by the reports of one upload). */
export function signedBy(
  principal: Principal,
  content: ReportContent & { reportId: string },
  version: number,
  amendment: { supersedes: number; reason: string } | null,
  submittedAt = new Date().toISOString(),
): Submission {
  return sign({
    reportId: content.reportId,
    version,
    companyId: content.companyId,
    facilityId: content.facilityId,
    depositId: content.depositId,
    period: content.period,
    lines: content.lines,
    signedBy: principal.actor(),
    submittedAt,
    supersedesVersion: amendment?.supersedes ?? null,
    amendmentReason: amendment?.reason ?? null,
  });
}

export function numberLines(lines: readonly ReportLineDto[]): LineContent[] {
  return lines.map((line, index) => ({ lineNo: index + 1, ...line }));
}

/** Refused before anything is written, drafts too: a draft holding a repeat could never be submitted. */
function refuseRepeats(lines: LineContent[]): LineContent[] {
  const repeated = repeatedLines(lines);
  if (repeated.length > 0) throw errors.repeatedLines(repeated);
  return lines;
}

/**
 * A producer's commands: drafts, submission, amendment, each in one
 * transaction with its events. Filings commit in groups (GroupTransactions):
 * those that arrive while another commits share the next transaction, those of
 * one report in order, those of different reports side by side. Reports share
 * only site claims, and a claim lost to another filing of the group fails the
 * group, whose filings then run alone. A filing that runs alone (idle service,
 * or its group failed) runs again when it loses a site to a concurrent
 * acceptance.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);
  private readonly filings: GroupTransactions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly filing: ReportFiling,
    private readonly environment: ReportingEnvironment,
  ) {
    this.filings = new GroupTransactions(dataSource, {
      maxSize: environment.REPORTING_FILING_GROUP_MAX,
      retry: retryLostRace,
      // Expected now and then (a 4xx, a site taken meanwhile): each filing then runs alone and answers for itself.
      onGroupFailed: (error, size) =>
        this.logger.debug({ err: error, filings: size }, 'filing group failed; one by one'),
    });
  }

  /** A draft (no events), or with `submit` a signed first version, checked at once. */
  async create(principal: Principal, dto: CreateReportDto): Promise<{ reportId: string; filed: Filed | null }> {
    const report: NewReport = {
      id: randomUUID(),
      companyId: actingCompany(principal),
      facilityId: dto.facilityId ?? null,
      depositId: dto.depositId ?? null,
      period: dto.period,
      createdBy: principal.userId,
    };
    const lines = this.numbered(dto.lines);
    if (!dto.submit) {
      await this.dataSource.transaction((manager) => saveDraft(manager, report.id, lines, report));
      return { reportId: report.id, filed: null };
    }
    const filed = await this.filings.run(report.id, (manager) =>
      this.filing.file(manager, signedBy(principal, { ...report, reportId: report.id, lines }, 1, null), report),
    );
    return { reportId: report.id, filed };
  }

  /** Replaces a draft's site, period and lines. */
  async updateDraft(principal: Principal, id: string, dto: ReportContentDto): Promise<void> {
    const lines = this.numbered(dto.lines);
    await this.dataSource.transaction(async (manager) => {
      const report = await lockReport(manager, principal, id);
      if (report.state !== 'draft') throw errors.notADraft(report.state);
      await manager.query(
        `UPDATE report SET facility_id = $2, deposit_id = $3, period = $4, updated_at = now() WHERE id = $1`,
        [id, dto.facilityId ?? null, dto.depositId ?? null, dto.period],
      );
      await manager.query('DELETE FROM report_version WHERE report_id = $1', [id]);
      await saveDraft(manager, id, lines);
    });
  }

  submitDraft(principal: Principal, reportId: string): Promise<Filed> {
    return this.filings.run(reportId, async (manager) => {
      // The registry view's lock before the report's, in the order a registry change takes them.
      await holdRegistryViewForJudging(manager);
      const report = await lockReport(manager, principal, reportId);
      if (report.state !== 'draft') throw errors.notADraft(report.state);
      // A draft saved before repeats were refused may hold one, and one saved under a higher line limit more
      // lines than a report may have now (its events would outgrow what the outbox takes).
      const lines = refuseRepeats(this.withinLineLimit(await versionLines(manager, reportId, 1)));
      await manager.query('DELETE FROM report_version WHERE report_id = $1', [reportId]);
      return this.filing.file(manager, signedBy(principal, { ...report, reportId, lines }, 1, null));
    });
  }

  amend(principal: Principal, reportId: string, dto: AmendReportDto): Promise<Filed> {
    const lines = this.numbered(dto.lines);
    return this.filings.run(reportId, async (manager) => {
      await holdRegistryViewForJudging(manager);
      const report = await lockReport(manager, principal, reportId);
      if (report.state !== 'accepted' && report.state !== 'rejected') throw errors.notAmendable(report.state);
      const amendment = { ...report, reportId, lines };
      const version = report.latestVersion + 1;
      return this.filing.file(
        manager,
        signedBy(principal, amendment, version, { supersedes: report.latestVersion, reason: dto.amendmentReason }),
      );
    });
  }

  private numbered(lines: readonly ReportLineDto[]): LineContent[] {
    return refuseRepeats(numberLines(this.withinLineLimit(lines)));
  }

  private withinLineLimit<L extends readonly unknown[]>(lines: L): L {
    const max = this.environment.REPORTING_MAX_LINES_PER_REPORT;
    if (lines.length > max) throw errors.tooManyLines(max);
    return lines;
  }
}

function saveDraft(manager: EntityManager, reportId: string, lines: LineContent[], report?: NewReport): Promise<void> {
  return insertVersion(
    manager,
    {
      reportId,
      version: 1,
      state: 'draft',
      nilReturn: isNilReturn(lines),
      region: null,
      signedBy: null,
      submittedAt: null,
      contentSha256: null,
      supersedesVersion: null,
      amendmentReason: null,
      reasons: [],
      lines: lines.map((line) => ({ ...line, tonnageClass: null })),
    },
    report,
  );
}

/** Locks the report so that its versions, and their events, follow one another; another company's is not found. */
async function lockReport(manager: EntityManager, principal: Principal, id: string): Promise<LockedReport> {
  const [row]: LockedReport[] = await manager.query(
    `SELECT id, company_id AS "companyId", facility_id AS "facilityId", deposit_id AS "depositId", period, state,
            latest_version AS "latestVersion"
       FROM report WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row || row.companyId !== actingCompany(principal)) throw errors.reportNotFound(id);
  return { ...row, lines: [] };
}
