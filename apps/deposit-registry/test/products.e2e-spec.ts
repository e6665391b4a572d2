import { ProductAdded, ProductUpdated } from '@redmet/contracts';
import { createProduct } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

describe('products', () => {
  let registry: RegistryTestApp;

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  it('adds a product (ProductAdded, keyed by code) and updates it (ProductUpdated); the code cannot change', async () => {
    const product = await createProduct(registry, { name: 'Lithium hydroxide', hsCode: '2825.20' });
    expect(product).toMatchObject({ name: 'Lithium hydroxide', tonnageClass: 'large', version: 1 });

    const response = await registry
      .http()
      .patch(`/products/${product.code}`)
      .send({ unit: 'kg', metalContentBasis: 't LiOH' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ code: product.code, unit: 'kg', hsCode: '2825.20', version: 2 });
    expect(await registry.eventsOf(product.code)).toEqual([ProductAdded.type, ProductUpdated.type]);

    const renamed = await registry.http().patch(`/products/${product.code}`).send({ code: 'OTHER' });
    expect(renamed.status).toBe(400);
    expect(renamed.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('refuses a duplicate code with 409 PRODUCT.CODE_TAKEN, and writes nothing', async () => {
    const product = await createProduct(registry);
    const before = await registry.count('product', 'outbox_message');

    const response = await registry
      .http()
      .post('/products')
      .send({
        ...product,
        version: undefined,
        createdAt: undefined,
        updatedAt: undefined,
        createdBy: undefined,
        updatedBy: undefined,
      });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'PRODUCT.CODE_TAKEN', errors: [{ field: 'code' }] });
    expect(await registry.count('product', 'outbox_message')).toEqual(before);
  });

  it.each([
    ['a lower-case code', { code: 'li-carbonate' }, 'code'],
    ['a malformed HS code', { hsCode: '28369' }, 'hsCode'],
    ['an unknown tonnage class', { tonnageClass: 'medium' }, 'tonnageClass'],
    ['an unknown unit', { unit: 'lb' }, 'unit'],
    ['elements that are not a list', { elements: 'Li' }, 'elements'],
  ])('refuses %s with 400, and writes nothing', async (_case, change, field) => {
    const valid = {
      code: 'LI-TEST',
      name: 'Lithium',
      elements: ['Li'],
      tonnageClass: 'large',
      hsCode: '2836.91',
      unit: 't',
      metalContentBasis: 't Li',
    };
    const before = await registry.count('product', 'outbox_message');

    const response = await registry
      .http()
      .post('/products')
      .send({ ...valid, ...change });

    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field }));
    expect(await registry.count('product', 'outbox_message')).toEqual(before);
  });

  it('filters by element, tonnage class and the beginning of the HS code', async () => {
    const nd = await createProduct(registry, { elements: ['Nd', 'Pr'], tonnageClass: 'small', hsCode: '2846.90' });
    const ce = await createProduct(registry, { elements: ['Ce'], tonnageClass: 'small', hsCode: '2846.10' });
    const codes = async (query: Record<string, string>) => {
      const response = await registry
        .http()
        .get('/products')
        .query({ pageSize: 200, ...query });
      expect(response.status).toBe(200);
      return response.body.items.map((item: { code: string }) => item.code);
    };

    expect(await codes({ element: 'Pr' })).toEqual([nd.code]);
    expect(await codes({ hsCode: '2846' })).toEqual([ce.code, nd.code].sort());
    expect(await codes({ hsCode: '2846.9' })).toEqual([nd.code]);
    expect(await codes({ tonnageClass: 'small', element: 'Ce' })).toEqual([ce.code]);
    expect((await registry.http().get(`/products/${nd.code}`)).body).toMatchObject({ elements: ['Nd', 'Pr'] });
    expect((await registry.http().get('/products/NO-SUCH-CODE')).body.code).toBe('PRODUCT.NOT_FOUND');
  });

  it.each([
    ['a NUL byte', 'LI%00CARBONATE'],
    ['lower case', 'li-carbonate'],
    ['a code longer than any in the catalogue', 'A'.repeat(41)],
  ])('answers a code in the path with %s with 400 naming it, not 500', async (_case, code) => {
    const before = await registry.count('product', 'outbox_message');

    const read = await registry.http().get(`/products/${code}`);
    const updated = await registry.http().patch(`/products/${code}`).send({ name: 'Lithium' });

    for (const response of [read, updated]) {
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'code' }] });
    }
    expect(await registry.count('product', 'outbox_message')).toEqual(before);
  });
});
