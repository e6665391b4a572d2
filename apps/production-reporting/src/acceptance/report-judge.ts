import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReportAccepted, ReportRejected } from '@redmet/contracts';
import { type OutboxEvent, outboxEvent } from '@redmet/messaging';
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

/** Checks report versions against the registry view and words each decision as its event. */
@Injectable()
export class ReportJudge {
  readonly bounds: PlausibilityBounds;

  constructor(
    private readonly registry: ReportFactsLoader,
    environment: ReportingEnvironment,
  ) {
    this.bounds = new PlausibilityBounds(
      environment.REPORTING_MAX_QUANTITY_T,
      environment.REPORTING_MAX_QUANTITY_T_BY_PRODUCT,
    );
  }

  /** An accepted verdict holds only if the site's months can then be claimed (see SiteTakenMeanwhile). */
  judge(manager: EntityManager, report: ReportContent & { reportId: string }, today: string): Promise<Judgement> {
    return this.check(manager, report, today, this.bounds);
  }

  /** A version that waited (pending), judged again on what the registry has told since; its amounts stand (ReportCheck.bounds). */
  judgeAgain(manager: EntityManager, report: ReportContent & { reportId: string }, today: string): Promise<Judgement> {
    return this.check(manager, report, today, null);
  }

  private async check(
    manager: EntityManager,
    report: ReportContent & { reportId: string },
    today: string,
    bounds: PlausibilityBounds | null,
  ): Promise<Judgement> {
    const { facts, acceptedElsewhere } = await this.registry.load(manager, report, siteOf(report));
    const verdict = checkReport({ report, facts, bounds, today, acceptedElsewhere });
    return { facts, verdict };
  }

  /**
   * The decision event of a decided version, none for a pending one (the
   * caller records its state and, when accepted, claims the site).
   */
  decisionEvents(submission: Submission, { facts, verdict }: Judgement): OutboxEvent[] {
    switch (verdict.outcome) {
      case 'accepted':
        return [outboxEvent(ReportAccepted, submission.reportId, snapshotOf(submission, facts, 'accepted'))];
      case 'rejected':
        return [
          outboxEvent(ReportRejected, submission.reportId, {
            ...snapshotOf(submission, facts, 'rejected'),
            reasons: verdict.reasons,
          }),
        ];
      case 'pending':
        return [];
    }
  }
}
