import { randomUUID } from 'node:crypto';
import {
  CompanyRegistered,
  CompanyUpdated,
  DepositRegistered,
  DepositUpdated,
  FacilityRegistered,
  FacilityUpdated,
  ReportAccepted,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { acceptedReport, facility, lines, productCode } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

/** Of a year no other test reports: every test's service reads these events. */
const YEAR = 2089;
const REGISTERED = `${YEAR}-01-01T09:00:00Z`;
const RENAMED = `${YEAR}-06-01T09:00:00Z`;

/**
 * Names as known on a past day. Company C runs plant F and mines deposit D, all registered on 1 January and
 * renamed on 1 June; its first-quarter output, 100 t at F and 40 t at D, was reported on 10 April. Company L
 * reported 7 t then too, but the registry's event registering it is of 1 June: it had no name known on 31 May.
 */
describe('company and site names as known then', () => {
  let monitoring: MonitoringTestApp;
  const company = { ...samplePayload(CompanyRegistered), companyId: randomUUID(), legalName: 'Old Company LLC' };
  const late = { ...samplePayload(CompanyRegistered), companyId: randomUUID(), legalName: 'Late Company LLC' };
  const deposit = { ...samplePayload(DepositRegistered), depositId: randomUUID(), name: 'Old deposit' };
  const plant = facility({ operatorCompanyId: company.companyId, depositId: deposit.depositId, name: 'Old plant' });
  const code = productCode();

  beforeAll(async () => {
    monitoring = await startMonitoring();
    const reported = { occurredAt: `${YEAR}-04-10T09:00:00Z` };
    const atPlant = acceptedReport({
      companyId: company.companyId,
      facilityId: plant.facilityId,
      depositId: deposit.depositId,
      period: `${YEAR}-Q1`,
      lines: lines({ productCode: code, quantity: '100' }),
    });
    const atDeposit = acceptedReport({
      companyId: company.companyId,
      depositId: deposit.depositId,
      period: `${YEAR}-Q1`,
      lines: lines({ productCode: code, quantity: '40' }),
    });
    const ofLate = acceptedReport({
      companyId: late.companyId,
      period: `${YEAR}-Q1`,
      lines: lines({ productCode: code, quantity: '7' }),
    });
    await monitoring.processed(
      await monitoring.publish(CompanyRegistered, company.companyId, company, { occurredAt: REGISTERED }),
      await monitoring.publish(DepositRegistered, deposit.depositId, deposit, { occurredAt: REGISTERED }),
      await monitoring.publish(FacilityRegistered, plant.facilityId, plant, { occurredAt: REGISTERED }),
      await monitoring.publish(ReportAccepted, atPlant.reportId, atPlant, reported),
      await monitoring.publish(ReportAccepted, atDeposit.reportId, atDeposit, reported),
      await monitoring.publish(ReportAccepted, ofLate.reportId, ofLate, reported),
    );
    await monitoring.processed(
      await monitoring.publish(
        CompanyUpdated,
        company.companyId,
        { ...company, legalName: 'New Company LLC', version: company.version + 1 },
        { occurredAt: RENAMED },
      ),
      await monitoring.publish(
        DepositUpdated,
        deposit.depositId,
        { ...deposit, name: 'New deposit', version: deposit.version + 1 },
        { occurredAt: RENAMED },
      ),
      await monitoring.publish(
        FacilityUpdated,
        plant.facilityId,
        { ...plant, name: 'New plant', version: plant.version + 1 },
        { occurredAt: RENAMED },
      ),
      await monitoring.publish(CompanyRegistered, late.companyId, late, { occurredAt: RENAMED }),
    );
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const output = async (groupBy: string, knowledge: string) =>
    (
      await (
        await monitoring.http()
      )
        .get('/output')
        .query({ groupBy, from: `${YEAR}-01`, to: `${YEAR}-03`, asOf: `${YEAR}-05-31`, knowledge })
        .expect(200)
    ).body.rows;

  it('names each company as the registry named it then, and one it named only later by its name now', async () => {
    const byCompany = (oldName: string) =>
      [
        { companyId: company.companyId, companyName: oldName, quantityTonnes: '140' },
        { companyId: late.companyId, companyName: 'Late Company LLC', quantityTonnes: '7' },
      ]
        .sort((a, b) => a.companyId.localeCompare(b.companyId))
        .map((row) => expect.objectContaining(row));
    expect(await output('company', 'then')).toEqual(byCompany('Old Company LLC'));
    expect(await output('company', 'now')).toEqual(byCompany('New Company LLC'));
  });

  it('names each site, a plant or a deposit, as the registry named it then', async () => {
    const bySite = (plantName: string, depositName: string) =>
      [
        { siteId: plant.facilityId, siteName: plantName, quantityTonnes: '100' },
        { siteId: deposit.depositId, siteName: depositName, quantityTonnes: '40' },
      ]
        .sort((a, b) => a.siteId.localeCompare(b.siteId))
        .map((row) => expect.objectContaining(row));
    const mine = (rows: { siteId: string }[]) =>
      rows.filter((row) => [plant.facilityId, deposit.depositId].includes(row.siteId));
    expect(mine(await output('site', 'then'))).toEqual(bySite('Old plant', 'Old deposit'));
    expect(mine(await output('site', 'now'))).toEqual(bySite('New plant', 'New deposit'));
  });
});
