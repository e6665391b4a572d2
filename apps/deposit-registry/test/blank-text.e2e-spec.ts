import { createCompany, createDeposit, createLicence, createProduct, productBody, randomInn } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

/** Text a person reads to know what a record is, or why it changed: spaces say nothing. */
describe('registry: text that must say something', () => {
  let registry: RegistryTestApp;
  const BLANK = ' \t ';

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  const company = () => ({ legalName: 'Arctic Lithium JSC', inn: randomInn() });
  const deposit = () => ({
    name: 'Polmostundrovskoye',
    region: 'Murmansk Oblast',
    metals: ['Li'],
    status: 'exploration',
  });
  const product = () => productBody('BLANK-TEST');
  const facility = async () => ({
    name: 'Novosibirsk Chemical Concentrates Plant',
    operatorCompanyId: (await createCompany(registry)).id,
    region: 'Novosibirsk Oblast',
  });

  it.each([
    ['/companies', 'legalName', company],
    ['/companies', 'region', company],
    ['/deposits', 'name', deposit],
    ['/deposits', 'region', deposit],
    ['/products', 'name', product],
    ['/products', 'metalContentBasis', product],
    ['/facilities', 'name', facility],
    ['/facilities', 'region', facility],
  ] as const)('POST %s refuses a blank %s with 400 naming it, and writes nothing', async (path, field, body) => {
    const sent = { ...(await body()), [field]: BLANK };
    const before = await registry.count('outbox_message');

    const response = await registry.http().post(path).send(sent);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field, messages: [expect.stringContaining('blank')] }]);
    expect(await registry.count('outbox_message')).toEqual(before);
  });

  it.each([
    ['/companies', 'legalName', async () => (await createCompany(registry)).id],
    ['/deposits', 'name', async () => (await createDeposit(registry)).id],
    ['/products', 'name', async () => (await createProduct(registry)).code],
  ])('PATCH %s refuses a blank %s with 400 naming it, and writes nothing', async (path, field, create) => {
    const id = await create();
    const before = await registry.count('outbox_message');

    const response = await registry
      .http()
      .patch(`${path}/${id}`)
      .send({ [field]: BLANK });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field, messages: [expect.stringContaining('blank')] }]);
    expect(await registry.count('outbox_message')).toEqual(before);
  });

  it.each(['suspend', 'revoke'])('refuses to %s a licence for a blank reason, and writes nothing', async (command) => {
    const licence = await createLicence(registry);
    const before = await registry.count('licence_status_change', 'outbox_message');

    const response = await registry.http().post(`/licences/${licence.id}/${command}`).send({ reason: BLANK });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'reason', messages: [expect.stringContaining('blank')] }]);
    expect(await registry.count('licence_status_change', 'outbox_message')).toEqual(before);
    expect((await registry.http().get(`/licences/${licence.id}`)).body.status).toBe('active');
  });
});
