import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FacilityOperatorChanged, FacilityRegistered, FacilityStatusChanged, FacilityUpdated } from '@redmet/contracts';
import { createCompany, createDeposit, createProduct, unique } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

const TABLES = ['facility', 'facility_status_change', 'outbox_message'];

describe('facilities', () => {
  let registry: RegistryTestApp;
  let operatorCompanyId: string;
  let productCode: string;

  beforeAll(async () => {
    registry = await startRegistry();
    operatorCompanyId = (await createCompany(registry)).id;
    productCode = (await createProduct(registry, { elements: ['Nd', 'Pr'], tonnageClass: 'small', hsCode: '2846.90' }))
      .code;
  });

  afterAll(async () => {
    await registry.close();
  });

  const register = (body: Record<string, unknown> = {}) =>
    registry
      .http()
      .post('/facilities')
      .send({
        name: unique('REE separation complex'),
        operatorCompanyId,
        region: 'Perm Krai',
        productCodes: [productCode],
        ...body,
      });
  const changeStatus = (id: string, status: string, effectiveOn: string) =>
    registry.http().post(`/facilities/${id}/status`).send({ status, effectiveOn });
  const changeOperator = (id: string, companyId: string, effectiveOn: string) =>
    registry.http().post(`/facilities/${id}/operator`).send({ operatorCompanyId: companyId, effectiveOn });

  it('registers (FacilityRegistered) and updates details (FacilityUpdated)', async () => {
    const deposit = await createDeposit(registry);
    const response = await register({
      depositId: deposit.id,
      capacityTonnesPerYear: '2500',
      status: 'under_construction',
      statusSince: '2024-05-01',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'under_construction',
      statusSince: '2024-05-01',
      commissionedOn: null,
      capacityTonnesPerYear: '2500',
      version: 1,
    });

    const updated = await registry
      .http()
      .patch(`/facilities/${response.body.id}`)
      .send({ capacityTonnesPerYear: '2750.5' });

    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      capacityTonnesPerYear: '2750.5',
      depositId: deposit.id,
      productCodes: [productCode],
      version: 2,
    });
    expect(await registry.eventsOf(response.body.id)).toEqual([FacilityRegistered.type, FacilityUpdated.type]);
  });

  it('takes the operator and deposit ids in either case and keeps, answers and publishes them in lower case', async () => {
    const [deposit, laterDeposit] = [await createDeposit(registry), await createDeposit(registry)];
    const laterOperatorId = (await createCompany(registry)).id;
    const registered = await register({
      operatorCompanyId: operatorCompanyId.toUpperCase(),
      depositId: deposit.id.toUpperCase(),
    });
    const updated = await registry
      .http()
      .patch(`/facilities/${registered.body.id}`)
      .send({ depositId: laterDeposit.id.toUpperCase() });
    const handedOver = await changeOperator(registered.body.id, laterOperatorId.toUpperCase(), '2026-01-01');

    expect(registered.body).toMatchObject({ operatorCompanyId, depositId: deposit.id });
    expect(updated.body).toMatchObject({ operatorCompanyId, depositId: laterDeposit.id });
    expect(handedOver.body).toMatchObject({ operatorCompanyId: laterOperatorId });
    const events: { envelope: { payload: object } }[] = await registry.app
      .get(DataSource)
      .query('SELECT envelope FROM outbox_message WHERE message_key = $1 ORDER BY id', [registered.body.id]);
    expect(events.map((event) => event.envelope.payload)).toEqual([
      expect.objectContaining({ operatorCompanyId, depositId: deposit.id }),
      expect.objectContaining({ operatorCompanyId, depositId: laterDeposit.id }),
      expect.objectContaining({
        operatorCompanyId: laterOperatorId,
        operators: [
          { operatorCompanyId, since: null },
          { operatorCompanyId: laterOperatorId, since: '2026-01-01', handedOverBy: handedOver.body.updatedBy },
        ],
        previousOperatorCompanyId: operatorCompanyId,
      }),
    ]);
  });

  it('hands a plant over from the first day of a month, keeping who ran it before (FacilityOperatorChanged)', async () => {
    const [second, third] = [(await createCompany(registry)).id, (await createCompany(registry)).id];
    const { id } = (await register({ status: 'commissioned', statusSince: '2020-01-15' })).body;

    const first = await changeOperator(id, second, '2025-07-01');
    const again = await changeOperator(id, third, '2026-03-01');

    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    const facility = (await registry.http().get(`/facilities/${id}`)).body;
    expect(facility).toMatchObject({
      operatorCompanyId: third,
      operators: [
        { operatorCompanyId, since: null },
        { operatorCompanyId: second, since: '2025-07-01' },
        { operatorCompanyId: third, since: '2026-03-01' },
      ],
      version: 3,
    });
    expect(await registry.eventsOf(id)).toEqual([
      FacilityRegistered.type,
      FacilityOperatorChanged.type,
      FacilityOperatorChanged.type,
    ]);
    const ids = async (query: Record<string, string>) => {
      const response = await registry.http().get('/facilities').query(query);
      expect(response.status).toBe(200);
      return response.body.items.map((item: { id: string }) => item.id);
    };
    expect(await ids({ operatorCompanyId: third })).toEqual([id]);
    expect(await ids({ operatorCompanyId: second })).toEqual([]);
    // Earlier operators still report the months they ran it: they find it by having operated it.
    expect(await ids({ operatedBy: second })).toEqual([id]);
    expect(await ids({ operatedBy: third })).toEqual([id]);
    expect(await ids({ operatedBy: (await createCompany(registry)).id })).toEqual([]);
    const refused = await registry.http().get('/facilities').query({ operatedBy: 'not-a-company' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'operatedBy' })]);
  });

  it.each([
    [
      'a day other than the first of a month',
      'next',
      '2026-03-15',
      422,
      'FACILITY.INVALID_EFFECTIVE_DATE',
      'effectiveOn',
    ],
    [
      'a month not after the current operator took over',
      'next',
      '2025-07-01',
      422,
      'FACILITY.INVALID_EFFECTIVE_DATE',
      'effectiveOn',
    ],
    ['a month to come', 'next', '2999-01-01', 422, 'FACILITY.INVALID_EFFECTIVE_DATE', 'effectiveOn'],
    ['the current operator', 'current', '2026-03-01', 409, 'FACILITY.ALREADY_OPERATOR', 'operatorCompanyId'],
    ['an unknown company', 'unknown', '2026-03-01', 404, 'COMPANY.NOT_FOUND', 'operatorCompanyId'],
    ['a date that is not a date', 'next', '2026-02-30', 400, 'REQUEST.INVALID', 'effectiveOn'],
  ])(
    'refuses a hand-over to %s, naming the field, and writes nothing',
    async (_case, to, effectiveOn, status, code, field) => {
      const current = (await createCompany(registry)).id;
      const next = (await createCompany(registry)).id;
      const { id } = (await register({ status: 'commissioned', statusSince: '2020-01-15' })).body;
      expect((await changeOperator(id, current, '2025-07-01')).status).toBe(200);
      const counts = await registry.count(...TABLES);

      const companyId = { next, current, unknown: randomUUID() }[to as 'next' | 'current' | 'unknown'];
      const response = await changeOperator(id, companyId, effectiveOn);

      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ code, errors: [{ field }] });
      expect(await registry.count(...TABLES)).toEqual(counts);
      expect((await registry.http().get(`/facilities/${id}`)).body.operatorCompanyId).toBe(current);
    },
  );

  it('gives no plant to a company being wound up, on registration or hand-over, and writes nothing', async () => {
    const winding = (await createCompany(registry)).id;
    await registry.http().patch(`/companies/${winding}`).send({ status: 'in_liquidation' }).expect(200);
    const { id } = (await register({ status: 'commissioned', statusSince: '2020-01-15' })).body;
    const counts = await registry.count(...TABLES);

    const registered = await register({ operatorCompanyId: winding });
    const handedOver = await changeOperator(id, winding, '2026-01-01');

    for (const response of [registered, handedOver]) {
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'FACILITY.OPERATOR_NOT_ACTIVE',
        errors: [{ field: 'operatorCompanyId', messages: [expect.stringContaining('in_liquidation')] }],
      });
    }
    expect(await registry.count(...TABLES)).toEqual(counts);
  });

  it('takes no operator in a change of details: a hand-over needs the day it took effect', async () => {
    const { id } = (await register()).body;
    const other = (await createCompany(registry)).id;

    const response = await registry.http().patch(`/facilities/${id}`).send({ operatorCompanyId: other });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'operatorCompanyId' }] });
    expect(await registry.eventsOf(id)).toEqual([FacilityRegistered.type]);
  });

  it('moves planned → under construction → commissioned → modernised → modernised, keeping the first commissioning day', async () => {
    const { id } = (await register({ statusSince: '2020-01-15' })).body;

    const steps: [status: string, effectiveOn: string, commissionedOn: string | null][] = [
      ['under_construction', '2021-03-01', null],
      ['commissioned', '2023-09-01', '2023-09-01'],
      ['modernised', '2025-02-01', '2023-09-01'],
      ['modernised', '2026-01-20', '2023-09-01'],
    ];
    for (const [status, effectiveOn, commissionedOn] of steps) {
      const response = await changeStatus(id, status, effectiveOn);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status, statusSince: effectiveOn, commissionedOn });
    }

    expect((await registry.http().get(`/facilities/${id}`)).body).toMatchObject({
      status: 'modernised',
      commissionedOn: '2023-09-01',
      version: 5,
    });
    expect(await registry.eventsOf(id)).toEqual([
      FacilityRegistered.type,
      ...Array(4).fill(FacilityStatusChanged.type),
    ]);
    const history = await registry.http().get(`/facilities/${id}/history`);
    expect(history.body.map((row: Record<string, unknown>) => [row.fromStatus, row.toStatus, row.effectiveOn])).toEqual(
      [
        [null, 'planned', '2020-01-15'],
        ['planned', 'under_construction', '2021-03-01'],
        ['under_construction', 'commissioned', '2023-09-01'],
        ['commissioned', 'modernised', '2025-02-01'],
        ['modernised', 'modernised', '2026-01-20'],
      ],
    );
  });

  it('closes a plant for good, keeping its commissioning day, and publishes the closing day (FacilityStatusChanged)', async () => {
    const { id } = (await register({ status: 'commissioned', statusSince: '2023-09-01' })).body;
    expect((await changeStatus(id, 'modernised', '2025-02-01')).status).toBe(200);

    const closed = await changeStatus(id, 'closed', '2026-05-10');

    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      statusSince: '2026-05-10',
      commissionedOn: '2023-09-01',
      version: 3,
    });
    const [{ envelope }] = await registry.app
      .get(DataSource)
      .query(
        `SELECT envelope FROM outbox_message WHERE message_key = $1 AND event_type = $2 ORDER BY id DESC LIMIT 1`,
        [id, FacilityStatusChanged.type],
      );
    expect(envelope.payload).toMatchObject({
      facilityId: id,
      status: 'closed',
      statusSince: '2026-05-10',
      commissionedOn: '2023-09-01',
      previousStatus: 'modernised',
    });
    const history = await registry.http().get(`/facilities/${id}/history`);
    expect(history.body.at(-1)).toMatchObject({
      fromStatus: 'modernised',
      toStatus: 'closed',
      effectiveOn: '2026-05-10',
    });
    const listed = await registry.http().get('/facilities').query({ status: 'closed', operatorCompanyId });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(id);
  });

  it('closes a project abandoned before it ran, with no commissioning day', async () => {
    const { id } = (await register({ status: 'under_construction', statusSince: '2024-03-01' })).body;

    const closed = await changeStatus(id, 'closed', '2025-11-01');

    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', statusSince: '2025-11-01', commissionedOn: null });
  });

  it('takes nothing after closing: no status, no hand-over, and writes nothing', async () => {
    const next = (await createCompany(registry)).id;
    const { id } = (await register({ status: 'commissioned', statusSince: '2023-09-01' })).body;
    expect((await changeStatus(id, 'closed', '2026-01-31')).status).toBe(200);
    const counts = await registry.count(...TABLES);

    const reopened = await changeStatus(id, 'modernised', '2026-03-01');
    const closedAgain = await changeStatus(id, 'closed', '2026-03-01');
    const handedOver = await changeOperator(id, next, '2026-03-01');

    for (const [response, to] of [
      [reopened, 'modernised'],
      [closedAgain, 'closed'],
    ] as const) {
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'FACILITY.ILLEGAL_TRANSITION',
        detail: `A facility cannot go from closed to ${to}`,
      });
    }
    expect(handedOver.status).toBe(409);
    expect(handedOver.body).toMatchObject({
      code: 'FACILITY.CLOSED',
      errors: [{ field: 'operatorCompanyId', messages: [expect.stringContaining('closed on 2026-01-31')] }],
    });
    expect(await registry.count(...TABLES)).toEqual(counts);
  });

  it.each([
    ['before the current status took effect', '2023-08-31', 'when the current status took effect'],
    ['before the current operator took over', '2026-02-28', 'when the current operator took over'],
    ['on the day the current operator took over', '2026-03-01', 'must be after 2026-03-01'],
    ['in the future', '2999-01-01', 'today'],
  ])('refuses a closing day %s, naming effectiveOn, and writes nothing', async (_case, effectiveOn, text) => {
    const next = (await createCompany(registry)).id;
    const { id } = (await register({ status: 'commissioned', statusSince: '2023-09-01' })).body;
    expect((await changeOperator(id, next, '2026-03-01')).status).toBe(200);
    const counts = await registry.count(...TABLES);

    const response = await changeStatus(id, 'closed', effectiveOn);

    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'FACILITY.INVALID_EFFECTIVE_DATE',
      errors: [{ field: 'effectiveOn', messages: [expect.stringContaining(text)] }],
    });
    expect(await registry.count(...TABLES)).toEqual(counts);
    expect((await registry.http().get(`/facilities/${id}`)).body.status).toBe('commissioned');
  });

  it.each([
    ['planned', 'commissioned'],
    ['planned', 'modernised'],
    ['commissioned', 'planned'],
    ['commissioned', 'under_construction'],
    ['commissioned', 'commissioned'],
  ])('refuses %s → %s with 409 FACILITY.ILLEGAL_TRANSITION, and writes nothing', async (from, to) => {
    const { id } = (await register({ status: from, statusSince: '2020-01-01' })).body;
    const counts = await registry.count(...TABLES);

    const response = await changeStatus(id, to, '2024-01-01');

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'FACILITY.ILLEGAL_TRANSITION',
      detail: `A facility cannot go from ${from} to ${to}`,
      errors: [{ field: 'status' }],
    });
    expect(await registry.count(...TABLES)).toEqual(counts);
  });

  it.each([
    [
      'unknown product codes, naming them',
      { productCodes: ['NO-SUCH', 'NOR-THIS'] },
      404,
      'PRODUCT.NOT_FOUND',
      'productCodes',
      'NO-SUCH, NOR-THIS',
    ],
    [
      'an unknown operator',
      { operatorCompanyId: randomUUID() },
      404,
      'COMPANY.NOT_FOUND',
      'operatorCompanyId',
      'No company',
    ],
    ['an unknown deposit', { depositId: randomUUID() }, 404, 'DEPOSIT.NOT_FOUND', 'depositId', 'No deposit'],
    [
      'a capacity given as a number',
      { capacityTonnesPerYear: 2500 },
      400,
      'REQUEST.INVALID',
      'capacityTonnesPerYear',
      'decimal string',
    ],
    [
      'a malformed product code',
      { productCodes: ['nd oxide'] },
      400,
      'REQUEST.INVALID',
      'productCodes',
      'product code',
    ],
    ['registration as modernised', { status: 'modernised' }, 400, 'REQUEST.INVALID', 'status', 'status'],
    ['registration as closed', { status: 'closed' }, 400, 'REQUEST.INVALID', 'status', 'status'],
    [
      'a status date in the future',
      { statusSince: '2999-01-01' },
      422,
      'FACILITY.INVALID_EFFECTIVE_DATE',
      'statusSince',
      'after today',
    ],
  ])('refuses %s, and writes nothing', async (_case, change, status, code, field, text) => {
    const counts = await registry.count(...TABLES);

    const response = await register(change);

    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.body.errors).toEqual([{ field, messages: [expect.stringContaining(text)] }]);
    expect(await registry.count(...TABLES)).toEqual(counts);
  });

  it('refuses unknown product codes on update too', async () => {
    const { id } = (await register()).body;
    const response = await registry
      .http()
      .patch(`/facilities/${id}`)
      .send({ productCodes: [productCode, 'NO-SUCH'] });
    expect(response.status).toBe(404);
    expect(response.body.detail).toBe('Unknown product codes: NO-SUCH');
    expect(await registry.eventsOf(id)).toEqual([FacilityRegistered.type]);
  });

  it('refuses null for the product list, a NOT NULL column, with 400 on registration and update, and writes nothing', async () => {
    const { id } = (await register()).body;
    const counts = await registry.count(...TABLES);

    const registered = await register({ productCodes: null });
    const updated = await registry.http().patch(`/facilities/${id}`).send({ productCodes: null });

    for (const response of [registered, updated]) {
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'productCodes' }] });
    }
    expect(await registry.count(...TABLES)).toEqual(counts);
  });

  it('filters by operator, region, status and product, and pages', async () => {
    const operator = await createCompany(registry);
    const other = await createProduct(registry);
    const base = { operatorCompanyId: operator.id, statusSince: '2020-01-01' };
    await register({ ...base, name: 'A plant', status: 'commissioned' });
    await register({ ...base, name: 'B plant', region: 'Udmurt Republic', productCodes: [other.code] });
    await register({
      ...base,
      name: 'C plant',
      region: 'Udmurt Republic',
      status: 'commissioned',
      productCodes: [productCode, other.code],
    });
    const names = async (query: Record<string, string | number>) => {
      const response = await registry
        .http()
        .get('/facilities')
        .query({ operatorCompanyId: operator.id, ...query });
      expect(response.status).toBe(200);
      return response.body.items.map((item: { name: string }) => item.name);
    };

    expect(await names({})).toEqual(['A plant', 'B plant', 'C plant']);
    expect(await names({ region: 'Udmurt Republic' })).toEqual(['B plant', 'C plant']);
    expect(await names({ status: 'commissioned' })).toEqual(['A plant', 'C plant']);
    expect(await names({ productCode: other.code })).toEqual(['B plant', 'C plant']);
    expect(await names({ productCode: productCode, status: 'commissioned' })).toEqual(['A plant', 'C plant']);
    expect(await names({ page: 2, pageSize: 2 })).toEqual(['C plant']);
  });
});
