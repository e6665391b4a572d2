import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReportAccepted, ReportRejected } from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { type Submission, snapshotOf } from '../reports/submission';
import { ReportingEnvironment } from '../reporting.environment';
import { PlausibilityBounds } from './plausibility';
import { ReportFactsLoader } from './report-facts';
import type { RegistryFacts, ReportContent, Verdict } from './report-content';
import { checkReport } from './report-rules';

export interface Judgement {
  facts: RegistryFacts;
  verdict: Verdict;
}

export function siteOf(report: Pick<ReportContent, 'facilityId' | 'depositId'>): string {
  const site = report.facilityId ?? report.depositId;
  if (!site) throw new Error('a report names a facility or a deposit');
  return site;
}

/** Checks report versions against the registry view and announces each decision. */
@Injectable()
export class ReportJudge {
  readonly bounds: PlausibilityBounds;

  constructor(
    private readonly registry: ReportFactsLoader,
    private readonly outbox: Outbox,
    environment: ReportingEnvironment,
  ) {
    this.bounds = new PlausibilityBounds(
      environment.REPORTING_MAX_QUANTITY_T,
      environment.REPORTING_MAX_QUANTITY_T_BY_PRODUCT,
    );
  }

  /** An accepted verdict holds only if the site's months can then be claimed (see SiteTakenMeanwhile). */
  async judge(manager: EntityManager, report: ReportContent & { reportId: string }, today: string): Promise<Judgement> {
    const { facts, acceptedElsewhere } = await this.registry.load(manager, report, siteOf(report));
    const verdict = checkReport({ report, facts, bounds: this.bounds, today, acceptedElsewhere });
    return { facts, verdict };
  }

  /** The decision event of a decided version (the caller records its state and, when accepted, claims the site). */
  async announce(manager: EntityManager, submission: Submission, { facts, verdict }: Judgement): Promise<void> {
    switch (verdict.outcome) {
      case 'accepted':
        await this.outbox.add(manager, ReportAccepted, submission.reportId, snapshotOf(submission, facts, 'accepted'));
        return;
      case 'rejected':
        await this.outbox.add(manager, ReportRejected, submission.reportId, {
          ...snapshotOf(submission, facts, 'rejected'),
          reasons: verdict.reasons,
        });
        return;
      case 'pending':
        return;
    }
  }
}
