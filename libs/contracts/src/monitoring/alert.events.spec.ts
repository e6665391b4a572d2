import { parseEnvelope, parsePayload } from '../parse-event';
import { AlertRaised } from './alert.events';

describe('monitoring.alert.v1 contracts', () => {
  const v1 = {
    eventId: '0d6f2a51-3c8e-4b7a-9e12-6a4c8b2d1f30',
    type: 'AlertRaised',
    schemaVersion: 1,
    occurredAt: '2026-05-01T00:05:00.000Z',
    source: 'target-monitoring',
    aggregateType: 'Alert',
    aggregateId: 'b8d4f2a6-1c3e-4a5b-9d7f-0e2c4a6b8d10',
    correlationId: 'req-01',
    causationId: null,
    payload: {
      alertId: 'b8d4f2a6-1c3e-4a5b-9d7f-0e2c4a6b8d10',
      ruleId: 'subsidy.budget_utilisation',
      subject: 'budget:2026',
      severity: 'warning',
      state: 'open',
      title: 'Subsidy budget 2026 is 95.00% committed',
      message: 'Above the 90% threshold.',
      raisedAt: '2026-05-01T00:05:00.000Z',
    },
  };

  const parse = (raw: object) => {
    const envelope = parseEnvelope(raw);
    if (!envelope.ok) throw new Error(envelope.errors.join('; '));
    return parsePayload(envelope.event, AlertRaised);
  };

  it('still reads a schema version 1 alert, which has no silenced flag', () => {
    expect(parse(v1).ok).toBe(true);
  });

  it('reads the silenced flag of version 2 and refuses anything but a boolean', () => {
    expect(parse({ ...v1, schemaVersion: 2, payload: { ...v1.payload, silenced: true } }).ok).toBe(true);
    expect(parse({ ...v1, schemaVersion: 2, payload: { ...v1.payload, silenced: 'yes' } }).ok).toBe(false);
  });
});
