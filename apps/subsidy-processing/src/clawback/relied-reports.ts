import type { EntityManager } from 'typeorm';
import type { ReportVersion } from '../reports/report-version.entity';
import type { ReportFigure } from './clawback-coefficient';

interface ReliedRow {
  report_id: string;
  version: number;
  metal_content_tonnes: string;
  quantity_tonnes: string;
}

/** The report figures a claim's approved amount rests on (copied at the final approval). */
export async function reliedFigures(manager: EntityManager, claimId: string): Promise<ReportFigure[]> {
  const rows: ReliedRow[] = await manager.query(`SELECT * FROM claim_relied_report WHERE claim_id = $1`, [claimId]);
  return rows.map((row) => ({
    reportId: row.report_id,
    version: row.version,
    metalContentTonnes: row.metal_content_tonnes,
    quantityTonnes: row.quantity_tonnes,
  }));
}

/**
 * After the approved amount was lowered to what the reports now support, it
 * rests on their latest accepted versions (a report with none counts as zero,
 * keeping its last version number): a repeated event then finds nothing to
 * take off, and a later change is measured from here.
 */
export async function rebaseline(
  manager: EntityManager,
  claimId: string,
  relied: readonly ReportFigure[],
  current: ReadonlyMap<string, ReportVersion>,
): Promise<void> {
  for (const figure of relied) {
    const latest = current.get(figure.reportId);
    await manager.query(
      `UPDATE claim_relied_report SET version = $3, metal_content_tonnes = $4, quantity_tonnes = $5
        WHERE claim_id = $1 AND report_id = $2`,
      [
        claimId,
        figure.reportId,
        latest?.version ?? figure.version,
        latest?.metalContentTonnes ?? '0',
        latest?.quantityTonnes ?? '0',
      ],
    );
  }
}
