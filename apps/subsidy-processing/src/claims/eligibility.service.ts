import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parsePeriod } from '@redmet/contracts';
import { RegistryFacility, RegistryLicence, RegistryView } from '@redmet/registry-view';
import { Clock } from '@redmet/platform';
import type { ProgrammeVersion } from '../programmes/programme-version.entity';
import { ReportVersions } from '../reports/report-versions';
import type { Claim } from './claim.entity';
import type { ClaimAmounts, PricedLine } from './compensation';
import { checkEligibility, type EligibilityFailure, plantsClosedBefore, ranPlantIn } from './eligibility';

/** Gathers what the eligibility rules look at, from this service's own read models, inside the caller's transaction. */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly registry: RegistryView,
    private readonly reports: ReportVersions,
    private readonly clock: Clock,
  ) {}

  async check(
    manager: EntityManager,
    claim: Claim,
    lines: PricedLine[],
    amounts: ClaimAmounts,
    rules: ProgrammeVersion,
    forProducer: boolean,
  ): Promise<EligibilityFailure[]> {
    // One after the other: they share the transaction's connection.
    const company = await this.registry.company(claim.companyId, manager);
    const licenceOrFacilityProblem = await this.licenceOrFacilityProblem(manager, claim);
    const accepted = await this.reports.latestAccepted(claim.reportIds, manager);
    const otherClaim = await otherClaimThisQuarter(manager, claim);
    const claimedElsewhere = await documentsClaimedElsewhere(manager, claim, lines);
    const otherClaimsOfYearKopecks = await otherClaimsOfYear(manager, claim);
    return checkEligibility({
      today: this.clock.today(),
      firstSubmittedOn: claim.firstSubmittedAt ? this.clock.dayOf(claim.firstSubmittedAt) : null,
      claimCutoff: rules.claimCutoff,
      eligibleProductCodes: rules.eligibleProductCodes,
      minRevenueMultiple: rules.minRevenueMultiple,
      companyId: claim.companyId,
      period: claim.period,
      companyStatus: company?.status ?? null,
      licenceOrFacilityProblem,
      noTaxArrears: claim.noTaxArrears,
      notInLiquidation: claim.notInLiquidation,
      annualRevenueKopecks: claim.annualRevenueKopecks,
      reportIds: claim.reportIds,
      forProducer,
      acceptedReports: accepted,
      otherClaimThisQuarter: otherClaim,
      lines,
      claimedElsewhere,
      otherClaimsOfYearKopecks,
      ...amounts,
    });
  }

  /** A licence in force throughout the quarter (any deposit), or a plant the company operated while it ran in it. */
  private async licenceOrFacilityProblem(manager: EntityManager, claim: Claim): Promise<string | null> {
    const { start, end } = parsePeriod(claim.period);
    const facilities = await manager
      .createQueryBuilder(RegistryFacility, 'f')
      .where('f.operator_company_id = :company OR f.operators @> :ran', {
        company: claim.companyId,
        ran: JSON.stringify([{ operatorCompanyId: claim.companyId }]),
      })
      .getMany();
    if (facilities.some((facility) => ranPlantIn(facility, claim.companyId, claim.period))) return null;
    const licences = await manager.findBy(RegistryLicence, { holderCompanyId: claim.companyId });
    const reasons: string[] = [];
    for (const depositId of new Set(licences.map((licence) => licence.depositId))) {
      const { licence, coverage } = await this.registry.licenceCoverage(
        claim.companyId,
        depositId,
        start,
        end,
        manager,
      );
      if (coverage.state === 'active') return null;
      reasons.push(`licence ${licence?.number ?? depositId}: ${coverage.reason}`);
    }
    const licencePart = reasons.length ? reasons.join('; ') : 'no licence of the company is known';
    const closed = plantsClosedBefore(facilities, claim.companyId, claim.period);
    const plantPart = closed.length ? ` (${closed.join('; ')})` : '';
    return `No licence in force throughout ${start}..${end} (${licencePart}) and no plant of the company running in it${plantPart}`;
  }
}

async function otherClaimThisQuarter(manager: EntityManager, claim: Claim): Promise<string | null> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM claim WHERE company_id = $1 AND period = $2 AND id <> $3 AND state NOT IN ('draft', 'rejected') LIMIT 1`,
    [claim.companyId, claim.period, claim.id],
  );
  return rows[0]?.id ?? null;
}

/**
 * What the company's other live claims of the year ask, or were approved where decided. The revenue rule
 * weighs the subsidy granted in the year, so unlike the cap's count (`capTakenBy`) it takes nothing off for
 * money clawed back since.
 */
async function otherClaimsOfYear(manager: EntityManager, claim: Claim): Promise<string> {
  const [row]: { total: string }[] = await manager.query(
    `SELECT coalesce(sum(coalesce(approved_kopecks, requested_kopecks)), 0)::text AS total FROM claim
      WHERE company_id = $1 AND programme_year = $2 AND id <> $3 AND state NOT IN ('draft', 'rejected')`,
    [claim.companyId, claim.programmeYear, claim.id],
  );
  return row.total;
}

async function documentsClaimedElsewhere(
  manager: EntityManager,
  claim: Claim,
  lines: PricedLine[],
): Promise<Map<string, string>> {
  if (lines.length === 0) return new Map();
  const rows: { document_key: string; claim_id: string }[] = await manager.query(
    `SELECT document_key, claim_id FROM claimed_document WHERE company_id = $1 AND document_key = ANY($2) AND claim_id <> $3`,
    [claim.companyId, lines.map((line) => line.documentKey), claim.id],
  );
  return new Map(rows.map((row) => [row.document_key, row.claim_id]));
}
