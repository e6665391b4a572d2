import {
  atReview,
  claimAnswer,
  consoleOnly,
  FINANCE,
  type Handler,
  mockGateway,
  problem,
  reviewAnswer,
  signInAs,
} from './support/console-only';

/**
 * The console in headless Chromium against a gateway the test plays: a
 * finance officer at a claim whose clawback demand came down below what the
 * producer repaid sees the refund due and records it.
 */
const CLAIM_ID = '00000000-0000-4000-8000-000000000002';
const CLAIM_PATH = `/api/subsidy/claims/${CLAIM_ID}`;

/** Paid 175 000 000 kopecks; 30 000 000 repaid against a demand lowered to 17 500 000: 12 500 000 due back. */
const repaidBeyondDemand = claimAnswer({
  id: CLAIM_ID,
  state: 'clawed_back',
  computedKopecks: '175000000',
  requestedKopecks: '175000000',
  approvedKopecks: '175000000',
  paidKopecks: '175000000',
  paidOn: '2026-06-15',
  clawbackKopecks: '17500000',
  clawbackReason: 'Results for 2026 below plan: REO output, t 900 against 1000 planned',
  clawbackDueOn: '2026-06-29',
  clawbackOutstandingKopecks: '0',
  clawbackSettledKopecks: '30000000',
  clawbackRefundDueKopecks: '12500000',
  submittedAt: '2026-04-02T09:00:00Z',
  updatedAt: '2026-06-15T09:00:00Z',
});

describe('browser: a finance officer refunding what was repaid beyond a lowered clawback demand', () => {
  const on = consoleOnly();

  it('sees the refund due, is told when asking too much, and records a partial refund', async () => {
    const { page } = on.browser;
    let claim = { ...repaidBeyondDemand };
    const posted: unknown[] = [];
    // As the service: never more than is due, and the claim as it is after the refund.
    const refund: Handler = (request) => {
      const body = request.postDataJSON() as { amountKopecks: string };
      posted.push(body);
      const due = BigInt(claim.clawbackRefundDueKopecks);
      const amount = BigInt(body.amountKopecks);
      if (amount > due) {
        const message = `${amount} kopecks is more than the ${due} kopecks refund due`;
        return problem(422, 'CLAWBACK.OVER_REFUND', message, [{ field: 'amountKopecks', messages: [message] }]);
      }
      claim = {
        ...claim,
        clawbackRefundedKopecks: amount.toString(),
        clawbackRefundDueKopecks: (due - amount).toString(),
      };
      return { status: 201, json: { refund: { id: 'r-1', amountKopecks: body.amountKopecks }, claim } };
    };
    await mockGateway(
      page,
      atReview(FINANCE, CLAIM_ID, () => reviewAnswer(claim), {
        // The claim's clawback card reads its figures from the statement.
        [`GET ${CLAIM_PATH}/clawback`]: () => ({
          json: {
            claimId: CLAIM_ID,
            state: claim.state,
            clawbackKopecks: claim.clawbackKopecks,
            repaidKopecks: claim.clawbackSettledKopecks,
            outstandingKopecks: '0',
            refundedKopecks: claim.clawbackRefundedKopecks ?? '0',
            refundDueKopecks: claim.clawbackRefundDueKopecks,
            dueOn: claim.clawbackDueOn,
            overdue: false,
            repayments: [],
            refunds: [],
          },
        }),
        [`POST ${CLAIM_PATH}/clawback/refunds`]: refund,
      }),
    );
    await signInAs(page, `${on.site.url}/review/${CLAIM_ID}`);

    const fact = (term: string) => page.locator('dl.facts > div', { has: page.locator('dt', { hasText: term }) });
    await fact('Подлежит возврату производителю')
      .getByText(/125\s000,00/)
      .waitFor();
    expect(await fact('Возвращено в бюджет').textContent()).toMatch(/300\s000,00/);
    const amount = page.getByLabel('Сумма возврата, ₽');
    expect(await amount.inputValue()).toBe('125000.00');

    await amount.fill('130 000');
    await page.getByLabel('Номер платёжного поручения').fill('PP-OUT-1');
    await page.getByRole('button', { name: 'Отметить возврат' }).click();
    await page.getByText('Сумма больше той, что подлежит возврату производителю.').waitFor();

    await amount.fill('50 000');
    await page.getByRole('button', { name: 'Отметить возврат' }).click();
    await fact('Возвращено производителю')
      .getByText(/50\s000,00/)
      .waitFor();
    await fact('Подлежит возврату производителю')
      .getByText(/75\s000,00/)
      .waitFor();
    expect(await amount.inputValue()).toBe('75000.00');
    expect(posted).toEqual([
      { amountKopecks: '13000000', refundedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reference: 'PP-OUT-1' },
      { amountKopecks: '5000000', refundedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reference: 'PP-OUT-1' },
    ]);
  });
});
