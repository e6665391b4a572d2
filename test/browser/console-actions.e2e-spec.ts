import type { Locator, Page } from 'playwright-core';
import { waitFor } from '@redmet/testing';
import {
  ADMIN,
  alertAnswer,
  ANALYST,
  atClaim,
  atReview,
  claimAnswer,
  consoleOnly,
  FINANCE,
  type Handler,
  mockGateway,
  OFFICER,
  problem,
  PRODUCER,
  type Reply,
  reviewAnswer,
  signedInAs,
  signInAs,
} from './support/console-only';

/**
 * The console in headless Chromium against a gateway the test plays: that it
 * offers each user only what the services will let them do, says the services'
 * refusals in Russian, sends each action once however fast it is clicked, and
 * keeps its screens up when a part of it fails.
 */
const CLAIM_ID = '00000000-0000-4000-8000-000000000001';
const REPORT_ID = '00000000-0000-4000-8000-000000000002';
const claimPath = `/api/subsidy/claims/${CLAIM_ID}`;

const claim = claimAnswer({ id: CLAIM_ID });
const emptyPage = { json: { items: [], total: 0, page: 1, pageSize: 20 } };

/** A producer's draft claim with no documents or comments; `overrides` change or add answers. */
function producerAtClaim(overrides: Record<string, Handler> = {}): Record<string, Handler> {
  return atClaim(PRODUCER, CLAIM_ID, () => ({ json: claim }), overrides);
}

/** A report of the producer's company as production-reporting answers it, in `state`. */
function reportAnswer(state: string) {
  const version = {
    version: 1,
    state,
    nilReturn: true,
    region: null,
    lines: [],
    receipt: {
      reportId: REPORT_ID,
      version: 1,
      submittedAt: '2026-04-02T09:00:00Z',
      signedBy: { userId: 'u-producer', name: 'Producer' },
      contentSha256: 'ab'.repeat(32),
    },
    supersedesVersion: null,
    amendmentReason: null,
    reasons: [],
    decidedAt: null,
  };
  return {
    reportId: REPORT_ID,
    companyId: 'c-1',
    facilityId: null,
    depositId: null,
    period: '2026-Q1',
    state,
    latestVersion: 1,
    acceptedVersion: null,
    createdAt: '2026-04-02T09:00:00Z',
    updatedAt: '2026-04-02T09:00:00Z',
    latest: version,
    versions: [version],
  };
}

/** The text of an element with its spaces (the no-break ones that group digits included) as plain ones. */
async function textOf(element: Locator): Promise<string> {
  return ((await element.textContent()) ?? '').replace(/\s/g, ' ');
}

/** Clicks the button named `name` twice in one go, as a double click does before the page has answered the first. */
async function clickTwice(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).evaluate((button) => {
    button.click();
    button.click();
  });
}

describe('browser: what the console offers and sends', () => {
  const on = consoleOnly();

  it('offers no amendment while the latest version waits for the rules, and offers it once they decide', async () => {
    const { page } = on.browser;
    let asked = 0;
    const state = () => (asked <= 1 ? 'pending' : 'accepted');
    await mockGateway(
      page,
      signedInAs(PRODUCER, {
        // Pending at first, then accepted: the page asks again while the rules decide.
        [`GET /api/reporting/reports/${REPORT_ID}`]: () => {
          asked += 1;
          return { json: reportAnswer(state()) };
        },
        [`GET /api/reporting/reports/${REPORT_ID}/versions`]: () => ({ json: reportAnswer(state()).versions }),
      }),
    );
    await signInAs(page, `${on.site.url}/reports/${REPORT_ID}`);

    await page.locator('.page-head .badge', { hasText: 'ожидает' }).waitFor();
    expect(await page.getByRole('button', { name: 'Внести исправление' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Внести исправление' }).waitFor();
    // The history says what the head says, without leaving the page.
    await page.locator('.timeline .badge', { hasText: 'принят' }).waitFor();
    expect(await page.locator('.timeline .badge').allTextContents()).toEqual([
      await page.locator('.page-head .badge').first().textContent(),
    ]);
  });

  it('does not offer an officer a claim they changed before someone else changed it last (four eyes)', async () => {
    const { page } = on.browser;
    const changedBefore = {
      ...claim,
      state: 'submitted',
      submittedAt: '2026-04-03T09:00:00Z',
      editedBy: ['u-producer', OFFICER.userId],
    };
    await mockGateway(
      page,
      atReview(OFFICER, CLAIM_ID, () => reviewAnswer(changedBefore)),
    );
    await signInAs(page, `${on.site.url}/review/${CLAIM_ID}`);

    const take = page.getByRole('button', { name: 'Взять на рассмотрение' });
    await take.waitFor();
    expect(await take.isDisabled()).toBe(true);
    expect(await page.locator(`#${await take.getAttribute('aria-describedby')}`).textContent()).toContain(
      'Вы создали или изменяли эту заявку',
    );
  });

  it('offers an officer a claim of theirs they may not decide to hand on, only to officers four eyes allow', async () => {
    const { page } = on.browser;
    const colleague = { userId: 'u-colleague', name: 'О. Волкова' };
    const editor = { userId: 'u-editor', name: 'Editor' };
    const theirs = {
      ...claim,
      state: 'under_review',
      submittedAt: '2026-04-03T09:00:00Z',
      assignedTo: { userId: OFFICER.userId, name: OFFICER.name },
      editedBy: ['u-producer', editor.userId, OFFICER.userId],
      needsAnotherOfficer: true,
    };
    const handedOn: unknown[] = [];
    await mockGateway(
      page,
      atReview(
        OFFICER,
        CLAIM_ID,
        () =>
          reviewAnswer(handedOn.length > 0 ? { ...theirs, assignedTo: colleague, needsAnotherOfficer: false } : theirs),
        {
          'GET /api/directory/officers': () => ({
            json: { items: [{ userId: OFFICER.userId, name: OFFICER.name }, colleague, editor] },
          }),
          [`POST ${claimPath}/reassign`]: (request) => {
            handedOn.push(request.postDataJSON());
            return { json: { ...theirs, assignedTo: colleague, needsAnotherOfficer: false } };
          },
        },
      ),
    );
    await signInAs(page, `${on.site.url}/review/${CLAIM_ID}`);

    const to = page.getByLabel('Кому передать', { exact: true });
    await to.waitFor();
    expect(await page.getByRole('button', { name: 'Одобрить', exact: true }).count()).toBe(0);
    expect(await to.locator('option').allTextContents()).toEqual(['', colleague.name]);
    await to.selectOption(colleague.userId);
    await page.getByLabel('Причина передачи', { exact: true }).fill('Я прикладывал документы к этой заявке');
    await clickTwice(page, 'Передать другому специалисту');

    await page.getByText(`Рассматривает: ${colleague.name}.`).waitFor();
    expect(handedOn).toEqual([
      { officerId: colleague.userId, officerName: colleague.name, reason: 'Я прикладывал документы к этой заявке' },
    ]);
  });

  it('lets an admin hand on a claim its officer may not decide, offering nothing an admin may not do', async () => {
    const { page } = on.browser;
    const colleague = { userId: 'u-colleague', name: 'О. Волкова' };
    const flagged = {
      ...claim,
      state: 'under_review',
      submittedAt: '2026-04-03T09:00:00Z',
      assignedTo: { userId: OFFICER.userId, name: OFFICER.name },
      editedBy: ['u-producer', OFFICER.userId],
      needsAnotherOfficer: true,
    };
    const handedOn: unknown[] = [];
    await mockGateway(
      page,
      atReview(
        ADMIN,
        CLAIM_ID,
        () =>
          reviewAnswer(
            handedOn.length > 0 ? { ...flagged, assignedTo: colleague, needsAnotherOfficer: false } : flagged,
          ),
        {
          'GET /api/directory/officers': () => ({
            json: { items: [{ userId: OFFICER.userId, name: OFFICER.name }, colleague] },
          }),
          [`POST ${claimPath}/reassign`]: (request) => {
            handedOn.push(request.postDataJSON());
            return { json: { ...flagged, assignedTo: colleague, needsAnotherOfficer: false } };
          },
        },
      ),
    );
    await signInAs(page, `${on.site.url}/review/${CLAIM_ID}`);

    const to = page.getByLabel('Кому передать', { exact: true });
    await to.waitFor();
    for (const step of [
      'Одобрить',
      'Отклонить',
      'Вернуть для дополнения',
      'Взять на рассмотрение',
      'Отозвать одобрение',
    ]) {
      expect([step, await page.getByRole('button', { name: step, exact: true }).count()]).toEqual([step, 0]);
    }
    await to.selectOption(colleague.userId);
    await page.getByLabel('Причина передачи', { exact: true }).fill('Специалист вносил правки в заявку');
    await page.getByRole('button', { name: 'Передать другому специалисту' }).click();

    await page.getByText(`Рассматривает: ${colleague.name}.`).waitFor();
    expect(handedOn).toEqual([
      { officerId: colleague.userId, officerName: colleague.name, reason: 'Специалист вносил правки в заявку' },
    ]);
    expect(await page.getByLabel('Кому передать', { exact: true }).count()).toBe(0);
  });

  it('revokes an approval not yet paid with a reason, asking first, and offers it to none of the claim’s writers', async () => {
    const { page } = on.browser;
    const approved = {
      ...claim,
      state: 'approved',
      submittedAt: '2026-04-03T09:00:00Z',
      approvedKopecks: claim.requestedKopecks,
    };
    let current: object = approved;
    const revoked: unknown[] = [];
    await mockGateway(
      page,
      atReview(OFFICER, CLAIM_ID, () => reviewAnswer(current), {
        [`POST ${claimPath}/revoke`]: (request) => {
          revoked.push(request.postDataJSON());
          current = { ...approved, state: 'rejected', approvedKopecks: null };
          return { json: current };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/review/${CLAIM_ID}`);

    await page.getByLabel('Причина отзыва одобрения', { exact: true }).fill('Счёт оказался поддельным');
    await page.getByRole('button', { name: 'Отозвать одобрение', exact: true }).click();
    expect(revoked).toEqual([]);
    await page.getByRole('button', { name: 'Да, отозвать одобрение' }).click();
    await waitFor(async () => revoked.length === 1);
    expect(revoked).toEqual([{ reason: 'Счёт оказался поддельным' }]);

    current = { ...approved, editedBy: ['u-producer', OFFICER.userId] };
    await page.reload();
    await page.getByText('Вы создали или изменяли эту заявку').first().waitFor();
    expect(await page.getByRole('button', { name: 'Отозвать одобрение', exact: true }).count()).toBe(0);
  });

  it('lists the claims to hand on to another officer in their own view of the queue, flagged', async () => {
    const { page } = on.browser;
    const toHandOn = {
      ...claim,
      state: 'under_review',
      submittedAt: '2026-04-03T09:00:00Z',
      assignedTo: { userId: OFFICER.userId, name: OFFICER.name },
      needsAnotherOfficer: true,
    };
    const asked: string[] = [];
    await mockGateway(
      page,
      signedInAs(OFFICER, {
        'GET /api/subsidy/claims': (request) => {
          const query = new URL(request.url()).searchParams;
          asked.push(`${query.get('state')} ${query.get('needsAnotherOfficer')}`);
          const flagged = query.get('needsAnotherOfficer') === 'true';
          return { json: { items: flagged ? [toHandOn] : [], total: flagged ? 1 : 0, page: 1, pageSize: 20 } };
        },
        'GET /api/registry/companies/c-1': () => ({ json: { companyId: 'c-1', legalName: 'Ловозерский ГОК' } }),
      }),
    );
    await signInAs(page, `${on.site.url}/review`);

    await page.getByRole('tab', { name: 'Передать другому' }).click();
    await page.getByText('нужен другой специалист').waitFor();
    expect(asked.at(-1)).toBe('under_review true');
  });

  it('leads an officer from a report a claim relies on back to the claim, not to the producers’ reports', async () => {
    const { page } = on.browser;
    const submitted = { ...claim, state: 'submitted', submittedAt: '2026-04-03T09:00:00Z', reportIds: [REPORT_ID] };
    const review = reviewAnswer(submitted).json as Record<string, unknown>;
    const side = {
      reportId: REPORT_ID,
      relied: null,
      latestAccepted: null,
      versions: [
        { version: 1, state: 'pending', stateAt: '2026-04-02T09:00:00Z', metalContentTonnes: '0', quantityTonnes: '0' },
      ],
    };
    await mockGateway(
      page,
      atReview(OFFICER, CLAIM_ID, () => ({ json: { ...review, reports: [side] } }), {
        [`GET /api/reporting/reports/${REPORT_ID}`]: () => ({ json: reportAnswer('accepted') }),
        [`GET /api/reporting/reports/${REPORT_ID}/versions`]: () => ({ json: reportAnswer('accepted').versions }),
      }),
    );
    await signInAs(page, `${on.site.url}/review/${CLAIM_ID}`);

    await page.getByRole('link', { name: `${REPORT_ID.slice(0, 8)}…` }).click();
    await page.locator('.page-head .badge', { hasText: 'принят' }).waitFor();
    expect(await page.locator('.breadcrumb a').allTextContents()).toEqual(['Заявки']);
    await page.locator('.breadcrumb a').click();
    await page.waitForURL(`${on.site.url}/review/${CLAIM_ID}`);
  });

  it('says why an import dependence share is withheld instead of showing a quotient above 100 %', async () => {
    const { page } = on.browser;
    const note = 'exports exceed output: the quotient would be 200.00 %, worded as the service words it now';
    const balance = {
      productCode: 'LI-CARB',
      name: 'Лития карбонат',
      outputTonnes: '100',
      importsTonnes: '300',
      exportsTonnes: '250',
      apparentConsumptionTonnes: '150',
      importDependencePercent: null,
      importDependenceWithheld: {
        reason: 'exports_exceed_output',
        note,
        params: {
          exportsTonnes: '250',
          outputTonnes: '100',
          quotientPercent: '200.00',
          leastPercent: '33.33',
          tonnesOf: 'product',
        },
      },
      metalContentFactor: null,
      metalContentFactorSource: null,
    };
    const hidden = {
      ...balance,
      productCode: 'ND-OXIDE',
      name: 'Неодима оксид',
      importsTonnes: '0',
      exportsTonnes: '0',
      apparentConsumptionTonnes: '100',
      importDependenceWithheld: {
        reason: 'customs_figures_unattributed',
        note: 'figures under a shared code name no product (worded as the service words it now)',
        params: { hsCodes: ['2846.90'] },
      },
    };
    await mockGateway(
      page,
      signedInAs(ANALYST, {
        'GET /api/monitoring/import-dependence': () => ({
          json: {
            asOf: '2026-11-30',
            window: { from: '2025-12', to: '2026-11' },
            formula: { code: 'import_dependence.formula', params: {}, text: 'imports / (output + imports − exports)' },
            aggregation: { code: 'import_dependence.aggregation', params: {}, text: 'by tonnes of metal content' },
            overall: {
              outputMetalTonnes: '0',
              importsMetalTonnes: '0',
              exportsMetalTonnes: '0',
              apparentConsumptionMetalTonnes: '0',
              importDependencePercent: null,
              importDependenceWithheld: {
                reason: 'no_apparent_consumption',
                note: 'nothing to divide by',
                params: { apparentConsumptionTonnes: '0', tonnesOf: 'metal_content' },
              },
            },
            products: [balance, hidden],
            excludedFromOverall: [],
            importsUnknown: ['ND-OXIDE'],
            unattributedHsCodes: ['2846.90'],
          },
        }),
        'GET /api/monitoring/targets': () => ({ json: [] }),
      }),
    );
    await signInAs(page, `${on.site.url}/imports`);

    const cell = page.getByRole('cell', { name: /экспорт больше выпуска/ });
    await cell.waitFor();
    expect(await textOf(cell)).toContain(
      'экспорт (250 т) больше выпуска (100 т): импорт вывезен снова или взят из запасов, поэтому импорт ÷ видимое ' +
        'потребление (200,00 %) — не доля; доля импорта в потреблённом — от 33,33 %',
    );
    expect(await textOf(cell)).not.toContain(note);
    expect(await textOf(page.locator('.kpi-value').first())).toContain('нет потребления');
    const unattributed = page.getByRole('cell', { name: /данные таможни не разнесены/ });
    expect(await textOf(unattributed)).toContain(
      'часть таможенных данных не указывает продукцию (ТН ВЭД 2846.90, код общий для нескольких видов продукции)',
    );
    expect(await textOf(page.locator('.card'))).toContain('Не вошли в общий показатель (импорт неизвестен): ND-OXIDE');
  });

  it('offers a finance officer the claims to pay and to recover, not the officers’ review queues', async () => {
    const { page } = on.browser;
    const approved = { ...claim, state: 'approved', submittedAt: '2026-04-03T09:00:00Z', approvedKopecks: '250000000' };
    const asked: (string | null)[] = [];
    await mockGateway(
      page,
      signedInAs(FINANCE, {
        'GET /api/subsidy/claims': (request) => {
          const state = new URL(request.url()).searchParams.get('state');
          asked.push(state);
          const items = state === 'approved' ? [approved] : [];
          return { json: { items, total: items.length, page: 1, pageSize: 20 } };
        },
        'GET /api/registry/companies/c-1': () => ({ json: { companyId: 'c-1', legalName: 'Ловозерский ГОК' } }),
      }),
    );
    await signInAs(page, `${on.site.url}/review`);

    await page.getByRole('link', { name: 'Ловозерский ГОК' }).waitFor();
    expect(await page.getByRole('tab').allTextContents()).toEqual(['К выплате', 'Выплата назначена', 'Возврат', 'Все']);
    expect(asked).toEqual(['approved']);

    await page.getByRole('tab', { name: 'Возврат' }).click();
    await page.getByText('Заявок с требованием возврата нет.').waitFor();
    expect(asked.at(-1)).toBe('under_clawback');
  });

  it('names the subject of a missed report deadline and of the subsidy budget instead of showing their ids', async () => {
    const { page } = on.browser;
    const obligation = (site: string) => `obligation:c-1:${site}:2026-Q3`;
    const missed = (alertId: string, site: string, details?: object) =>
      alertAnswer({ alertId, ruleId: 'reporting.deadline_missed', subject: obligation(site), details });
    const alerts = [
      missed('al-plant', 'f-1', { siteKind: 'facility' }),
      missed('al-deposit', 'd-1', { siteKind: 'deposit' }),
      // Raised before alerts said what kind of site they name, and without the details a title is worded from.
      {
        ...missed('al-old', 'd-2'),
        message: 'The 2026-Q3 report was due on 2026-10-30 and no accepted report has arrived.',
      },
      alertAnswer({ alertId: 'al-budget', ruleId: 'subsidy.budget_utilisation', subject: 'budget:2026' }),
    ];
    const asked: string[] = [];
    const answer =
      (reply: Reply): Handler =>
      (request) => {
        asked.push(new URL(request.url()).pathname);
        return reply;
      };
    await mockGateway(
      page,
      signedInAs(ANALYST, {
        'GET /api/monitoring/alerts': () => ({ json: { items: alerts, total: alerts.length, page: 1, pageSize: 20 } }),
        'GET /api/monitoring/alerts/stream': () => ({ contentType: 'text/event-stream', body: 'retry: 3000\n\n' }),
        'GET /api/registry/companies/c-1': () => ({ json: { companyId: 'c-1', legalName: 'Ловозерский ГОК' } }),
        'GET /api/registry/facilities/f-1': answer({ json: { facilityId: 'f-1', name: 'Обогатительная фабрика' } }),
        'GET /api/registry/deposits/f-1': answer(problem(404, 'RESOURCE.NOT_FOUND')),
        'GET /api/registry/facilities/d-1': answer(problem(404, 'RESOURCE.NOT_FOUND')),
        'GET /api/registry/deposits/d-1': answer({ json: { depositId: 'd-1', name: 'Ловозерское' } }),
        // Without the kind the site is not looked for: a plant and a deposit may share the id.
        'GET /api/registry/facilities/d-2': answer({ json: { facilityId: 'd-2', name: 'Чужая фабрика' } }),
        'GET /api/registry/deposits/d-2': answer({ json: { depositId: 'd-2', name: 'Карнасуртское' } }),
      }),
    );
    await signInAs(page, `${on.site.url}/alerts`);

    const subjectOf = (alertId: string, hasText?: string) =>
      page.locator(`[data-alert="${alertId}"] a[title^="obligation:"], [data-alert="${alertId}"] a[title^="budget:"]`, {
        hasText,
      });
    await subjectOf('al-plant', 'Ловозерский ГОК · Обогатительная фабрика · 3 кв. 2026').waitFor();
    await subjectOf('al-deposit', 'Ловозерский ГОК · Ловозерское · 3 кв. 2026').waitFor();
    await subjectOf('al-old', 'Ловозерский ГОК · объект неизвестен · 3 кв. 2026').waitFor();
    expect(await textOf(subjectOf('al-budget'))).toBe('Бюджет субсидий 2026 г.');
    for (const alertId of ['al-plant', 'al-deposit', 'al-old', 'al-budget']) {
      expect(await textOf(subjectOf(alertId))).not.toMatch(/obligation:|budget:/);
    }
    // The kind the alert states is the one asked for, and nothing is asked of a site of no stated kind.
    expect(asked.sort()).toEqual(['/api/registry/deposits/d-1', '/api/registry/facilities/f-1']);
    // An alert without the figures of its title is titled by its rule and subject, and told by its rule and the
    // period of its subject, in Russian.
    expect(await textOf(page.locator('[data-alert="al-old"] h3'))).toBe(
      'Отчёт не сдан в срок: Ловозерский ГОК · объект неизвестен · 3 кв. 2026',
    );
    expect(await textOf(page.locator('[data-alert="al-old"] .alert-head + p'))).toBe(
      'Отчёт за 3 кв. 2026 не поступил в срок; принятого отчёта нет.',
    );
  });

  it('names a silenced missed deadline’s site as the kind its newest alert states, and links it to its alerts', async () => {
    const { page } = on.browser;
    const subject = 'obligation:c-1:d-1:2026-Q3';
    const silence = {
      id: 's-1',
      ruleId: 'reporting.deadline_missed',
      subject,
      startsAt: '2026-04-01T09:00:00Z',
      endsAt: '2099-04-01T09:00:00Z',
      reason: 'Перенос сроков',
      createdBy: { userId: ANALYST.userId, name: ANALYST.name },
      createdAt: '2026-04-01T09:00:00Z',
    };
    const alert = alertAnswer({
      alertId: 'al-1',
      ruleId: 'reporting.deadline_missed',
      subject,
      details: { siteId: 'd-1', siteKind: 'deposit' },
    });
    const asked: string[] = [];
    const answer =
      (reply: Reply): Handler =>
      (request) => {
        const url = new URL(request.url());
        asked.push(`${url.pathname}${url.search}`);
        return reply;
      };
    await mockGateway(
      page,
      signedInAs(ANALYST, {
        'GET /api/monitoring/silences': () => ({ json: { items: [silence], total: 1, page: 1, pageSize: 20 } }),
        'GET /api/monitoring/alerts': answer({ json: { items: [alert], total: 3, page: 1, pageSize: 1 } }),
        'GET /api/registry/companies/c-1': () => ({ json: { companyId: 'c-1', legalName: 'Ловозерский ГОК' } }),
        // The registries share the id: only the kind the alert states names the site.
        'GET /api/registry/facilities/d-1': answer({ json: { facilityId: 'd-1', name: 'Чужая фабрика' } }),
        'GET /api/registry/deposits/d-1': answer({ json: { depositId: 'd-1', name: 'Ловозерское' } }),
      }),
    );
    await signInAs(page, `${on.site.url}/silences`);

    const row = page.getByRole('row', { name: /Перенос сроков/ });
    const link = row.getByRole('link', { name: 'Ловозерский ГОК · Ловозерское · 3 кв. 2026' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(
      `/alerts?${new URLSearchParams({ state: 'all', subject }).toString()}`,
    );
    expect(asked.sort()).toEqual([
      `/api/monitoring/alerts?subject=${encodeURIComponent(subject)}&page=1&pageSize=1`,
      '/api/registry/deposits/d-1',
    ]);
  });

  it('warns that import dependence is understated while months of customs figures are missing, in Russian', async () => {
    const { page } = on.browser;
    await mockGateway(
      page,
      signedInAs(ANALYST, {
        'GET /api/monitoring/import-dependence': () => ({
          json: {
            asOf: '2026-11-30',
            window: { from: '2025-12', to: '2026-11' },
            formula: {
              code: 'import_dependence.formula',
              params: {},
              text: 'import dependence = imports ÷ apparent consumption (worded as the service words it now)',
            },
            aggregation: {
              code: 'import_dependence.aggregation',
              params: {},
              text: 'per product: tonnes of product; overall: tonnes of metal content (worded anew)',
            },
            overall: {
              outputMetalTonnes: '100',
              importsMetalTonnes: '10',
              exportsMetalTonnes: '0',
              apparentConsumptionMetalTonnes: '110',
              importDependencePercent: '9.09',
              importDependenceWithheld: null,
            },
            customsCoverage: { months: 10, of: 12, missing: ['2026-10', '2026-11'] },
            products: [],
            excludedFromOverall: [],
            importsUnknown: [],
            unattributedHsCodes: [],
          },
        }),
        'GET /api/monitoring/targets': () => ({ json: [] }),
      }),
    );
    await signInAs(page, `${on.site.url}/imports`);

    const warning = page.locator('.notice-warning');
    await warning.waitFor();
    expect(await textOf(warning)).toContain('за 10 из 12 мес. периода (нет: октябрь 2026 г., ноябрь 2026 г.)');
    expect(await warning.getByRole('link', { name: 'Загрузить статистику ВЭД' }).getAttribute('href')).toBe('/trade');
    const method = await textOf(page.locator('.card > p.small.muted').first());
    expect(method).toContain('Период декабрь 2025 г. — ноябрь 2026 г.');
    expect(method).toContain('импортозависимость = импорт ÷ видимое потребление');
    expect(method).not.toMatch(/apparent consumption|tonnes/);
  });

  it('leads from an export discrepancy to the export check of its months, customs beside reported, and what is not compared', async () => {
    const { page } = on.browser;
    const asked: string[] = [];
    const comparison = {
      hsCode: '2836.91',
      productCode: null,
      period: '2026-Q3',
      products: ['LI-CARB'],
      customsExportsTonnes: '120',
      reportedExportsTonnes: '80',
      differenceTonnes: '-40',
      relativeDifference: '0.3333',
      tolerance: '0.1',
      withinTolerance: false,
      producers: [{ companyId: 'c-1', name: 'Ловозерский ГОК', reportedExportsTonnes: '80' }],
    };
    const discrepancy = alertAnswer({
      alertId: 'al-x',
      ruleId: 'trade.export_discrepancy',
      subject: 'exports:2836.91:*:2026-Q3',
      history: [],
      deliveries: [],
    });
    await mockGateway(
      page,
      signedInAs(ANALYST, {
        'GET /api/monitoring/alerts/al-x': () => ({ json: discrepancy }),
        'GET /api/monitoring/trade-statistics/export-check': (request) => {
          asked.push(new URL(request.url()).search);
          return {
            json: {
              items: [comparison],
              total: 1,
              page: 1,
              pageSize: 20,
              notCompared: [
                {
                  hsCode: '8112.92',
                  periods: ['2026-07', '2026-08'],
                  customsExportsTonnes: '40',
                  reason: 'no_catalogue_product',
                  note: 'no catalogue product has HS code 8112.92',
                },
              ],
            },
          };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/alerts/al-x`);
    await page.getByRole('link', { name: 'Сверка экспорта за эти месяцы' }).click();
    await page.waitForURL(`${on.site.url}/export-check?from=2026-07&to=2026-09`);

    const row = page.getByRole('row', { name: /2836\.91/ });
    await row.waitFor();
    const cells = (await row.locator('td').allInnerTexts()).map((text) => text.replace(/\s/g, ' '));
    expect(cells.slice(3)).toEqual([
      '120',
      '80',
      expect.stringMatching(/^[-−]40\s*33,33 %$/),
      'сверх 10 %',
      'Ловозерский ГОК: 80 т',
    ]);
    expect(asked).toContainEqual(expect.stringContaining('from=2026-07'));
    expect(asked).toContainEqual(expect.stringContaining('to=2026-09'));
    expect(await textOf(page.locator('.notice-info'))).toContain('8112.92: 40 т (июль 2026 г., август 2026 г.)');
  });

  it('names the products and months of the customs figures loaded', async () => {
    const { page } = on.browser;
    const row = {
      flow: 'import',
      hsCode: '2836.91',
      productCode: 'LI-CARB',
      period: '2026-10',
      quantityTonnes: '410',
      valueKopecks: null,
      loadedAt: '2026-11-02T09:00:00Z',
    };
    await mockGateway(
      page,
      signedInAs(ANALYST, {
        'GET /api/monitoring/trade-statistics': () => ({ json: { items: [row], total: 1, page: 1, pageSize: 20 } }),
        'GET /api/registry/products': () => ({
          json: { items: [{ code: 'LI-CARB', name: 'Лития карбонат' }], total: 1, page: 1, pageSize: 200 },
        }),
      }),
    );
    await signInAs(page, `${on.site.url}/trade`);

    const cells = page.locator('tbody tr').first().getByRole('cell');
    await page.getByText('Лития карбонат').waitFor();
    expect((await cells.allTextContents()).slice(0, 4)).toEqual([
      'импорт',
      '2836.91',
      'Лития карбонат LI-CARB',
      'октябрь 2026 г.',
    ]);
  });

  it('makes one claim of a double click on save', async () => {
    const { page } = on.browser;
    const created: unknown[] = [];
    await mockGateway(
      page,
      producerAtClaim({
        'GET /api/registry/products': () => emptyPage,
        'GET /api/reporting/reports': () => emptyPage,
        'POST /api/subsidy/claims': (request) => {
          created.push(request.postDataJSON());
          return { status: 201, json: claim };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/claims/new`);

    await clickTwice(page, 'Сохранить');

    await page.waitForURL(`${on.site.url}/claims/${CLAIM_ID}`);
    await page.getByRole('heading', { name: 'Заявка за 1 кв. 2026' }).waitFor();
    expect(created).toHaveLength(1);
  });

  it('offers a claim every report with an accepted version, one whose later amendment was rejected too', async () => {
    const { page } = on.browser;
    const asked: (string | null)[] = [];
    const amendedBadly = {
      reportId: REPORT_ID,
      companyId: 'c-1',
      facilityId: null,
      depositId: 'd-1',
      period: '2026-Q1',
      state: 'rejected',
      latestVersion: 2,
      acceptedVersion: 1,
    };
    await mockGateway(
      page,
      producerAtClaim({
        'GET /api/registry/products': () => emptyPage,
        'GET /api/registry/deposits/d-1': () => ({ json: { depositId: 'd-1', name: 'Ловозерское' } }),
        'GET /api/reporting/reports': (request) => {
          const query = new URL(request.url()).searchParams;
          asked.push(query.get('accepted') ?? query.get('state'));
          return { json: { items: [amendedBadly], total: 1, page: 1, pageSize: 200 } };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/claims/new`);
    await page.getByLabel('Квартал', { exact: true }).fill('2026-Q1');

    await page.getByText('версия 1').waitFor();
    expect(asked).toEqual(['true']);
  });

  it('says what to choose under an empty site and product of a report, not what the service says of ids', async () => {
    const { page } = on.browser;
    const refused = problem(400, 'REQUEST.INVALID', 'The request has invalid fields', [
      {
        field: 'facilityId',
        messages: ['a report names a facilityId or a depositId (or both)', 'facilityId must be a UUID'],
      },
      {
        field: 'depositId',
        messages: ['a report names a facilityId or a depositId (or both)', 'depositId must be a UUID'],
      },
      {
        field: 'lines.0.productCode',
        messages: [
          'productCode must be longer than or equal to 1 characters',
          'productCode must be a product code of capital letters, digits and dashes, e.g. LI-CARBONATE',
        ],
      },
    ]);
    await mockGateway(
      page,
      signedInAs(PRODUCER, {
        'GET /api/registry/products': () => emptyPage,
        'GET /api/registry/facilities': () => emptyPage,
        'GET /api/registry/licences': () => emptyPage,
        'POST /api/reporting/reports': () => refused,
      }),
    );
    await signInAs(page, `${on.site.url}/reports/new`);

    await page.getByRole('button', { name: 'Добавить строку' }).click();
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();

    const site = page.getByText('Выберите предприятие или месторождение.');
    await site.waitFor();
    expect(await site.count()).toBe(1);
    await page.getByText('Выберите продукцию из каталога.').waitFor();
    const form = await textOf(page.locator('form'));
    expect(form).not.toMatch(/facilityId|productCode|Неверный идентификатор|Заполните поле/);
  });

  it('says when the chosen quarter already has a claim, and leads to it; not for a rejected one', async () => {
    const { page } = on.browser;
    const rejected = claimAnswer({ id: '00000000-0000-4000-8000-000000000011', period: '2026-Q2', state: 'rejected' });
    const submitted = claimAnswer({ id: CLAIM_ID, period: '2026-Q1', state: 'submitted' });
    await mockGateway(
      page,
      producerAtClaim({
        'GET /api/registry/products': () => emptyPage,
        'GET /api/reporting/reports': () => emptyPage,
        'GET /api/subsidy/claims': (request) => {
          const period = new URL(request.url()).searchParams.get('period');
          const items = [rejected, submitted].filter((each) => each.period === period);
          return { json: { items, total: items.length, page: 1, pageSize: 20 } };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/claims/new`);
    const notice = page.getByRole('status').filter({ hasText: 'уже есть заявка' });

    const answered = page.waitForResponse((response) => response.url().includes('period=2026-Q2'));
    await page.getByLabel('Квартал').fill('2026-Q2');
    await answered;
    // A frame after the answer: the page has shown what it makes of it.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(resolve))');
    expect(await notice.count()).toBe(0);

    await page.getByLabel('Квартал').fill('2026-Q1');
    await notice.getByText('За этот квартал у компании уже есть заявка (подана)').waitFor();
    await notice.getByRole('link', { name: 'Открыть её' }).click();
    await page.waitForURL(`${on.site.url}/claims/${CLAIM_ID}`);
  });

  it('asks for roubles under an empty amount of a claim, not for kopecks', async () => {
    const { page } = on.browser;
    await mockGateway(
      page,
      producerAtClaim({
        'GET /api/registry/products': () => emptyPage,
        'GET /api/reporting/reports': () => emptyPage,
        'POST /api/subsidy/claims': () =>
          problem(400, 'REQUEST.INVALID', 'The request has invalid fields', [
            {
              field: 'lines.0.amountKopecks',
              messages: ['amountKopecks must be a non-negative whole number of kopecks in a string, e.g. "50000000"'],
            },
          ]),
      }),
    );
    await signInAs(page, `${on.site.url}/claims/new`);

    await page.getByRole('button', { name: 'Сохранить' }).click();

    await page.getByText('Введите сумму в рублях, например 1 250 000,50.').waitFor();
    expect(await textOf(page.locator('form'))).not.toContain('копеек');
  });

  it('attaches a document once however quickly the upload is sent again', async () => {
    const { page } = on.browser;
    let attached = 0;
    await mockGateway(
      page,
      producerAtClaim({
        [`POST ${claimPath}/documents`]: () => {
          attached += 1;
          return {
            status: 201,
            json: {
              id: `d-${attached}`,
              fileName: 'invoice.pdf',
              contentType: 'application/pdf',
              sizeBytes: 2048,
              sha256: 'ab'.repeat(32),
              uploadedBy: 'u-producer',
              uploadedAt: '2026-04-02T09:00:00Z',
            },
          };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}`);
    await page.getByLabel('Файл').setInputFiles({
      name: 'invoice.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 invoice'),
    });

    await page.getByLabel('Файл').evaluate((input: { form: { requestSubmit: () => void } }) => {
      input.form.requestSubmit();
      input.form.requestSubmit();
    });

    await page.getByText('Документ «invoice.pdf» приложен.').waitFor();
    expect(attached).toBe(1);
  });

  it('says in Russian why a claim cannot be submitted, without the service’s codes', async () => {
    const { page } = on.browser;
    const failures = [
      {
        code: 'CLAIM.DECLARATION_MISSING',
        field: 'noTaxArrears',
        message: 'Declare that there are no tax or insurance arrears',
      },
      {
        code: 'CLAIM.REVENUE_TOO_LOW',
        field: 'annualRevenueKopecks',
        message: 'Annual revenue must be at least 2 × the subsidy: 35000000000 kopecks',
      },
    ];
    await mockGateway(
      page,
      producerAtClaim({
        [`GET ${claimPath}/eligibility`]: () => ({
          json: { eligible: false, failures, computedKopecks: '17500000000', requestedKopecks: '17500000000' },
        }),
        [`POST ${claimPath}/submit`]: () =>
          problem(
            422,
            'CLAIM.NOT_ELIGIBLE',
            'The claim cannot be submitted: CLAIM.DECLARATION_MISSING, CLAIM.REVENUE_TOO_LOW',
            failures.map(({ code, field, message }) => ({ field, messages: [`${code}: ${message}`] })),
          ),
      }),
    );
    await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}`);

    await page.getByRole('button', { name: 'Проверить условия' }).click();
    const check = page.getByRole('status').filter({ hasText: 'Условия не выполнены' });
    await check.waitFor();
    const checked = await textOf(check);
    expect(checked).toContain('Подтвердите, что нет задолженности по налогам');
    expect(checked).toContain('не меньше 2 × субсидия, то есть 350 000 000,00 ₽');
    expect(checked).not.toMatch(/CLAIM\.|annualRevenueKopecks|Declare/);

    await page.getByRole('button', { name: 'Подать заявку' }).click();
    const refusal = page.getByRole('alert');
    await refusal.getByText('Условия программы не выполнены.').waitFor();
    const refused = await textOf(refusal);
    expect(refused).toContain('Подтвердите, что нет задолженности по налогам');
    expect(refused).toContain('350 000 000,00 ₽');
    expect(refused).not.toMatch(/CLAIM\.|noTaxArrears|Declare/);
  });

  it('says in Russian why the rules rejected a report, without the service’s codes', async () => {
    const { page } = on.browser;
    const reasons = [
      {
        code: 'REPORT.PERIOD_NOT_ENDED',
        message: 'The period 2026-Q4 ends on 2026-12-31; it can be reported once it is over',
        lineNo: null,
      },
      {
        code: 'REPORT.QUANTITY_IMPLAUSIBLE',
        message: 'The quantity of NB-CONC (90000 t) is above the plausible 5000 t for one period',
        lineNo: 1,
      },
      {
        code: 'REPORT.QUANTITY_IMPLAUSIBLE',
        message: 'The metal content of NB-CONC (60000 t) is above the plausible 5000 t for one period',
        lineNo: 1,
      },
    ];
    let submitted = false;
    const report = () => {
      const answer = reportAnswer(submitted ? 'rejected' : 'draft');
      return { ...answer, latest: { ...answer.latest, reasons: submitted ? reasons : [] } };
    };
    await mockGateway(
      page,
      signedInAs(PRODUCER, {
        [`GET /api/reporting/reports/${REPORT_ID}`]: () => ({ json: report() }),
        [`GET /api/reporting/reports/${REPORT_ID}/versions`]: () => ({ json: [report().latest] }),
        [`POST /api/reporting/reports/${REPORT_ID}/submit`]: () => {
          submitted = true;
          return { json: { reportId: REPORT_ID, version: 1, state: 'rejected', reasons, receipt: null } };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/reports/${REPORT_ID}`);

    await page.getByRole('button', { name: 'Подписать и подать' }).click();

    const notice = page.getByRole('status').filter({ hasText: 'Отчёт отклонён' });
    await notice.waitFor();
    const said = await textOf(notice);
    expect(said).toContain('Период заканчивается 31 дек. 2026 г.');
    expect(said).toContain('Строка 1: Значение 90 000 т больше правдоподобного для одного периода (5 000 т).');
    expect(said).toContain('Строка 1: Значение 60 000 т больше правдоподобного');
    expect(await textOf(page.locator('main'))).not.toMatch(/REPORT\.|The period|plausible/);
  });

  it('words an import dependence alert known only as a range (exports above output) as the range, in Russian', async () => {
    const { page } = on.browser;
    const alert = alertAnswer({
      alertId: 'al-2',
      ruleId: 'import_dependence.above_target',
      subject: 'product:LI-CARB',
      title: 'Import dependence of Lithium carbonate is between 88.89% and 100%',
      message: 'Lithium carbonate: exports 20 t exceed output 10 t ...',
      details: {
        productCode: 'LI-CARB',
        productName: 'Лития карбонат',
        importDependencePercent: null,
        importDependenceRangePercent: { from: '88.89', to: '100.00' },
        expectedPercent: '66.39',
        outputTonnes: '10',
        importsTonnes: '100',
        exportsTonnes: '20',
        apparentConsumptionTonnes: '90',
        from: '2025-12',
        to: '2026-11',
      },
    });
    await mockGateway(
      page,
      signedInAs(ANALYST, {
        'GET /api/monitoring/alerts': () => ({ json: { items: [alert], total: 1, page: 1, pageSize: 20 } }),
        'GET /api/monitoring/alerts/stream': () => ({ contentType: 'text/event-stream', body: 'retry: 3000\n\n' }),
      }),
    );
    await signInAs(page, `${on.site.url}/alerts`);

    await page.getByText('Импортозависимость по продукции «Лития карбонат» — от 88,89 до 100,00 %').waitFor();
    await page.getByText(/экспорт 20 т больше выпуска 10 т .*не меньше 88,89 %/).waitFor();
  });

  it('shows an alert raised while the live stream was down once the stream is back', async () => {
    const { page } = on.browser;
    const alert = alertAnswer({
      alertId: 'al-1',
      ruleId: 'no-such-rule',
      subject: 'target:import-dependence',
      title: 'Raised while the stream was down',
    });
    let showEmpty: () => void = () => undefined;
    const emptyShown = new Promise<void>((resolve) => (showEmpty = resolve));
    let raised = false;
    await mockGateway(
      page,
      signedInAs(ANALYST, {
        'GET /api/monitoring/alerts': () => ({
          json: { items: raised ? [alert] : [], total: raised ? 1 : 0, page: 1, pageSize: 20 },
        }),
        // The first connection fails once the empty list is on screen, and the alert is raised meanwhile;
        // the connections after it stay quiet: nothing is sent about the alert.
        'GET /api/monitoring/alerts/stream': async () => {
          if (!raised) {
            await emptyShown;
            raised = true;
            return problem(503, 'SERVICE.UNAVAILABLE');
          }
          return { contentType: 'text/event-stream', body: 'retry: 3000\n\n' };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/alerts`);
    await page.getByText('Оповещений нет.').waitFor();
    showEmpty();

    await page.getByText('Raised while the stream was down').waitFor();
  });

  it('names each silence’s end button by the silence’s reason, for those who cannot see the row', async () => {
    const { page } = on.browser;
    const silence = (id: string, ruleId: string, reason: string) => ({
      id,
      ruleId,
      subject: null,
      startsAt: '2026-04-01T09:00:00Z',
      endsAt: '2099-04-01T09:00:00Z',
      reason,
      createdBy: { userId: ANALYST.userId, name: ANALYST.name },
      createdAt: '2026-04-01T09:00:00Z',
    });
    const items = [
      silence('s-1', 'output.sudden_drop', 'Ремонт фабрики'),
      silence('s-2', 'reporting.deadline_missed', 'Перенос сроков'),
    ];
    await mockGateway(
      page,
      signedInAs(ANALYST, {
        'GET /api/monitoring/silences': () => ({ json: { items, total: 2, page: 1, pageSize: 20 } }),
      }),
    );
    await signInAs(page, `${on.site.url}/silences`);

    await page.getByRole('button', { name: 'Завершить: Ремонт фабрики' }).waitFor();
    await page.getByRole('button', { name: 'Завершить: Перенос сроков' }).waitFor();
  });

  it('replaces a webhook’s secret, the old one signing a while or stopping at once, and shows the new one', async () => {
    const { page } = on.browser;
    const admin = { userId: 'u-admin', name: 'Admin', roles: ['admin'], companyId: null };
    const gisp = { id: '00000000-0000-4000-8000-0000000000a1', url: 'https://gisp.example/hook' };
    const erp = { id: '00000000-0000-4000-8000-0000000000a2', url: 'https://erp.example/hook' };
    const webhook = (hook: { id: string; url: string }, changes: object = {}) => ({
      ...hook,
      description: 'Портал',
      minSeverity: 'warning',
      ruleIds: null,
      active: true,
      createdBy: admin.userId,
      createdAt: '2026-04-01T09:00:00Z',
      secretCreatedAt: '2026-04-01T09:00:00Z',
      secretCreatedBy: admin.userId,
      previousSecretsUntil: null,
      deactivatedAt: null,
      deactivatedBy: null,
      ...changes,
    });
    let items = [webhook(gisp), webhook(erp)];
    const sent: unknown[] = [];
    await mockGateway(
      page,
      signedInAs(admin, {
        'GET /api/monitoring/subscriptions/email': () => ({ json: [] }),
        'GET /api/monitoring/subscriptions/webhooks': () => ({ json: items }),
        [`POST /api/monitoring/subscriptions/webhooks/${gisp.id}/secret`]: (request) => {
          const body = request.postDataJSON() as { keepPreviousHours?: number };
          sent.push(body);
          const previousSecretsUntil = body.keepPreviousHours === 0 ? null : '2026-04-02T09:00:00Z';
          items = [webhook(gisp, { secretCreatedAt: '2026-04-01T10:00:00Z', previousSecretsUntil }), items[1]];
          return { status: 201, json: { id: gisp.id, secret: String(sent.length).repeat(64), previousSecretsUntil } };
        },
        // Deactivated by another admin meanwhile.
        [`POST /api/monitoring/subscriptions/webhooks/${erp.id}/secret`]: () => {
          items = [
            items[0],
            webhook(erp, { active: false, deactivatedAt: '2026-04-01T11:00:00Z', deactivatedBy: 'u-admin-2' }),
          ];
          return problem(409, 'SUBSCRIPTION.INACTIVE', `Webhook ${erp.id} is deactivated: nothing is signed for it`);
        },
      }),
    );
    await signInAs(page, `${on.site.url}/subscriptions`);
    const webhooks = page.locator('section', { has: page.getByRole('heading', { name: 'Вебхуки' }) });
    const gispRow = webhooks.getByRole('row', { name: /gisp\.example/ });
    const erpRow = webhooks.getByRole('row', { name: /erp\.example/ });
    const secret = webhooks.locator('[data-secret]');

    await gispRow
      .getByRole('button', { name: `Заменить секрет (старый ещё подписывает какое-то время): ${gisp.url}` })
      .click();
    await gispRow.getByRole('button', { name: 'Да, заменить секрет' }).click();
    await secret.getByText('Новый секрет подписи вебхука:').waitFor();
    await expect(secret.locator('code').innerText()).resolves.toBe('1'.repeat(64));
    await secret.getByText(/^Прежний секрет подписывает рядом с новым до 2\sапр\.\s2026\sг\.,\s12:00/).waitFor();
    await gispRow.getByText(/^выдан 1\sапр\.\s2026\sг\.,\s13:00\s\S+, u-admin$/).waitFor();
    await gispRow.getByText(/^прежний подписывает до 2\sапр\.\s2026\sг\.,\s12:00/).waitFor();
    expect(sent).toEqual([{}]);

    await gispRow.getByRole('button', { name: `Отозвать секрет сразу (он утёк) и выдать новый: ${gisp.url}` }).click();
    await gispRow.getByRole('button', { name: 'Да, отозвать секрет' }).click();
    await secret.getByText('Прежний секрет больше не подписывает.').waitFor();
    await expect(secret.locator('code').innerText()).resolves.toBe('2'.repeat(64));
    await waitFor(async () => (await gispRow.getByText(/^прежний подписывает до/).count()) === 0);
    expect(sent).toEqual([{}, { keepPreviousHours: 0 }]);

    await erpRow
      .getByRole('button', { name: `Заменить секрет (старый ещё подписывает какое-то время): ${erp.url}` })
      .click();
    await erpRow.getByRole('button', { name: 'Да, заменить секрет' }).click();
    await webhooks.getByRole('alert').getByText('Вебхук отключён: его секрет нельзя заменить.').waitFor();
    await erpRow.getByText('отключён', { exact: true }).waitFor();
    await erpRow.getByText(/^1\sапр\.\s2026\sг\.,\s14:00\s\S+, u-admin-2$/).waitFor();
    await expect(erpRow.getByRole('button').count()).resolves.toBe(0);
    await expect(secret.locator('code').innerText()).resolves.toBe('2'.repeat(64));
  });

  it('marks the e-mail subscriptions whose owner lost access as paused, and only those', async () => {
    const { page } = on.browser;
    const admin = { userId: 'u-admin', name: 'Admin', roles: ['admin'], companyId: null };
    const subscription = (id: string, email: string, userId: string, paused: boolean) => ({
      id,
      email,
      userId,
      paused,
      minSeverity: 'warning',
      ruleIds: null,
      createdAt: '2026-04-01T09:00:00Z',
    });
    await mockGateway(
      page,
      signedInAs(admin, {
        'GET /api/monitoring/subscriptions/email': () => ({
          json: [
            subscription('00000000-0000-4000-8000-0000000000b1', 'm.orlova@minpromtorg.test', 'u-analyst-1', false),
            subscription('00000000-0000-4000-8000-0000000000b2', 'p.petrov@minpromtorg.test', 'u-analyst-2', true),
          ],
        }),
        'GET /api/monitoring/subscriptions/webhooks': () => ({ json: [] }),
      }),
    );
    await signInAs(page, `${on.site.url}/subscriptions`);
    const email = page.locator('section', { has: page.getByRole('heading', { name: 'Эл. почта' }) });
    const petrov = email.getByRole('row', { name: /p\.petrov/ });
    await petrov.getByText('приостановлена', { exact: true }).waitFor();
    await petrov.getByText(/учётная запись владельца отключена/).waitFor();
    const orlova = email.getByRole('row', { name: /m\.orlova/ });
    await orlova.waitFor();
    await expect(orlova.getByText('приостановлена').count()).resolves.toBe(0);
  });

  it('shows the last page of a list that has shrunk below the page in the address', async () => {
    const { page } = on.browser;
    const asked: string[] = [];
    const waiting = { ...claim, state: 'submitted', submittedAt: '2026-04-03T09:00:00Z' };
    await mockGateway(
      page,
      signedInAs(OFFICER, {
        'GET /api/subsidy/claims': (request) => {
          const wanted = new URL(request.url()).searchParams.get('page') ?? '1';
          asked.push(wanted);
          return { json: { items: wanted === '1' ? [waiting] : [], total: 1, page: Number(wanted), pageSize: 20 } };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/review?page=3`);

    await page.getByRole('cell', { name: '1 кв. 2026' }).waitFor();
    expect(asked).toEqual(['3', '1']);
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
  });

  it('filters a list by the state chosen, keeps it in the address, and ignores a state the address makes up', async () => {
    const { page } = on.browser;
    const asked: (string | null)[] = [];
    await mockGateway(
      page,
      signedInAs(PRODUCER, {
        'GET /api/subsidy/claims': (request) => {
          asked.push(new URL(request.url()).searchParams.get('state'));
          return { json: { items: [claim], total: 1, page: 1, pageSize: 20 } };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/claims?state=lost`);
    const status = page.getByLabel('Статус');
    await page.getByRole('cell', { name: '1 кв. 2026' }).waitFor();
    expect(asked).toEqual([null]);
    await expect(status.inputValue()).resolves.toBe('');

    await status.selectOption({ label: 'подана' });
    await waitFor(async () => asked.length === 2);
    expect(asked[1]).toBe('submitted');
    expect(new URL(page.url()).searchParams.get('state')).toBe('submitted');

    await status.selectOption({ label: 'Все' });
    // The address changes first; the select shows it once React has rendered the page again.
    await waitFor(async () => new URL(page.url()).searchParams.get('state') === null);
    await waitFor(async () => (await status.inputValue()) === '', { description: 'the select showing every state' });
  });

  it('keeps the frame and says what failed when a screen cannot be loaded, and loads it on retry', async () => {
    const { page } = on.browser;
    await mockGateway(page, signedInAs(PRODUCER, { 'GET /api/subsidy/claims': () => emptyPage }));
    let offline = true;
    await page.route(/\/assets\/ClaimsPage-[^/]+\.js$/, (route) =>
      offline ? route.abort('failed') : route.continue(),
    );
    await signInAs(page, `${on.site.url}/claims`);

    await page.getByRole('alert').getByText('Сервер недоступен').waitFor();
    expect(await page.getByRole('navigation', { name: 'Разделы' }).isVisible()).toBe(true);
    // React logs the error it caught, which the page has said already.
    expect(on.browser.errors).toEqual([expect.stringContaining('The server could not be reached')]);
    on.browser.errors.splice(0);

    offline = false;
    await page.getByRole('button', { name: 'Повторить' }).click();
    await page.getByText('Заявок пока нет').waitFor();
  });
});
