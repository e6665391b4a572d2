import { randomUUID } from 'node:crypto';
import { deadLetterTopicName, ReportAccepted, ReportSubmitted, TOPICS } from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import { ConsumerEnvironment, consumerGroupOf, DLQ_HEADERS, MESSAGING_OPTIONS } from '@redmet/messaging';
import { readTopic, waitFor } from '@redmet/testing';
import { reportLine, reportRecorded, reportVersion, useSubsidyWorld } from './support/fixtures';

describe('the report read model, from reporting.report.v1', () => {
  const suite = useSubsidyWorld();

  it('keeps the decision on a version when its submission arrives late, and sums the figures', async () => {
    const report = reportVersion(randomUUID(), {
      lines: [reportLine('645.15', '2150.5'), { ...reportLine('0.1', '250'), lineNo: 2, unit: 'kg' }],
    });
    await suite.subsidy.publish(ReportAccepted, report.reportId, { ...report, state: 'accepted' });
    await reportRecorded(suite.subsidy, report.reportId, 1, 'accepted');
    // Later by its time too: the decision outranks a submission whenever it arrives, not only by being newer.
    const late = {
      ...sampleEvent(ReportSubmitted),
      eventId: randomUUID(),
      occurredAt: new Date(Date.now() + 60_000).toISOString(),
      aggregateId: report.reportId,
    };
    await suite.subsidy.publishRaw(ReportSubmitted, { ...late, payload: { ...report, state: 'submitted' } });
    await waitFor(
      async () =>
        (await suite.subsidy.sql(`SELECT 1 FROM processed_event WHERE event_id = $1`, [late.eventId])).length === 1,
    );

    const [row] = await suite.subsidy.sql(
      `SELECT state, metal_content_tonnes::text AS metal, quantity_tonnes::text AS quantity FROM report_version WHERE report_id = $1`,
      [report.reportId],
    );
    expect(row).toEqual({ state: 'accepted', metal: '645.25', quantity: '2150.75' });
  });

  it('dead-letters an event whose payload breaks the contract, and records nothing', async () => {
    const report = reportVersion(randomUUID());
    const broken = {
      ...sampleEvent(ReportAccepted),
      eventId: randomUUID(),
      aggregateId: report.reportId,
      payload: { ...report, lines: [{ ...reportLine(), metalContentTonnes: '-5' }] },
    };
    const group = consumerGroupOf(suite.subsidy.app.get(ConsumerEnvironment), suite.subsidy.app.get(MESSAGING_OPTIONS));
    await suite.subsidy.publishRaw(ReportAccepted, broken);
    const [dead] = await readTopic(
      deadLetterTopicName(TOPICS.reportingReport.name),
      // Other consumers of the topic (other test files', benchmarks') dead-letter it too.
      (message) => message.headers[DLQ_HEADERS.consumerGroup] === group && message.key === report.reportId,
      (found) => found.length >= 1,
    );
    expect(dead.headers['x-dlq-error-kind']).toBe('invalid-payload');
    expect(dead.headers['x-dlq-error']).toContain('metalContentTonnes');
    expect(await suite.subsidy.sql(`SELECT 1 FROM report_version WHERE report_id = $1`, [report.reportId])).toEqual([]);
  });
});
