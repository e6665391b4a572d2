import { waitFor } from '@redmet/testing';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';

jest.setTimeout(120_000);

/** What a careless or hostile client sends: refused with 400 naming the field, and nothing recorded. */
describe('monitoring: input refused with field errors', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    monitoring = await startMonitoring();
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const BLANK = ' \t ';
  const versions = async (key: string) =>
    (await (await monitoring.http()).get(`/configuration/versions/${key}`).expect(200)).body as unknown[];

  it.each([
    ['a list of points where a point belongs', { path: [[{ year: 2027, value: '62' }]] }, 'path.0'],
    ['an empty list where a point belongs', { path: [{ year: 2027, value: '62' }, []] }, 'path.1'],
  ])('refuses %s in a target path, naming it, and records nothing', async (_case, change, field) => {
    const before = await versions('target:import-dependence');

    const refused = await (
      await monitoring.http('admin')
    )
      .patch('/configuration/targets/import-dependence')
      .send({ ...change, effectiveFrom: '2026-01-01', reason: 'intermediate milestones' });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field, messages: ['each item of path must be an object, not a list'] }]);
    expect(await versions('target:import-dependence')).toEqual(before);
  });

  it.each([
    ['reason', 'targets/new-plants', { targetValue: '16' }],
    ['name', 'targets/new-plants', { reason: 'renamed' }],
    ['source', 'targets/new-plants', { reason: 'new source' }],
    ['reason', 'rules/output.sudden_drop', { dropFraction: '0.4' }],
    ['reason', 'products/LI-CARBONATE', { metalContentFactor: '0.188' }],
  ])('refuses a blank %s of /configuration/%s, naming it, and records nothing', async (field, path, change) => {
    const refused = await (
      await monitoring.http('admin')
    )
      .patch(`/configuration/${path}`)
      .send({ effectiveFrom: '2026-01-01', ...change, [field]: BLANK });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field, messages: [`${field} must not be blank`] }]);
    expect(await versions('target:new-plants')).toHaveLength(1);
    expect(await versions('rule:output.sudden_drop')).toHaveLength(1);
  });

  it('answers a configuration key holding a NUL character with 400 naming the key, not a database error', async () => {
    const refused = await (await monitoring.http()).get('/configuration/versions/target:%00');

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'key', messages: ['must not contain a NUL character or half a surrogate pair'] },
    ]);
  });

  it('refuses a blank acknowledgement comment, naming it, and leaves the alert open', async () => {
    // No new plant is known in a test database, 0 of 15 is off track: an alert, evaluated on start.
    const open = () =>
      monitoring
        .http()
        .then((http) => http.get('/alerts?subject=target:new-plants&state=open').expect(200))
        .then((response) => response.body.items as { alertId: string }[]);
    const [alert] = await waitFor(async () => {
      const found = await open();
      return found.length > 0 && found;
    }, PATIENTLY);

    const refused = await (
      await monitoring.http()
    )
      .post(`/alerts/${alert.alertId}/acknowledge`)
      .send({ comment: BLANK });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'comment', messages: ['comment must not be blank'] }]);
    expect(await open()).toContainEqual(expect.objectContaining({ alertId: alert.alertId }));
  });

  it('refuses a webhook with a blank description, and a subscription naming a rule twice, and records neither', async () => {
    const admin = await monitoring.http('admin');

    const webhook = await admin
      .post('/subscriptions/webhooks')
      .send({ url: 'https://gisp.example/hooks/redmet', description: BLANK });
    const email = await admin
      .post('/subscriptions/email')
      .send({ email: 'm.orlova@minpromtorg.example', ruleIds: ['output.sudden_drop', 'output.sudden_drop'] });

    expect(webhook.status).toBe(400);
    expect(webhook.body.errors).toEqual([{ field: 'description', messages: ['description must not be blank'] }]);
    expect(email.status).toBe(400);
    expect(email.body.errors).toEqual([{ field: 'ruleIds', messages: [expect.stringContaining('unique')] }]);
    expect((await admin.get('/subscriptions/webhooks').expect(200)).body).toEqual([]);
    expect((await admin.get('/subscriptions/email').expect(200)).body).toEqual([]);
  });

  it.each([
    ['/subsidy/summary', 'programmeYear', '0x7EA'],
    ['/subsidy/summary', 'programmeYear', '2.026e3'],
    ['/subsidy/summary', 'programmeYear', ''],
    ['/import-dependence', 'year', ' 2026'],
    ['/alerts', 'page', '0b1'],
    ['/silences', 'active', '1'],
  ])('refuses %s?%s=%p, naming the parameter, rather than reading it as another number', async (path, name, value) => {
    const refused = await (await monitoring.http()).get(path).query({ [name]: value });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: name, messages: expect.arrayContaining([expect.any(String)]) }]);
  });

  it('reads a year written in decimal digits', async () => {
    await (await monitoring.http()).get('/subsidy/summary').query({ programmeYear: '2026' }).expect(200);
  });

  it.each([
    [
      'a week date',
      { endsAt: '2026-W50-1' },
      'endsAt',
      'endsAt must be a date and time with its zone, e.g. 2026-12-31T23:59:59Z',
    ],
    [
      'an ordinal date',
      { endsAt: '2027-123' },
      'endsAt',
      'endsAt must be a date and time with its zone, e.g. 2026-12-31T23:59:59Z',
    ],
    [
      'the basic format',
      { startsAt: '20271231T235959Z' },
      'startsAt',
      'startsAt must be a date and time with its zone, e.g. 2026-12-31T23:59:59Z',
    ],
    [
      'a time without its zone',
      { endsAt: '2027-01-01T00:00:00' },
      'endsAt',
      'endsAt must be a date and time with its zone, e.g. 2026-12-31T23:59:59Z',
    ],
    ['a day that does not exist', { endsAt: '2027-02-30T00:00:00Z' }, 'endsAt', 'endsAt must be a real date and time'],
    ['a blank reason', { reason: BLANK }, 'reason', 'reason must not be blank'],
    ['a blank subject', { subject: BLANK }, 'subject', 'subject must not be blank'],
  ])('refuses a silence with %s, naming the field, and records none', async (_case, change, field, message) => {
    const http = await monitoring.http();
    const silences = async () => (await http.get('/silences').expect(200)).body.total as number;
    const before = await silences();

    const refused = await http.post('/silences').send({
      subject: 'product:LI-CARBONATE',
      endsAt: '2099-01-01T00:00:00Z',
      reason: 'customs being corrected',
      ...change,
    });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field, messages: [message] }]);
    expect(await silences()).toBe(before);
  });
});
