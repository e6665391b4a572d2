import type { DataSource } from 'typeorm';
import { ProductVersions1764403700000 } from '../src/database/migrations/1764403700000-product-versions';
import { catalogueKnownAt } from '../src/registry/product-versions';
import { productCode } from './support/builders';
import { type MigratedDatabase, migratedDatabase } from './support/migrated-database';

/** The upgrade that brings `product_version`, on a database whose catalogue already holds products. */
describe('product versions after the upgrade', () => {
  let database: MigratedDatabase | undefined;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await migratedDatabase('product_versions');
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database?.close();
  });

  it('keeps the products known before it, each as known from the start', async () => {
    const [upgrade, runner] = [new ProductVersions1764403700000(), dataSource.createQueryRunner()];
    await upgrade.down(runner);
    const [lithium, neodymium] = [productCode(), productCode()].sort();
    await dataSource.query(
      `INSERT INTO registry_product (code, name, elements, tonnage_class, hs_code, unit, metal_content_basis, version)
       VALUES ($1, 'Lithium carbonate', '{Li}', 'large', '2836.91', 't', 'reported', 3),
              ($2, 'Neodymium oxide', '{Nd}', 'small', '2846.90', 't', 'reported', 1)`,
      [lithium, neodymium],
    );

    await upgrade.up(runner);
    await runner.release();

    // However early the day asked for, as known then.
    expect(
      await dataSource.query(`SELECT code, name, elements, tonnage_class, hs_code FROM ${catalogueKnownAt('$1')} c`, [
        new Date('2000-01-01T00:00:00Z'),
      ]),
    ).toEqual([
      { code: lithium, name: 'Lithium carbonate', elements: ['Li'], tonnage_class: 'large', hs_code: '2836.91' },
      { code: neodymium, name: 'Neodymium oxide', elements: ['Nd'], tonnage_class: 'small', hs_code: '2846.90' },
    ]);
    expect(await dataSource.query(`SELECT version FROM product_version ORDER BY product_code`)).toEqual([
      { version: 3 },
      { version: 1 },
    ]);
  });
});
