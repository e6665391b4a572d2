import { randomUUID } from 'node:crypto';
import {
  AlertAcknowledged,
  AlertEscalated,
  AlertRaised,
  AlertResolved,
  AlertSeverityRaised,
  CompanyRegistered,
  DepositRegistered,
  FacilityRegistered,
  FacilityUpdated,
  LicenceAmended,
  LicenceExpiring,
  LicenceIssued,
  type LicenceSnapshot,
  LicenceSuspended,
  ReportAccepted,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { Clock } from '@redmet/platform';
import { EscalationService } from '../src/alerts/escalation.service';
import { ProgrammeEvaluator } from '../src/alerts/programme-evaluator';
import { acceptedReport, facility, issuedLicence, lines, productCode } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

const RULE = 'registry.licence_expiring_output';
/** Today for these tests: licences ending by 2071-08-13 are within the 90 days' notice. */
const TODAY = '2071-05-15';

interface AlertView {
  alertId: string;
  state: string;
  severity: string;
  silenced: boolean;
  acknowledgedBy: unknown;
  acknowledgementComment: string | null;
  title: string;
  message: string;
  details: Record<string, unknown>;
}

describe('licences ending while output is reported', () => {
  let monitoring: MonitoringTestApp;
  let clock: jest.SpyInstance<Date, []>;

  /** Noon in Moscow: the day is the same there and in UTC. */
  const dayIs = (day: string) => clock.mockReturnValue(new Date(`${day}T09:00:00Z`));

  beforeAll(async () => {
    // No evaluation but the tests' own: what an event does is told apart from what the sweep does.
    monitoring = await startMonitoring({ ALERT_EVALUATION_INTERVAL_MS: '3600000' });
    clock = jest.spyOn(monitoring.app.get(Clock), 'now');
    dayIs(TODAY);
  });

  beforeEach(() => dayIs(TODAY));

  afterAll(async () => {
    clock.mockRestore();
    await monitoring.close();
  });

  /** The periodic evaluation, now rather than when its timer fires. */
  const sweep = () => monitoring.app.get(ProgrammeEvaluator).evaluate();

  const alertsOf = async (subject: string): Promise<AlertView[]> =>
    (await (await monitoring.http()).get('/alerts').query({ subject, ruleId: RULE, pageSize: 50 }).expect(200)).body
      .items;

  const statesOf = async (subject: string) => (await alertsOf(subject)).map((alert) => alert.state);

  const eventsOf = (alertId: string) => monitoring.publishedTypes(alertId);

  const issue = async (licence: LicenceSnapshot) =>
    monitoring.processed(await monitoring.publish(LicenceIssued, licence.licenceId, licence));

  /** Output of the licence's holder from its deposit (or through `facilityId`) for `period`. */
  const report = async (licence: LicenceSnapshot, period: string, facilityId: string | null = null) => {
    const accepted = acceptedReport({
      companyId: licence.holderCompanyId,
      depositId: facilityId ? null : licence.depositId,
      facilityId,
      period,
      lines: lines({ productCode: productCode(), quantity: '12' }),
    });
    await monitoring.processed(await monitoring.publish(ReportAccepted, accepted.reportId, accepted));
    return accepted;
  };

  /** A licence ending on `validTo`, and output reported under it for `period`. */
  const producing = async (validTo: string, period: string, overrides: Partial<LicenceSnapshot> = {}) => {
    const licence = issuedLicence({ validTo, ...overrides });
    await issue(licence);
    await report(licence, period);
    return { licence, subject: `licence:${licence.licenceId}` };
  };

  /** The holder's other licence for the same deposit. */
  const sibling = (licence: LicenceSnapshot, overrides: Partial<LicenceSnapshot>) =>
    issuedLicence({ holderCompanyId: licence.holderCompanyId, depositId: licence.depositId, ...overrides });

  it('raises one alert for a producing licence ending within the notice, naming it, and not again when told again', async () => {
    const licence = issuedLicence({ number: `MUR ${randomUUID().slice(0, 5)} TE`, validTo: '2071-07-31' });
    const subject = `licence:${licence.licenceId}`;
    await monitoring.processed(
      await monitoring.publish(CompanyRegistered, licence.holderCompanyId, {
        ...samplePayload(CompanyRegistered),
        companyId: licence.holderCompanyId,
        legalName: 'Lovozersky GOK LLC',
      }),
      await monitoring.publish(DepositRegistered, licence.depositId, {
        ...samplePayload(DepositRegistered),
        depositId: licence.depositId,
        name: 'Lovozero (Karnasurt mine)',
      }),
    );
    await issue(licence);
    expect(await alertsOf(subject)).toEqual([]);

    await report(licence, '2071-03');
    const [raised, ...others] = await alertsOf(subject);
    expect(others).toEqual([]);
    expect(raised).toMatchObject({
      state: 'open',
      severity: 'warning',
      title: `Licence ${licence.number} ends in 77 days while output is still reported`,
      details: {
        licenceId: licence.licenceId,
        licenceNumber: licence.number,
        holderName: 'Lovozersky GOK LLC',
        depositName: 'Lovozero (Karnasurt mine)',
        validTo: '2071-07-31',
        daysLeft: 77,
        latestPeriod: '2071-03',
      },
    });
    expect(raised.message).toContain(
      'for Lovozero (Karnasurt mine), held by Lovozersky GOK LLC, is valid until 2071-07-31',
    );

    // The registry's own notice, the same report again, a later month and the sweep: the one alert, updated.
    const accepted = await report(licence, '2071-04');
    await monitoring.processed(
      await monitoring.publish(LicenceExpiring, licence.licenceId, { ...licence, daysBefore: 90 }),
      await monitoring.publish(ReportAccepted, accepted.reportId, accepted),
    );
    await sweep();
    expect(await alertsOf(subject)).toEqual([
      expect.objectContaining({
        alertId: raised.alertId,
        state: 'open',
        details: expect.objectContaining({ latestPeriod: '2071-04' }),
      }),
    ]);
    expect(await eventsOf(raised.alertId)).toEqual([AlertRaised.type]);
  });

  it('raises none for output older than twelve months, a licence ending after the notice, an exploration licence, or one a replacement takes over from', async () => {
    // The trailing twelve complete months run from 2070-05: April 2070 is older.
    const stale = await producing('2071-07-31', '2070-04');
    const later = await producing('2071-09-30', '2071-03');
    const exploring = await producing('2071-07-31', '2071-03', { type: 'exploration' });
    const replaced = issuedLicence({ validTo: '2071-07-31' });
    await issue(sibling(replaced, { type: 'production', validFrom: '2071-08-01', validTo: '2091-07-31' }));
    await issue(replaced);
    await report(replaced, '2071-03');
    await sweep();
    for (const subject of [stale, later, exploring].map((each) => each.subject)) {
      expect(await alertsOf(subject)).toEqual([]);
    }
    expect(await alertsOf(`licence:${replaced.licenceId}`)).toEqual([]);

    // A month inside the trailing year is recent, a quarter reaching into it too.
    await report(stale.licence, '2070-Q2');
    expect(await statesOf(stale.subject)).toEqual(['open']);
  });

  it('resolves when the licence is extended', async () => {
    const { licence, subject } = await producing('2071-07-31', '2071-03');
    const [raised] = await alertsOf(subject);
    expect(raised.state).toBe('open');

    const extended = { ...licence, validTo: '2081-07-31', version: 2 };
    await monitoring.processed(await monitoring.publish(LicenceAmended, licence.licenceId, extended));
    expect(await statesOf(subject)).toEqual(['resolved']);
    await sweep();
    expect(await eventsOf(raised.alertId)).toEqual([AlertRaised.type, AlertResolved.type]);
  });

  it("resolves when the holder's replacement for the deposit is issued, not for another holder's or an exploration licence", async () => {
    const { licence, subject } = await producing('2071-07-31', '2071-03');
    expect(await statesOf(subject)).toEqual(['open']);

    const after = { validFrom: '2071-06-01', validTo: '2091-05-31' };
    await issue(issuedLicence({ depositId: licence.depositId, ...after }));
    await issue(sibling(licence, { type: 'exploration', ...after }));
    // Ending before the day after: it does not take over.
    await issue(sibling(licence, { validFrom: '2071-06-01', validTo: '2071-07-31' }));
    // Another holder's licence re-judges only that holder's: the sweep judges this one again.
    await sweep();
    expect(await statesOf(subject)).toEqual(['open']);

    await issue(sibling(licence, { type: 'production', ...after }));
    expect(await statesOf(subject)).toEqual(['resolved']);
  });

  it('resolves when the licence is suspended: in force no longer, it is other rules’ concern', async () => {
    const { licence, subject } = await producing('2071-07-31', '2071-03');
    expect(await statesOf(subject)).toEqual(['open']);

    await monitoring.processed(
      await monitoring.publish(LicenceSuspended, licence.licenceId, {
        ...licence,
        status: 'suspended',
        statusSince: '2071-05-10',
        previousStatus: 'active',
        reason: 'Mining plan not submitted on time',
        version: 2,
      }),
    );
    expect(await statesOf(subject)).toEqual(['resolved']);
  });

  it('raises for output through a plant processing the deposit, and resolves when the plant turns to another deposit', async () => {
    const licence = issuedLicence({ validTo: '2071-07-31' });
    const subject = `licence:${licence.licenceId}`;
    const plant = facility({ operatorCompanyId: licence.holderCompanyId, depositId: licence.depositId });
    await monitoring.processed(await monitoring.publish(FacilityRegistered, plant.facilityId, plant));
    await issue(licence);
    await report(licence, '2071-02', plant.facilityId);
    expect(await statesOf(subject)).toEqual(['open']);

    const elsewhere = { ...plant, depositId: randomUUID(), version: 2 };
    await monitoring.processed(await monitoring.publish(FacilityUpdated, plant.facilityId, elsewhere));
    expect(await statesOf(subject)).toEqual(['resolved']);
  });

  it('is raised by the sweep as the days pass, turns critical within 30 days, and resolves after the last valid day', async () => {
    const { subject } = await producing('2071-09-30', '2071-03');
    await sweep();
    expect(await alertsOf(subject)).toEqual([]);

    dayIs('2071-07-15');
    await sweep();
    const [raised] = await alertsOf(subject);
    expect(raised).toMatchObject({
      state: 'open',
      severity: 'warning',
      details: expect.objectContaining({ daysLeft: 77 }),
    });

    dayIs('2071-09-10');
    await sweep();
    expect(await alertsOf(subject)).toEqual([
      expect.objectContaining({
        alertId: raised.alertId,
        severity: 'critical',
        details: expect.objectContaining({ daysLeft: 20 }),
      }),
    ]);

    dayIs('2071-09-30');
    await sweep();
    expect(await statesOf(subject)).toEqual(['open']);
    dayIs('2071-10-01');
    await sweep();
    expect(await statesOf(subject)).toEqual(['resolved']);
    expect(await eventsOf(raised.alertId)).toEqual([AlertRaised.type, AlertSeverityRaised.type, AlertResolved.type]);
  });

  it('tells of a warning turned critical, asks for an acknowledgement of it anew, and escalates it unacknowledged', async () => {
    const { licence, subject } = await producing('2071-07-31', '2071-03');
    const [raised] = await alertsOf(subject);
    expect(raised).toMatchObject({ state: 'open', severity: 'warning' });
    const analyst = await monitoring.http('ministry_analyst', { userId: 'u-analyst-5', name: 'M. Orlova' });
    await analyst.post(`/alerts/${raised.alertId}/acknowledge`).send({ comment: 'Renewal filed' }).expect(200);

    // The licence is cut short: 20 days left.
    const shortened = { ...licence, validTo: '2071-06-04', version: licence.version + 1 };
    await monitoring.processed(await monitoring.publish(LicenceAmended, licence.licenceId, shortened));
    const [worse] = await alertsOf(subject);
    expect(worse).toMatchObject({
      alertId: raised.alertId,
      state: 'open',
      severity: 'critical',
      acknowledgedBy: null,
      acknowledgementComment: null,
    });
    const detail = async () => (await analyst.get(`/alerts/${raised.alertId}`).expect(200)).body;
    expect((await detail()).history.map((entry: { type: string }) => entry.type)).toEqual([
      AlertRaised.type,
      AlertAcknowledged.type,
      AlertSeverityRaised.type,
    ]);
    const [told] = await monitoring.query<{ payload: { severity: string; previousSeverity: string } }>(
      `SELECT envelope -> 'payload' AS payload FROM outbox_message WHERE message_key = $1 AND event_type = $2 ORDER BY id`,
      [raised.alertId, AlertSeverityRaised.type],
    );
    expect(told.payload).toMatchObject({ severity: 'critical', previousSeverity: 'warning', state: 'open' });

    // Told again, still critical: nothing new.
    await report(licence, '2071-04');
    const escalation = monitoring.app.get(EscalationService);
    await escalation.runCheck(new Date(Date.now() + 5 * 60_000));
    expect(await eventsOf(raised.alertId)).toEqual([
      AlertRaised.type,
      AlertAcknowledged.type,
      AlertSeverityRaised.type,
    ]);
    await escalation.runCheck(new Date(Date.now() + 61 * 60_000));
    expect(await eventsOf(raised.alertId)).toEqual([
      AlertRaised.type,
      AlertAcknowledged.type,
      AlertSeverityRaised.type,
      AlertEscalated.type,
    ]);
    await analyst
      .post(`/alerts/${raised.alertId}/acknowledge`)
      .send({ comment: 'Ministry called the holder' })
      .expect(200);

    // Extended again to a warning's distance: milder is no news, and the acknowledgement stands.
    await monitoring.processed(
      await monitoring.publish(LicenceAmended, licence.licenceId, {
        ...shortened,
        validTo: '2071-07-31',
        version: shortened.version + 1,
      }),
    );
    expect(await alertsOf(subject)).toEqual([
      expect.objectContaining({
        state: 'acknowledged',
        severity: 'warning',
        acknowledgementComment: 'Ministry called the holder',
      }),
    ]);
    expect(await eventsOf(raised.alertId)).toEqual([
      AlertRaised.type,
      AlertAcknowledged.type,
      AlertSeverityRaised.type,
      AlertEscalated.type,
      AlertAcknowledged.type,
    ]);
  });

  describe('a rise in severity under a silence', () => {
    const silenceEnds = () => new Date(Date.now() + 2 * 3600_000);

    /** A licence alerted at 77 days, a silence on it, then cut short to 20 days: a rise the silence mutes. */
    const risenUnderSilence = async (silenceFirst = false) => {
      const licence = issuedLicence({ validTo: '2071-07-31' });
      const subject = `licence:${licence.licenceId}`;
      const ends = silenceEnds();
      const silence = async () =>
        (await monitoring.http())
          .post('/silences')
          .send({ subject, endsAt: ends.toISOString(), reason: 'renewal under review' })
          .expect(201);
      if (silenceFirst) await silence();
      await issue(licence);
      await report(licence, '2071-03');
      if (!silenceFirst) await silence();
      const shortened = { ...licence, validTo: '2071-06-04', version: licence.version + 1 };
      await monitoring.processed(await monitoring.publish(LicenceAmended, licence.licenceId, shortened));
      const [alert] = await alertsOf(subject);
      const history = async () =>
        (await (await monitoring.http()).get(`/alerts/${alert.alertId}`).expect(200)).body.history.map(
          (entry: { type: string; silenced: boolean }) => [entry.type, entry.silenced],
        );
      const afterSilence = new Date(ends.getTime() + 60_000);
      const silenceEnded = async () => {
        const escalation = monitoring.app.get(EscalationService);
        return [await escalation.announceUnsilenced(afterSilence), await escalation.announceUntoldRises(afterSilence)];
      };
      return { licence: shortened, subject, alert, history, afterSilence, silenceEnded };
    };

    it('is kept from people, and told once the silence ends, with their full time to acknowledge from then', async () => {
      const { alert, history, afterSilence, silenceEnded } = await risenUnderSilence();
      expect(alert).toMatchObject({ severity: 'critical', state: 'open', silenced: false });
      expect(await history()).toEqual([
        [AlertRaised.type, false],
        [AlertSeverityRaised.type, true],
      ]);
      const escalation = monitoring.app.get(EscalationService);
      await escalation.runCheck(new Date(afterSilence.getTime() - 120_000));
      expect(await history()).toHaveLength(2);

      expect(await silenceEnded()).toEqual([0, 1]);
      expect(await silenceEnded()).toEqual([0, 0]);
      await escalation.runCheck(new Date(afterSilence.getTime() + 5 * 60_000));
      expect(await history()).toEqual([
        [AlertRaised.type, false],
        [AlertSeverityRaised.type, true],
        [AlertSeverityRaised.type, false],
      ]);
      const told = await monitoring.query<{ payload: { severity: string; previousSeverity: string } }>(
        `SELECT envelope -> 'payload' AS payload FROM outbox_message WHERE message_key = $1 AND event_type = $2 ORDER BY id`,
        [alert.alertId, AlertSeverityRaised.type],
      );
      expect(told.map((row) => row.payload)).toEqual([
        expect.objectContaining({ previousSeverity: 'warning', severity: 'critical', silenced: true }),
        expect.objectContaining({ previousSeverity: 'warning', severity: 'critical', silenced: false }),
      ]);
      await escalation.runCheck(new Date(afterSilence.getTime() + 61 * 60_000));
      expect((await history()).at(-1)).toEqual([AlertEscalated.type, false]);
    });

    it('still lets people hear the all-clear of the alert they knew of', async () => {
      const { licence, subject, history, silenceEnded } = await risenUnderSilence();
      await monitoring.processed(
        await monitoring.publish(LicenceAmended, licence.licenceId, {
          ...licence,
          validTo: '2081-07-31',
          version: licence.version + 1,
        }),
      );
      expect(await statesOf(subject)).toEqual(['resolved']);
      expect(await history()).toEqual([
        [AlertRaised.type, false],
        [AlertSeverityRaised.type, true],
        [AlertResolved.type, false],
      ]);
      expect(await silenceEnded()).toEqual([0, 0]);
    });

    it('is told by an acknowledgement meanwhile, which people hear of, and not again after the silence', async () => {
      const { alert, history, silenceEnded } = await risenUnderSilence();
      await (
        await monitoring.http('ministry_analyst')
      )
        .post(`/alerts/${alert.alertId}/acknowledge`)
        .send({ comment: 'Seen: critical' })
        .expect(200);
      expect(await silenceEnded()).toEqual([0, 0]);
      expect(await history()).toEqual([
        [AlertRaised.type, false],
        [AlertSeverityRaised.type, true],
        [AlertAcknowledged.type, false],
      ]);
    });

    it('of an alert people never heard of is told by raising the alert again, once', async () => {
      const { alert, history, silenceEnded } = await risenUnderSilence(true);
      expect(alert).toMatchObject({ severity: 'critical', silenced: true });
      expect(await silenceEnded()).toEqual([1, 0]);
      expect(await history()).toEqual([
        [AlertRaised.type, true],
        [AlertSeverityRaised.type, true],
        [AlertRaised.type, false],
      ]);
    });
  });

  it('is resolved by the sweep once the latest output falls out of the trailing twelve months', async () => {
    const { subject } = await producing('2072-04-30', '2071-03');
    // March 2072 is not yet complete: the trailing twelve months run from March 2071.
    dayIs('2072-03-30');
    await sweep();
    expect(await statesOf(subject)).toEqual(['open']);

    dayIs('2072-03-31');
    await sweep();
    expect(await statesOf(subject)).toEqual(['resolved']);
  });

  it('takes a longer notice at the next sweep, and refuses settings that are out of range or inconsistent, naming them', async () => {
    const admin = await monitoring.http('admin');
    const change = (settings: Record<string, unknown>) =>
      admin
        .patch(`/configuration/rules/${RULE}`)
        .send({ ...settings, effectiveFrom: TODAY, reason: 'test: a longer notice' });
    const refusedFields = async (settings: Record<string, unknown>) =>
      (await change(settings).expect(400)).body.errors.map((error: { field: string }) => error.field);
    expect(await refusedFields({ noticeDays: 0 })).toEqual(['noticeDays']);
    expect(await refusedFields({ criticalDays: -1 })).toEqual(['criticalDays']);
    expect(await refusedFields({ criticalDays: 120 })).toEqual(['criticalDays']);
    expect(await refusedFields({ dropFraction: '0.5' })).toEqual(['dropFraction']);

    const { subject } = await producing('2071-09-30', '2071-03');
    expect(await alertsOf(subject)).toEqual([]);
    await change({ noticeDays: 180, criticalDays: null }).expect(200);
    try {
      await sweep();
      expect(await alertsOf(subject)).toEqual([
        expect.objectContaining({
          state: 'open',
          severity: 'warning',
          details: expect.objectContaining({ daysLeft: 138 }),
        }),
      ]);
    } finally {
      await change({ noticeDays: 90, criticalDays: 30 }).expect(200);
    }
    await sweep();
    expect(await statesOf(subject)).toEqual(['resolved']);
  });

  it('resolves its open alerts when the rule is disabled, and raises none while it is', async () => {
    const admin = await monitoring.http('admin');
    const enabled = (on: boolean) =>
      admin
        .patch(`/configuration/rules/${RULE}`)
        .send({ enabled: on, effectiveFrom: TODAY, reason: `test: rule ${on ? 'on' : 'off'}` })
        .expect(200);
    const { subject } = await producing('2071-07-31', '2071-03');
    expect(await statesOf(subject)).toEqual(['open']);

    await enabled(false);
    try {
      await sweep();
      expect(await statesOf(subject)).toEqual(['resolved']);
      await sweep();
      expect(await statesOf(subject)).toEqual(['resolved']);
    } finally {
      await enabled(true);
    }
    // Enabled again, the licence is alerted anew (the newest first).
    await sweep();
    expect(await statesOf(subject)).toEqual(['open', 'resolved']);
  });
});
