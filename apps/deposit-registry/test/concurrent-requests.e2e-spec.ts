import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { waitForLockWait } from '@redmet/testing';
import { createCompany, createDeposit, createProduct, productBody, randomInn, unique } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

type Body = Record<string, unknown>;

/** What a double click or a retry after a timeout sends: the same request twice, at once. */
describe('deposit-registry: the same request sent twice at once', () => {
  let registry: RegistryTestApp;
  const published = async (eventType: string) =>
    (
      await registry.app
        .get(DataSource)
        .query('SELECT count(*)::int AS n FROM outbox_message WHERE event_type = $1', [eventType])
    )[0].n as number;
  const twice = (path: string, body: Body) =>
    Promise.all([registry.http().post(path).send(body), registry.http().post(path).send(body)]);

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  const CREATIONS: [string, string, string, string, () => Promise<Body>][] = [
    [
      'company',
      '/companies',
      'CompanyRegistered',
      'COMPANY.INN_TAKEN',
      async () => ({
        legalName: unique('Polar Lithium LLC'),
        inn: randomInn(),
      }),
    ],
    [
      'deposit',
      '/deposits',
      'DepositRegistered',
      'DEPOSIT.ALREADY_REGISTERED',
      async () => ({
        name: unique('Kolmozerskoye'),
        region: 'Murmansk Oblast',
        metals: ['Li', 'Ta'],
        status: 'development',
      }),
    ],
    [
      'product',
      '/products',
      'ProductAdded',
      'PRODUCT.CODE_TAKEN',
      async () => productBody(`TWICE-${randomUUID().slice(0, 8).toUpperCase()}`),
    ],
    [
      'licence',
      '/licences',
      'LicenceIssued',
      'LICENCE.NUMBER_TAKEN',
      async () => ({
        number: unique('MUR'),
        holderCompanyId: (await createCompany(registry)).id,
        depositId: (await createDeposit(registry)).id,
        type: 'combined',
        validFrom: '2023-02-21',
        validTo: '2048-02-20',
      }),
    ],
    [
      'facility',
      '/facilities',
      'FacilityRegistered',
      'FACILITY.ALREADY_REGISTERED',
      async () => ({
        name: unique('Solikamsk Magnesium Works'),
        operatorCompanyId: (await createCompany(registry)).id,
        region: 'Perm Krai',
        productCodes: [(await createProduct(registry)).code],
      }),
    ],
  ];

  it.each(CREATIONS)('registers a %s once and refuses the copy with 409', async (_, path, event, code, body) => {
    const sent = await body();
    const before = await published(event);

    const answers = await twice(path, sent);

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.code).toBe(code);
    expect(await published(event)).toBe(before + 1);
  });

  it.each([
    ['deposit', '/deposits', 'DEPOSIT.ALREADY_REGISTERED'],
    ['facility', '/facilities', 'FACILITY.ALREADY_REGISTERED'],
  ])(
    'answers 409 for a %s whose name in its region a concurrent request committed after the look-up, not a second record',
    async (table, path, code) => {
      const operator = await createCompany(registry);
      const [name, region] = [unique('Tastyg'), 'Republic of Tyva'];
      const dataSource = registry.app.get(DataSource);
      const rival = dataSource.createQueryRunner();
      await rival.startTransaction();
      await rival.query(
        table === 'deposit'
          ? `INSERT INTO deposit (name, region, metals, status, version) VALUES ($1, $2, '{Li}', 'exploration', 1)`
          : `INSERT INTO facility (name, region, operator_company_id, operators, product_codes, status, status_since, version)
             VALUES ($1, $2, $3, jsonb_build_array(jsonb_build_object('operatorCompanyId', $3::uuid, 'since', null)),
                     '{}', 'planned', '2020-01-01', 1)`,
        table === 'deposit' ? [name, region] : [name, region, operator.id],
      );
      const counts = await registry.count(table, 'outbox_message');
      const body =
        table === 'deposit'
          ? { name, region, metals: ['Li'], status: 'development' }
          : { name, region, operatorCompanyId: operator.id };

      const settled = registry
        .http()
        .post(path)
        .send(body)
        .then((response) => response);
      // The request has passed the look-up and waits on the unique key for the rival to finish.
      await waitForLockWait((sql) => dataSource.query(sql));
      await rival.commitTransaction();
      await rival.release();
      const response = await settled;

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code, errors: [{ field: 'name' }] });
      expect(await registry.count(table, 'outbox_message')).toEqual({ ...counts, [table]: counts[table] + 1 });
    },
  );

  it("refuses to rename a deposit to another's name in its region, naming that one, and changes nothing", async () => {
    const region = unique('Irkutsk Oblast');
    const kept = await createDeposit(registry, { name: 'Zashikhinskoye', region });
    const renamed = await createDeposit(registry, { region });

    const refused = await registry.http().patch(`/deposits/${renamed.id}`).send({ name: 'Zashikhinskoye' });

    expect([refused.status, refused.body.code]).toEqual([409, 'DEPOSIT.ALREADY_REGISTERED']);
    expect(refused.body.detail).toContain(kept.id);
    expect((await registry.http().get(`/deposits/${renamed.id}`).expect(200)).body).toMatchObject({
      name: renamed.name,
      version: 1,
    });
    expect(await registry.eventsOf(renamed.id)).toEqual(['DepositRegistered']);
    await createDeposit(registry, { name: 'Zashikhinskoye', region: unique('Irkutsk Oblast') });
  });

  it('applies both of two changes of one record sent at once without If-Match, one version and one event each', async () => {
    const deposit = await createDeposit(registry);
    const change = (body: Body) => registry.http().patch(`/deposits/${deposit.id}`).send(body);

    const answers = await Promise.all([change({ status: 'producing' }), change({ latitude: 67.85 })]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers.map((answer) => answer.body.version).sort()).toEqual([2, 3]);
    const now = await registry.http().get(`/deposits/${deposit.id}`).expect(200);
    expect(now.body).toMatchObject({ status: 'producing', latitude: 67.85, version: 3 });
    expect(await registry.eventsOf(deposit.id)).toEqual(['DepositRegistered', 'DepositUpdated', 'DepositUpdated']);
  });
});
