import { randomUUID } from 'node:crypto';
import {
  AlertRaised,
  AlertResolved,
  FacilityRegistered,
  type FacilitySnapshot,
  FacilityStatusChanged,
  FacilityUpdated,
  ReportAccepted,
} from '@redmet/contracts';
import { acceptedReport, facility, lines, productCode } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

/**
 * A sudden drop in the output reported on a deposit (no plant named) when the
 * plants processing it close; a plant's own output is in alerts.e2e-spec.ts.
 */
describe('sudden drop of a deposit whose plants closed', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    monitoring = await startMonitoring();
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const alertsOf = async (subject: string): Promise<{ alertId: string; ruleId: string; state: string }[]> =>
    (await (await monitoring.http()).get('/alerts').query({ subject, pageSize: 50 }).expect(200)).body.items;

  const eventsOf = (alertId: string) => monitoring.publishedTypes(alertId);

  /** A plant processing the deposit, running since 2066. */
  const plantOf = (depositId: string) =>
    facility({ status: 'commissioned', statusSince: '2066-01-01', commissionedOn: '2066-01-01', depositId });

  const closure = (plant: FacilitySnapshot, closedOn: string) => ({
    ...plant,
    status: 'closed' as const,
    statusSince: closedOn,
    previousStatus: 'commissioned' as const,
    version: 2,
  });

  const register = async (...plants: FacilitySnapshot[]) =>
    monitoring.processed(
      ...(await Promise.all(plants.map((plant) => monitoring.publish(FacilityRegistered, plant.facilityId, plant)))),
    );

  const close = async (...closures: [FacilitySnapshot, string][]) =>
    monitoring.processed(
      ...(await Promise.all(
        closures.map(([plant, on]) => monitoring.publish(FacilityStatusChanged, plant.facilityId, closure(plant, on))),
      )),
    );

  /** Reported on the deposit, no plant named: 100 t a month for the first quarter of 2067, then 30 t in April. */
  const reportFalling = async (depositId: string) => {
    const [companyId, code] = [randomUUID(), productCode()];
    const events = [];
    for (const [period, quantity] of [
      ['2067-01', '100'],
      ['2067-02', '100'],
      ['2067-03', '100'],
      ['2067-04', '30'],
    ]) {
      const report = acceptedReport({
        companyId,
        facilityId: null,
        depositId,
        period,
        lines: lines({ productCode: code, quantity }),
      });
      events.push(await monitoring.publish(ReportAccepted, report.reportId, report));
    }
    await monitoring.processed(...events);
  };

  const statesOf = async (depositId: string) =>
    (await alertsOf(`deposit:${depositId}`)).map((alert) => [alert.ruleId, alert.state]);

  it('raises nothing when every plant processing the deposit closed by the end of the period that fell', async () => {
    const [oneClosed, twoClosed] = [randomUUID(), randomUUID()];
    const closedInApril = plantOf(oneClosed);
    // Each month of the first quarter had one of these running, and both closed by the end of April.
    const closedInMarch = plantOf(twoClosed);
    const openedInFebruary = {
      ...plantOf(twoClosed),
      statusSince: '2067-02-01',
      commissionedOn: '2067-02-01',
    };
    await register(closedInApril, closedInMarch, openedInFebruary);
    await close([closedInApril, '2067-04-30'], [closedInMarch, '2067-03-10'], [openedInFebruary, '2067-04-20']);

    await reportFalling(oneClosed);
    await reportFalling(twoClosed);

    expect(await statesOf(oneClosed)).toEqual([]);
    expect(await statesOf(twoClosed)).toEqual([]);
  });

  it('still raises a drop the closures do not explain', async () => {
    const [noPlant, closedInMay, oneStillRunning, closedBeforeOutputEnded] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const mayPlant = plantOf(closedInMay);
    const [closing, running] = [plantOf(oneStillRunning), plantOf(oneStillRunning)];
    // Closed in February, while the deposit's output went on through March: not through this plant.
    const februaryPlant = plantOf(closedBeforeOutputEnded);
    await register(mayPlant, closing, running, februaryPlant);
    await close([mayPlant, '2067-05-01'], [closing, '2067-04-10'], [februaryPlant, '2067-02-10']);

    for (const depositId of [noPlant, closedInMay, oneStillRunning, closedBeforeOutputEnded]) {
      await reportFalling(depositId);
      expect(await statesOf(depositId)).toEqual([['output.sudden_drop', 'open']]);
    }
  });

  it('resolves an open drop of the deposit when the last plant processing it closes in the period that fell', async () => {
    const depositId = randomUUID();
    const [first, last] = [plantOf(depositId), plantOf(depositId)];
    await register(first, last);
    await reportFalling(depositId);
    const [alert] = await alertsOf(`deposit:${depositId}`);
    expect(alert).toMatchObject({ ruleId: 'output.sudden_drop', state: 'open' });

    // One of two closed: the other may still have taken the deposit's output.
    await close([first, '2067-04-05']);
    expect(await statesOf(depositId)).toEqual([['output.sudden_drop', 'open']]);

    await close([last, '2067-04-15']);
    expect(await statesOf(depositId)).toEqual([['output.sudden_drop', 'resolved']]);
    expect(await eventsOf(alert.alertId)).toEqual([AlertRaised.type, AlertResolved.type]);
  });

  it('judges again the deposit a plant moved away from: its closure no longer explains that fall', async () => {
    const [from, to] = [randomUUID(), randomUUID()];
    const plant = plantOf(from);
    await register(plant);
    await close([plant, '2067-04-30']);
    await reportFalling(from);
    expect(await statesOf(from)).toEqual([]);

    // The registry corrects it: the plant processed another deposit, so none of the first one's plants closed.
    const moved = { ...plant, status: 'closed' as const, statusSince: '2067-04-30', depositId: to, version: 3 };
    await monitoring.processed(await monitoring.publish(FacilityUpdated, plant.facilityId, moved));
    expect(await statesOf(from)).toEqual([['output.sudden_drop', 'open']]);
    expect(await statesOf(to)).toEqual([]);
  });
});
