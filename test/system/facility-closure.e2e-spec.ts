import { randomUUID } from 'node:crypto';
import { waitFor } from '@redmet/testing';
import { Platform } from './support/platform';
import { randomInn } from './support/registry-data';

interface Obligation {
  facilityId: string | null;
  period: string;
  months: string[];
}

/*
 * A plant closed at the registry, followed by the services that judge it from
 * the registry's events, each in its own process: reporting stops owing and
 * accepting its reports from the closing day, monitoring stops counting it as
 * a new plant from that day.
 */
describe('system: a plant closed at the registry', () => {
  const platform = new Platform(['deposit-registry', 'production-reporting', 'target-monitoring', 'gateway']);

  beforeAll(async () => {
    await platform.start();
  }, 180_000);

  afterAll(async () => {
    await platform.stop();
  });

  const created = async (path: string, bearer: string, body: object): Promise<Record<string, string>> => {
    const response = await platform.call<Record<string, string>>('POST', path, bearer, body);
    if (response.status !== 201)
      throw new Error(`POST ${path} gave ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  it('owes and takes no report after the closing day, and no longer counts the plant as new from that day', async () => {
    const admin = await platform.auth.bearer({ roles: ['registry_admin'], userId: 'u-registry-admin' });
    const analyst = await platform.auth.bearer({ roles: ['ministry_analyst'], userId: 'u-analyst' });
    const company = await created('/api/registry/companies', admin, {
      legalName: 'Closing Lithium LLC',
      inn: randomInn(),
    });
    const product = await created('/api/registry/products', admin, {
      code: `TEST-${randomUUID().slice(0, 8).toUpperCase()}`,
      name: 'Lithium carbonate',
      elements: ['Li'],
      tonnageClass: 'large',
      hsCode: '2836.91',
      unit: 't',
      metalContentBasis: 't Li contained',
    });
    const plant = await created('/api/registry/facilities', admin, {
      name: 'Lithium carbonate plant',
      operatorCompanyId: company.id,
      region: 'Murmansk Oblast',
      productCodes: [product.code],
      status: 'commissioned',
      statusSince: '2025-03-01',
    });
    const producer = await platform.auth.bearer({ roles: ['producer'], companyId: company.id, userId: 'u-producer' });
    const owed = async () => {
      const { body } = await platform.call<{ items: Obligation[] }>(
        'GET',
        '/api/reporting/obligations/overdue',
        producer,
      );
      return body.items
        .filter((item) => item.facilityId === plant.id)
        .map(({ period, months }) => ({ period, months }))
        .sort((a, b) => a.period.localeCompare(b.period));
    };
    await waitFor(async () => (await owed()).some(({ period }) => period === '2026-Q3'), {
      timeoutMs: 60_000,
      description: 'reporting to owe the running plant its reports',
    });

    const closed = await platform.call('POST', `/api/registry/facilities/${plant.id}/status`, admin, {
      status: 'closed',
      effectiveOn: '2026-05-13',
    });
    expect(closed.status).toBe(200);

    await waitFor(async () => !(await owed()).some(({ period }) => period === '2026-Q3'), {
      timeoutMs: 60_000,
      description: 'reporting to learn of the closure',
    });
    expect(await owed()).toEqual([
      { period: '2026-Q1', months: ['2026-01-01', '2026-02-01', '2026-03-01'] },
      { period: '2026-Q2', months: ['2026-04-01', '2026-05-01'] },
    ]);
    const file = (period: string, quantity: string) =>
      platform.call<{ state: string; reasons?: { code: string; message: string }[] }>(
        'POST',
        '/api/reporting/reports',
        producer,
        {
          facilityId: plant.id,
          period,
          submit: true,
          lines: [
            {
              productCode: product.code,
              quantity,
              unit: 't',
              metalContentTonnes: quantity === '0' ? '0' : '40',
              domesticShipments: quantity === '0' ? '0' : '150',
              exports: '0',
            },
          ],
        },
      );
    const lastQuarter = await file('2026-Q2', '210');
    const afterClosing = await file('2026-Q3', '90');
    const nilAfterClosing = await file('2026-Q3', '0');
    expect([lastQuarter.status, lastQuarter.body.state]).toEqual([201, 'accepted']);
    expect([afterClosing.status, afterClosing.body.state]).toEqual([201, 'rejected']);
    expect(afterClosing.body.reasons).toEqual([
      expect.objectContaining({
        code: 'REPORT.FACILITY_NOT_OPERATING',
        message: expect.stringContaining('closed on 2026-05-13'),
      }),
    ]);
    expect([nilAfterClosing.status, nilAfterClosing.body.state]).toEqual([201, 'accepted']);

    const newPlants = async (asOf: string) =>
      (
        await platform.call<{ current: string | null }>(
          'GET',
          `/api/monitoring/targets/new-plants?asOf=${asOf}`,
          analyst,
        )
      ).body.current;
    // Monitoring also follows the plants other tests publish on the shared topics: compare the day before the
    // closure with the closing day, on which no other plant closes.
    const droppedOnClosingDay = async () =>
      Number(await newPlants('2026-05-12')) - Number(await newPlants('2026-05-13'));
    await waitFor(async () => (await droppedOnClosingDay()) === 1, {
      timeoutMs: 60_000,
      description: 'monitoring to stop counting the closed plant from its closing day',
    });
  });
});
