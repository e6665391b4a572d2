import { Controller } from '@nestjs/common';
import { Ctx, KafkaContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import {
  type EventDefinition,
  type EventEnvelope,
  ReportAccepted,
  ReportAmended,
  ReportRejected,
  ReportSubmitted,
  type ReportState,
  type ReportVersionSnapshot,
  TOPICS,
} from '@redmet/contracts';
import { ConsumeTopic, EventConsumer, on } from '@redmet/messaging';
import { SYSTEM_ACTOR } from '../audit/audit';
import { lockClaimsCiting } from '../claims/claim-access';
import { ApprovalReassessment } from '../clawback/approval-reassessment';
import { ClawbackService } from '../clawback/clawback.service';
import { ReportVersions } from './report-versions';

/**
 * Keeps the report read model from `reporting.report.v1`. A decision on a
 * version (accepted, rejected) can lower what an approved claim relied on: a
 * paid claim's clawback starts, or an unpaid claim's approved amount goes
 * down, in the same transaction as the read-model update.
 */
/** The event type says what happened to the version; the payload's own `state` is not trusted over it. */
const STATE_AFTER: Record<string, ReportState> = {
  [ReportSubmitted.type]: 'submitted',
  [ReportAmended.type]: 'submitted',
  [ReportAccepted.type]: 'accepted',
  [ReportRejected.type]: 'rejected',
};

@Controller()
export class ReportsConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly reports: ReportVersions,
    private readonly clawbacks: ClawbackService,
    private readonly approvals: ApprovalReassessment,
  ) {}

  @ConsumeTopic(TOPICS.reportingReport)
  onReport(@Ctx() context: KafkaContext): Promise<void> {
    const definitions: EventDefinition<ReportVersionSnapshot>[] = [
      ReportSubmitted,
      ReportAmended,
      ReportAccepted,
      ReportRejected,
    ];
    return this.consumer.consume(
      context,
      definitions.map((definition) => on(definition, (event, manager) => this.apply(event, manager))),
    );
  }

  private async apply(event: EventEnvelope<ReportVersionSnapshot>, manager: EntityManager): Promise<void> {
    const state = STATE_AFTER[event.type];
    const decided = state === 'accepted' || state === 'rejected';
    // A UUID may come in either case; PostgreSQL gives ids back in lower case, and a claim's ids are compared
    // with this one as text (a first approval's report versions, the read model's answers keyed by report).
    const reportId = event.payload.reportId.toLowerCase();
    if (decided) await lockClaimsCiting(manager, reportId);
    const changed = await this.reports.record(manager, { ...event.payload, reportId, state }, event.occurredAt);
    if (!changed || !decided) return;
    for (const claim of await this.clawbacks.claimsRelyingOn(manager, reportId)) {
      const unpaid = claim.state === 'approved' || claim.state === 'payment_scheduled';
      if (unpaid) await this.approvals.reassess(manager, claim, SYSTEM_ACTOR);
      else await this.clawbacks.reassess(manager, claim, SYSTEM_ACTOR);
    }
    await this.approvals.withdrawStaleFirstApprovals(manager, reportId, SYSTEM_ACTOR);
  }
}
