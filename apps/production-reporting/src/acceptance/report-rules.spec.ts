import type { ElementSymbol, RejectionReason } from '@redmet/contracts';
import type { Coverage } from '@redmet/registry-view';
import { PlausibilityBounds } from './plausibility';
import type { FacilityFacts, RegistryFacts, ReportContent } from './report-content';
import { checkReport, type ReportCheck } from './report-rules';

const company = 'c0000000-0000-4000-8000-000000000001';
const deposit = 'd0000000-0000-4000-8000-000000000001';
const facility = 'f0000000-0000-4000-8000-000000000001';

const plant: FacilityFacts = {
  operatorCompanyId: company,
  operators: null,
  depositId: deposit,
  region: 'Murmansk Oblast',
  status: 'commissioned',
  statusSince: '2020-01-01',
  commissionedOn: '2020-01-01',
  productCodes: ['LI-CARBONATE'],
};

const line = {
  lineNo: 1,
  productCode: 'LI-CARBONATE',
  quantity: '1250.5',
  unit: 't' as const,
  metalContentTonnes: '235.1',
  domesticShipments: '1000',
  exports: '200',
};

function given(facts: Partial<RegistryFacts> = {}, report: Partial<ReportContent> = {}): ReportCheck {
  return {
    report: { companyId: company, facilityId: null, depositId: deposit, period: '2026-Q1', lines: [line], ...report },
    facts: {
      company: { status: 'active' },
      facility: null,
      deposit: { region: 'Murmansk Oblast', metals: ['Li', 'Ta', 'Nb', 'Be'] },
      licence: { number: 'MUR 01234 TE', coverage: { state: 'active' } },
      depositOfAnotherCompany: false,
      products: new Map([
        ['LI-CARBONATE', { code: 'LI-CARBONATE', unit: 't', tonnageClass: 'large', elements: ['Li'] }],
      ]),
      siteMonths: ['2026-01-01', '2026-02-01', '2026-03-01'],
      ...facts,
    },
    bounds: new PlausibilityBounds('100000', {}),
    today: '2026-04-12',
    acceptedElsewhere: null,
  };
}

const codes = (check: ReportCheck) => {
  const verdict = checkReport(check);
  return verdict.outcome === 'accepted'
    ? []
    : (verdict.outcome === 'rejected' ? verdict.reasons : verdict.missing).map((r) => r.code);
};

const messages = (check: ReportCheck) => {
  const verdict = checkReport(check);
  return verdict.outcome === 'rejected' ? verdict.reasons.map((r) => r.message) : [];
};

describe('checkReport', () => {
  it('accepts a report of a licensed deposit with catalogued products, once the period is over', () => {
    expect(checkReport(given())).toEqual({ outcome: 'accepted' });
  });

  it('rejects a period that is not over on the day of the check, and accepts it the day after', () => {
    expect(checkReport({ ...given(), today: '2026-03-31' })).toMatchObject({ outcome: 'rejected' });
    expect(codes({ ...given(), today: '2026-03-31' })).toEqual(['REPORT.PERIOD_NOT_ENDED']);
    expect(checkReport({ ...given(), today: '2026-04-01' }).outcome).toBe('accepted');
  });

  it('waits (pending) for what the registry has not published, listing all of it', () => {
    const check = given({ company: null, deposit: null, products: new Map() });

    expect(checkReport(check).outcome).toBe('pending');
    expect(codes(check)).toEqual(['REPORT.COMPANY_UNKNOWN', 'REPORT.DEPOSIT_UNKNOWN', 'REPORT.PRODUCT_UNKNOWN']);
  });

  it.each<[string, Partial<RegistryFacts>, 'pending' | 'rejected', string]>([
    ['no licence known', { licence: null }, 'pending', 'REPORT.LICENCE_UNKNOWN'],
    [
      'a licence version missing',
      { licence: { number: 'L', coverage: { state: 'unknown', reason: 'version 2 missing' } as Coverage } },
      'pending',
      'REPORT.LICENCE_UNKNOWN',
    ],
    [
      'a licence suspended in the period',
      { licence: { number: 'L', coverage: { state: 'inactive', reason: 'suspended since 2026-02-10' } } },
      'rejected',
      'REPORT.LICENCE_NOT_ACTIVE',
    ],
  ])('judges a deposit report with %s', (_case, facts, outcome, code) => {
    expect(checkReport(given(facts)).outcome).toBe(outcome);
    expect(codes(given(facts))).toEqual([code]);
  });

  it('rejects at once what is definitely wrong even while other data is missing', () => {
    const check = given({ company: null }, { period: '2026-Q2' });

    expect(checkReport(check)).toEqual({
      outcome: 'rejected',
      reasons: [expect.objectContaining({ code: 'REPORT.PERIOD_NOT_ENDED' })],
    });
  });

  it('leaves the amounts of a version judged again after it waited to its check at submission', () => {
    const big = { ...line, quantity: '80000' };
    const lowered = { ...given({}, { lines: [big] }), bounds: new PlausibilityBounds('50000', {}) };

    expect(codes(lowered)).toEqual(['REPORT.QUANTITY_IMPLAUSIBLE']);
    expect(checkReport({ ...lowered, bounds: null })).toEqual({ outcome: 'accepted' });
    expect(codes({ ...lowered, bounds: null, facts: { ...lowered.facts, licence: null } })).toEqual([
      'REPORT.LICENCE_UNKNOWN',
    ]);
  });

  it('requires the company to operate the facility, and the facility to be at the deposit it names', () => {
    const other = { ...plant, operatorCompanyId: 'c0000000-0000-4000-8000-000000000002', depositId: null };

    expect(codes(given({ facility: other, siteMonths: [] }, { facilityId: facility }))).toEqual([
      'REPORT.NOT_OPERATOR',
      'REPORT.SITE_MISMATCH',
    ]);
    expect(checkReport(given({ facility: plant }, { facilityId: facility })).outcome).toBe('accepted');
    expect(
      checkReport(given({ facility: plant, licence: null }, { facilityId: facility, depositId: null })).outcome,
    ).toBe('accepted');
  });

  it('takes output only from a plant operating by the end of the period, and a nil return from any', () => {
    const building = { ...plant, status: 'under_construction' as const, commissionedOn: null };
    const late = { ...plant, commissionedOn: '2026-04-01', statusSince: '2026-04-01' };
    const nil = { lines: [{ ...line, quantity: '0', metalContentTonnes: '0', domesticShipments: '0', exports: '0' }] };
    const atFacility = { facilityId: facility, depositId: null };

    expect(codes(given({ facility: building }, atFacility))).toEqual(['REPORT.FACILITY_NOT_OPERATING']);
    expect(codes(given({ facility: late }, atFacility))).toEqual(['REPORT.FACILITY_NOT_OPERATING']);
    expect(checkReport(given({ facility: { ...late, commissionedOn: '2026-03-31' } }, atFacility)).outcome).toBe(
      'accepted',
    );
    expect(checkReport(given({ facility: building }, { ...atFacility, ...nil })).outcome).toBe('accepted');
    expect(checkReport(given({ facility: building }, { ...atFacility, lines: [] })).outcome).toBe('accepted');
    for (const amount of ['metalContentTonnes', 'domesticShipments', 'exports']) {
      const shipped = { lines: [{ ...nil.lines[0], [amount]: '1' }] };
      expect(codes(given({ facility: building }, { ...atFacility, ...shipped }))).toContain(
        'REPORT.FACILITY_NOT_OPERATING',
      );
    }
  });

  it('takes output from a closed plant for the period it closed in and earlier ones, and only a nil return after', () => {
    const closed = { ...plant, status: 'closed' as const, statusSince: '2026-02-10' };
    const nil = [{ ...line, quantity: '0', metalContentTonnes: '0', domesticShipments: '0', exports: '0' }];
    const atClosed = (period: string, lines = [line]) =>
      given({ facility: closed }, { facilityId: facility, depositId: null, period, lines });

    expect(checkReport(atClosed('2026-Q1')).outcome).toBe('accepted');
    expect(checkReport(atClosed('2026-02')).outcome).toBe('accepted');
    expect(checkReport(atClosed('2025-Q4')).outcome).toBe('accepted');
    expect(codes(atClosed('2026-03'))).toEqual(['REPORT.FACILITY_NOT_OPERATING']);
    expect(messages({ ...atClosed('2026-Q2'), today: '2026-07-12' })).toEqual([
      `Facility ${facility} cannot have had output in 2026-Q2: closed on 2026-02-10`,
    ]);
    expect(checkReport({ ...atClosed('2026-Q2', nil), today: '2026-07-12' }).outcome).toBe('accepted');

    const abandoned = { ...closed, commissionedOn: null };
    expect(
      messages(given({ facility: abandoned }, { facilityId: facility, depositId: null, period: '2025-Q4' })),
    ).toEqual([`Facility ${facility} cannot have had output in 2025-Q4: closed on 2026-02-10, never commissioned`]);
  });

  it('takes output from a plant commissioned mid-quarter for its month of commissioning on, and for the quarter', () => {
    const mid = { ...plant, commissionedOn: '2026-02-15', statusSince: '2026-02-15' };
    const atMid = (period: string) => given({ facility: mid }, { facilityId: facility, depositId: null, period });

    expect(messages(atMid('2026-01'))).toEqual([
      `Facility ${facility} cannot have had output in 2026-01: commissioned only on 2026-02-15`,
    ]);
    expect(checkReport(atMid('2026-02')).outcome).toBe('accepted');
    expect(checkReport(atMid('2026-03')).outcome).toBe('accepted');
    expect(checkReport(atMid('2026-Q1')).outcome).toBe('accepted');
  });

  it('names the commissioning day, or the status, of a plant not running yet', () => {
    const late = { ...plant, commissionedOn: '2026-04-01', statusSince: '2026-04-01' };
    const building = { ...plant, status: 'under_construction' as const, commissionedOn: null };
    const reasons = (facilityFacts: FacilityFacts) =>
      messages(given({ facility: facilityFacts }, { facilityId: facility, depositId: null }));

    expect(reasons(late)).toEqual([
      `Facility ${facility} cannot have had output in 2026-Q1: commissioned only on 2026-04-01`,
    ]);
    expect(reasons(building)).toEqual([`Facility ${facility} cannot have had output in 2026-Q1: under_construction`]);
  });

  it('takes from a plant only the products the registry lists for it, and any from a plant that lists none', () => {
    const atPlant = { facilityId: facility, depositId: null };
    const other = { ...line, lineNo: 2, productCode: 'ND-OXIDE' };
    const products = new Map([
      [
        'LI-CARBONATE',
        { code: 'LI-CARBONATE', unit: 't' as const, tonnageClass: 'large' as const, elements: ['Li' as const] },
      ],
      ['ND-OXIDE', { code: 'ND-OXIDE', unit: 't' as const, tonnageClass: 'small' as const, elements: ['Nd' as const] }],
    ]);

    const verdict = checkReport(given({ facility: plant, products }, { ...atPlant, lines: [line, other] }));
    const unlisted = checkReport(given({ facility: { ...plant, productCodes: [] } }, atPlant));

    expect(verdict).toMatchObject({
      outcome: 'rejected',
      reasons: [{ code: 'REPORT.PRODUCT_NOT_AT_SITE', lineNo: 2 }],
    });
    expect(verdict.outcome === 'rejected' && verdict.reasons[0].message).toContain('ND-OXIDE');
    expect(unlisted).toMatchObject({ outcome: 'accepted' });
  });

  it('takes from a deposit alone only products of its metals, mixed rare earths standing for each of them', () => {
    const oxide = { code: 'ND-OXIDE', unit: 't' as const, tonnageClass: 'small' as const, elements: ['Nd' as const] };
    const products = new Map([['ND-OXIDE', oxide]]);
    const neodymium = { lines: [{ ...line, productCode: 'ND-OXIDE' }] };
    const deposit = (metals: ElementSymbol[]) => ({ region: 'Murmansk Oblast', metals });

    expect(codes(given({ deposit: deposit(['Li']), products }, neodymium))).toEqual(['REPORT.PRODUCT_NOT_AT_SITE']);
    expect(checkReport(given({ deposit: deposit(['REE', 'Nb']), products }, neodymium)).outcome).toBe('accepted');
    expect(checkReport(given({ deposit: deposit(['Nd']), products }, neodymium)).outcome).toBe('accepted');
  });

  it("does not tell of another company's report to a version of a deposit licensed only to others", () => {
    const check = {
      ...given({ licence: null, depositOfAnotherCompany: true }),
      acceptedElsewhere: { reportId: '3f9a1c27-5d4e-4b8f-a2c6-7e0d9b1f4a53', ownCompany: false },
    };

    expect(checkReport(check)).toMatchObject({ outcome: 'pending', missing: [{ code: 'REPORT.LICENCE_UNKNOWN' }] });
  });

  it('tells the producer to amend when another report is accepted for the site and period', () => {
    const check = {
      ...given(),
      acceptedElsewhere: { reportId: '3f9a1c27-5d4e-4b8f-a2c6-7e0d9b1f4a53', ownCompany: true },
    };

    const verdict = checkReport(check);

    expect(verdict).toEqual({
      outcome: 'rejected',
      reasons: [
        {
          code: 'REPORT.PERIOD_ALREADY_REPORTED',
          message: expect.stringMatching(/3f9a1c27-5d4e-4b8f-a2c6-7e0d9b1f4a53 .*amend it/),
          lineNo: null,
        },
      ],
    });
  });

  it('says the period is reported by another company without naming that company’s report', () => {
    const check = {
      ...given(),
      acceptedElsewhere: { reportId: '3f9a1c27-5d4e-4b8f-a2c6-7e0d9b1f4a53', ownCompany: false },
    };

    const [reason] = (checkReport(check) as { reasons: RejectionReason[] }).reasons;

    expect(reason.code).toBe('REPORT.PERIOD_ALREADY_REPORTED');
    expect(reason.message).toMatch(/already reported by another company/);
    expect(reason.message).not.toContain('3f9a1c27');
  });
});
