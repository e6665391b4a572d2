import { randomUUID } from 'node:crypto';
import {
  CompanyRegistered,
  CompanyUpdated,
  DepositRegistered,
  DepositUpdated,
  FacilityRegistered,
  FacilityUpdated,
  ProductAdded,
  ProductUpdated,
  ReportAccepted,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { acceptedReport, facility, lines, product, productCode } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

/** Of a year no other test reports: every test's service reads these events. */
const YEAR = 2089;
const REGISTERED = `${YEAR}-01-01T09:00:00Z`;
const RENAMED = `${YEAR}-06-01T09:00:00Z`;

/**
 * Names as known on a past day, 31 May. Company C runs plant F and mines deposit D, all registered on 1 January
 * and renamed on 1 June; its first-quarter output of a niobium product, 100 t at F and 40 t at D, was reported on
 * 10 April. Company L reported 7 t of it then too, but the registry's event registering it is of 1 June: it had no
 * name known on 31 May. Company O was renamed on 1 March and again on 1 June; its rename of March reached this
 * service before its registration. Plants G and H were renamed on 1 April by an instance of the release before
 * names were kept, which recorded those versions without them; H was renamed again on 1 June. Company N and its
 * niobium product X are in the registry copy only, as an instance of a release before their versions left them.
 */
describe('company and site names as known then', () => {
  let monitoring: MonitoringTestApp;
  const company = { ...samplePayload(CompanyRegistered), companyId: randomUUID(), legalName: 'Old Company LLC' };
  const late = { ...samplePayload(CompanyRegistered), companyId: randomUUID(), legalName: 'Late Company LLC' };
  const reordered = { ...samplePayload(CompanyRegistered), companyId: randomUUID(), legalName: 'First Company LLC' };
  const unversioned = { companyId: randomUUID(), legalName: 'Company of an older instance LLC' };
  const deposit = { ...samplePayload(DepositRegistered), depositId: randomUUID(), name: 'Old deposit' };
  const plant = facility({ operatorCompanyId: company.companyId, depositId: deposit.depositId, name: 'Old plant' });
  const [renamedUnnamed, renamedAgain] = [facility({ name: 'Plant G' }), facility({ name: 'Plant H' })];
  const niobium = product({ elements: ['Nb'] });
  const olderProduct = product({ elements: ['Nb'], name: 'Product of an older instance' });
  const uncatalogued = productCode();

  beforeAll(async () => {
    monitoring = await startMonitoring();
    await monitoring.query(
      `INSERT INTO registry_company (company_id, legal_name, inn, region, status, version)
       VALUES ($1, $2, '5116377823', 'Murmansk Oblast', 'active', 1)`,
      [unversioned.companyId, unversioned.legalName],
    );
    await monitoring.query(
      `INSERT INTO registry_product (code, name, elements, tonnage_class, hs_code, unit, metal_content_basis, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`,
      [
        olderProduct.code,
        olderProduct.name,
        olderProduct.elements,
        olderProduct.tonnageClass,
        olderProduct.hsCode,
        olderProduct.unit,
        olderProduct.metalContentBasis,
      ],
    );
    const reported = { occurredAt: `${YEAR}-04-10T09:00:00Z` };
    const reports = [
      { companyId: company.companyId, facilityId: plant.facilityId, depositId: deposit.depositId, quantity: '100' },
      { companyId: company.companyId, depositId: deposit.depositId, quantity: '40' },
      { companyId: late.companyId, quantity: '7' },
      { companyId: reordered.companyId, productCode: uncatalogued, quantity: '5' },
      { facilityId: renamedUnnamed.facilityId, depositId: null, productCode: uncatalogued, quantity: '10' },
      { facilityId: renamedAgain.facilityId, depositId: null, productCode: uncatalogued, quantity: '20' },
      { companyId: unversioned.companyId, productCode: olderProduct.code, quantity: '3' },
      { companyId: unversioned.companyId, productCode: olderProduct.code, quantity: '2', region: 'Perm Krai' },
    ].map(({ productCode: code = niobium.code, quantity, ...report }) =>
      acceptedReport({ ...report, period: `${YEAR}-Q1`, lines: lines({ productCode: code, quantity }) }),
    );
    const registered = { occurredAt: REGISTERED };
    await monitoring.processed(
      await monitoring.publish(ProductAdded, niobium.code, niobium, registered),
      await monitoring.publish(CompanyRegistered, company.companyId, company, registered),
      await monitoring.publish(DepositRegistered, deposit.depositId, deposit, registered),
      await monitoring.publish(FacilityRegistered, plant.facilityId, plant, registered),
      await monitoring.publish(FacilityRegistered, renamedUnnamed.facilityId, renamedUnnamed, registered),
      await monitoring.publish(FacilityRegistered, renamedAgain.facilityId, renamedAgain, registered),
      await monitoring.publish(
        CompanyUpdated,
        reordered.companyId,
        { ...reordered, legalName: 'Second Company LLC', version: 2 },
        { occurredAt: `${YEAR}-03-01T09:00:00Z` },
      ),
      await monitoring.publish(CompanyRegistered, reordered.companyId, reordered, registered),
      ...(await Promise.all(
        reports.map((report) => monitoring.publish(ReportAccepted, report.reportId, report, reported)),
      )),
    );
    // As an instance of the release before names were kept records a rename: its version without the name.
    for (const renamed of [renamedUnnamed, renamedAgain]) {
      await monitoring.query(
        `INSERT INTO facility_version (facility_id, version, known_from, status, status_since, commissioned_on,
           deposit_id)
         SELECT facility_id, 2, $2, status, status_since, commissioned_on, deposit_id
           FROM facility_version WHERE facility_id = $1 AND version = 1`,
        [renamed.facilityId, `${YEAR}-04-01T09:00:00Z`],
      );
      await monitoring.query(`UPDATE registry_facility SET name = $2, version = 2 WHERE facility_id = $1`, [
        renamed.facilityId,
        `${renamed.name} renamed`,
      ]);
    }
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
      await monitoring.publish(
        FacilityUpdated,
        renamedAgain.facilityId,
        { ...renamedAgain, name: 'Plant H renamed again', version: 3 },
        { occurredAt: RENAMED },
      ),
      await monitoring.publish(
        CompanyUpdated,
        reordered.companyId,
        { ...reordered, legalName: 'Third Company LLC', version: 3 },
        { occurredAt: RENAMED },
      ),
      await monitoring.publish(CompanyRegistered, late.companyId, late, { occurredAt: RENAMED }),
    );
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const output = async (query: Record<string, string>, knowledge: string) =>
    (
      await (
        await monitoring.http()
      )
        .get('/output')
        .query({ ...query, from: `${YEAR}-01`, to: `${YEAR}-03`, asOf: `${YEAR}-05-31`, knowledge })
        .expect(200)
    ).body.rows;
  const rows = <Row extends Record<string, string>>(key: keyof Row, expected: Row[]) =>
    expected.sort((a, b) => a[key].localeCompare(b[key])).map((row) => expect.objectContaining(row));
  const companies: string[] = [company, late, reordered, unversioned].map(({ companyId }) => companyId);
  const ofCompanies = (found: { companyId: string }[]) => found.filter((row) => companies.includes(row.companyId));

  it('names each company as the registry named it then, and one it named only later or kept no version of by its name now', async () => {
    const byCompany = (oldName: string, reorderedName: string) =>
      rows('companyId', [
        { companyId: company.companyId, companyName: oldName, quantityTonnes: '140' },
        { companyId: late.companyId, companyName: 'Late Company LLC', quantityTonnes: '7' },
        { companyId: reordered.companyId, companyName: reorderedName, quantityTonnes: '5' },
        { companyId: unversioned.companyId, companyName: unversioned.legalName, quantityTonnes: '5' },
      ]);
    // O's registration, reaching this service after its rename, did not take the name back.
    expect(ofCompanies(await output({ groupBy: 'company' }, 'then'))).toEqual(
      byCompany('Old Company LLC', 'Second Company LLC'),
    );
    expect(ofCompanies(await output({ groupBy: 'company' }, 'now'))).toEqual(
      byCompany('New Company LLC', 'Third Company LLC'),
    );
  });

  it('names each site, a plant or a deposit, as the registry named it then, a rename recorded without its name too', async () => {
    const sites = [plant.facilityId, deposit.depositId, renamedUnnamed.facilityId, renamedAgain.facilityId];
    const bySite = (plantName: string, depositName: string, renamedAgainName: string) =>
      rows('siteId', [
        { siteId: plant.facilityId, siteName: plantName, quantityTonnes: '100' },
        { siteId: deposit.depositId, siteName: depositName, quantityTonnes: '40' },
        { siteId: renamedUnnamed.facilityId, siteName: 'Plant G renamed', quantityTonnes: '10' },
        { siteId: renamedAgain.facilityId, siteName: renamedAgainName, quantityTonnes: '20' },
      ]);
    const mine = (found: { siteId: string }[]) => found.filter((row) => sites.includes(row.siteId));
    // G's rename without a name is the version the registry copy holds, whose name it has; H's is not any more,
    // so H bears the name of the last version named by then.
    expect(mine(await output({ groupBy: 'site' }, 'then'))).toEqual(bySite('Old plant', 'Old deposit', 'Plant H'));
    expect(mine(await output({ groupBy: 'site' }, 'now'))).toEqual(
      bySite('New plant', 'New deposit', 'Plant H renamed again'),
    );
  });

  it('names them so in a drill-down filtered by region and element, whose catalogue is as known then', async () => {
    // O's product is in no catalogue, and N's other 2 t are of another region.
    const filtered = async () =>
      ofCompanies(await output({ groupBy: 'company', region: 'Murmansk Oblast', element: 'Nb' }, 'then'));
    const expected = rows('companyId', [
      { companyId: company.companyId, companyName: 'Old Company LLC', quantityTonnes: '140' },
      { companyId: late.companyId, companyName: 'Late Company LLC', quantityTonnes: '7' },
      { companyId: unversioned.companyId, companyName: unversioned.legalName, quantityTonnes: '3' },
    ]);
    expect(await filtered()).toEqual(expected);

    // X's next version, recorded after the day asked for: X stays known on it, now as that version has it.
    await monitoring.processed(
      await monitoring.publish(
        ProductUpdated,
        olderProduct.code,
        { ...olderProduct, name: 'Renamed product of an older instance', version: 2 },
        { occurredAt: RENAMED },
      ),
    );
    expect(await filtered()).toEqual(expected);
  });
});
