import { randomUUID } from 'node:crypto';
import { waitFor } from '@redmet/testing';
import { AlertStream } from '../src/stream/alert-stream';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';
import { listening, openStream, type SseConnection } from './support/sse-client';

jest.setTimeout(180_000);

/** More than two of the stream's read pages (1000 events each). */
const MISSED = 2_345;

describe('alert stream resuming from Last-Event-ID', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    monitoring = await startMonitoring();
  });

  afterAll(async () => {
    await monitoring.close();
  });

  /** Alert changes written straight to the history, as thousands of rule runs would have written them. */
  async function recordChanges(alertId: string, count: number): Promise<string[]> {
    const rows = await monitoring.query<{ id: string }>(
      `INSERT INTO alert_event (alert_id, type, snapshot, silenced)
       SELECT $1::uuid, 'AlertRaised', jsonb_build_object('alertId', $1::text, 'subject', 'change:' || n), false
         FROM generate_series(1, $2) AS n
       RETURNING id::text`,
      [alertId, count],
    );
    return rows.map((row) => row.id).sort((a, b) => Number(a) - Number(b));
  }

  it('replays every missed event, however many, then goes on live', async () => {
    const alertId = randomUUID();
    await monitoring.query(
      `INSERT INTO alert (alert_id, rule_id, subject, severity, state, title, message, raised_at)
       VALUES ($1, 'subsidy.budget_utilisation', 'budget:stream-test', 'warning', 'open', 'Budget', 'Budget', now())`,
      [alertId],
    );
    const base = await listening(monitoring.app.getHttpServer());
    const token = await monitoring.auth.token({ roles: ['ministry_analyst'] });
    const ofAlert = (connection: SseConnection) =>
      connection.events.filter((event) => event.data.alertId === alertId).map((event) => event.id);
    const connected = await openStream(`${base}/alerts/stream?access_token=${token}`);
    const missed = await recordChanges(alertId, MISSED);
    // Once a connected console has them all, the stream has gone past them: a reconnect gets them only by replay.
    try {
      await waitFor(async () => ofAlert(connected).length >= MISSED, { ...PATIENTLY, description: 'live events' });
    } finally {
      connected.close();
    }
    expect(ofAlert(connected)).toEqual(missed);

    const resumed = await openStream(`${base}/alerts/stream`, {
      authorization: `Bearer ${token}`,
      'last-event-id': String(Number(missed[0]) - 1),
    });
    try {
      await waitFor(async () => ofAlert(resumed).length >= MISSED, { ...PATIENTLY, description: 'the missed events' });
      const live = await recordChanges(alertId, 1);
      await waitFor(async () => ofAlert(resumed).includes(live[0]), { ...PATIENTLY, description: 'a live event' });
      expect(ofAlert(resumed)).toEqual([...missed, ...live]);
    } finally {
      resumed.close();
    }
  });

  it('stops replaying and lets go of a client that leaves during the replay', async () => {
    const stream = monitoring.app.get(AlertStream);
    await waitFor(async () => stream.connected === 0, { ...PATIENTLY, description: 'earlier clients gone' });
    const left = new AbortController();
    let written = 0;
    // The client goes as the first event reaches it, with thousands still to replay.
    await stream.join(
      () => {
        written += 1;
        left.abort();
      },
      0,
      left.signal,
    );
    expect(stream.connected).toBe(0);
    expect(written).toBeLessThanOrEqual(1000);
  });
});

describe('alert stream at shutdown', () => {
  it('ends the open streams, so that the service can stop (consoles resume elsewhere from Last-Event-ID)', async () => {
    const monitoring = await startMonitoring();
    const base = await listening(monitoring.app.getHttpServer());
    const token = await monitoring.auth.token({ roles: ['ministry_analyst'] });
    const connection = await openStream(`${base}/alerts/stream?access_token=${token}`);
    await waitFor(async () => monitoring.app.get(AlertStream).connected === 1, PATIENTLY);
    // The HTTP server stops only once every connection has closed: an open stream would hold it until its token expired.
    const closing = monitoring.close();
    try {
      await waitFor(async () => connection.ended, { ...PATIENTLY, description: 'the stream ended by the shutdown' });
    } finally {
      connection.close();
      await closing;
    }
  });
});
