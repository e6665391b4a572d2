import { Injectable } from '@nestjs/common';
import { DataSource, type FindOptionsWhere, IsNull, Not } from 'typeorm';
import { Page, type Principal, readSnapshot } from '@redmet/platform';
import type { ReportQuery } from './dto/report.dto';
import {
  type ReceiptView,
  receiptView,
  type ReportSummaryView,
  type ReportView,
  summaryView,
  type VersionView,
  versionView,
} from './dto/report.view';
import * as errors from './report.errors';
import { Report } from './report.entity';
import { ReportVersion } from './report-version.entity';

/**
 * Reads: producers see their own company's reports, staff see all that were
 * submitted. A draft is the producer's work in progress, unsigned and
 * possibly half typed: no one else should read figures from it.
 */
@Injectable()
export class ReportQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(principal: Principal, id: string): Promise<ReportView> {
    const latest = await this.visibleVersion(principal, id, 'v.version = r.latest_version');
    // A report always has its latest version: no row is no report.
    if (!latest) throw errors.reportNotFound(id);
    return { ...summaryView(latest.report!), latest: versionView(latest) };
  }

  async list(principal: Principal, query: ReportQuery): Promise<Page<ReportSummaryView>> {
    if (principal.isProducer() && query.companyId && query.companyId !== principal.companyId) {
      throw errors.otherCompany();
    }
    const staff = !principal.isProducer();
    const companyId = staff ? query.companyId : (principal.companyId ?? '');
    if (companyId === '') throw errors.noCompany();
    if (staff && query.state === 'draft') return Page.of([], 0, query);
    const where: FindOptionsWhere<Report> = {
      ...(companyId ? { companyId } : {}),
      ...(query.facilityId ? { facilityId: query.facilityId } : {}),
      ...(query.depositId ? { depositId: query.depositId } : {}),
      ...(query.period ? { period: query.period } : {}),
      ...(query.state ? { state: query.state } : staff ? { state: Not('draft' as const) } : {}),
      ...(query.accepted === undefined ? {} : { acceptedVersion: query.accepted ? Not(IsNull()) : IsNull() }),
    };
    // The page and the total are two statements: one snapshot, so the total counts the reports the page is cut from.
    const [items, total] = await readSnapshot(this.dataSource, (manager) =>
      manager.findAndCount(Report, {
        where,
        order: { createdAt: 'ASC', id: 'ASC' },
        skip: query.skip,
        take: query.pageSize,
      }),
    );
    return Page.of(items.map(summaryView), total, query);
  }

  async versions(principal: Principal, id: string): Promise<VersionView[]> {
    await this.visible(principal, id);
    const versions = await this.dataSource.manager.find(ReportVersion, {
      where: { reportId: id },
      relations: { lines: true },
      order: { version: 'ASC' },
    });
    return versions.map(versionView);
  }

  async version(principal: Principal, id: string, version: number): Promise<VersionView> {
    const found = await this.visibleVersion(principal, id, 'v.version = :version', { version });
    if (found) return versionView(found);
    await this.visible(principal, id);
    throw errors.versionNotFound(id, version);
  }

  async receipt(principal: Principal, id: string, version: number): Promise<ReceiptView> {
    await this.visible(principal, id);
    const found = await this.dataSource.manager.findOneBy(ReportVersion, { reportId: id, version });
    const receipt = found && receiptView(found);
    if (!receipt) throw errors.versionNotFound(id, version);
    return receipt;
  }

  /**
   * May run in a statement of its own before what is shown: a report the caller may see stays visible (its company
   * never changes and it never becomes a draft again), so the later statement still reads what the caller may see.
   */
  private async visible(principal: Principal, id: string): Promise<void> {
    assertVisible(principal, id, await this.dataSource.manager.findOneBy(Report, { id }));
  }

  /**
   * The version `which` picks, its lines and its report, in one statement: a decision or draft edit committing
   * meanwhile cannot pair the report's state and site with another moment's version.
   */
  private async visibleVersion(
    principal: Principal,
    id: string,
    which: string,
    parameters: Record<string, unknown> = {},
  ): Promise<ReportVersion | null> {
    const found = await this.dataSource.manager
      .createQueryBuilder(ReportVersion, 'v')
      .innerJoinAndSelect('v.report', 'r')
      .leftJoinAndSelect('v.lines', 'l')
      .where('v.report_id = :id', { id })
      .andWhere(which, parameters)
      .getOne();
    if (found) assertVisible(principal, id, found.report!);
    return found;
  }
}

function assertVisible(principal: Principal, id: string, report: Report | null): void {
  const hidden = !report || !principal.canSeeCompany(report.companyId);
  if (hidden || (report.state === 'draft' && !principal.isProducer())) throw errors.reportNotFound(id);
}
