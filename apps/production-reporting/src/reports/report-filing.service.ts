import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type RejectionReason, ReportAmended, ReportSubmitted, type ReportState } from '@redmet/contracts';
import { Outbox, outboxEvent } from '@redmet/messaging';
import { Clock } from '@redmet/platform';
import { ReportJudge, siteOf } from '../acceptance/report-judge';
import { isNilReturn, type Verdict } from '../acceptance/report-content';
import { holdRegistryViewForJudging } from '../acceptance/registry-view-lock';
import type { ReceiptView } from './dto/report.view';
import * as errors from './report.errors';
import { insertVersion, type NewReport, updateReport } from './report-store';
import { classified, regionOf, snapshotOf, type Submission } from './submission';

export interface Filed {
  reportId: string;
  version: number;
  state: ReportState;
  reasons: RejectionReason[];
  receipt: ReceiptView;
}

export function stateAndReasons(verdict: Verdict): { state: ReportState; reasons: RejectionReason[] } {
  switch (verdict.outcome) {
    case 'accepted':
      return { state: 'accepted', reasons: [] };
    case 'rejected':
      return { state: 'rejected', reasons: verdict.reasons };
    case 'pending':
      // Kept on the version so the producer can see what it waits for.
      return { state: 'pending', reasons: verdict.missing };
  }
}

/**
 * Files a signed version in the caller's transaction: judged against the
 * registry view, stored with its lines, `ReportSubmitted` (or `ReportAmended`)
 * then the decision event in the outbox. The caller runs the transaction
 * through retryLostRace.
 */
@Injectable()
export class ReportFiling {
  constructor(
    private readonly judge: ReportJudge,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** `report` when the report itself is new; an existing report's row must be locked by the caller. */
  async file(manager: EntityManager, submission: Submission, report?: NewReport): Promise<Filed> {
    await holdRegistryViewForJudging(manager);
    const judgement = await this.judge.judge(manager, submission, this.clock.today());
    const { facts } = judgement;
    if (submission.depositId && facts.depositOfAnotherCompany)
      throw errors.depositOfAnotherCompany(submission.depositId);
    const { state, reasons } = stateAndReasons(judgement.verdict);
    await insertVersion(
      manager,
      {
        ...submission,
        state,
        reasons,
        nilReturn: isNilReturn(submission.lines),
        region: regionOf(facts),
        lines: classified(submission.lines, facts),
        claim:
          state === 'accepted'
            ? { siteId: siteOf(submission), period: submission.period, months: facts.siteMonths }
            : undefined,
      },
      report,
    );
    if (!report) await updateReport(manager, submission.reportId, { version: submission.version, state });
    const submitted = snapshotOf(submission, facts, 'submitted');
    const filedEvent =
      submission.supersedesVersion === null
        ? outboxEvent(ReportSubmitted, submission.reportId, submitted)
        : outboxEvent(ReportAmended, submission.reportId, {
            ...submitted,
            supersedesVersion: submission.supersedesVersion,
            amendmentReason: submission.amendmentReason ?? '',
          });
    // The version's events in one statement: submitted (or amended), then the decision.
    await this.outbox.addAll(manager, [filedEvent, ...this.judge.decisionEvents(submission, judgement)]);
    return {
      reportId: submission.reportId,
      version: submission.version,
      state,
      reasons,
      receipt: {
        reportId: submission.reportId,
        version: submission.version,
        submittedAt: submission.submittedAt,
        signedBy: { userId: submission.signedBy.userId, name: submission.signedBy.name ?? null },
        contentSha256: submission.contentSha256,
      },
    };
  }
}
