import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { ReportVersionSnapshot } from '@redmet/contracts';
import { reportFigures } from './report-figures';
import { ReportVersion } from './report-version.entity';

const FINAL = `('accepted', 'rejected')`;

/** The reports read model: what reporting published, version by version. */
@Injectable()
export class ReportVersions {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a version in the state the event gives it, unless the row already
   * holds a later word on that version: a decision (accepted / rejected)
   * outranks a submission, and between equals the later event wins. Returns
   * whether the row changed.
   */
  async record(manager: EntityManager, report: ReportVersionSnapshot, occurredAt: string): Promise<boolean> {
    const figures = reportFigures(report.lines);
    const written: unknown[] = await manager.query(
      `INSERT INTO report_version AS r (report_id, version, company_id, period, facility_id, deposit_id, state, state_at,
         nil_return, lines, metal_content_tonnes, quantity_tonnes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (report_id, version) DO UPDATE SET state = EXCLUDED.state, state_at = EXCLUDED.state_at
       WHERE (EXCLUDED.state IN ${FINAL})::int > (r.state IN ${FINAL})::int
          OR ((EXCLUDED.state IN ${FINAL}) = (r.state IN ${FINAL}) AND EXCLUDED.state_at >= r.state_at)
       RETURNING report_id`,
      [
        report.reportId,
        report.version,
        report.companyId,
        report.period,
        report.facilityId ?? null,
        report.depositId ?? null,
        report.state,
        occurredAt,
        report.nilReturn,
        JSON.stringify(report.lines),
        figures.metalContentTonnes,
        figures.quantityTonnes,
      ],
    );
    return written.length > 0;
  }

  /** "Accepted" means the latest accepted version of each report; reports with none are absent. */
  async latestAccepted(
    reportIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ReportVersion>> {
    if (reportIds.length === 0) return new Map();
    const rows = await manager
      .createQueryBuilder(ReportVersion, 'r')
      .where('r.report_id IN (:...ids)', { ids: [...reportIds] })
      .andWhere(
        `r.version = (SELECT max(x.version) FROM report_version x WHERE x.report_id = r.report_id AND x.state = 'accepted')`,
      )
      .getMany();
    return new Map(rows.map((row) => [row.reportId, row]));
  }

  /** Every known version of the reports, newest first per report. */
  allVersions(reportIds: readonly string[], manager = this.dataSource.manager): Promise<ReportVersion[]> {
    if (reportIds.length === 0) return Promise.resolve([]);
    return manager.find(ReportVersion, {
      where: { reportId: In([...reportIds]) },
      order: { reportId: 'ASC', version: 'DESC' },
    });
  }
}
