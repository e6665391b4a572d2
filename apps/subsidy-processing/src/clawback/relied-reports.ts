import type { EntityManager } from 'typeorm';
import type { Claim } from '../claims/claim.entity';
import type { ReportFigure } from './clawback-coefficient';

interface ReliedRow {
  report_id: string;
  version: number;
  metal_content_tonnes: string;
  quantity_tonnes: string;
  approved_version: number | null;
  approved_metal_content_tonnes: string | null;
  approved_quantity_tonnes: string | null;
}

const reliedRows = (manager: EntityManager, claimId: string): Promise<ReliedRow[]> =>
  manager.query(`SELECT * FROM claim_relied_report WHERE claim_id = $1 ORDER BY report_id`, [claimId]);

/** The report figures a claim's approved amount rests on (copied at the final approval, moved when it was lowered). */
export async function reliedFigures(manager: EntityManager, claimId: string): Promise<ReportFigure[]> {
  return (await reliedRows(manager, claimId)).map((row) => ({
    reportId: row.report_id,
    version: row.version,
    metalContentTonnes: row.metal_content_tonnes,
    quantityTonnes: row.quantity_tonnes,
  }));
}

/** What an unpaid approval is measured from: the officers' amount and the figures they approved it on. */
export interface ApprovalBasis {
  kopecks: bigint;
  figures: ReportFigure[];
  /** Where the approval rests now; equal to `figures` until a report went down. */
  relied: ReportFigure[];
}

/**
 * An approval lowered before its figures as approved were kept (see the
 * migration `relied-figures-as-approved`) is measured from where it rests
 * now, so it can go down further but never back up.
 */
export async function approvalBasis(manager: EntityManager, claim: Claim): Promise<ApprovalBasis> {
  const rows = await reliedRows(manager, claim.id);
  const relied = rows.map((row) => ({
    reportId: row.report_id,
    version: row.version,
    metalContentTonnes: row.metal_content_tonnes,
    quantityTonnes: row.quantity_tonnes,
  }));
  if (rows.some((row) => row.approved_version === null))
    return { kopecks: BigInt(claim.approvedKopecks!), figures: relied, relied };
  const figures = rows.map((row) => ({
    reportId: row.report_id,
    version: row.approved_version,
    metalContentTonnes: row.approved_metal_content_tonnes!,
    quantityTonnes: row.approved_quantity_tonnes!,
  }));
  return { kopecks: BigInt(claim.originallyApprovedKopecks ?? claim.approvedKopecks!), figures, relied };
}

/**
 * After the approved amount was lowered (or raised, short of the officers'
 * amount) to what the reports now support, it rests on their latest accepted
 * versions (a report with none counts as zero, keeping its last version
 * number): a clawback after payment is measured from here. Raised back in
 * full, it rests on the figures as approved again.
 */
export async function rebaseline(
  manager: EntityManager,
  claimId: string,
  relied: readonly ReportFigure[],
  current: ReadonlyMap<string, ReportFigure>,
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
