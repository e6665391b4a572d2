import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { monthsOf, monthsOperatedBy, parsePeriod } from '@redmet/contracts';
import { type Coverage, licenceCoverage, type LicenceStatusRecord } from '@redmet/registry-view';
import { GroupBatch } from '@redmet/platform';
import { preparedQuery } from '../common/prepared';
import { acceptedElsewhereSql } from './site-claims';
import type { FacilityFacts, ProductFacts, RegistryFacts, ReportContent } from './report-content';
import type { AcceptedElsewhere } from './report-rules';

interface FactsRow {
  accepted_elsewhere: (AcceptedElsewhere & { month: string })[];
  company: RegistryFacts['company'];
  facility: FacilityFacts | null;
  deposit: RegistryFacts['deposit'];
  licences: { number: string; history: LicenceStatusRecord[] }[];
  licensed_to_others: boolean;
  products: ProductFacts[];
}

/**
 * Everything the rules need in one round trip: the registry view (the view's
 * own per-table look-ups would cost six, on every submission) and another
 * report accepted for the site and period, for each report asked about (the
 * filings of a group ask together; see GroupBatch). A report's product codes
 * and months come as JSON arrays. Dates come back as ISO strings from
 * json_build_object.
 */
const FACTS_SQL = `
  SELECT
    ${acceptedElsewhereSql('r.site_id', 'ARRAY(SELECT json_array_elements_text(r.months::json))', 'r.report_id', 'r.company_id')}
      AS accepted_elsewhere,
    (SELECT json_build_object('status', status) FROM registry_company WHERE company_id = r.company_id) AS company,
    (SELECT json_build_object('operatorCompanyId', operator_company_id, 'operators', operators, 'depositId', deposit_id, 'region', region,
              'status', status, 'statusSince', status_since, 'commissionedOn', commissioned_on, 'productCodes', product_codes)
       FROM registry_facility WHERE facility_id = r.facility_id) AS facility,
    (SELECT json_build_object('region', region, 'metals', metals) FROM registry_deposit WHERE deposit_id = r.deposit_id) AS deposit,
    (SELECT coalesce(json_agg(json_build_object('number', l.number, 'history',
              (SELECT coalesce(json_agg(json_build_object('version', s.version, 'status', s.status,
                        'statusSince', s.status_since, 'validFrom', s.valid_from, 'validTo', s.valid_to)), '[]')
                 FROM registry_licence_status s WHERE s.licence_id = l.licence_id))), '[]')
       FROM registry_licence l WHERE l.holder_company_id = r.company_id AND l.deposit_id = r.deposit_id) AS licences,
    EXISTS (SELECT 1 FROM registry_licence WHERE deposit_id = r.deposit_id AND holder_company_id <> r.company_id)
      AS licensed_to_others,
    (SELECT coalesce(json_agg(json_build_object('code', code, 'unit', unit, 'tonnageClass', tonnage_class, 'elements', elements)), '[]')
       FROM registry_product WHERE code IN (SELECT json_array_elements_text(r.codes::json))) AS products
  FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::uuid[])
         WITH ORDINALITY AS r(company_id, facility_id, deposit_id, codes, site_id, months, report_id, n)
  ORDER BY r.n`;

interface FactsQuestion {
  report: ReportContent & { reportId: string };
  siteId: string;
}

const readFacts = new GroupBatch<FactsQuestion, FactsRow>((manager, questions) =>
  preparedQuery<FactsRow>(manager, 'reporting-registry-facts', FACTS_SQL, [
    questions.map(({ report }) => report.companyId),
    questions.map(({ report }) => report.facilityId),
    questions.map(({ report }) => report.depositId),
    questions.map(({ report }) => JSON.stringify([...new Set(report.lines.map((line) => line.productCode))])),
    questions.map(({ siteId }) => siteId),
    questions.map(({ report }) => JSON.stringify(monthsOf(report.period))),
    questions.map(({ report }) => report.reportId),
  ]),
);

const RANK: Record<Coverage['state'], number> = { active: 0, unknown: 1, inactive: 2 };

@Injectable()
export class ReportFactsLoader {
  async load(
    manager: EntityManager,
    report: ReportContent & { reportId: string },
    siteId: string,
  ): Promise<{ facts: RegistryFacts; acceptedElsewhere: AcceptedElsewhere | null }> {
    const row = await readFacts.run(manager, { report, siteId });
    const { start, end } = parsePeriod(report.period);
    // As RegistryView.licenceCoverage ranks them: an active licence wins, then one still unknown.
    const [licence] = row.licences
      .map(({ number, history }) => ({ number, coverage: licenceCoverage(history, start, end) }))
      .sort((a, b) => RANK[a.coverage.state] - RANK[b.coverage.state]);
    const months = monthsOf(report.period);
    const siteMonths = row.facility ? monthsOperatedBy(row.facility, report.companyId, months) : months;
    const facts: RegistryFacts = {
      company: row.company,
      facility: row.facility,
      deposit: row.deposit,
      licence: licence ?? null,
      depositOfAnotherCompany: row.licensed_to_others && row.licences.length === 0,
      products: new Map(row.products.map((product) => [product.code, product])),
      siteMonths,
    };
    // The company's own report first: the rules then ask it to amend that one.
    const elsewhere = row.accepted_elsewhere
      .filter(({ month }) => siteMonths.includes(month))
      .sort((a, b) => Number(b.ownCompany) - Number(a.ownCompany));
    const acceptedElsewhere =
      elsewhere.length > 0 ? { reportId: elsewhere[0].reportId, ownCompany: elsewhere[0].ownCompany } : null;
    return { facts, acceptedElsewhere };
  }
}
