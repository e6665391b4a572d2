import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import { serviceToday, waitFor } from '@redmet/testing';
import { createCompany, createDeposit, createLicence, createProduct, unique } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

/** What every change may write to: the records, their histories, the notices and the outbox. */
const TABLES = [
  'company',
  'deposit',
  'product',
  'licence',
  'licence_status_change',
  'licence_expiry_notice',
  'facility',
  'facility_status_change',
  'outbox_message',
];

interface Editable {
  /** The record's own path, for GET. */
  path: string;
  /** The key its events are published under. */
  key: string;
  /** Its table, to lock it as a rival transaction would. */
  table: string;
  /** A change of it, not yet sent, so that a test can set If-Match first. */
  change: () => Test;
}

type Setup = (registry: RegistryTestApp) => Promise<Editable>;

async function facility(registry: RegistryTestApp): Promise<{ id: string }> {
  const operatorCompanyId = (await createCompany(registry)).id;
  const response = await registry
    .http()
    .post('/facilities')
    .send({ name: unique('REE separation complex'), operatorCompanyId, region: 'Perm Krai' });
  return response.body as { id: string };
}

/** A record `create` makes, found at `/<collection>/<key>`, and one change of it. */
function editable(
  table: string,
  collection: string,
  create: (registry: RegistryTestApp) => Promise<string>,
  change: (registry: RegistryTestApp, path: string) => Test,
): Setup {
  return async (registry) => {
    const key = await create(registry);
    const path = `/${collection}/${key}`;
    return { path, key, table, change: () => change(registry, path) };
  };
}

const idOf =
  (create: (registry: RegistryTestApp) => Promise<{ id: string }>) =>
  async (registry: RegistryTestApp): Promise<string> =>
    (await create(registry)).id;

async function suspendedLicence(registry: RegistryTestApp): Promise<string> {
  const { id } = await createLicence(registry);
  await registry.http().post(`/licences/${id}/suspend`).send({ reason: 'Order No. 11' }).expect(200);
  return id;
}

const CHANGES: [string, Setup][] = [
  [
    'PATCH /companies/:id',
    editable('company', 'companies', idOf(createCompany), (registry, path) =>
      registry.http().patch(path).send({ region: 'Tyva' }),
    ),
  ],
  [
    'PATCH /deposits/:id',
    editable('deposit', 'deposits', idOf(createDeposit), (registry, path) =>
      registry.http().patch(path).send({ status: 'producing' }),
    ),
  ],
  [
    'PATCH /products/:code',
    editable(
      'product',
      'products',
      async (registry) => (await createProduct(registry)).code,
      (registry, path) => registry.http().patch(path).send({ name: 'Lithium carbonate, battery grade' }),
    ),
  ],
  [
    'PATCH /licences/:id',
    editable('licence', 'licences', idOf(createLicence), (registry, path) =>
      registry.http().patch(path).send({ validTo: '2050-02-20' }),
    ),
  ],
  ...(['suspend', 'revoke'] as const).map((command): [string, Setup] => [
    `POST /licences/:id/${command}`,
    editable('licence', 'licences', idOf(createLicence), (registry, path) =>
      registry.http().post(`${path}/${command}`).send({ reason: 'Order No. 12' }),
    ),
  ]),
  [
    'POST /licences/:id/reinstate',
    editable('licence', 'licences', suspendedLicence, (registry, path) =>
      registry.http().post(`${path}/reinstate`).send({ reason: 'Order No. 12' }),
    ),
  ],
  [
    'PATCH /facilities/:id',
    editable('facility', 'facilities', idOf(facility), (registry, path) =>
      registry.http().patch(path).send({ capacityTonnesPerYear: '2500' }),
    ),
  ],
  [
    'POST /facilities/:id/status',
    editable('facility', 'facilities', idOf(facility), (registry, path) =>
      registry.http().post(`${path}/status`).send({ status: 'under_construction', effectiveOn: serviceToday() }),
    ),
  ],
  [
    'POST /facilities/:id/operator',
    async (registry) => {
      const operatorCompanyId = (await createCompany(registry)).id;
      const effectiveOn = `${serviceToday().slice(0, 8)}01`;
      return editable('facility', 'facilities', idOf(facility), (registry, path) =>
        registry.http().post(`${path}/operator`).send({ operatorCompanyId, effectiveOn }),
      )(registry);
    },
  ],
];

/** A change another admin makes in between, other than the one the test sends. */
function anotherChange(path: string): object {
  const collection = path.split('/')[1];
  if (collection === 'licences') return { validTo: '2051-03-03' };
  if (collection === 'facilities') return { capacityTonnesPerYear: '1234' };
  if (collection === 'companies') return { legalName: unique('Renamed') };
  return { name: unique('Renamed') };
}

describe('record versions: ETag and If-Match', () => {
  let registry: RegistryTestApp;

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  const read = async (path: string) => {
    const response = await registry.http().get(path).expect(200);
    return { etag: response.headers.etag, body: response.body as { version: number } };
  };

  describe.each(CHANGES)('%s', (_name, setup) => {
    it('answers the ETag of the version read and of the version made, and makes a change made against the current one', async () => {
      const record = await setup(registry);
      const before = await read(record.path);
      expect(before.etag).toBe(`"${before.body.version}"`);

      const response = await record.change().set('if-match', before.etag);

      expect(response.status).toBe(200);
      expect(response.body.version).toBe(before.body.version + 1);
      expect(response.headers.etag).toBe(`"${before.body.version + 1}"`);
      expect((await read(record.path)).etag).toBe(response.headers.etag);
    });

    it('refuses a change made against a version since replaced with 412 naming the current one in its detail and ETag, and writes and publishes nothing', async () => {
      const record = await setup(registry);
      const stale = await read(record.path);
      await registry.http().patch(record.path).send(anotherChange(record.path)).expect(200);
      const current = await read(record.path);
      const events = await registry.eventsOf(record.key);
      const counts = await registry.count(...TABLES);

      const response = await record.change().set('if-match', stale.etag);

      expect(response.status).toBe(412);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        code: 'REGISTRY.STALE_VERSION',
        detail: expect.stringContaining(`version ${current.body.version} (ETag ${current.etag})`),
        errors: [{ field: 'If-Match', messages: [expect.stringContaining(`version ${current.body.version}`)] }],
      });
      const after = await read(record.path);
      expect(after).toEqual(current);
      expect(response.headers.etag).toBe(after.etag);
      expect(await registry.eventsOf(record.key)).toEqual(events);
      expect(await registry.count(...TABLES)).toEqual(counts);
    });

    it('still makes a change sent without If-Match, as clients written before it do', async () => {
      const record = await setup(registry);
      const before = await read(record.path);

      const response = await record.change();

      expect(response.status).toBe(200);
      expect(response.body.version).toBe(before.body.version + 1);
    });
  });

  it.each(CHANGES.filter(([name]) => name.startsWith('PATCH')))(
    '%s repeated (a retry after a timeout) changes nothing: same version and ETag, no event',
    async (_name, setup) => {
      const record = await setup(registry);
      const made = await record.change().expect(200);
      const events = await registry.eventsOf(record.key);
      const counts = await registry.count(...TABLES);

      const repeated = await record.change().set('if-match', made.headers.etag);

      expect(repeated.status).toBe(200);
      expect(repeated.body).toEqual(made.body);
      expect(repeated.headers.etag).toBe(made.headers.etag);
      expect(await read(record.path)).toEqual({ etag: made.headers.etag, body: made.body });
      expect(await registry.eventsOf(record.key)).toEqual(events);
      expect(await registry.count(...TABLES)).toEqual(counts);
    },
  );

  it.each([
    ['*', 200],
    ['"7", "1"', 200],
    ['W/"1"', 412],
    ['1', 400],
  ])('reads If-Match: %s as RFC 9110 does (%i)', async (header, status) => {
    const { id } = await createDeposit(registry);
    const counts = await registry.count(...TABLES);

    const response = await registry.http().patch(`/deposits/${id}`).set('if-match', header).send({ region: 'Tyva' });

    expect(response.status).toBe(status);
    if (status === 400) {
      expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'If-Match' }] });
    }
    if (status !== 200) expect(await registry.count(...TABLES)).toEqual(counts);
  });

  it('answers a read with If-None-Match and the current tag 304, with no body', async () => {
    const { id } = await createCompany(registry);
    const { etag } = await read(`/companies/${id}`);

    const response = await registry.http().get(`/companies/${id}`).set('if-none-match', etag);

    expect(response.status).toBe(304);
    expect(response.text).toBeFalsy();
  });

  it('answers 404, not 412, for a record that does not exist', async () => {
    const response = await registry
      .http()
      .patch('/companies/00000000-0000-4000-8000-000000000000')
      .set('if-match', '"1"')
      .send({ region: 'Tyva' });
    expect(response.status).toBe(404);
  });

  const CONCURRENT = [
    'PATCH /companies/:id',
    'PATCH /products/:code',
    'POST /licences/:id/suspend',
    'POST /facilities/:id/status',
  ];

  it.each(CHANGES.filter(([name]) => CONCURRENT.includes(name)))(
    'of two concurrent changes by %s against the same version, makes exactly one and refuses the other with 412 and the ETag of the one made',
    async (_name, setup) => {
      const record = await setup(registry);
      const { etag } = await read(record.path);
      const events = await registry.eventsOf(record.key);
      const dataSource = registry.app.get(DataSource);
      // A rival transaction holds the row until both requests wait on it, so that they overlap for sure.
      const rival = dataSource.createQueryRunner();
      await rival.startTransaction();
      await rival.query(
        `SELECT 1 FROM ${record.table} WHERE ${record.table === 'product' ? 'code' : 'id'} = $1 FOR UPDATE`,
        [record.key],
      );

      const pending = [record.change().set('if-match', etag), record.change().set('if-match', etag)].map((request) =>
        request.then((response) => response),
      );
      await waitFor(
        async () => {
          const [{ waiting }] = await dataSource.query(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return waiting >= 2;
        },
        { description: 'both requests waiting on the row' },
      );
      await rival.commitTransaction();
      await rival.release();
      const responses = await Promise.all(pending);

      expect(responses.map((response) => response.status).sort()).toEqual([200, 412]);
      const made = responses.find((response) => response.status === 200);
      const refused = responses.find((response) => response.status === 412);
      expect(refused?.body.code).toBe('REGISTRY.STALE_VERSION');
      const after = await read(record.path);
      expect(after.body).toEqual(made?.body);
      expect(refused?.headers.etag).toBe(after.etag);
      expect(await registry.eventsOf(record.key)).toHaveLength(events.length + 1);
    },
  );

  it('documents If-Match and its 412 on every change, and the ETag of every record answered and of every 412', async () => {
    const response = await registry.http().get('/docs/openapi.json').expect(200);
    const paths = response.body.paths as Record<
      string,
      Record<string, { parameters?: { in: string; name: string }[]; responses: Record<string, { headers?: object }> }>
    >;
    const changes = CHANGES.map(([name]) => name.split(' ')).map(([method, path]) => [
      method.toLowerCase(),
      path.replace(/:(\w+)/g, '{$1}'),
    ]);

    for (const [method, path] of changes) {
      const operation = paths[path][method];
      expect({ path, parameters: operation.parameters }).toEqual({
        path,
        parameters: expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'If-Match' })]),
      });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '412']));
      expect(operation.responses['200'].headers).toHaveProperty('ETag');
      expect(operation.responses['412'].headers).toHaveProperty('ETag');
    }
    for (const path of [
      '/companies/{id}',
      '/deposits/{id}',
      '/products/{code}',
      '/licences/{id}',
      '/facilities/{id}',
    ]) {
      expect(paths[path].get.responses['200'].headers).toHaveProperty('ETag');
    }
  });
});
