import { DepositRegistered, DepositUpdated, parseEnvelope, parsePayload, TOPICS } from '@redmet/contracts';
import { readTopic } from '@redmet/testing';
import { createDeposit, unique } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

describe('deposits', () => {
  let registry: RegistryTestApp;

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  it('publishes DepositRegistered to registry.deposit.v1, keyed by the deposit id, with a valid envelope', async () => {
    const response = await registry
      .http()
      .post('/deposits')
      .send({
        name: unique('Tomtor (Buranny site)'),
        region: 'Sakha (Yakutia)',
        latitude: 71.03,
        longitude: 116.55,
        metals: ['Nb', 'REE', 'Sc'],
        status: 'development',
      });
    expect(response.status).toBe(201);
    const deposit = response.body;
    expect(deposit).toMatchObject({
      region: 'Sakha (Yakutia)',
      latitude: 71.03,
      metals: ['Nb', 'REE', 'Sc'],
      version: 1,
    });

    const [message] = await readTopic(
      TOPICS.registryDeposit.name,
      (m) => m.key === deposit.id,
      (found) => found.length === 1,
    );

    const envelope = parseEnvelope(JSON.parse(message.value ?? 'null'));
    if (!envelope.ok) throw new Error(envelope.errors.join('; '));
    expect(envelope.event).toMatchObject({
      type: 'DepositRegistered',
      source: 'deposit-registry',
      aggregateId: deposit.id,
    });
    const payload = parsePayload(envelope.event, DepositRegistered);
    if (!payload.ok) throw new Error(payload.errors.join('; '));
    expect(payload.event.payload).toMatchObject({
      depositId: deposit.id,
      name: deposit.name,
      metals: ['Nb', 'REE', 'Sc'],
      version: 1,
    });
  });

  it('updates a deposit, raising its version and emitting DepositUpdated with the whole new state', async () => {
    const deposit = await createDeposit(registry, { status: 'exploration' });

    const response = await registry
      .http()
      .patch(`/deposits/${deposit.id}`)
      .send({ status: 'development', latitude: 68.28 });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'development', latitude: 68.28, name: deposit.name, version: 2 });
    expect(await registry.eventsOf(deposit.id)).toEqual([DepositRegistered.type, DepositUpdated.type]);
    expect((await registry.http().get(`/deposits/${deposit.id}`)).body).toMatchObject({
      status: 'development',
      version: 2,
    });
  });

  it('filters by region, metal, status and part of the name, and pages', async () => {
    const region = unique('Test Oblast');
    await createDeposit(registry, { name: 'Alpha beryllium', region, metals: ['Be'], status: 'exploration' });
    await createDeposit(registry, { name: 'Beta lithium', region, metals: ['Li', 'Be'], status: 'producing' });
    await createDeposit(registry, { name: 'Gamma lithium', region, metals: ['Li'], status: 'producing' });
    const names = async (query: Record<string, string | number>) => {
      const response = await registry
        .http()
        .get('/deposits')
        .query({ region, ...query });
      expect(response.status).toBe(200);
      return { total: response.body.total, names: response.body.items.map((item: { name: string }) => item.name) };
    };

    expect(await names({})).toEqual({ total: 3, names: ['Alpha beryllium', 'Beta lithium', 'Gamma lithium'] });
    expect(await names({ metal: 'Be' })).toEqual({ total: 2, names: ['Alpha beryllium', 'Beta lithium'] });
    expect(await names({ status: 'producing', metal: 'Li' })).toEqual({
      total: 2,
      names: ['Beta lithium', 'Gamma lithium'],
    });
    expect(await names({ name: 'LITHIUM' })).toEqual({ total: 2, names: ['Beta lithium', 'Gamma lithium'] });
    expect(await names({ pageSize: 2, page: 2 })).toEqual({ total: 3, names: ['Gamma lithium'] });
  });

  it.each([
    ['a wrong type', { name: 42 }, 'name'],
    ['an unknown field', { colour: 'red' }, 'colour'],
    ['an unknown metal', { metals: ['Li', 'Unobtainium'] }, 'metals'],
    ['no metals', { metals: [] }, 'metals'],
    ['a latitude out of range', { latitude: 95 }, 'latitude'],
    ['an unknown status', { status: 'abandoned' }, 'status'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_case, change, field) => {
    const valid = { name: 'Zashikhinskoye', region: 'Irkutsk Oblast', metals: ['Ta', 'Nb'], status: 'development' };
    const before = await registry.count('deposit', 'outbox_message');

    const response = await registry
      .http()
      .post('/deposits')
      .send({ ...valid, ...change });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [expect.objectContaining({ field })] });
    expect(await registry.count('deposit', 'outbox_message')).toEqual(before);
  });

  it('answers a malformed JSON body with 400, not 500', async () => {
    const response = await registry
      .http()
      .post('/deposits')
      .set('content-type', 'application/json')
      .send('{"name": "Tastyg",');

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a null for a required field on update, and writes nothing', async () => {
    const deposit = await createDeposit(registry);
    const before = await registry.count('deposit', 'outbox_message');

    const response = await registry.http().patch(`/deposits/${deposit.id}`).send({ name: null });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    expect(await registry.count('deposit', 'outbox_message')).toEqual(before);
    expect(await registry.eventsOf(deposit.id)).toEqual([DepositRegistered.type]);
  });

  it('registers and moves a deposit to coordinates JavaScript writes with an exponent, its events carrying them', async () => {
    // 1e-7 is a point 1 cm from the equator: the event contract once read the number as text and refused it (a 500).
    const registered = await registry
      .http()
      .post('/deposits')
      .send({
        name: unique('Null Island'),
        region: 'Tuva',
        metals: ['Ta'],
        status: 'exploration',
        latitude: 1e-7,
        longitude: -5e-7,
      });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ latitude: 1e-7, longitude: -5e-7 });

    const moved = await registry.http().patch(`/deposits/${registered.body.id}`).send({ latitude: 0, longitude: 2e-7 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ latitude: 0, longitude: 2e-7 });
    expect(await registry.eventsOf(registered.body.id)).toEqual([DepositRegistered.type, DepositUpdated.type]);
  });

  it('answers 404 DEPOSIT.NOT_FOUND for an unknown id and 400 for one that is not a UUID', async () => {
    const missing = await registry.http().get('/deposits/6f1c0c57-8a5e-4c84-9d7e-0e6f4f1b2a10');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('DEPOSIT.NOT_FOUND');
    const patched = await registry
      .http()
      .patch('/deposits/6f1c0c57-8a5e-4c84-9d7e-0e6f4f1b2a10')
      .send({ status: 'producing' });
    expect(patched.status).toBe(404);
    expect((await registry.http().get('/deposits/not-a-uuid')).status).toBe(400);
  });
});
