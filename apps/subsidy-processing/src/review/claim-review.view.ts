import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@redmet/platform';
import { findClaim, linesOf, withLines } from '../claims/claim-access';
import type { ClaimView } from '../claims/dto/claim-view.dto';
import { Clock } from '@redmet/platform';
import { type BudgetState, ProgrammesService } from '../programmes/programmes.service';
import type { ReportVersion } from '../reports/report-version.entity';
import { ReportVersions } from '../reports/report-versions';

interface ReliedRow {
  report_id: string;
  version: number;
  metal_content_tonnes: string;
  quantity_tonnes: string;
}

export interface ReportSide {
  reportId: string;
  /** The version and figures the approval relied on; null before approval. */
  relied: { version: number; metalContentTonnes: string; quantityTonnes: string } | null;
  latestAccepted: ReportVersion | null;
  versions: Pick<ReportVersion, 'version' | 'state' | 'stateAt' | 'metalContentTonnes' | 'quantityTonnes'>[];
}

export interface ClaimReview {
  claim: ClaimView;
  reports: ReportSide[];
  budget: BudgetState;
  fourEyes: { thresholdKopecks: string; required: boolean };
}

/** The claim beside the production reports it relies on and what is left of the programme's budget. */
@Injectable()
export class ClaimReviewView {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportVersions,
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
  ) {}

  async show(id: string, principal: Principal): Promise<ClaimReview> {
    const manager = this.dataSource.manager;
    const claim = await findClaim(manager, id, principal);
    const [lines, accepted, versions, relied, budget, rules] = await Promise.all([
      linesOf(manager, id),
      this.reports.latestAccepted(claim.reportIds),
      this.reports.allVersions(claim.reportIds),
      manager.query(`SELECT * FROM claim_relied_report WHERE claim_id = $1`, [id]) as Promise<ReliedRow[]>,
      this.programmes.budget(claim.programmeYear),
      this.programmes.rulesInForce(claim.programmeYear, this.clock.today()),
    ]);
    const reports = claim.reportIds.map((reportId): ReportSide => {
      const row = relied.find((candidate) => candidate.report_id === reportId);
      return {
        reportId,
        relied: row
          ? { version: row.version, metalContentTonnes: row.metal_content_tonnes, quantityTonnes: row.quantity_tonnes }
          : null,
        latestAccepted: accepted.get(reportId) ?? null,
        versions: versions
          .filter((version) => version.reportId === reportId)
          .map(({ version, state, stateAt, metalContentTonnes, quantityTonnes }) => ({
            version,
            state,
            stateAt,
            metalContentTonnes,
            quantityTonnes,
          })),
      };
    });
    const threshold = BigInt(rules.fourEyesThresholdKopecks);
    return {
      claim: withLines(claim, lines),
      reports,
      budget,
      fourEyes: { thresholdKopecks: threshold.toString(), required: BigInt(claim.requestedKopecks) > threshold },
    };
  }
}
