import { createEvent } from '@redmet/contracts';
import { jsonbTextBytes } from '@redmet/messaging';
import type { Submission } from '../reports/submission';
import type { ReportingEnvironment } from '../reporting.environment';
import { largestLateDecisionBytes } from './decision-size';
import type { RegistryFacts } from './report-content';
import { ReportJudge } from './report-judge';
import type { ReportFactsLoader } from './report-facts';
import { checkReport } from './report-rules';

const ID = 'a0000000-0000-4000-8000-000000000001';
const LINES = 300;

/** A report waiting for its products, every line as long as the contracts allow. */
const submission: Submission = {
  reportId: ID,
  version: 1,
  companyId: ID,
  facilityId: null,
  depositId: ID,
  period: '2026-Q1',
  lines: Array.from({ length: LINES }, (_, index) => ({
    lineNo: index + 1,
    productCode: `P${index}`.padEnd(40, 'X'),
    quantity: '999999999999999.999999',
    unit: 'kg' as const,
    metalContentTonnes: '0.000001',
    domesticShipments: '999999999999999.999999',
    exports: '999999999999999.999999',
  })),
  signedBy: { userId: ID, name: 'Signer' },
  submittedAt: '2026-04-12T08:00:00.000Z',
  supersedesVersion: null,
  amendmentReason: null,
  contentSha256: '0'.repeat(64),
};

const facts = (products: RegistryFacts['products']): RegistryFacts => ({
  company: { status: 'active' },
  facility: null,
  deposit: { region: 'Murmansk Oblast', metals: ['Li'] },
  licence: { number: 'MUR 01234 TE', coverage: { state: 'active' } },
  depositOfAnotherCompany: false,
  siteMonths: ['2026-01-01'],
  products,
});

const environment = { REPORTING_MAX_QUANTITY_T: '999999999999999', REPORTING_MAX_QUANTITY_T_BY_PRODUCT: {} };
const judge = new ReportJudge({} as ReportFactsLoader, environment as ReportingEnvironment);

function decisionBytes(registry: RegistryFacts): number {
  const verdict = checkReport({
    report: submission,
    facts: registry,
    bounds: judge.bounds,
    today: '2026-04-12',
    acceptedElsewhere: null,
  });
  const [decision] = judge.decisionEvents(submission, { facts: registry, verdict });
  const event = createEvent(decision.definition, decision.aggregateId, decision.payload, { correlationId: ID });
  return jsonbTextBytes(JSON.stringify(event));
}

describe('largestLateDecisionBytes', () => {
  it('waits at submission, so the decision comes later', () => {
    expect(
      checkReport({
        report: submission,
        facts: facts(new Map()),
        bounds: judge.bounds,
        today: '2026-04-12',
        acceptedElsewhere: null,
      }).outcome,
    ).toBe('pending');
  });

  it('is not less than the rejection the rules give once every product arrives in another unit', () => {
    const inTonnes = new Map(
      submission.lines.map((line) => [
        line.productCode,
        { code: line.productCode, unit: 't' as const, tonnageClass: 'large' as const, elements: ['Be' as const] },
      ]),
    );
    const bytes = decisionBytes(facts(inTonnes));
    expect(bytes).toBeGreaterThan(LINES * 300);
    expect(bytes).toBeLessThanOrEqual(largestLateDecisionBytes(LINES));
  });
});
