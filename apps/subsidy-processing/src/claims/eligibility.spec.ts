import type { PricedLine } from './compensation';
import { checkEligibility, type EligibilityFacts, plantsClosedBefore, ranPlantIn } from './eligibility';

const COMPANY = '5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13';
const REPORT = '3f9a1c27-5d4e-4b8f-a2c6-7e0d9b1f4a53';

const line: PricedLine = {
  lineNo: 1,
  basis: 'discount',
  category: null,
  description: null,
  amountKopecks: null,
  productCode: 'RE-COMPOUNDS',
  quantity: '10',
  policyPriceKopecks: '250000000',
  invoicedPriceKopecks: '200000000',
  buyerName: 'Magnit-Ural JSC',
  buyerInn: null,
  documentNumber: 'INV-1',
  documentKey: 'INV-1',
  basisKopecks: '500000000',
  rate: '0.35',
  compensationKopecks: '175000000',
};

/** Given an eligible claim … */
function eligible(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    today: '2026-06-15',
    firstSubmittedOn: null,
    claimCutoff: '2026-12-01',
    eligibleProductCodes: ['RE-COMPOUNDS'],
    minRevenueMultiple: '2',
    companyId: COMPANY,
    period: '2026-Q1',
    companyStatus: 'active',
    licenceOrFacilityProblem: null,
    noTaxArrears: true,
    notInLiquidation: true,
    annualRevenueKopecks: '350000000',
    reportIds: [REPORT],
    forProducer: false,
    acceptedReports: new Map([[REPORT, { companyId: COMPANY, period: '2026-02' }]]),
    otherClaimThisQuarter: null,
    lines: [line],
    claimedElsewhere: new Map(),
    computedKopecks: '175000000',
    requestedKopecks: '175000000',
    otherClaimsOfYearKopecks: '0',
    ...overrides,
  };
}

const codes = (facts: EligibilityFacts) => checkEligibility(facts).map((failure) => failure.code);

describe('eligibility of a claim on submission', () => {
  it('passes a claim that meets every rule (revenue exactly twice the subsidy, on the cut-off day)', () => {
    expect(checkEligibility(eligible({ today: '2026-12-01' }))).toEqual([]);
  });

  it.each<[string, Partial<EligibilityFacts>, string, string]>([
    ['the company is in liquidation', { companyStatus: 'in_liquidation' }, 'CLAIM.COMPANY_NOT_ACTIVE', 'companyId'],
    ['the registry does not know the company', { companyStatus: null }, 'CLAIM.COMPANY_NOT_ACTIVE', 'companyId'],
    [
      'no licence or facility',
      { licenceOrFacilityProblem: 'no licence in force' },
      'CLAIM.NO_VALID_LICENCE_OR_FACILITY',
      'companyId',
    ],
    ['the report is not accepted', { acceptedReports: new Map() }, 'CLAIM.REPORT_NOT_ACCEPTED', 'reportIds.0'],
    [
      "another company's report, to staff",
      { acceptedReports: new Map([[REPORT, { companyId: 'other', period: '2026-Q1' }]]) },
      'CLAIM.REPORT_OF_ANOTHER_COMPANY',
      'reportIds.0',
    ],
    [
      "another company's report, to a producer: as if it had no accepted version",
      { forProducer: true, acceptedReports: new Map([[REPORT, { companyId: 'other', period: '2026-Q1' }]]) },
      'CLAIM.REPORT_NOT_ACCEPTED',
      'reportIds.0',
    ],
    [
      'a report of another quarter',
      { acceptedReports: new Map([[REPORT, { companyId: COMPANY, period: '2026-04' }]]) },
      'CLAIM.REPORT_OF_ANOTHER_PERIOD',
      'reportIds.0',
    ],
    ['no reports', { reportIds: [] }, 'CLAIM.NO_REPORTS', 'reportIds'],
    [
      'revenue a kopeck short of twice',
      { annualRevenueKopecks: '349999999' },
      'CLAIM.REVENUE_TOO_LOW',
      'annualRevenueKopecks',
    ],
    ['no revenue declared', { annualRevenueKopecks: null }, 'CLAIM.REVENUE_TOO_LOW', 'annualRevenueKopecks'],
    ['tax arrears not declared away', { noTaxArrears: false }, 'CLAIM.DECLARATION_MISSING', 'noTaxArrears'],
    ['a second claim this quarter', { otherClaimThisQuarter: 'c-1' }, 'CLAIM.ALREADY_CLAIMED_THIS_QUARTER', 'period'],
    ['the day after the cut-off', { today: '2026-12-02' }, 'CLAIM.AFTER_CUTOFF', 'period'],
    [
      'a returned claim moved to a year whose cut-off its first submission missed',
      {
        period: '2025-Q4',
        acceptedReports: new Map([[REPORT, { companyId: COMPANY, period: '2025-11' }]]),
        claimCutoff: '2025-12-01',
        firstSubmittedOn: '2026-03-02',
      },
      'CLAIM.AFTER_CUTOFF',
      'period',
    ],
    [
      'an invoice claimed before',
      { claimedElsewhere: new Map([['INV-1', 'c-2']]) },
      'CLAIM.INVOICE_ALREADY_CLAIMED',
      'lines.0.documentNumber',
    ],
    [
      'a product outside the programme',
      { eligibleProductCodes: ['RE-MAGNETS'] },
      'CLAIM.PRODUCT_NOT_ELIGIBLE',
      'lines.0.productCode',
    ],
    ['no lines', { lines: [] }, 'CLAIM.NO_LINES', 'lines'],
    ['the cap used up', { requestedKopecks: '0' }, 'CLAIM.NOTHING_REQUESTED', 'lines'],
  ])('when %s, it fails with the reason', (_case, change, code, field) => {
    expect(checkEligibility(eligible(change))).toEqual([expect.objectContaining({ code, field })]);
  });

  it('lets a claim first submitted by the cut-off answer a return after it, every other rule still applying', () => {
    const answered = { today: '2027-01-10', firstSubmittedOn: '2026-12-01' };
    expect(checkEligibility(eligible(answered))).toEqual([]);
    expect(codes(eligible({ ...answered, otherClaimThisQuarter: 'c-1' }))).toEqual([
      'CLAIM.ALREADY_CLAIMED_THIS_QUARTER',
    ]);
  });

  it("weighs the revenue against the company's claims of the year together, naming the revenue and the total", () => {
    const facts = { annualRevenueKopecks: '400000000', requestedKopecks: '175000000' };
    expect(checkEligibility(eligible({ ...facts, otherClaimsOfYearKopecks: '25000000' }))).toEqual([]);
    expect(checkEligibility(eligible({ ...facts, otherClaimsOfYearKopecks: '175000000' }))).toEqual([
      {
        code: 'CLAIM.REVENUE_TOO_LOW',
        field: 'annualRevenueKopecks',
        message:
          "Annual revenue must be at least 2 × the subsidy: 700000000 kopecks, for the 350000000 kopecks of the company's " +
          'claims of 2026 (175000000 this claim, 175000000 its other claims); 400000000 kopecks is declared',
      },
    ]);
  });

  it('lists every failure at once', () => {
    expect(
      codes(
        eligible({
          companyStatus: 'liquidated',
          acceptedReports: new Map(),
          annualRevenueKopecks: '1',
          today: '2027-01-10',
          claimedElsewhere: new Map([['INV-1', 'c-2']]),
        }),
      ),
    ).toEqual([
      'CLAIM.COMPANY_NOT_ACTIVE',
      'CLAIM.REPORT_NOT_ACCEPTED',
      'CLAIM.REVENUE_TOO_LOW',
      'CLAIM.AFTER_CUTOFF',
      'CLAIM.INVOICE_ALREADY_CLAIMED',
    ]);
  });
});

describe('a plant the company ran in the quarter', () => {
  const OTHER = '7c2e4f10-9a3b-4d5e-8f61-2b0c9d7e4a15';
  const plant = {
    name: 'Lovozero GOK',
    operatorCompanyId: COMPANY,
    operators: null,
    status: 'commissioned' as const,
    statusSince: '2020-01-01',
    commissionedOn: '2020-01-01',
  };
  const closedSince = (statusSince: string) => ({ ...plant, status: 'closed' as const, statusSince });

  it('counts for the quarter it closed in and earlier ones, not for one starting on or after its closure', () => {
    expect(ranPlantIn(closedSince('2026-05-10'), COMPANY, '2026-Q1')).toBe(true);
    expect(ranPlantIn(closedSince('2026-05-10'), COMPANY, '2026-Q2')).toBe(true);
    expect(ranPlantIn(closedSince('2026-04-01'), COMPANY, '2026-Q2')).toBe(false);
    expect(ranPlantIn(closedSince('2026-05-10'), COMPANY, '2026-Q3')).toBe(false);
  });

  it('counts only from its commissioning, and only for a company that operated it in a month of the quarter', () => {
    expect(ranPlantIn({ ...plant, commissionedOn: '2026-04-01', statusSince: '2026-04-01' }, COMPANY, '2026-Q1')).toBe(
      false,
    );
    expect(ranPlantIn({ ...plant, status: 'under_construction', commissionedOn: null }, COMPANY, '2026-Q1')).toBe(
      false,
    );
    const handedOver = {
      ...plant,
      operatorCompanyId: OTHER,
      operators: [
        { operatorCompanyId: COMPANY, since: null },
        { operatorCompanyId: OTHER, since: '2026-04-01' },
      ],
    };
    expect(ranPlantIn(handedOver, COMPANY, '2026-Q1')).toBe(true);
    expect(ranPlantIn(handedOver, COMPANY, '2026-Q2')).toBe(false);
    expect(ranPlantIn(handedOver, OTHER, '2026-Q2')).toBe(true);
  });

  it("names the company's plants that had closed by the quarter's start", () => {
    const running = { ...plant, name: 'Karnasurt' };
    const another = { ...closedSince('2025-10-01'), name: 'Umbozero', operatorCompanyId: OTHER };
    const plants = [closedSince('2026-04-01'), running, another];
    expect(plantsClosedBefore(plants, COMPANY, '2026-Q2')).toEqual(['Lovozero GOK closed on 2026-04-01']);
    expect(plantsClosedBefore(plants, COMPANY, '2026-Q1')).toEqual([]);
  });
});
