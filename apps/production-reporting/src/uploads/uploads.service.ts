import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { monthsOf, monthsOperatedBy, parsePeriod } from '@redmet/contracts';
import { Clock, InvalidInputError, type Principal } from '@redmet/platform';
import { RegistryFacility, RegistryLicence, RegistryView } from '@redmet/registry-view';
import { checkLines } from '../acceptance/line-rules';
import { ReportJudge, siteOf } from '../acceptance/report-judge';
import { retryLostRace } from '../acceptance/site-claims';
import { ReportingEnvironment } from '../reporting.environment';
import { type Filed, ReportFiling } from '../reports/report-filing.service';
import { actingCompany, signedBy } from '../reports/reports.service';
import { repeatedLines } from '../reports/repeated-lines';
import { type CsvRow, readCsvRows, type RowErrors } from './csv-rows';

export interface UploadResult {
  rows: number;
  reports: Filed[];
}

interface Group {
  facilityId: string | null;
  depositId: string | null;
  period: string;
  rows: CsvRow[];
}

/**
 * A CSV of report lines: every row is checked first, and any bad row refuses
 * the whole file (400, every bad row named, nothing written). Rows of the same
 * site and period then make one report each, all signed by the uploader and
 * filed in one transaction.
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryView,
    private readonly judge: ReportJudge,
    private readonly filing: ReportFiling,
    private readonly environment: ReportingEnvironment,
    private readonly clock: Clock,
  ) {}

  async upload(principal: Principal, file: Buffer): Promise<UploadResult> {
    const companyId = actingCompany(principal);
    const { rows, errors } = readCsvRows(file, this.environment.REPORTING_UPLOAD_MAX_ROWS);
    // Well-formed rows are checked on, so that the answer names every bad row at once.
    await this.checkAgainstRegistry(companyId, rows, errors);
    const groups = groupRows(rows);
    this.checkGroupSizes(groups, errors);
    checkRepeats(groups, errors);
    checkSites(groups, errors);
    if (errors.size > 0) {
      throw new InvalidInputError(
        'UPLOAD.INVALID_ROWS',
        `${errors.size} rows of the file are invalid; nothing was stored`,
        errors.toFieldErrors(),
      );
    }
    const submittedAt = new Date().toISOString();
    // Sites in one order for every upload, so two concurrent uploads claim them in the same order and never deadlock.
    const sorted = [...groups].sort((a, b) => siteOf(a).localeCompare(siteOf(b)) || a.period.localeCompare(b.period));
    const reports = await retryLostRace(() =>
      this.dataSource.transaction(async (manager) => {
        const filed: Filed[] = [];
        for (const group of sorted) {
          const id = randomUUID();
          const report = {
            id,
            companyId,
            facilityId: group.facilityId,
            depositId: group.depositId,
            period: group.period,
          };
          const lines = group.rows.map((row, index) => ({ ...lineOf(row), lineNo: index + 1 }));
          const submission = signedBy(principal, { ...report, reportId: id, lines }, 1, null, submittedAt);
          filed.push(await this.filing.file(manager, submission, { ...report, createdBy: principal.userId }));
        }
        return filed;
      }),
    );
    return { rows: rows.length, reports };
  }

  /** Products in the catalogue in its unit, plausible amounts, periods over, and sites the registry gives to others refused. */
  private async checkAgainstRegistry(companyId: string, rows: CsvRow[], errors: RowErrors): Promise<void> {
    if (rows.length === 0) return;
    const products = await this.registry.products(rows.map((row) => row.productCode));
    const facilityIds = [...new Set(rows.flatMap((row) => (row.facilityId ? [row.facilityId] : [])))];
    const facilities = new Map(
      (await this.dataSource.manager.findBy(RegistryFacility, { facilityId: In(facilityIds) })).map((facility) => [
        facility.facilityId,
        facility,
      ]),
    );
    const othersDeposits = await this.depositsOfOtherCompanies(companyId, rows);
    const today = this.clock.today();
    for (const row of rows) {
      const line = { ...lineOf(row), lineNo: row.line };
      const findings = checkLines([line], products, this.judge.bounds);
      for (const found of [...findings.missing, ...findings.broken]) errors.add(row.line, found.message);
      const end = parsePeriod(row.period).end;
      if (end >= today) errors.add(row.line, `the period ${row.period} is not over until ${end}`);
      const facility = row.facilityId ? facilities.get(row.facilityId) : undefined;
      // By the months of the period, as POST /reports judges: a former operator files its last months after a
      // hand-over, and a new one may not file the months before it.
      if (facility && monthsOperatedBy(facility, companyId, monthsOf(row.period)).length === 0) {
        errors.add(row.line, `facility ${row.facilityId} was operated by another company throughout ${row.period}`);
      }
      if (row.depositId && othersDeposits.has(row.depositId)) {
        errors.add(row.line, `deposit ${row.depositId} is licensed to another company`);
      }
    }
  }

  /** As RegistryFacts.depositOfAnotherCompany: licensed to others, and to this company by no licence the view knows. */
  private async depositsOfOtherCompanies(companyId: string, rows: CsvRow[]): Promise<Set<string>> {
    const depositIds = [...new Set(rows.flatMap((row) => (row.depositId ? [row.depositId] : [])))];
    const licences = await this.dataSource.manager.findBy(RegistryLicence, { depositId: In(depositIds) });
    const own = new Set(
      licences.filter((licence) => licence.holderCompanyId === companyId).map((licence) => licence.depositId),
    );
    return new Set(licences.filter((licence) => !own.has(licence.depositId)).map((licence) => licence.depositId));
  }

  private checkGroupSizes(groups: Group[], errors: RowErrors): void {
    const max = this.environment.REPORTING_MAX_LINES_PER_REPORT;
    for (const group of groups) {
      if (group.rows.length > max) {
        errors.add(group.rows[max].line, `a report (one site and period) has at most ${max} lines`);
      }
    }
  }
}

/** A row repeating a product of its report (see repeatedLines), named with the row it repeats. */
function checkRepeats(groups: Group[], errors: RowErrors): void {
  for (const { rows } of groups) {
    for (const { line: row, first } of repeatedLines(rows)) {
      errors.add(
        row.line,
        `repeats line ${first.line} (the same product ${row.productCode} for the same facility_id, deposit_id ` +
          'and period, which make one report): give each product one row with its whole output',
      );
    }
  }
}

/**
 * A site has one report per month, and its site is the facility when a row names one: rows of a site
 * under another deposit_id (or none), or for an overlapping period, would file a second report that
 * the judge then rejects as already reported. Named in the file instead, on the later rows.
 */
function checkSites(groups: Group[], errors: RowErrors): void {
  const bySite = new Map<string, Group[]>();
  for (const group of groups) {
    const site = siteOf(group);
    const earlier = bySite.get(site) ?? [];
    const { start, end } = parsePeriod(group.period);
    const clash = earlier.find((other) => {
      const range = parsePeriod(other.period);
      return range.start <= end && start <= range.end;
    });
    if (clash) {
      const first = clash.rows[0].line;
      const message =
        clash.period === group.period
          ? `the site ${site} for ${group.period} is named with deposit_id ${group.depositId ?? '(empty)'}, ` +
            `line ${first} with ${clash.depositId ?? '(empty)'}: give its rows one deposit_id, as they make one report`
          : `the site ${site} for ${group.period} overlaps ${clash.period} of line ${first}: ` +
            'a site has one report for each month';
      for (const row of group.rows) errors.add(row.line, message);
    }
    bySite.set(site, [...earlier, group]);
  }
}

function lineOf(row: CsvRow) {
  const { productCode, quantity, unit, metalContentTonnes, domesticShipments, exports } = row;
  return { productCode, quantity, unit, metalContentTonnes, domesticShipments, exports };
}

/** Rows of the same facility, deposit and period form one report, their lines in file order. */
function groupRows(rows: CsvRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = `${row.facilityId}|${row.depositId}|${row.period}`;
    const group = groups.get(key) ?? {
      facilityId: row.facilityId,
      depositId: row.depositId,
      period: row.period,
      rows: [],
    };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}
