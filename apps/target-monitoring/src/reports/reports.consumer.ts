import { Controller } from '@nestjs/common';
import { Ctx, KafkaContext } from '@nestjs/microservices';
import { ReportAccepted, ReportingDeadlineMissed, TOPICS } from '@redmet/contracts';
import { ConsumeTopic, EventConsumer, onEach } from '@redmet/messaging';
import { InputsChanged } from '../alerts/inputs-changed';
import { DeadlineProjection } from './deadline-projection';
import { ReportProjection } from './report-projection';
import { ReportRules } from './report-rules';

/**
 * Only accepted versions count: a submitted, amended or rejected version
 * changes nothing here (a rejected amendment leaves the accepted one standing).
 */
@Controller()
export class ReportsConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly reports: ReportProjection,
    private readonly deadlines: DeadlineProjection,
    private readonly rules: ReportRules,
    private readonly inputsChanged: InputsChanged,
  ) {}

  @ConsumeTopic(TOPICS.reportingReport)
  async onReport(@Ctx() context: KafkaContext): Promise<void> {
    let changed = false;
    await this.consumer.consume(context, [
      onEach(ReportAccepted, async (events, manager) => {
        const recorded = await this.reports.record(manager, events);
        await this.rules.afterReports(manager, recorded.changed);
        await this.reports.aggregate(manager, recorded);
        changed ||= recorded.changed.length > 0;
      }),
    ]);
    // Once committed: an evaluation that starts before the commit would not see the change, and take the mark.
    if (changed) this.inputsChanged.mark();
  }

  @ConsumeTopic(TOPICS.reportingDeadline)
  onDeadline(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, [
      onEach(ReportingDeadlineMissed, async (events, manager) => {
        const missed = await this.deadlines.apply(manager, events);
        await this.rules.afterMissedDeadlines(manager, missed);
      }),
    ]);
  }
}
