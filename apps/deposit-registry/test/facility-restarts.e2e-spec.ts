import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FacilityRegistered, parseEnvelope, parsePayload, TOPICS } from '@redmet/contracts';
import { readTopic, waitForLockWait } from '@redmet/testing';
import { createCompany, unique } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

const TABLES = ['facility', 'facility_status_change', 'outbox_message'];

/** A closed plant brought back is registered again, naming the plant it brings back (README, "Status changes"). */
describe('deposit-registry: a closed plant brought back', () => {
  let registry: RegistryTestApp;
  let operatorCompanyId: string;

  beforeAll(async () => {
    registry = await startRegistry();
    operatorCompanyId = (await createCompany(registry)).id;
  });

  afterAll(async () => {
    await registry.close();
  });

  const register = (body: Record<string, unknown> = {}) =>
    registry
      .http()
      .post('/facilities')
      .send({ name: unique('REE separation complex'), operatorCompanyId, region: 'Perm Krai', ...body });
  const registered = async (body: Record<string, unknown> = {}) => {
    const response = await register(body);
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const closedPlant = async () => {
    const id = await registered({ status: 'commissioned', statusSince: '2019-04-01' });
    await registry
      .http()
      .post(`/facilities/${id}/status`)
      .send({ status: 'closed', effectiveOn: '2024-10-01' })
      .expect(200);
    return id;
  };

  it('registers a plant naming the closed one it brings back, answers it and publishes it (FacilityRegistered v4)', async () => {
    const closed = await closedPlant();

    const response = await register({ restartOf: closed.toUpperCase(), status: 'under_construction' });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ restartOf: closed, version: 1 });
    const id = response.body.id as string;
    expect((await registry.http().get(`/facilities/${id}`).expect(200)).body).toMatchObject({ restartOf: closed });
    // The closed plant is not changed by being brought back: its successor is found by the list's filter.
    expect((await registry.http().get(`/facilities/${closed}`).expect(200)).body).toMatchObject({
      status: 'closed',
      restartOf: null,
      version: 2,
    });
    const successors = await registry.http().get('/facilities').query({ restartOf: closed }).expect(200);
    expect(successors.body.items.map((item: { id: string }) => item.id)).toEqual([id]);

    const [message] = await readTopic(
      TOPICS.registryFacility.name,
      (read) => read.key === id,
      (found) => found.length >= 1,
    );
    const envelope = parseEnvelope(JSON.parse(message.value ?? 'null'));
    if (!envelope.ok) throw new Error(envelope.errors.join('; '));
    expect(envelope.event).toMatchObject({ type: FacilityRegistered.type, schemaVersion: 4 });
    expect(parsePayload(envelope.event, FacilityRegistered)).toMatchObject({
      ok: true,
      event: { payload: { facilityId: id, restartOf: closed } },
    });
  });

  it('publishes restartOf as null for a plant that brings none back', async () => {
    const id = await registered();
    const [{ envelope }] = await registry.app
      .get(DataSource)
      .query('SELECT envelope FROM outbox_message WHERE message_key = $1', [id]);
    expect(envelope.payload).toHaveProperty('restartOf', null);
  });

  /** The plant named, and the one that brought it back already if any. */
  type Named = { restartOf: string; successor?: string };
  it.each<[string, () => Promise<Named>, number, string, string]>([
    [
      'an id that is not a uuid',
      async () => ({ restartOf: 'Solikamsk plant' }),
      400,
      'REQUEST.INVALID',
      'must be a UUID',
    ],
    ['an unknown facility', async () => ({ restartOf: randomUUID() }), 404, 'FACILITY.NOT_FOUND', 'No facility'],
    [
      'a plant not closed',
      async () => ({ restartOf: await registered({ status: 'commissioned', statusSince: '2020-01-01' }) }),
      409,
      'FACILITY.RESTART_OF_NOT_CLOSED',
      'is commissioned: only a closed plant is brought back',
    ],
    [
      'a closed plant already brought back, naming the plant that did',
      async () => {
        const restartOf = await closedPlant();
        return { restartOf, successor: await registered({ restartOf }) };
      },
      409,
      'FACILITY.ALREADY_RESTARTED',
      'has already been brought back by facility',
    ],
  ])('refuses to bring back %s, naming restartOf, and writes nothing', async (_, given, status, code, text) => {
    const { restartOf, successor } = await given();
    const counts = await registry.count(...TABLES);

    const response = await register({ restartOf });

    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.body.errors).toEqual([{ field: 'restartOf', messages: [expect.stringContaining(text)] }]);
    if (successor) expect(response.body.detail).toContain(successor);
    expect(await registry.count(...TABLES)).toEqual(counts);
  });

  // Planned too: its commissioning, dated from statusSince on, would otherwise come before the closing.
  it.each(['commissioned', 'planned'])(
    'refuses a plant brought back %s before the closed one closed, naming statusSince, and writes nothing',
    async (status) => {
      const closed = await closedPlant();
      const counts = await registry.count(...TABLES);

      const response = await register({ restartOf: closed, status, statusSince: '2024-09-30' });

      expect(response.status).toBe(422);
      expect(response.body.code).toBe('FACILITY.INVALID_EFFECTIVE_DATE');
      expect(response.body.errors).toEqual([
        { field: 'statusSince', messages: [expect.stringContaining('must not be before 2024-10-01')] },
      ]);
      expect(await registry.count(...TABLES)).toEqual(counts);
    },
  );

  it('registers a plant brought back commissioned on the day the closed one closed', async () => {
    const closed = await closedPlant();

    const response = await register({ restartOf: closed, status: 'commissioned', statusSince: '2024-10-01' });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ restartOf: closed, statusSince: '2024-10-01', commissionedOn: '2024-10-01' });
  });

  it('takes the plant brought back at registration only: a change of details naming one is refused', async () => {
    const [closed, id] = [await closedPlant(), await registered()];

    const response = await registry.http().patch(`/facilities/${id}`).send({ restartOf: closed });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'restartOf' }] });
    expect(await registry.eventsOf(id)).toEqual([FacilityRegistered.type]);
  });

  it('answers 409 when a concurrent registration brought the plant back after the look-up, not a second successor', async () => {
    const closed = await closedPlant();
    const dataSource = registry.app.get(DataSource);
    const rival = dataSource.createQueryRunner();
    await rival.startTransaction();
    await rival.query(
      `INSERT INTO facility (name, region, operator_company_id, operators, product_codes, status, status_since, version,
         restart_of)
       VALUES ($1, 'Perm Krai', $2, jsonb_build_array(jsonb_build_object('operatorCompanyId', $2::uuid, 'since', null)),
               '{}', 'planned', '2025-01-01', 1, $3)`,
      [unique('Rival plant'), operatorCompanyId, closed],
    );
    const counts = await registry.count(...TABLES);

    const settled = register({ restartOf: closed }).then((response) => response);
    // The request has passed the look-up and waits on the unique key for the rival to finish.
    await waitForLockWait((sql) => dataSource.query(sql));
    await rival.commitTransaction();
    await rival.release();
    const response = await settled;

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'FACILITY.ALREADY_RESTARTED', errors: [{ field: 'restartOf' }] });
    expect(await registry.count(...TABLES)).toEqual({ ...counts, facility: counts.facility + 1 });
  });

  it('lets only registry staff bring a plant back, even the producer of the company that ran it; everyone reads it', async () => {
    const closed = await closedPlant();
    const producer = await registry.auth.bearer({ roles: ['producer'], companyId: operatorCompanyId });
    const counts = await registry.count(...TABLES);

    const refused = await request(registry.app.getHttpServer())
      .post('/facilities')
      .set('authorization', producer)
      .send({ name: unique('REE plant'), operatorCompanyId, region: 'Perm Krai', restartOf: closed });

    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('AUTH.ROLE_REQUIRED');
    expect(await registry.count(...TABLES)).toEqual(counts);
    const id = await registered({ restartOf: closed });
    const stranger = await registry.auth.bearer({ roles: ['producer'], companyId: randomUUID() });
    const read = await request(registry.app.getHttpServer()).get(`/facilities/${id}`).set('authorization', stranger);
    expect(read.body).toMatchObject({ restartOf: closed });
  });
});
