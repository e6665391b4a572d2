import type { EntityManager } from 'typeorm';
import type { Claim } from '../claims/claim.entity';
import { multiplyDown } from '../common/money';
import type { ProgrammeVersion } from '../programmes/programme-version.entity';
import type { ReportVersions } from '../reports/report-versions';
import { type ReportFigure, reportShortfall, type Shortfall } from './clawback-coefficient';

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

/** What a claim is measured from, before and after payment: the officers' amount and the figures they approved it on. */
interface ApprovalBasis {
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
async function approvalBasis(manager: EntityManager, claim: Claim): Promise<ApprovalBasis> {
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

/** What the relied-on reports support now: the officers' amount less what their change since the approval takes off. */
export interface ReportSupport {
  basis: ApprovalBasis;
  current: ReadonlyMap<string, ReportFigure>;
  shortfall: Shortfall;
  supported: bigint;
}

/**
 * Before payment it is what the approval becomes; after payment, what was
 * paid beyond it is owed back. Measured from the figures approved on, so the
 * claim ends with the same money whatever happened before and after payment,
 * and a change and its reversal cancel out.
 */
export async function reportSupport(
  manager: EntityManager,
  claim: Claim,
  reports: ReportVersions,
  rules: ProgrammeVersion,
): Promise<ReportSupport> {
  const basis = await approvalBasis(manager, claim);
  const current = await reports.latestAccepted(
    basis.figures.map((figure) => figure.reportId),
    manager,
  );
  const shortfall = reportShortfall(basis.figures, current, rules.clawbackBasis, rules.clawbackMultiplier);
  return { basis, current, shortfall, supported: basis.kopecks - multiplyDown(basis.kopecks, shortfall.coefficient) };
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
