import { ProductAdded, ProductUpdated, ReportAccepted } from '@redmet/contracts';
import { acceptedReport, hsCode, lines, product } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

const YEAR = 2083;

/**
 * The catalogue as known on a past day. Product P entered the catalogue on 1 January 2083 as niobium
 * under HS code A, and on 1 June the registry renamed it, moved it to HS code B and made it tantalum.
 * Customs: 100 t imported under A and 50 t under B in the first quarter; P's output then was 100 t.
 * Import dependence, imports ÷ (output + imports − exports): as known on 31 May, under A, 100 / 200 =
 * 50.00 %; as known now, under B, 50 / 150 = 33.33 %. Product R, with the 20 t imported under HS code C,
 * was added only on 1 June.
 */
describe('the catalogue as known then', () => {
  let monitoring: MonitoringTestApp;
  const [codeA, codeB] = [hsCode(), hsCode()];
  const p = product({ tonnageClass: 'large', hsCode: codeA, elements: ['Nb'], name: 'Test niobium product' });
  const r = product({ tonnageClass: 'large', hsCode: hsCode(), name: 'Test product added later' });

  beforeAll(async () => {
    monitoring = await startMonitoring();
    const report = acceptedReport({ period: `${YEAR}-Q1`, lines: lines({ productCode: p.code, quantity: '100' }) });
    await monitoring.processed(
      await monitoring.publish(ProductAdded, p.code, { ...p, version: 1 }, { occurredAt: `${YEAR}-01-01T09:00:00Z` }),
      await monitoring.publish(ReportAccepted, report.reportId, report, { occurredAt: `${YEAR}-04-10T09:00:00Z` }),
    );
    const upload = await (await monitoring.http()).post('/trade-statistics').send({
      rows: [
        { flow: 'import', hsCode: codeA, period: `${YEAR}-Q1`, quantity: '100', unit: 't' },
        { flow: 'import', hsCode: codeB, period: `${YEAR}-Q1`, quantity: '50', unit: 't' },
        { flow: 'import', hsCode: r.hsCode, period: `${YEAR}-Q1`, quantity: '20', unit: 't' },
      ],
    });
    expect(upload.status).toBe(201);
    const renamed = { ...p, version: 2, name: 'Test tantalum product', hsCode: codeB, elements: ['Ta'] };
    await monitoring.processed(
      await monitoring.publish(ProductUpdated, p.code, renamed, { occurredAt: `${YEAR}-06-01T09:00:00Z` }),
      await monitoring.publish(ProductAdded, r.code, r, { occurredAt: `${YEAR}-06-01T09:00:00Z` }),
    );
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const importDependence = async (knowledge: string) =>
    (
      await (
        await monitoring.http()
      )
        .get('/import-dependence')
        .query({ year: YEAR, asOf: `${YEAR}-05-31`, knowledge })
        .expect(200)
    ).body;

  it('attributes customs figures by the HS codes of the products known then, named as they were then', async () => {
    const then = await importDependence('then');
    expect(then.products).toEqual([
      expect.objectContaining({
        productCode: p.code,
        name: 'Test niobium product',
        importsTonnes: '100',
        importDependencePercent: '50.00',
      }),
    ]);
    expect(then.unattributedHsCodes).toEqual([codeB, r.hsCode].sort());

    const now = await importDependence('now');
    expect(now.products).toHaveLength(2);
    expect(now.products).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          productCode: p.code,
          name: 'Test tantalum product',
          importsTonnes: '50',
          importDependencePercent: '33.33',
        }),
        expect.objectContaining({ productCode: r.code, importsTonnes: '20' }),
      ]),
    );
    expect(now.unattributedHsCodes).toEqual([codeA]);
  });

  it('counts output under the elements the product had then', async () => {
    const byElement = async (knowledge: string) =>
      (
        await (
          await monitoring.http()
        )
          .get('/output')
          .query({ groupBy: 'element', from: `${YEAR}-01`, to: `${YEAR}-03`, asOf: `${YEAR}-05-31`, knowledge })
          .expect(200)
      ).body.rows;
    expect(await byElement('then')).toEqual([expect.objectContaining({ element: 'Nb', quantityTonnes: '100' })]);
    expect(await byElement('now')).toEqual([expect.objectContaining({ element: 'Ta', quantityTonnes: '100' })]);
    // Filtered by element, as known then too.
    const filtered = (
      await (
        await monitoring.http()
      )
        .get('/output')
        .query({
          groupBy: 'product',
          element: 'Nb',
          from: `${YEAR}-01`,
          to: `${YEAR}-03`,
          asOf: `${YEAR}-05-31`,
          knowledge: 'then',
        })
        .expect(200)
    ).body.rows;
    expect(filtered).toEqual([expect.objectContaining({ productCode: p.code, quantityTonnes: '100' })]);
  });

  it('takes a product an older instance added to the registry copy without its version as known from the start', async () => {
    // As an instance of the release before product versions, during a rolling upgrade, leaves it; its customs
    // figures of a year no other test has any of.
    const year = 2088;
    const older = product({ tonnageClass: 'large', hsCode: hsCode(), name: 'Test product of an older instance' });
    await monitoring.query(
      `INSERT INTO registry_product (code, name, elements, tonnage_class, hs_code, unit, metal_content_basis, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        older.code,
        older.name,
        older.elements,
        older.tonnageClass,
        older.hsCode,
        older.unit,
        older.metalContentBasis,
        1,
      ],
    );
    const upload = await (
      await monitoring.http()
    )
      .post('/trade-statistics')
      .send({ rows: [{ flow: 'import', hsCode: older.hsCode, period: `${year}-Q1`, quantity: '30', unit: 't' }] });
    expect(upload.status).toBe(201);
    const then = (
      await (
        await monitoring.http()
      )
        .get('/import-dependence')
        .query({ year, asOf: `${year}-05-31`, knowledge: 'then' })
        .expect(200)
    ).body;
    expect(then.products).toEqual([
      expect.objectContaining({ productCode: older.code, name: older.name, importsTonnes: '30' }),
    ]);
    expect(then.unattributedHsCodes).toEqual([]);
  });
});
