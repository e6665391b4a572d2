import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  type Actor,
  type EventEnvelope,
  FacilityOperatorChanged,
  FacilityRegistered,
  FacilityStatusChanged,
  LicenceExpired,
  LicenceIssued,
  LicenceRevoked,
  parseEnvelope,
  TOPICS,
  type TopicDefinition,
} from '@redmet/contracts';
import { readTopic, serviceToday } from '@redmet/testing';
import { LICENCE_EXPIRY, REGISTRY_STAFF } from '../src/common/changed-by';
import { LicenceExpiryService } from '../src/licences/licence-expiry.service';
import { createCompany, createDeposit, createLicence, unique } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

/** Who made each change (README, "Who changed it"): recorded, answered and published. */
describe('deposit-registry: who changed it', () => {
  let registry: RegistryTestApp;
  let holder: string;
  const anna: Actor = { userId: randomUUID(), name: 'Anna Registrova' };
  const boris: Actor = { userId: randomUUID(), name: 'Boris Adminov' };
  const as = async (actor: Actor, roles: ('registry_admin' | 'admin')[]) =>
    request
      .agent(registry.app.getHttpServer())
      .set('authorization', await registry.auth.bearer({ roles, userId: actor.userId, name: actor.name ?? undefined }));
  const reader = async (claims: { roles: ('producer' | 'ministry_analyst')[]; companyId?: string }) =>
    request.agent(registry.app.getHttpServer()).set('authorization', await registry.auth.bearer(claims));

  beforeAll(async () => {
    registry = await startRegistry();
    holder = (await createCompany(registry)).id;
  });

  afterAll(async () => {
    await registry.close();
  });

  /** The events of one aggregate as read back from its topic, once `count` have arrived. */
  const published = async (topic: TopicDefinition, key: string, count: number) => {
    const messages = await readTopic(
      topic.name,
      (message) => message.key === key,
      (found) => found.length >= count,
    );
    return messages.map((message) => {
      const envelope = parseEnvelope(JSON.parse(message.value ?? 'null'));
      if (!envelope.ok) throw new Error(envelope.errors.join('; '));
      return envelope.event as EventEnvelope<{ changedBy?: Actor | null }>;
    });
  };

  /** A commissioned plant, registered by `by` (another registry admin when not given). */
  const registerPlant = async (operatorCompanyId: string, by?: Actor, statusSince?: string) => {
    const http = by ? await as(by, ['registry_admin']) : registry.http();
    const response = await http
      .post('/facilities')
      .send({ name: unique('REE plant'), operatorCompanyId, region: 'Perm Krai', status: 'commissioned', statusSince });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  it('records the user who revoked a licence in its history, its GET and the LicenceRevoked event', async () => {
    const licence = await createLicence(registry, { holderCompanyId: holder });
    const issuer = licence.createdBy as Actor;
    expect(issuer).toEqual({ userId: expect.any(String), name: null });
    expect(licence.updatedBy).toEqual(issuer);

    const revoked = await (
      await as(anna, ['registry_admin'])
    )
      .post(`/licences/${licence.id}/revoke`)
      .send({ reason: 'Breach of the development plan' });

    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', createdBy: issuer, updatedBy: anna });
    const history = await registry.http().get(`/licences/${licence.id}/history`);
    expect(
      history.body.map((change: { toStatus: string; changedBy: Actor }) => [change.toStatus, change.changedBy]),
    ).toEqual([
      ['active', issuer],
      ['revoked', anna],
    ]);
    const record = await registry.http().get(`/licences/${licence.id}`);
    expect(record.body).toMatchObject({ version: 2, createdBy: issuer, updatedBy: anna });
    const events = await published(TOPICS.registryLicence, licence.id, 2);
    expect(events.map((event) => [event.type, event.schemaVersion, event.payload.changedBy])).toEqual([
      [LicenceIssued.type, 2, issuer],
      [LicenceRevoked.type, 2, anna],
    ]);
  });

  it('records the user who closed a plant in its history, its GET and the FacilityStatusChanged event', async () => {
    const facilityId = await registerPlant(holder);

    const closed = await (
      await as(boris, ['admin'])
    )
      .post(`/facilities/${facilityId}/status`)
      .send({ status: 'closed', effectiveOn: serviceToday() });

    expect(closed.status).toBe(200);
    const history = await registry.http().get(`/facilities/${facilityId}/history`);
    expect(history.body.at(-1)).toMatchObject({ fromStatus: 'commissioned', toStatus: 'closed', changedBy: boris });
    expect(history.body[0].changedBy).toEqual({ userId: expect.any(String), name: null });
    expect((await registry.http().get(`/facilities/${facilityId}`)).body).toMatchObject({
      status: 'closed',
      updatedBy: boris,
    });
    const events = await published(TOPICS.registryFacility, facilityId, 2);
    expect(events.map((event) => [event.type, event.schemaVersion, event.payload.changedBy])).toEqual([
      [FacilityRegistered.type, 4, history.body[0].changedBy],
      [FacilityStatusChanged.type, 4, boris],
    ]);
  });

  it('names who changed a plant to the producers of the company that ran it on the change’s day', async () => {
    const [former, current] = [(await createCompany(registry)).id, (await createCompany(registry)).id];
    const facilityId = await registerPlant(former, anna, '2025-01-10');
    const admin = await as(boris, ['admin']);
    const change = (path: string, body: object) => admin.post(`/facilities/${facilityId}/${path}`).send(body);
    expect((await change('status', { status: 'modernised', effectiveOn: '2025-03-05' })).status).toBe(200);
    expect((await change('operator', { operatorCompanyId: current, effectiveOn: '2025-06-01' })).status).toBe(200);
    expect((await change('status', { status: 'closed', effectiveOn: '2025-09-15' })).status).toBe(200);
    const authorsFor = async (companyId: string) =>
      (await (await reader({ roles: ['producer'], companyId })).get(`/facilities/${facilityId}/history`)).body.map(
        (row: { toStatus: string; changedBy: Actor }) => [row.toStatus, row.changedBy],
      );

    expect(await authorsFor(former)).toEqual([
      ['commissioned', anna],
      ['modernised', boris],
      ['closed', REGISTRY_STAFF],
    ]);
    expect(await authorsFor(current)).toEqual([
      ['commissioned', anna],
      ['modernised', boris],
      ['closed', boris],
    ]);
    expect((await authorsFor(randomUUID())).map(([, author]: [string, Actor]) => author)).toEqual(
      Array(3).fill(REGISTRY_STAFF),
    );
  });

  it('keeps who handed a plant over on its new operator, named to staff and to the two companies, in full in the event', async () => {
    const [giving, taking] = [(await createCompany(registry)).id, (await createCompany(registry)).id];
    const facilityId = await registerPlant(giving, anna, '2025-01-10');

    const handedOver = await (
      await as(boris, ['admin'])
    )
      .post(`/facilities/${facilityId}/operator`)
      .send({ operatorCompanyId: taking, effectiveOn: '2025-06-01' });

    expect(handedOver.status).toBe(200);
    const recorded = [
      { operatorCompanyId: giving, since: null },
      { operatorCompanyId: taking, since: '2025-06-01', handedOverBy: boris },
    ];
    expect(handedOver.body.operators).toEqual(recorded);
    // The operator it was registered with has no hand-over author: who registered it is its createdBy.
    expect(handedOver.body.operators[0]).not.toHaveProperty('handedOverBy');
    expect(handedOver.body.createdBy).toEqual(anna);
    type Period = { operatorCompanyId: string; since: string | null; handedOverBy?: unknown };
    /** The plant's operators as one reader is answered them: its GET, and its entry in the list of either company. */
    const operatorsFor = async (http: Awaited<ReturnType<typeof reader>>) => {
      const record = await http.get(`/facilities/${facilityId}`);
      expect(record.status).toBe(200);
      for (const companyId of [giving, taking]) {
        const listed = await http.get('/facilities').query({ operatedBy: companyId, pageSize: 200 });
        const item = listed.body.items.find((facility: { id: string }) => facility.id === facilityId);
        expect(item.operators).toEqual(record.body.operators);
      }
      return { operators: record.body.operators as Period[], etag: record.headers.etag };
    };
    const authorFor = async (http: Awaited<ReturnType<typeof reader>>) => {
      const { operators } = await operatorsFor(http);
      expect(operators.map(({ operatorCompanyId, since }) => [operatorCompanyId, since])).toEqual([
        [giving, null],
        [taking, '2025-06-01'],
      ]);
      expect(operators[0].handedOverBy).toBeUndefined();
      return operators[1].handedOverBy;
    };

    expect(await authorFor(registry.http())).toEqual(boris);
    expect(await authorFor(await reader({ roles: ['ministry_analyst'] }))).toEqual(boris);
    expect(await authorFor(await reader({ roles: ['producer'], companyId: taking }))).toEqual(boris);
    expect(await authorFor(await reader({ roles: ['producer'], companyId: giving }))).toEqual(boris);
    expect(await authorFor(await reader({ roles: ['producer'], companyId: randomUUID() }))).toEqual(REGISTRY_STAFF);
    expect(await authorFor(await reader({ roles: ['producer'] }))).toEqual(REGISTRY_STAFF);
    // A copy without the name is not the version's representation: it never carries the version's strong tag.
    const stranger = await reader({ roles: ['producer'], companyId: randomUUID() });
    const { etag } = await operatorsFor(stranger);
    expect(etag).toMatch(/^W\/"/);
    expect((await operatorsFor(await reader({ roles: ['producer'], companyId: taking }))).etag).toBe('"2"');
    const strangerBody = JSON.stringify((await stranger.get(`/facilities/${facilityId}`)).body);
    expect(strangerBody).not.toContain(boris.userId);
    expect(strangerBody).not.toContain('Boris');

    const events = await published(TOPICS.registryFacility, facilityId, 2);
    expect(events.map((event) => [event.type, event.schemaVersion])).toEqual([
      [FacilityRegistered.type, 4],
      [FacilityOperatorChanged.type, 4],
    ]);
    const payload = events[1].payload as { operators: Period[]; changedBy: Actor; previousOperatorCompanyId: string };
    expect(payload).toMatchObject({ changedBy: boris, previousOperatorCompanyId: giving });
    expect(payload.operators).toEqual(recorded);
    expect(payload.operators[0]).not.toHaveProperty('handedOverBy');
  });

  it('names each hand-over’s author only to the two companies it was between, not to a later operator', async () => {
    const [first, second, third] = [
      (await createCompany(registry)).id,
      (await createCompany(registry)).id,
      (await createCompany(registry)).id,
    ];
    const facilityId = await registerPlant(first, anna, '2024-01-10');
    const handOver = async (actor: Actor, operatorCompanyId: string, effectiveOn: string) =>
      (await as(actor, ['registry_admin']))
        .post(`/facilities/${facilityId}/operator`)
        .send({ operatorCompanyId, effectiveOn });
    expect((await handOver(boris, second, '2024-07-01')).status).toBe(200);
    expect((await handOver(anna, third, '2025-02-01')).status).toBe(200);
    const answeredTo = async (companyId: string) => {
      const response = await (await reader({ roles: ['producer'], companyId })).get(`/facilities/${facilityId}`);
      return {
        authors: response.body.operators.map((period: { handedOverBy?: unknown }) => period.handedOverBy),
        createdBy: response.body.createdBy,
        updatedBy: response.body.updatedBy,
        etag: response.headers.etag,
      };
    };

    expect(await answeredTo(first)).toMatchObject({ authors: [undefined, boris, REGISTRY_STAFF] });
    expect(await answeredTo(second)).toMatchObject({ authors: [undefined, boris, anna] });
    // The operator now is named who registered and last changed its plant, but not who made a hand-over
    // between two other companies; the answer without that name is a copy, with a weak tag of its own.
    const current = await answeredTo(third);
    expect(current).toMatchObject({ authors: [undefined, REGISTRY_STAFF, anna], createdBy: anna, updatedBy: anna });
    expect(current.etag).toMatch(/^W\/"/);
    expect((await registry.http().get(`/facilities/${facilityId}`)).headers.etag).toBe('"3"');
  });

  it('keeps the author of the last change when a PATCH changes nothing, and names the new one when it does', async () => {
    const deposit = await createDeposit(registry);
    const admin = await as(anna, ['registry_admin']);

    const same = await (await as(boris, ['admin'])).patch(`/deposits/${deposit.id}`).send({ status: deposit.status });
    expect(same.body).toMatchObject({ version: 1, updatedBy: deposit.createdBy });

    const changed = await admin.patch(`/deposits/${deposit.id}`).send({ status: 'producing' });
    expect(changed.body).toMatchObject({ version: 2, createdBy: deposit.createdBy, updatedBy: anna });
  });

  it('records an expiry by the scheduled check as made by the registry itself, shown to everyone', async () => {
    const licence = await createLicence(registry, {
      holderCompanyId: holder,
      validFrom: '2020-01-01',
      validTo: '2030-06-30',
    });

    await registry.app.get(LicenceExpiryService).runCheck(new Date('2030-07-01T06:00:00Z'));

    const system = { userId: 'system', name: 'deposit-registry: scheduled licence expiry' };
    expect(LICENCE_EXPIRY).toEqual(system);
    const history = await registry.http().get(`/licences/${licence.id}/history`);
    expect(history.body.at(-1)).toMatchObject({ toStatus: 'expired', changedBy: system });
    expect((await registry.http().get(`/licences/${licence.id}`)).body).toMatchObject({
      status: 'expired',
      updatedBy: system,
    });
    const events = await published(TOPICS.registryLicence, licence.id, 2);
    expect(events.at(-1)).toMatchObject({ type: LicenceExpired.type, payload: { changedBy: system } });
    const stranger = await reader({ roles: ['producer'], companyId: randomUUID() });
    expect((await stranger.get(`/licences/${licence.id}/history`)).body.at(-1).changedBy).toEqual(system);
    expect((await stranger.get(`/licences/${licence.id}`)).body.updatedBy).toEqual(system);
  });

  describe('who is named to whom', () => {
    let licenceId: string;
    let facilityId: string;
    let depositId: string;
    let staffView: Record<string, unknown>;

    beforeAll(async () => {
      depositId = (await createDeposit(registry)).id;
      licenceId = (await createLicence(registry, { holderCompanyId: holder, depositId })).id;
      await (await as(anna, ['registry_admin'])).post(`/licences/${licenceId}/suspend`).send({ reason: 'Inspection' });
      facilityId = await registerPlant(holder);
      await (await as(boris, ['admin'])).patch(`/facilities/${facilityId}`).send({ capacityTonnesPerYear: '1200' });
      staffView = (await registry.http().get(`/licences/${licenceId}`)).body;
    });

    it.each([
      ['a ministry analyst', () => reader({ roles: ['ministry_analyst'] })],
      ['a producer of the holder and operator', () => reader({ roles: ['producer'], companyId: holder })],
    ])('names the people to %s', async (_, agent) => {
      const http = await agent();

      const licence = await http.get(`/licences/${licenceId}`);
      expect(licence.body).toEqual(staffView);
      expect(licence.headers.etag).toBe('"2"');
      expect((await http.get(`/licences/${licenceId}/history`)).body.at(-1).changedBy).toEqual(anna);
      expect((await http.get(`/facilities/${facilityId}`)).body.updatedBy).toEqual(boris);
      const listed = await http.get(`/licences?holderCompanyId=${holder}&pageSize=200`);
      expect(listed.body.items.find((item: { id: string }) => item.id === licenceId).updatedBy).toEqual(anna);
    });

    it.each([
      ['of another company', () => reader({ roles: ['producer'], companyId: randomUUID() })],
      ['without a company', () => reader({ roles: ['producer'] })],
    ])('shows a producer %s "registry staff", with no user id, in records, lists and histories', async (_, agent) => {
      const http = await agent();

      const licence = await http.get(`/licences/${licenceId}`);
      expect(licence.body).toEqual({ ...staffView, createdBy: REGISTRY_STAFF, updatedBy: REGISTRY_STAFF });
      expect(REGISTRY_STAFF).toEqual({ userId: null, name: 'registry staff' });
      // Not the version's representation, so not its strong tag: never a 304 against a copy staff read.
      expect(licence.headers.etag).not.toBe('"2"');
      expect((await http.get(`/licences/${licenceId}`).set('if-none-match', '"2"')).status).toBe(200);
      const history = await http.get(`/licences/${licenceId}/history`);
      expect(history.body.map((change: { changedBy: unknown }) => change.changedBy)).toEqual([
        REGISTRY_STAFF,
        REGISTRY_STAFF,
      ]);
      const listed = await http.get(`/licences?holderCompanyId=${holder}&pageSize=200`);
      expect(listed.body.items.find((item: { id: string }) => item.id === licenceId).updatedBy).toEqual(REGISTRY_STAFF);
      expect((await http.get(`/facilities/${facilityId}`)).body.updatedBy).toEqual(REGISTRY_STAFF);
      expect((await http.get(`/facilities/${facilityId}/history`)).body[0].changedBy).toEqual(REGISTRY_STAFF);
      expect((await http.get(`/deposits/${depositId}`)).body.createdBy).toEqual(REGISTRY_STAFF);
      expect((await http.get(`/companies/${holder}`)).body.createdBy).toEqual(REGISTRY_STAFF);
      const body = JSON.stringify([licence.body, history.body, listed.body]);
      expect(body).not.toContain(anna.userId);
      expect(body).not.toContain('Anna');
    });

    it('does not name the people of deposits and products to any producer, the holder’s included', async () => {
      const http = await reader({ roles: ['producer'], companyId: holder });

      expect((await http.get(`/deposits/${depositId}`)).body.updatedBy).toEqual(REGISTRY_STAFF);
    });
  });
});
