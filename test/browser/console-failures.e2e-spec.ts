import { waitFor } from '@redmet/testing';
import {
  ANALYST,
  atClaim,
  atReview,
  claimAnswer,
  consoleOnly,
  type Handler,
  mockGateway,
  OFFICER,
  problem,
  PRODUCER,
  type Reply,
  reviewAnswer,
  signedInAs,
  signInAs,
  signInHere,
  tokens,
} from './support/console-only';

/**
 * The console in headless Chromium against a gateway the test plays: how it
 * behaves when the network, the services or the session fail at a given moment.
 */
const CLAIM_ID = '00000000-0000-4000-8000-000000000001';
/** The console's tokens as the page holds them (evaluated in the page). */
const SESSION = `sessionStorage.getItem('redmet.session')`;

const claim = claimAnswer({ id: CLAIM_ID });

const document = {
  id: 'd-1',
  fileName: 'invoice.pdf',
  contentType: 'application/pdf',
  sizeBytes: 2048,
  sha256: 'ab'.repeat(32),
  uploadedBy: 'u-producer',
  uploadedAt: '2026-04-02T09:00:00Z',
};

/** A signed-in producer looking at a draft claim; `overrides` change or add answers. */
function producerAtClaim(overrides: Record<string, Handler> = {}): Record<string, Handler> {
  return atClaim(PRODUCER, CLAIM_ID, () => ({ json: claim }), {
    [`GET /api/subsidy/claims/${CLAIM_ID}/documents`]: () => ({ json: [document] }),
    ...overrides,
  });
}

/** A signed-in subsidy officer at the review of `claimAsIs`; `overrides` change or add answers. */
function officerAtReview(claimAsIs: typeof claim, overrides: Record<string, Handler> = {}): Record<string, Handler> {
  return atReview(OFFICER, CLAIM_ID, () => reviewAnswer(claimAsIs), overrides);
}

describe('browser: the console when things fail', () => {
  const on = consoleOnly();

  it('says the server cannot be reached when signing in fails on the network, and keeps the login typed', async () => {
    const { page } = on.browser;
    await mockGateway(page, { 'POST /api/auth/login': () => ({ fail: true }) });

    await signInAs(page, on.site.url, 'producer.lovozero');

    await page.getByRole('alert').getByText('Сервер недоступен').waitFor();
    expect(await page.getByLabel('Имя пользователя').inputValue()).toBe('producer.lovozero');
  });

  it('shows why the eligibility check failed', async () => {
    const { page } = on.browser;
    const gateway = await mockGateway(
      page,
      producerAtClaim({
        [`GET /api/subsidy/claims/${CLAIM_ID}/eligibility`]: () =>
          problem(503, 'SERVICE.UNAVAILABLE', 'The service cannot reach its database just now'),
      }),
    );
    await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}`);

    await page.getByRole('button', { name: 'Проверить условия' }).click();

    await page.getByRole('alert').getByText('Сервис временно недоступен').waitFor();
    expect(gateway.unanswered).toEqual([]);
  });

  it('says why a report form offers no sites when the registry cannot be read, and offers them after a retry', async () => {
    const { page } = on.browser;
    let down = true;
    const emptyPage = { json: { items: [], total: 0, page: 1, pageSize: 200 } };
    const plant = {
      facilityId: 'f-1',
      name: 'Карнасуртский рудник',
      operatorCompanyId: PRODUCER.companyId,
      operators: null,
      depositId: null,
      region: 'Мурманская область',
      productCodes: [],
      status: 'operating',
      statusSince: '2020-01-01',
      commissionedOn: '2020-01-01',
      version: 1,
    };
    await mockGateway(
      page,
      signedInAs(PRODUCER, {
        'GET /api/registry/products': () => emptyPage,
        'GET /api/registry/licences': () => emptyPage,
        'GET /api/registry/facilities': () =>
          down
            ? problem(503, 'SERVICE.UNAVAILABLE', 'The service cannot reach its database just now')
            : { json: { items: [plant], total: 1, page: 1, pageSize: 200 } },
      }),
    );
    await signInAs(page, `${on.site.url}/reports/new`);

    const failure = page.getByRole('alert').filter({ hasText: 'Сервис временно недоступен' });
    await failure.waitFor();
    down = false;
    await failure.getByRole('button', { name: 'Повторить' }).click();
    await page.getByRole('option', { name: /Карнасуртский рудник/ }).waitFor({ state: 'attached' });
    expect(await failure.count()).toBe(0);
  });

  it('shows why a document could not be downloaded, in Russian, without an unhandled error', async () => {
    const { page } = on.browser;
    const gone: Reply = problem(404, 'DOCUMENT.NOT_FOUND', 'No document d-1');
    await mockGateway(page, producerAtClaim({ [`GET /api/subsidy/claims/${CLAIM_ID}/documents/d-1`]: () => gone }));
    await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}`);

    await page.getByRole('button', { name: 'invoice.pdf' }).click();

    await page.getByRole('alert').getByText('Документ не найден.').waitFor();
    expect(await page.getByRole('alert').textContent()).not.toContain('No document d-1');
  });

  it('refreshes a session held by two tabs (a duplicated tab) once, and both go on with the new tokens', async () => {
    const { page, context } = on.browser;
    const expired = problem(401, 'AUTH.UNAUTHENTICATED', 'The token has expired');
    let lapsed = false;
    const refreshed: string[] = [];
    const bearer = (request: Parameters<Handler>[0]) => request.headers().authorization?.replace('Bearer ', '');
    const answers = producerAtClaim();
    const handlers: Record<string, Handler> = Object.fromEntries(
      Object.entries(answers).map(([key, reply]) => [
        key,
        (request) => (lapsed && bearer(request) === 'a1' ? expired : reply(request)),
      ]),
    );
    // As the gateway: a refresh token works once, and one presented again ends the session.
    handlers['POST /api/auth/refresh'] = (request) => {
      const { refreshToken } = request.postDataJSON() as { refreshToken: string };
      refreshed.push(refreshToken);
      return refreshToken === 'r1' && refreshed.length === 1
        ? tokens('a2', 'r2')
        : problem(401, 'AUTH.UNAUTHENTICATED', 'The refresh token was used before: the session is ended');
    };
    await mockGateway(page, handlers);
    await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}`);
    await page.getByRole('button', { name: 'invoice.pdf' }).waitFor();
    const duplicate = await context.newPage();
    await mockGateway(duplicate, handlers);
    await duplicate.goto(on.site.url);
    // What the browser's "Duplicate tab" does: the new tab starts with a copy of the session storage.
    const stored = await page.evaluate<string>(SESSION);
    await duplicate.evaluate(`sessionStorage.setItem('redmet.session', ${JSON.stringify(stored)})`);
    await duplicate.goto(`${on.site.url}/claims/${CLAIM_ID}`);
    await duplicate.getByRole('button', { name: 'invoice.pdf' }).waitFor();

    lapsed = true;
    await Promise.all([page.reload(), duplicate.reload()]);

    for (const tab of [page, duplicate]) await tab.getByRole('button', { name: 'invoice.pdf' }).waitFor();
    expect(refreshed).toEqual(['r1']);
    for (const tab of [page, duplicate]) {
      expect(await tab.getByRole('dialog').count()).toBe(0);
      expect(JSON.parse(await tab.evaluate<string>(SESSION))).toEqual({
        accessToken: 'a2',
        refreshToken: 'r2',
      });
    }
  });

  describe('a session whose refresh is refused', () => {
    const comments = `POST /api/subsidy/claims/${CLAIM_ID}/comments`;
    const expired = problem(401, 'AUTH.UNAUTHENTICATED', 'The token has expired');
    /** The first sign-in gives a1/r1; the refresh of r1 is refused; signing in again gives a2/r2. */
    function lapsing(who: () => typeof PRODUCER, posted: string[]): Record<string, Handler> {
      let signIns = 0;
      return producerAtClaim({
        'POST /api/auth/login': () => ((signIns += 1) === 1 ? tokens('a1', 'r1') : tokens('a2', 'r2')),
        'GET /api/auth/me': (request) =>
          request.headers().authorization === 'Bearer a2' ? { json: who() } : { json: PRODUCER },
        'POST /api/auth/refresh': () => problem(401, 'AUTH.UNAUTHENTICATED', 'The refresh token has expired'),
        [comments]: (request) => {
          if (request.headers().authorization !== 'Bearer a2') return expired;
          posted.push((request.postDataJSON() as { text: string }).text);
          return {
            status: 201,
            json: {
              id: 'm-1',
              visibility: 'producer',
              text: 'x',
              authorId: 'u',
              authorName: null,
              createdAt: claim.createdAt,
            },
          };
        },
        'POST /api/auth/logout': () => ({ status: 204 }),
      });
    }

    it('asks the same user to sign in over the page, which keeps what they typed', async () => {
      const { page } = on.browser;
      const posted: string[] = [];
      await mockGateway(
        page,
        lapsing(() => PRODUCER, posted),
      );
      await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}`);
      await page.getByLabel('Новый комментарий').fill('Счёт № 17 приложен');

      await page.getByRole('button', { name: 'Отправить' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Сеанс завершён').waitFor();
      await dialog.getByLabel('Имя пользователя').fill('someone');
      await dialog.getByLabel('Пароль').fill('password');
      await dialog.getByRole('button', { name: 'Войти' }).click();
      await dialog.waitFor({ state: 'detached' });

      expect(await page.getByLabel('Новый комментарий').inputValue()).toBe('Счёт № 17 приложен');
      await page.getByRole('button', { name: 'Отправить' }).click();
      await waitFor(async () => posted.length > 0, { description: 'the comment posted' });
      expect(posted).toEqual(['Счёт № 17 приложен']);
    });

    it('gives someone else who signs in there a page of their own', async () => {
      const { page } = on.browser;
      const other = { ...PRODUCER, userId: 'u-other', name: 'Other' };
      await mockGateway(
        page,
        lapsing(() => other, []),
      );
      await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}`);
      await page.getByLabel('Новый комментарий').fill('Черновик первого пользователя');

      await page.getByRole('button', { name: 'Отправить' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Имя пользователя').fill('other');
      await dialog.getByLabel('Пароль').fill('password');
      await dialog.getByRole('button', { name: 'Войти' }).click();
      await dialog.waitFor({ state: 'detached' });

      await page.getByText('Other').waitFor();
      expect(await page.getByLabel('Новый комментарий').inputValue()).toBe('');
    });
  });

  it('starts whoever signs in after an explicit sign-out at their own home, not at the last page', async () => {
    const { page } = on.browser;
    let signIns = 0;
    await mockGateway(
      page,
      producerAtClaim({
        'POST /api/auth/login': () => ((signIns += 1) === 1 ? tokens('a1', 'r1') : tokens('a2', 'r2')),
        'GET /api/auth/me': (request) =>
          request.headers().authorization === 'Bearer a2' ? { json: OFFICER } : { json: PRODUCER },
        'POST /api/auth/logout': () => ({ status: 204 }),
        'GET /api/subsidy/claims': () => ({ json: { items: [], total: 0, page: 1, pageSize: 20 } }),
      }),
    );
    await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}`);
    await page.getByRole('button', { name: 'invoice.pdf' }).waitFor();

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByLabel('Имя пользователя').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await signInHere(page, 'officer');

    await page.getByText('Officer').waitFor();
    await page.waitForURL(`${on.site.url}/review`);
  });

  it('waits its back-off when the alert stream refuses even a freshly refreshed token', async () => {
    const { page } = on.browser;
    const refreshedAt: number[] = [];
    await mockGateway(page, {
      ...signedInAs(ANALYST),
      // Monitoring does not know the gateway's new signing key yet: every token is refused.
      'GET /api/monitoring/alerts/stream': () => problem(401, 'AUTH.UNAUTHENTICATED', 'Unknown signing key'),
      // As the gateway: refreshes are throttled per address.
      'POST /api/auth/refresh': () => {
        const count = refreshedAt.push(Date.now());
        return count > 5 ? problem(429, 'REQUEST.TOO_MANY') : tokens(`a${count + 1}`, `r${count + 1}`);
      },
    });
    await signInAs(page, `${on.site.url}/alerts`);

    await waitFor(async () => refreshedAt.length >= 3, { description: 'three refreshes', timeoutMs: 10_000 });
    const gaps = refreshedAt.slice(1, 3).map((at, index) => at - refreshedAt[index]);
    // The first back-off is a second: a 401 for a refreshed token waits it before the token is tried again.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(900);
  });

  it('shows a producer what the officers approved and why a changed report holds the amount below it', async () => {
    const { page } = on.browser;
    const lowered = {
      ...claim,
      state: 'approved',
      requestedKopecks: '175000000',
      approvedKopecks: '87500000',
      originallyApprovedKopecks: '175000000',
      approvalAdjustmentReason: 'Relied-on report r-1 v2: metal content 322.575 t instead of 645.15 t (v1)',
    };
    await mockGateway(page, producerAtClaim({ [`GET /api/subsidy/claims/${CLAIM_ID}`]: () => ({ json: lowered }) }));
    await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}`);

    const facts = page.locator('dl.facts');
    await facts.getByText('Одобрено при рассмотрении').waitFor();
    const approvedAtReview = await facts.locator('div', { hasText: 'Одобрено при рассмотрении' }).textContent();
    expect(approvedAtReview?.replace(/\s/g, '')).toContain('1750000');
    await page.getByText('Одобрение изменено').waitFor();
    expect(await page.getByText('metal content 322.575 t instead of 645.15 t').count()).toBe(1);
  });

  it('says why an officer may not take a claim they keyed in (four eyes)', async () => {
    const { page } = on.browser;
    await mockGateway(page, officerAtReview({ ...claim, state: 'submitted', createdBy: OFFICER.userId }));
    await signInAs(page, `${on.site.url}/review/${CLAIM_ID}`);

    const take = page.getByRole('button', { name: 'Взять на рассмотрение' });
    await take.waitFor();
    expect(await take.isDisabled()).toBe(true);
    const describedBy = await take.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`#${describedBy}`).textContent()).toContain('Вы создали или изменяли эту заявку');
  });

  it("words the service's four-eyes refusal in Russian", async () => {
    const { page } = on.browser;
    await mockGateway(
      page,
      officerAtReview(
        { ...claim, state: 'submitted' },
        {
          [`POST /api/subsidy/claims/${CLAIM_ID}/take`]: () =>
            problem(403, 'CLAIM.SELF_DECISION', 'Nobody decides a claim they created or edited'),
        },
      ),
    );
    await signInAs(page, `${on.site.url}/review/${CLAIM_ID}`);

    await page.getByRole('button', { name: 'Взять на рассмотрение' }).click();

    await page
      .getByRole('alert')
      .getByText('Решение по заявке, выплату и расчёты по ней не проводит тот, кто её создал')
      .waitFor();
  });

  it('clears the annual revenue of a draft when its field is emptied', async () => {
    const { page } = on.browser;
    const patched: unknown[] = [];
    await mockGateway(
      page,
      producerAtClaim({
        [`GET /api/subsidy/claims/${CLAIM_ID}`]: () => ({ json: { ...claim, annualRevenueKopecks: '95000000000' } }),
        [`PATCH /api/subsidy/claims/${CLAIM_ID}`]: (request) => {
          patched.push(request.postDataJSON());
          return { json: claim };
        },
      }),
    );
    await signInAs(page, `${on.site.url}/claims/${CLAIM_ID}/edit`);
    const revenue = page.getByLabel('Годовая выручка, ₽');
    await waitFor(async () => (await revenue.inputValue()) !== '', { description: 'the revenue shown' });

    await revenue.fill('');
    await page.getByRole('button', { name: 'Сохранить' }).click();

    await waitFor(async () => patched.length > 0, { description: 'the draft saved' });
    expect(patched[0]).toMatchObject({ annualRevenueKopecks: null });
  });
});
