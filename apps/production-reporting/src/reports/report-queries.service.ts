import { Injectable } from '@nestjs/common';
import { DataSource, type FindOptionsWhere, Not } from 'typeorm';
import { Page, type Principal } from '@redmet/platform';
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
    const report = await this.visible(principal, id);
    return { ...summaryView(report), latest: versionView(await this.loadVersion(id, report.latestVersion)) };
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
    };
    const [items, total] = await this.dataSource.manager.findAndCount(Report, {
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
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
    await this.visible(principal, id);
    return versionView(await this.loadVersion(id, version));
  }

  async receipt(principal: Principal, id: string, version: number): Promise<ReceiptView> {
    await this.visible(principal, id);
    const found = await this.dataSource.manager.findOneBy(ReportVersion, { reportId: id, version });
    const receipt = found && receiptView(found);
    if (!receipt) throw errors.versionNotFound(id, version);
    return receipt;
  }

  private async visible(principal: Principal, id: string): Promise<Report> {
    const report = await this.dataSource.manager.findOneBy(Report, { id });
    const hidden = !report || !principal.canSeeCompany(report.companyId);
    if (hidden || (report.state === 'draft' && !principal.isProducer())) throw errors.reportNotFound(id);
    return report;
  }

  private async loadVersion(id: string, version: number): Promise<ReportVersion> {
    const found = await this.dataSource.manager.findOne(ReportVersion, {
      where: { reportId: id, version },
      relations: { lines: true },
    });
    if (!found) throw errors.versionNotFound(id, version);
    return found;
  }
}
