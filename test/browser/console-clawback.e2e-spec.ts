import type { Locator, Page } from 'playwright-core';
import { shot } from './support/browser';
import {
  atReview,
  claimAnswer,
  consoleOnly,
  FINANCE,
  type Handler,
  mockGateway,
  problem,
  PRODUCER,
  reviewAnswer,
  signedInAs,
  signInAs,
} from './support/console-only';

/**
 * The console in headless Chromium against a gateway the test plays as
 * subsidy-processing does: a producer reads what it owes back under a
 * clawback demand and by when; a finance officer records a partial
 * repayment, is refused one above what is left (said on the amount), and
 * records the rest as repaid in one payment (a payment order already used
 * is refused on its number); and, with the same form, records the payment
 * of a claim scheduled for payment.
 */
const CLAIM_ID = '00000000-0000-4000-8000-000000000003';
const CLAIM_PATH = `/api/subsidy/claims/${CLAIM_ID}`;

/** Paid 1 750 000 ₽; 875 000 ₽ demanded back by 29 June 2026, nothing repaid yet. */
const underClawback = claimAnswer({
  id: CLAIM_ID,
  state: 'under_clawback',
  computedKopecks: '175000000',
  requestedKopecks: '175000000',
  approvedKopecks: '175000000',
  paidKopecks: '175000000',
  paidOn: '2026-06-01',
  clawbackKopecks: '87500000',
  clawbackReason: 'Results for 2026 below plan: REO output, t 500 against 1000 planned',
  clawbackDueOn: '2026-06-29',
  clawbackOutstandingKopecks: '87500000',
  submittedAt: '2026-04-02T09:00:00Z',
  updatedAt: '2026-06-15T09:00:00Z',
});

interface Repayment {
  id: string;
  amountKopecks: string;
  repaidOn: string;
  reference: string;
}

/** The clawback as the service keeps it: repayments never above what is outstanding, each reference once. */
function clawbackService() {
  let claim = { ...underClawback };
  const repayments: Repayment[] = [];
  const posted: { route: string; body: unknown }[] = [];
  const outstanding = () => BigInt(claim.clawbackOutstandingKopecks ?? '0');

  function record(amount: bigint, repaidOn: string, reference: string, dateField: string) {
    if (amount > outstanding()) {
      const message = `${amount} kopecks is more than the ${outstanding()} kopecks outstanding`;
      return {
        refused: problem(422, 'CLAWBACK.OVERPAYMENT', message, [{ field: 'amountKopecks', messages: [message] }]),
      };
    }
    if (repayments.some((row) => row.reference === reference)) {
      const message = `A repayment with reference ${reference} is already recorded for this claim`;
      return {
        refused: problem(409, 'CLAWBACK.DUPLICATE_REFERENCE', message, [{ field: 'reference', messages: [message] }]),
      };
    }
    if (repaidOn < claim.paidOn) {
      const message = `${dateField} must not be before the subsidy was paid (${claim.paidOn})`;
      return {
        refused: problem(422, 'CLAWBACK.REPAID_BEFORE_PAYMENT', message, [{ field: dateField, messages: [message] }]),
      };
    }
    const repayment = { id: `rp-${repayments.length + 1}`, amountKopecks: amount.toString(), repaidOn, reference };
    repayments.push(repayment);
    const left = outstanding() - amount;
    claim = {
      ...claim,
      state: left === 0n ? 'clawed_back' : 'under_clawback',
      clawbackSettledKopecks: (BigInt(claim.clawbackSettledKopecks ?? '0') + amount).toString(),
      clawbackOutstandingKopecks: left.toString(),
    };
    return { repayment };
  }

  const handlers: Record<string, Handler> = {
    [`GET ${CLAIM_PATH}`]: () => ({ json: claim }),
    [`GET ${CLAIM_PATH}/documents`]: () => ({ json: [] }),
    [`GET ${CLAIM_PATH}/comments`]: () => ({ json: [] }),
    [`GET ${CLAIM_PATH}/clawback`]: () => ({
      json: {
        claimId: CLAIM_ID,
        state: claim.state,
        clawbackKopecks: claim.clawbackKopecks,
        repaidKopecks: claim.clawbackSettledKopecks ?? '0',
        outstandingKopecks: claim.clawbackOutstandingKopecks,
        refundedKopecks: '0',
        refundDueKopecks: '0',
        dueOn: claim.clawbackDueOn,
        overdue: outstanding() > 0n,
        repayments: repayments.map((row, index) => ({
          ...row,
          claimId: CLAIM_ID,
          recordedBy: { userId: FINANCE.userId, name: FINANCE.name },
          recordedAt: `2026-11-30T10:0${index}:00.000Z`,
        })),
        refunds: [],
      },
    }),
    [`POST ${CLAIM_PATH}/clawback/repayments`]: (request) => {
      const body = request.postDataJSON() as { amountKopecks: string; repaidOn: string; reference: string };
      posted.push({ route: 'repayments', body });
      const result = record(BigInt(body.amountKopecks), body.repaidOn, body.reference, 'repaidOn');
      return result.refused ?? { status: 201, json: { repayment: result.repayment, claim } };
    },
    [`POST ${CLAIM_PATH}/clawback/settle`]: (request) => {
      const body = request.postDataJSON() as { settledOn: string; reference: string };
      posted.push({ route: 'settle', body });
      const result = record(outstanding(), body.settledOn, body.reference, 'settledOn');
      return result.refused ?? { json: claim };
    },
    'GET /api/registry/companies/c-1': () => ({
      json: {
        id: 'c-1',
        legalName: 'АО «Редкие металлы»',
        inn: '7700000001',
        ogrn: null,
        region: null,
        contactEmail: null,
        status: 'active',
      },
    }),
  };
  return { handlers, posted };
}

const day = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);

/** A term's value in the clawback card. */
const fact = (page: Page, term: string): Locator =>
  page
    .getByRole('region', { name: 'Возврат субсидии' })
    .locator('dl.facts > div', { has: page.locator('dt', { hasText: term }) })
    .locator('dd');

describe('browser: a claim under clawback, its statement and its repayments', () => {
  const on = consoleOnly();

  it('shows the producer what it owes back, by when, and that the day has passed', async () => {
    const { page } = on.browser;
    const service = clawbackService();
    const gateway = await mockGateway(page, {
      ...signedInAs(PRODUCER),
      ...service.handlers,
    });
    await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}`);

    await fact(page, 'Осталось вернуть')
      .getByText(/875\s000,00/)
      .waitFor();
    expect(await fact(page, 'Требуется вернуть').textContent()).toMatch(/875\s000,00/);
    expect(await fact(page, 'Возвращено в бюджет').textContent()).toMatch(/^0,00/);
    expect(await fact(page, 'Срок возврата').textContent()).toMatch(/^29 июн\. 2026 г\. просрочен$/);
    await page.getByText('Платежей пока не было.').waitFor();
    // Recording money is finance's: the producer is shown nothing to do it with.
    expect(await page.getByRole('button', { name: /Отметить/ }).count()).toBe(0);
    await shot(page, 'clawback-producer');
    expect(gateway.unanswered).toEqual([]);
  });

  it('lets finance record part of the money, refuses more than is left on the amount, and records the rest', async () => {
    const { page } = on.browser;
    const service = clawbackService();
    const gateway = await mockGateway(page, {
      ...signedInAs(FINANCE),
      [`GET ${CLAIM_PATH}/review`]: async (request) =>
        reviewAnswer((await service.handlers[`GET ${CLAIM_PATH}`](request)).json as object),
      ...service.handlers,
    });
    await signInAs(page, `${on.site.url}/review/${CLAIM_ID}`);

    const repayment = page.getByRole('form', { name: 'Поступление в бюджет' });
    const amount = repayment.getByLabel('Поступившая сумма, ₽');
    await amount.fill('300 000');
    await repayment.getByLabel('Номер платёжного поручения').fill('PP-IN-1');
    await repayment.getByRole('button', { name: 'Отметить поступление' }).click();
    await fact(page, 'Осталось вернуть')
      .getByText(/575\s000,00/)
      .waitFor();
    expect(await fact(page, 'Возвращено в бюджет').textContent()).toMatch(/300\s000,00/);
    const payments = page.getByRole('table', { name: 'Платежи' });
    expect(await payments.locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/возврат в бюджет.*300\s000,00.*PP-IN-1/),
    ]);
    // The form starts afresh for the next payment.
    expect(await amount.inputValue()).toBe('');
    await repayment.getByText('Осталось вернуть: 575 000,00 ₽').waitFor();

    await amount.fill('600 000');
    await repayment.getByLabel('Номер платёжного поручения').fill('PP-IN-2');
    await repayment.getByRole('button', { name: 'Отметить поступление' }).click();
    const amountField = repayment.locator('.field', { hasText: 'Поступившая сумма, ₽' });
    await amountField.getByText('Сумма больше, чем осталось вернуть.').waitFor();
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    // Said on the field it is about, not again above the buttons.
    expect(await repayment.locator('.form-errors').count()).toBe(0);
    await shot(page, 'clawback-over-repayment');

    const rest = page.getByRole('form', { name: 'Остаток одним платежом' });
    const reference = rest.getByLabel('Номер платёжного поручения');
    await reference.fill('PP-IN-1');
    await rest.getByRole('button', { name: 'Отметить возврат остатка' }).click();
    await rest
      .locator('.field', { hasText: 'Номер платёжного поручения' })
      .getByText('Платёж с этим номером по заявке уже записан.')
      .waitFor();
    expect(await reference.getAttribute('aria-invalid')).toBe('true');
    await reference.fill('PP-IN-3');
    await rest.getByRole('button', { name: 'Отметить возврат остатка' }).click();
    await page
      .locator('dl.facts > div', { has: page.locator('dt', { hasText: 'Статус' }) })
      .getByText('средства возвращены')
      .waitFor();
    expect(await fact(page, 'Осталось вернуть').textContent()).toMatch(/^0,00/);
    expect(await fact(page, 'Срок возврата').textContent()).not.toContain('просрочен');
    expect(await payments.locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/PP-IN-1/),
      expect.stringMatching(/возврат в бюджет.*575\s000,00.*PP-IN-3/),
    ]);
    // Nothing is left to repay, so there is nothing more to record.
    expect(await page.getByRole('button', { name: /Отметить/ }).count()).toBe(0);
    await shot(page, 'clawback-settled');

    expect(service.posted).toEqual([
      { route: 'repayments', body: { amountKopecks: '30000000', repaidOn: day, reference: 'PP-IN-1' } },
      { route: 'repayments', body: { amountKopecks: '60000000', repaidOn: day, reference: 'PP-IN-2' } },
      { route: 'settle', body: { settledOn: day, reference: 'PP-IN-1' } },
      { route: 'settle', body: { settledOn: day, reference: 'PP-IN-3' } },
    ]);
    expect(gateway.unanswered).toEqual([]);
  });

  it('lets finance record the payment of a scheduled claim, a refused day said on the date', async () => {
    const { page } = on.browser;
    let claim = claimAnswer({
      id: CLAIM_ID,
      state: 'payment_scheduled',
      requestedKopecks: '175000000',
      approvedKopecks: '175000000',
      paymentScheduledOn: '2026-06-10',
      submittedAt: '2026-04-02T09:00:00Z',
    });
    const posted: unknown[] = [];
    const pay: Handler = (request) => {
      const body = request.postDataJSON() as { paidOn: string; reference: string };
      posted.push(body);
      if (body.reference === 'PP-EARLY') {
        const message = 'paidOn must not be before the claim was submitted (2026-04-02)';
        return problem(422, 'PAYMENT.BEFORE_SUBMISSION', message, [{ field: 'paidOn', messages: [message] }]);
      }
      claim = { ...claim, state: 'paid', paidKopecks: claim.approvedKopecks, paidOn: body.paidOn };
      return { json: claim };
    };
    const gateway = await mockGateway(
      page,
      atReview(FINANCE, CLAIM_ID, () => reviewAnswer(claim), {
        [`POST ${CLAIM_PATH}/pay`]: pay,
        'GET /api/registry/companies/c-1': clawbackService().handlers['GET /api/registry/companies/c-1'],
      }),
    );
    await signInAs(page, `${on.site.url}/review/${CLAIM_ID}`);

    const payment = page.getByRole('form', { name: 'Выплата' });
    await payment.getByLabel('Номер платёжного поручения').fill('PP-EARLY');
    await payment.getByRole('button', { name: 'Отметить выплату' }).click();
    await payment.locator('.field', { hasText: 'Дата платежа' }).getByText('Дата раньше подачи заявки.').waitFor();

    await payment.getByLabel('Номер платёжного поручения').fill('PP-OUT-7');
    await payment.getByRole('button', { name: 'Отметить выплату' }).click();
    await page
      .locator('dl.facts > div', { has: page.locator('dt', { hasText: 'Статус' }) })
      .getByText('выплачена')
      .waitFor();
    // Paid: there is nothing more to record.
    expect(await page.getByRole('form', { name: 'Выплата' }).count()).toBe(0);
    expect(posted).toEqual([
      { paidOn: day, reference: 'PP-EARLY' },
      { paidOn: day, reference: 'PP-OUT-7' },
    ]);
    expect(gateway.unanswered).toEqual([]);
  });
});
