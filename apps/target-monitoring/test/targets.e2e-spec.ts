import { randomUUID } from 'node:crypto';
import {
  ClaimApproved,
  FacilityRegistered,
  FacilityStatusChanged,
  type FacilitySnapshot,
  ProductAdded,
  ReportAccepted,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { acceptedReport, facility, hsCode, lines, product } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

/**
 * Every test file's service reads the same topics, so figures here are for
 * years no other test reports (2071-2072), with targets reconfigured for them.
 */
jest.setTimeout(180_000);

describe('targets and import dependence', () => {
  let monitoring: MonitoringTestApp;
  const lithium = product({ tonnageClass: 'large', hsCode: hsCode(), name: 'Test lithium carbonate' });
  const neodymium = product({ tonnageClass: 'small', hsCode: hsCode(), elements: ['Nd'], name: 'Test Nd oxide' });
  const newPlants = async (asOf: string, knowledge: 'now' | 'then' = 'now') =>
    Number(
      (await (await monitoring.http()).get('/targets/new-plants').query({ asOf, knowledge }).expect(200)).body
        .current as string,
    );
  const running = (on: string, overrides: Partial<FacilitySnapshot> = {}) =>
    facility({ status: 'commissioned', statusSince: on, commissionedOn: on, ...overrides });
  const closing = (plant: FacilitySnapshot, on: string) => ({
    ...plant,
    status: 'closed' as const,
    statusSince: on,
    previousStatus: 'commissioned' as const,
    version: 2,
  });

  beforeAll(async () => {
    monitoring = await startMonitoring();
    const events: { eventId: string }[] = [
      await monitoring.publish(ProductAdded, lithium.code, lithium),
      await monitoring.publish(ProductAdded, neodymium.code, neodymium),
    ];
    const report = acceptedReport({
      period: '2071-Q1',
      lines: lines(
        { productCode: lithium.code, quantity: '400', metal: '80', tonnageClass: 'large' },
        { productCode: neodymium.code, quantity: '10', metal: '8.5', tonnageClass: 'small' },
      ),
    });
    events.push(await monitoring.publish(ReportAccepted, report.reportId, report));
    await monitoring.processed(...events);
    const admin = await monitoring.http('admin');
    await admin
      .patch(`/configuration/products/${neodymium.code}`)
      .send({ metalContentFactor: '0.857', effectiveFrom: '2071-01-01', reason: 'Nd2O3 is 85.7% Nd' })
      .expect(200);
    const upload = await (await monitoring.http()).post('/trade-statistics').send({
      rows: [
        { flow: 'import', hsCode: lithium.hsCode, period: '2071', quantity: '600', unit: 't' },
        { flow: 'export', hsCode: lithium.hsCode, period: '2071-Q2', quantity: '100', unit: 't' },
        {
          flow: 'import',
          hsCode: neodymium.hsCode,
          productCode: neodymium.code,
          period: '2071-03',
          quantity: '90000',
          unit: 'kg',
        },
      ],
    });
    expect(upload.status).toBe(201);
  });

  afterAll(async () => {
    await monitoring.close();
  });

  it('computes import dependence per product and overall from output and customs figures (checked by hand)', async () => {
    const response = await (await monitoring.http()).get('/import-dependence').query({ year: 2071 }).expect(200);

    // Lithium: 600 / (400 + 600 − 100) = 66.67%; Nd oxide: 90 / (10 + 90) = 90%.
    expect(response.body.products).toHaveLength(2);
    expect(response.body.products).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          productCode: lithium.code,
          apparentConsumptionTonnes: '900',
          importDependencePercent: '66.67',
          metalContentFactor: '0.2',
          metalContentFactorSource: 'reported',
        }),
        expect.objectContaining({
          productCode: neodymium.code,
          importsTonnes: '90',
          importDependencePercent: '90.00',
          metalContentFactorSource: 'configured',
        }),
      ]),
    );
    // Metal content: imports 600 × 0.2 + 90 × 0.857 = 197.13; exports 100 × 0.2 = 20; output 80 + 8.5 = 88.5.
    // 197.13 / (88.5 + 197.13 − 20) = 74.21%
    expect(response.body.overall).toEqual({
      outputMetalTonnes: '88.5',
      importsMetalTonnes: '197.13',
      exportsMetalTonnes: '20',
      apparentConsumptionMetalTonnes: '265.63',
      importDependencePercent: '74.21',
      importDependenceWithheld: null,
    });
    expect(response.body.formula).toEqual({
      code: 'import_dependence.formula',
      params: {},
      text: expect.stringMatching(/imports ÷ apparent consumption/),
    });
    expect(response.body.aggregation).toMatchObject({ code: 'import_dependence.aggregation' });
  });

  it('reports each target with trajectory, gap, forecast and status, and takes a one-call change of the target', async () => {
    const admin = await monitoring.http('admin');
    await admin
      .patch('/configuration/targets/output-small-tonnage')
      .send({
        baselineYear: 2070,
        baselineValue: '0',
        targetYear: 2076,
        effectiveFrom: '2070-01-01',
        reason: 'test programme',
      })
      .expect(200);
    const read = () =>
      monitoring.http().then((http) => http.get('/targets/output-small-tonnage').query({ asOf: '2071-12-31' }));

    const before = (await read()).body;
    expect(before).toMatchObject({ current: '8.5', target: { year: 2076, value: '80000' }, status: 'off_track' });
    // Straight line by days: 2071 is 365 of the 2,192 days from the end of 2070 to the end of 2076.
    expect(before.trajectory).toBe((80000 * (365 / 2192)).toFixed(3));

    const change = await admin
      .patch('/configuration/targets/output-small-tonnage')
      .send({ targetValue: '80', effectiveFrom: '2071-01-01', reason: 'RIA gives up to 80 t' });
    expect(change.status).toBe(200);
    expect(change.body).toMatchObject({
      version: 3,
      recordedBy: expect.any(String),
      value: expect.objectContaining({ targetValue: '80', baselineYear: 2070 }),
    });

    const after = (await read()).body;
    // 80 × 365/2192 = 13.321 expected by the end of 2071; 8.5 is 4.821 behind, 6% of the planned change.
    expect(after).toMatchObject({
      current: '8.5',
      trajectory: '13.321',
      gap: '-4.821',
      status: 'at_risk',
      target: { value: '80' },
    });
    expect(after.configuration).toMatchObject({ version: 3, effectiveFrom: '2071-01-01' });
    // Nothing of 2070 is known: the value itself, not 8.5 t of growth a year from 0 carried over the 5 years left.
    expect(after.forecast).toMatchObject({ year: 2076, value: '8.5' });

    const audit = await (
      await monitoring.http()
    )
      .get('/configuration/versions/target:output-small-tonnage')
      .expect(200);
    expect(audit.body.map((version: { version: number; reason: string }) => version.reason)).toEqual([
      'Programme defaults (DOMAIN.md)',
      'test programme',
      'RIA gives up to 80 t',
    ]);
  });

  it('counts plants commissioned since the baseline and gives a monthly series for charts', async () => {
    const admin = await monitoring.http('admin');
    for (const key of ['new-plants', 'output-large-tonnage']) {
      await admin
        .patch(`/configuration/targets/${key}`)
        .send({ baselineYear: 2070, targetYear: 2076, effectiveFrom: '2070-01-01', reason: 'test programme' })
        .expect(200);
    }
    const plant = facility({ status: 'commissioned', statusSince: '2071-03-01', commissionedOn: '2071-03-01' });
    await monitoring.processed(await monitoring.publish(FacilityRegistered, plant.facilityId, plant));

    const targets = (await (await monitoring.http()).get('/targets').query({ asOf: '2071-12-31' }).expect(200)).body;
    expect(targets.find((t: { key: string }) => t.key === 'new-plants')).toMatchObject({
      current: '1',
      target: { value: '15' },
    });

    const history = await (
      await monitoring.http()
    )
      .get('/targets/output-large-tonnage/history')
      .query({ from: '2071-01', to: '2071-04' })
      .expect(200);
    // The quarter's 80 t are spread over its months: 26.667 by the end of January, 80 from March on.
    expect(history.body.map((point: { asOf: string; current: string }) => [point.asOf, point.current])).toEqual([
      ['2071-01-31', '26.667'],
      ['2071-02-28', '53.333'],
      ['2071-03-31', '80'],
      ['2071-04-30', '80'],
    ]);
  });

  it('drops a closed plant from the new plants from its closing day, and counts it as of the days before', async () => {
    // Relative to the plants other tests register: 2072 is this file's, so none of theirs opens or closes in it.
    const before = await newPlants('2072-01-31');
    const plant = running('2072-02-01');
    await monitoring.processed(await monitoring.publish(FacilityRegistered, plant.facilityId, plant));
    const closed = closing(plant, '2072-06-10');
    await monitoring.processed(await monitoring.publish(FacilityStatusChanged, plant.facilityId, closed));

    const asOf = ['2072-02-01', '2072-06-09', '2072-06-10', '2072-12-31'];
    expect(await Promise.all(asOf.map((day) => newPlants(day)))).toEqual([before + 1, before + 1, before, before]);
    for (const knowledge of ['now', 'then']) {
      const history = await (
        await monitoring.http()
      )
        .get('/targets/new-plants/history')
        .query({ from: '2072-05', to: '2072-07', knowledge })
        .expect(200);
      expect(history.body.map((point: { current: string }) => Number(point.current))).toEqual([
        before + 1,
        before,
        before,
      ]);
    }
    expect(
      (await (await monitoring.http()).get('/targets/new-plants').query({ asOf: '2072-06-10' })).body.notes,
    ).toEqual([expect.objectContaining({ code: 'target.new_plants', text: expect.stringContaining('closing day') })]);
  });

  it('counts the new plants as known then from what the registry had recorded by the end of the day', async () => {
    // 2074 is this file's: no other plant here opens or closes in it.
    const [beforeNow, beforeThen] = [await newPlants('2074-01-31', 'now'), await newPlants('2074-01-31', 'then')];
    const plant = running('2074-02-01');
    const closed = closing(plant, '2074-06-10');
    // Each recorded after the day it took effect; the closure arrives first, and twice.
    const closure = { occurredAt: '2074-07-20T10:00:00.000Z' };
    await monitoring.processed(
      await monitoring.publish(FacilityStatusChanged, plant.facilityId, closed, closure),
      await monitoring.publish(FacilityStatusChanged, plant.facilityId, closed, closure),
      // 00:30 on 6 February in Moscow (TIME_ZONE), still the 5th in UTC.
      await monitoring.publish(FacilityRegistered, plant.facilityId, plant, { occurredAt: '2074-02-05T21:30:00.000Z' }),
    );

    const asKnown = async (asOf: string) => [
      (await newPlants(asOf, 'now')) - beforeNow,
      (await newPlants(asOf, 'then')) - beforeThen,
    ];
    expect(await asKnown('2074-02-05')).toEqual([1, 0]);
    expect(await asKnown('2074-02-06')).toEqual([1, 1]);
    expect(await asKnown('2074-06-30')).toEqual([0, 1]);
    expect(await asKnown('2074-07-20')).toEqual([0, 0]);
    const history = async (knowledge: 'now' | 'then') =>
      (
        await (
          await monitoring.http()
        )
          .get('/targets/new-plants/history')
          .query({ from: '2074-01', to: '2074-08', knowledge })
          .expect(200)
      ).body.map((point: { current: string }) => Number(point.current));
    expect(await history('now')).toEqual([beforeNow, ...Array(4).fill(beforeNow + 1), beforeNow, beforeNow, beforeNow]);
    // Month ends: the closure dated 10 June is known from 20 July on.
    expect(await history('then')).toEqual([beforeThen, ...Array(5).fill(beforeThen + 1), beforeThen, beforeThen]);
  });

  it('counts a plant bringing back a closed one only if that one would have counted, and each site once', async () => {
    // 2073 is this file's: no other plant here opens or closes in it. The old plant ran before any baseline.
    const days = ['2073-01-31', '2073-02-01', '2073-05-01', '2073-09-01', '2073-10-01', '2073-11-01', '2073-12-31'];
    const counts = (knowledge: 'now' | 'then') => Promise.all(days.map((day) => newPlants(day, knowledge)));
    const before = { now: await counts('now'), then: await counts('then') };
    const [old, recent] = [running('2019-05-01'), running('2073-02-01')];
    const plants = [
      old,
      recent,
      running('2073-09-01', { restartOf: old.facilityId }),
      running('2073-10-01', { restartOf: recent.facilityId }),
      // A plant this service never heard of: nothing known says the site ran before.
      running('2073-11-01', { restartOf: randomUUID() }),
    ];
    await monitoring.processed(
      ...(await Promise.all(plants.map((plant) => monitoring.publish(FacilityRegistered, plant.facilityId, plant)))),
      await monitoring.publish(FacilityStatusChanged, old.facilityId, closing(old, '2073-03-01')),
      await monitoring.publish(FacilityStatusChanged, recent.facilityId, closing(recent, '2073-05-01')),
    );

    // The recent plant from February, closed in May; brought back in October, it counts again, once; the old
    // plant brought back in September does not; the restart of the unknown one from November.
    for (const knowledge of ['now', 'then'] as const) {
      const added = (await counts(knowledge)).map((count, index) => count - before[knowledge][index]);
      expect(added).toEqual([0, 1, 0, 0, 1, 2, 2]);
    }
    expect(
      (await (await monitoring.http()).get('/targets/new-plants').query({ asOf: '2073-12-31' })).body.notes,
    ).toEqual([
      expect.objectContaining({ code: 'target.new_plants', text: expect.stringContaining('bringing back a closed') }),
    ]);
  });

  it('keeps a plant brought back as its registration named it when a later version, an older instance’s, names none', async () => {
    // 2075 is this file's: no other plant here opens or closes in it.
    const days = ['2075-08-31', '2075-09-01', '2075-12-31'];
    const counts = (knowledge: 'now' | 'then') => Promise.all(days.map((day) => newPlants(day, knowledge)));
    const before = { now: await counts('now'), then: await counts('then') };
    const old = running('2019-05-01');
    const back = facility({ status: 'under_construction', statusSince: '2075-04-01', restartOf: old.facilityId });
    // Commissioned by an instance of the registry's release before restarts, during its rolling upgrade: its
    // message has no restartOf at all.
    const commissioned = {
      ...back,
      restartOf: undefined,
      status: 'commissioned' as const,
      statusSince: '2075-09-01',
      commissionedOn: '2075-09-01',
      previousStatus: 'under_construction' as const,
      version: 2,
    };
    await monitoring.processed(
      await monitoring.publish(FacilityRegistered, old.facilityId, old),
      await monitoring.publish(FacilityStatusChanged, old.facilityId, closing(old, '2075-03-01')),
      await monitoring.publish(FacilityRegistered, back.facilityId, back, { occurredAt: '2075-04-01T10:00:00.000Z' }),
      await monitoring.publish(FacilityStatusChanged, back.facilityId, commissioned, {
        schemaVersion: 3,
        occurredAt: '2075-09-01T10:00:00.000Z',
      }),
    );
    expect(
      await monitoring.query(
        `SELECT version, status, restart_of FROM facility_version WHERE facility_id = $1 ORDER BY version`,
        [back.facilityId],
      ),
    ).toEqual([
      { version: 1, status: 'under_construction', restart_of: old.facilityId },
      { version: 2, status: 'commissioned', restart_of: null },
    ]);

    // Commissioned on 1 September, as known now and as known from then on, it brings back a plant that ran
    // before any baseline: not new.
    for (const knowledge of ['now', 'then'] as const) {
      const added = (await counts(knowledge)).map((count, index) => count - before[knowledge][index]);
      expect(added).toEqual([0, 0, 0]);
    }
  });

  it('is for ministry staff only, and configuration for administrators only', async () => {
    await (
      await monitoring.http('producer', { companyId: '5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13' })
    )
      .get('/targets')
      .expect(403);
    await (
      await monitoring.http('ministry_analyst')
    )
      .patch('/configuration/targets/new-plants')
      .send({ targetValue: '10', effectiveFrom: '2026-01-01', reason: 'presentation' })
      .expect(403);
    const invalid = await (
      await monitoring.http('admin')
    )
      .patch('/configuration/targets/new-plants')
      .send({ targetValue: 'ten', effectiveFrom: '2026-02-30', reason: 'presentation', colour: 'red' })
      .expect(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'colour',
      'effectiveFrom',
      'targetValue',
    ]);
    const nulls = await (
      await monitoring.http('admin')
    )
      .patch('/configuration/targets/new-plants')
      .send({ targetValue: null, name: null, effectiveFrom: '2026-01-01', reason: 'presentation' })
      .expect(400);
    expect(nulls.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['name', 'targetValue']);
    await (await monitoring.http()).get('/targets/no-such-target').expect(400);
  });

  it('refuses a share above 100 in any value of a share target, naming the field, and records nothing', async () => {
    const admin = await monitoring.http('admin');
    const versions = async () =>
      (await admin.get('/configuration/versions/target:import-dependence').expect(200)).body.length;
    const before = await versions();
    const refused = await admin
      .patch('/configuration/targets/import-dependence')
      .send({
        baselineValue: '750',
        path: [
          { year: 2027, value: '62' },
          { year: 2028, value: '560' },
        ],
        effectiveFrom: '2026-01-01',
        reason: 'typing error',
      })
      .expect(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'baselineValue',
      'path.1.value',
    ]);
    expect(await versions()).toBe(before);
  });

  it('refuses a metal-content factor of 0, which would count a product’s customs tonnages as no metal at all', async () => {
    const admin = await monitoring.http('admin');
    const refused = await admin
      .patch(`/configuration/products/${lithium.code}`)
      .send({ metalContentFactor: '0.000', effectiveFrom: '2071-01-01', reason: 'typing error' })
      .expect(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['metalContentFactor']);
    const response = await (await monitoring.http()).get('/import-dependence').query({ year: 2071 }).expect(200);
    expect(response.body.excludedFromOverall).toEqual([]);
    expect(response.body.products).toContainEqual(
      expect.objectContaining({ productCode: lithium.code, metalContentFactorSource: 'reported' }),
    );
  });

  it('says when a measured baseline has nothing to measure, until the year has reports or a value is configured', async () => {
    const admin = await monitoring.http('admin');
    const change = (settings: Record<string, unknown>) =>
      admin
        .patch('/configuration/targets/critical-products')
        .send({ ...settings, effectiveFrom: '2099-01-01', reason: 'test programme' })
        .expect(200);
    const notes = async () =>
      (await (await monitoring.http()).get('/targets/critical-products').query({ asOf: '2100-06-30' }).expect(200)).body
        .notes as unknown[];
    const unmeasured = {
      code: 'target.baseline_unobserved',
      params: { year: 2099 },
      text: expect.stringContaining('baseline year 2099 is known here'),
    };

    await change({ baselineYear: 2099, targetYear: 2100 });
    expect(await notes()).toContainEqual(unmeasured);
    await change({ baselineValue: '30' });
    expect(await notes()).not.toContainEqual(unmeasured);
    await change({ baselineValue: null });
    expect(await notes()).toContainEqual(unmeasured);
    const report = acceptedReport({
      period: '2099-03',
      lines: lines({ productCode: lithium.code, quantity: '5', metal: '1', tonnageClass: 'large' }),
    });
    await monitoring.processed(await monitoring.publish(ReportAccepted, report.reportId, report));
    expect(await notes()).not.toContainEqual(unmeasured);
  });

  it('refuses years outside 1900–2199 and pages beyond reach, naming the field, instead of failing on them', async () => {
    const http = await monitoring.http();
    const refused = async (path: string, query: Record<string, string>) => {
      const response = await http.get(path).query(query);
      expect(response.status).toBe(400);
      return response.body.errors.map((error: { field: string }) => error.field).sort();
    };
    // Year 9999's history never ended (the month after 9999-12 is written +010000-01, which sorts first).
    expect(await refused('/targets/new-plants/history', { from: '9999-01', to: '9999-12' })).toEqual(['from', 'to']);
    expect(await refused('/output', { from: '0000-01', to: '2026-01' })).toEqual(['from']);
    expect(await refused('/targets', { asOf: '0050-06-30' })).toEqual(['asOf']);
    expect(await refused('/trade-statistics/export-check', { from: '0000-01' })).toEqual(['from']);
    expect(await refused('/trade-statistics', { page: '100000000000000000' })).toEqual(['page']);
  });

  it('takes the years its asOf takes, and refuses an asOf before the year asked for, naming the field', async () => {
    const http = await monitoring.http();
    const fields = async (query: Record<string, string>) => {
      const response = await http.get('/import-dependence').query(query).expect(400);
      return response.body.errors.map((error: { field: string }) => error.field);
    };
    // Customs figures may be loaded for any of these years, so their import dependence may be asked for.
    for (const year of ['1900', '1999', '2150', '2199']) {
      expect((await http.get('/import-dependence').query({ year }).expect(200)).body.window.from).toBe(`${year}-01`);
    }
    expect(await fields({ year: '1899' })).toEqual(['year']);
    expect(await fields({ year: '2200' })).toEqual(['year']);
    // Nothing of 2071 was known, or in effect, on the last day of 2070.
    expect(await fields({ year: '2071', asOf: '2070-12-31' })).toEqual(['asOf']);
    const firstDay = await http.get('/import-dependence').query({ year: '2071', asOf: '2071-01-01' }).expect(200);
    expect(firstDay.body).toMatchObject({ asOf: '2071-01-01', window: { from: '2071-01', to: '2071-12' } });
  });

  it('withholds a share that is none: re-exports beyond output, or no apparent consumption, each saying why', async () => {
    const reExported = product({ tonnageClass: 'large', hsCode: hsCode(), name: 'Test re-exported oxide' });
    const drawnDown = product({ tonnageClass: 'large', hsCode: hsCode(), name: 'Test stock drawn down' });
    const report = acceptedReport({
      period: '2073-Q1',
      lines: lines({ productCode: reExported.code, quantity: '100', metal: '20', tonnageClass: 'large' }),
    });
    await monitoring.processed(
      await monitoring.publish(ProductAdded, reExported.code, reExported),
      await monitoring.publish(ProductAdded, drawnDown.code, drawnDown),
      await monitoring.publish(ReportAccepted, report.reportId, report),
    );
    const upload = await (await monitoring.http()).post('/trade-statistics').send({
      rows: [
        { flow: 'import', hsCode: reExported.hsCode, period: '2073', quantity: '300', unit: 't' },
        { flow: 'export', hsCode: reExported.hsCode, period: '2073', quantity: '250', unit: 't' },
        { flow: 'import', hsCode: drawnDown.hsCode, period: '2073', quantity: '10', unit: 't' },
        { flow: 'export', hsCode: drawnDown.hsCode, period: '2073', quantity: '40', unit: 't' },
      ],
    });
    expect(upload.status).toBe(201);

    const response = await (await monitoring.http()).get('/import-dependence').query({ year: 2073 }).expect(200);
    const row = (code: string) => response.body.products.find((p: { productCode: string }) => p.productCode === code);
    // 300 / (100 + 300 − 250) = 300 / 150 = 200%: exports beyond output were imports again. What stayed was
    // between (300 − 250) / 150 = 33.33% imported (every export an import) and 100% (every export domestic).
    expect(row(reExported.code)).toMatchObject({
      apparentConsumptionTonnes: '150',
      importDependencePercent: null,
      importDependenceWithheld: {
        reason: 'exports_exceed_output',
        note: expect.stringMatching(/200\.00%.*between 33\.33% .* and 100%/),
        params: expect.objectContaining({ quotientPercent: '200.00', leastPercent: '33.33' }),
      },
    });
    // 10 + 0 − 40 = −30 t: nothing consumed to divide by.
    expect(row(drawnDown.code)).toMatchObject({
      apparentConsumptionTonnes: '-30',
      importDependencePercent: null,
      importDependenceWithheld: { reason: 'no_apparent_consumption' },
    });
    // Metal content (factor 20 / 100 = 0.2): output 20, imports 60, exports 50; the other product has no factor.
    expect(response.body.excludedFromOverall).toEqual([drawnDown.code]);
    expect(response.body.overall).toMatchObject({
      apparentConsumptionMetalTonnes: '30',
      importDependencePercent: null,
      importDependenceWithheld: { reason: 'exports_exceed_output' },
    });

    // The target has no figure to judge then, and says why rather than reading 200% as off track.
    const target = await (await monitoring.http()).get('/targets/import-dependence').query({ asOf: '2073-12-31' });
    expect(target.body).toMatchObject({ current: null, gap: null, status: 'no_data' });
    expect(target.body.notes).toContainEqual(
      expect.objectContaining({
        code: 'target.share_withheld',
        params: { withheld: expect.objectContaining({ code: 'share_withheld.exports_exceed_output' }) },
      }),
    );
  });

  it('says beside a subsidy why the product’s import dependence is withheld, as /import-dependence does', async () => {
    const reExported = product({ tonnageClass: 'large', hsCode: hsCode(), name: 'Test subsidised oxide' });
    const companyId = randomUUID();
    const [before, during] = ['2078-Q1', '2079-Q1'].map((period) =>
      acceptedReport({
        companyId,
        period,
        lines: lines({ productCode: reExported.code, quantity: '100', metal: '20', tonnageClass: 'large' }),
      }),
    );
    const claim = {
      ...samplePayload(ClaimApproved),
      claimId: randomUUID(),
      companyId,
      programmeYear: 2079,
      period: '2079-Q1',
      reportIds: [during.reportId],
      approvedKopecks: '500000',
    };
    await monitoring.processed(
      await monitoring.publish(ProductAdded, reExported.code, reExported),
      await monitoring.publish(ReportAccepted, before.reportId, before),
      await monitoring.publish(ReportAccepted, during.reportId, during),
      await monitoring.publish(ClaimApproved, claim.claimId, claim),
    );
    const http = await monitoring.http();
    await http
      .post('/trade-statistics')
      .send({
        rows: [
          { flow: 'import', hsCode: reExported.hsCode, period: '2078', quantity: '50', unit: 't' },
          { flow: 'import', hsCode: reExported.hsCode, period: '2079', quantity: '300', unit: 't' },
          { flow: 'export', hsCode: reExported.hsCode, period: '2079', quantity: '250', unit: 't' },
        ],
      })
      .expect(201);

    const body = (await http.get('/subsidy/effectiveness').query({ programmeYear: 2079 }).expect(200)).body;
    const withheld = (await http.get('/import-dependence').query({ year: 2079 }).expect(200)).body.products.find(
      (p: { productCode: string }) => p.productCode === reExported.code,
    ).importDependenceWithheld;
    // 2078: 50 ÷ (100 + 50) = 33.33%. 2079: 300 ÷ (100 + 300 − 250) = 200%, no share (between 33.33% and 100%).
    expect(withheld).toMatchObject({ reason: 'exports_exceed_output', note: expect.stringMatching(/between 33\.33%/) });
    expect(body.rows.filter((row: { companyId: string }) => row.companyId === companyId)).toEqual([
      expect.objectContaining({
        productCode: reExported.code,
        approvedKopecks: '500000',
        importDependence: {
          previousYearPercent: '33.33',
          previousYearWithheld: null,
          yearPercent: null,
          yearWithheld: withheld,
          changePoints: null,
        },
      }),
    ]);
  });
});
