import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal, readSnapshot } from '@redmet/platform';
import { findClaimView } from '../claims/claim-access';
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

  /**
   * Read in one snapshot: an approval committing meanwhile would otherwise show the budget with the claim's money
   * beside a claim still awaiting its decision, or the claim approved without the versions it relied on.
   */
  async show(id: string, principal: Principal): Promise<ClaimReview> {
    const { claim, accepted, versions, relied, budget, rules } = await readSnapshot(
      this.dataSource,
      async (manager) => {
        // One after the other: they share the transaction's connection.
        const found = await findClaimView(manager, id, principal);
        return {
          claim: found,
          accepted: await this.reports.latestAccepted(found.reportIds, manager),
          versions: await this.reports.allVersions(found.reportIds, manager),
          relied: (await manager.query(`SELECT * FROM claim_relied_report WHERE claim_id = $1`, [id])) as ReliedRow[],
          budget: await this.programmes.budget(found.programmeYear, manager),
          rules: await this.programmes.rulesInForce(found.programmeYear, this.clock.today(), manager),
        };
      },
    );
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
      claim,
      reports,
      budget,
      fourEyes: { thresholdKopecks: threshold.toString(), required: BigInt(claim.requestedKopecks) > threshold },
    };
  }
}
