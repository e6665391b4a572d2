import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  type Actor,
  type EventEnvelope,
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

  const registerPlant = async (operatorCompanyId: string) => {
    const response = await registry
      .http()
      .post('/facilities')
      .send({ name: unique('REE plant'), operatorCompanyId, region: 'Perm Krai', status: 'commissioned' });
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
      [FacilityRegistered.type, 2, history.body[0].changedBy],
      [FacilityStatusChanged.type, 2, boris],
    ]);
  });

  it('names who changed a plant to the producers of the company that ran it on the change’s day', async () => {
    const [former, current] = [(await createCompany(registry)).id, (await createCompany(registry)).id];
    const registered = await (await as(anna, ['registry_admin'])).post('/facilities').send({
      name: unique('REE plant'),
      operatorCompanyId: former,
      region: 'Perm Krai',
      status: 'commissioned',
      statusSince: '2025-01-10',
    });
    expect(registered.status).toBe(201);
    const facilityId = registered.body.id as string;
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
