import { type Browser, openBrowser, shot, signIn } from './support/browser';
import { waitFor } from '@redmet/testing';
import { ConsoleWorld, lastQuarter, PASSWORD, type Producer, quarterBefore, runTag } from './support/world';
import { Platform } from '../system/support/platform';

/**
 * The console in headless Chromium against the whole platform (every service
 * and the gateway serving the built console, as processes with fresh
 * databases). Each scenario signs in through the login form as its role.
 */
/** A scenario waits on the services' Kafka consumers, which share the broker with every other test running. */
const SCENARIO_MS = 240_000;

describe('browser: the web console', () => {
  const platform = new Platform([
    'deposit-registry',
    'production-reporting',
    'subsidy-processing',
    'target-monitoring',
    'gateway',
  ]);
  const world = new ConsoleWorld(platform);
  const tag = runTag();
  const period = lastQuarter();
  let browser: Browser;

  beforeAll(async () => {
    await platform.start();
    await world.product(`NB-CONC-${tag}`, 'large', '2615.90', 'Niobium concentrate');
    await world.product(`ND-OXIDE-${tag}`, 'small', '2846.90', 'Neodymium oxide');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  beforeEach(async () => {
    browser = await openBrowser();
  });

  afterEach(async () => {
    await browser.close();
    expect(browser.errors).toEqual([]);
  });

  describe('a producer', () => {
    let producer: Producer;

    beforeAll(async () => {
      producer = await world.producer(`P${tag}`);
      await world.expiringLicence(producer, `P${tag} north`, 60);
    });

    it(
      'files a report through the form, is told what is wrong next to the field, and sees it accepted',
      async () => {
        const { page } = browser;
        await signIn(page, platform.gatewayUrl, producer.username, PASSWORD);
        await page.getByRole('heading', { name: 'Скоро срок сдачи' }).waitFor();
        await page.getByRole('heading', { name: 'Просроченные отчёты' }).waitFor();
        await shot(page, 'producer-01-reports');

        await page.getByRole('link', { name: 'Новый отчёт' }).first().click();
        await page.getByLabel('Объект').selectOption(`deposit:${producer.depositId}`);
        await page.getByLabel('Период').fill(period);
        await page.getByLabel('Продукция').selectOption(`NB-CONC-${tag}`);
        await page.getByLabel('Количество').fill('1 250,5');
        await page.getByLabel('Содержание металла, т').fill('abc');
        await page.getByRole('button', { name: 'Подписать и подать' }).click();

        const metal = page
          .getByRole('group', { name: 'Строка 1' })
          .locator('.field', { has: page.getByLabel('Содержание металла, т') });
        await metal.getByText('metalContentTonnes must be').waitFor();
        await shot(page, 'producer-02-field-message');

        await page.getByLabel('Содержание металла, т').fill('375,15');
        await page.getByRole('button', { name: 'Подписать и подать' }).click();
        await page.getByRole('heading', { name: 'Отчёт принят' }).waitFor({ timeout: 60_000 });
        await page.getByText('1 250,5 т').waitFor();
        await shot(page, 'producer-03-accepted');

        await page.getByRole('link', { name: 'Отчёты' }).first().click();
        const row = page.getByRole('row', { name: new RegExp(producer.depositName) });
        await row.getByText('принят').waitFor();
        await shot(page, 'producer-04-history');

        await page.getByRole('link', { name: 'Компания' }).click();
        const expiring = page.getByRole('row', { name: new RegExp(`P${tag} north`) });
        await expiring.getByText('истекает через 60 дней').waitFor();
        expect(await expiring.getAttribute('class')).toContain('is-highlight');
        await shot(page, 'producer-05-company');

        await page.getByRole('link', { name: 'Карта' }).click();
        await page.getByRole('button', { name: `Месторождение: ${producer.depositName}` }).waitFor();
        await page.getByRole('button', { name: `Месторождение: P${tag} north, лицензия истекает` }).click();
        await page
          .getByRole('status')
          .getByText(/^Лицензия BUR \d+ TR до/)
          .waitFor();
        await shot(page, 'producer-06-map');
      },
      SCENARIO_MS,
    );
  });

  describe('a subsidy officer', () => {
    let claimId: string;

    beforeAll(async () => {
      const producer = await world.producer(`C${tag}`);
      const reportId = await world.acceptedReport(producer, period, `NB-CONC-${tag}`, '900', '270');
      claimId = await world.submittedClaim(producer, period, reportId, '200000000');
      await world.user(`officer.${tag.toLowerCase()}`, ['subsidy_officer']);
    }, 120_000);

    it(
      'takes a claim from the queue, sees its reports and the budget beside it, and approves a reduced amount',
      async () => {
        const { page } = browser;
        await signIn(page, platform.gatewayUrl, `officer.${tag.toLowerCase()}`, PASSWORD);
        await page
          .getByRole('row', { name: new RegExp(`C${tag} Mining LLC`) })
          .getByRole('link')
          .click();
        await page.waitForURL(`**/review/${claimId}`);
        await page.getByRole('heading', { name: 'Отчёты, на которые опирается заявка' }).waitFor();
        await page.getByText('270').first().waitFor();
        await shot(page, 'officer-01-claim-beside-reports');

        await page.getByRole('button', { name: 'Взять на рассмотрение' }).click();
        await page.getByRole('button', { name: 'Одобрить' }).click();
        const form = page.locator('form', { has: page.getByLabel('Одобряемая сумма, ₽') });
        await form.getByLabel('Одобряемая сумма, ₽').fill('500 000');
        await form.getByRole('button', { name: 'Одобрить' }).click();
        await form.getByText('Say why the amount is reduced').waitFor();
        await shot(page, 'officer-02-reason-required');

        await form.getByLabel('Причина уменьшения суммы').fill('Часть реагентов не подтверждена счетами');
        await form.getByRole('button', { name: 'Одобрить' }).click();
        await page.getByText('Решение по заявке принято.').waitFor();
        await page.getByText('500 000,00 ₽').first().waitFor();
        await shot(page, 'officer-03-approved');
      },
      SCENARIO_MS,
    );
  });

  describe('two subsidy officers', () => {
    let claimId: string;

    beforeAll(async () => {
      const producer = await world.producer(`F${tag}`);
      const reportId = await world.acceptedReport(producer, period, `NB-CONC-${tag}`, '900', '270');
      // 40 million roubles of processing at 30 %: 12 million requested, above the 10 million four-eyes threshold.
      claimId = await world.submittedClaim(producer, period, reportId, '4000000000');
      await world.user(`first.${tag.toLowerCase()}`, ['subsidy_officer']);
      await world.user(`second.${tag.toLowerCase()}`, ['subsidy_officer']);
    }, 120_000);

    it(
      'approve a large claim with four eyes: the first approval waits for a second, different officer',
      async () => {
        const { page } = browser;
        await signIn(page, platform.gatewayUrl, `first.${tag.toLowerCase()}`, PASSWORD);
        await page.goto(`${platform.gatewayUrl}/review/${claimId}`);
        await page.getByText('нужно согласование двух специалистов').waitFor();
        await page.getByRole('button', { name: 'Взять на рассмотрение' }).click();
        await page.getByRole('button', { name: 'Одобрить' }).click();
        await page.locator('form.decision-form').getByRole('button', { name: 'Одобрить' }).click();
        await page.getByText('Вы одобрили заявку; нужно согласование второго специалиста.').waitFor();
        await expect(page.getByRole('button', { name: 'Одобрить' }).count()).resolves.toBe(0);
        await shot(page, 'four-eyes-01-first-approval');
        await page.getByRole('button', { name: 'Выйти' }).click();

        await signIn(page, platform.gatewayUrl, `second.${tag.toLowerCase()}`, PASSWORD);
        await page.getByRole('tab', { name: 'Второе согласование' }).click();
        await page
          .getByRole('row', { name: new RegExp(`F${tag} Mining LLC`) })
          .getByRole('link')
          .click();
        await page.getByText(`Первое согласование: first.${tag.toLowerCase()}, 12 000 000,00 ₽.`).waitFor();
        await page.getByRole('button', { name: 'Подтвердить одобрение' }).click();
        await page.locator('form.decision-form').getByRole('button', { name: 'Подтвердить одобрение' }).click();
        await page.getByText('Решение по заявке принято.').waitFor();
        await page.getByText(`first.${tag.toLowerCase()}, second.${tag.toLowerCase()}`).waitFor();
        await shot(page, 'four-eyes-02-second-approval');
      },
      SCENARIO_MS,
    );
  });

  describe('a ministry analyst', () => {
    let producer: Producer;

    beforeAll(async () => {
      producer = await world.producer(`M${tag}`);
      for (const earlier of [quarterBefore(period, 2), quarterBefore(period, 1)]) {
        await world.acceptedReport(producer, earlier, `NB-CONC-${tag}`, '2000', '800');
      }
      await world.user(`analyst.${tag.toLowerCase()}`, ['ministry_analyst']);
    }, 120_000);

    it(
      'sees a target move and an alert appear live when a report comes in, and acknowledges the alert',
      async () => {
        const { page } = browser;
        await signIn(page, platform.gatewayUrl, `analyst.${tag.toLowerCase()}`, PASSWORD);
        await page.locator('[data-stream="live"]').waitFor();
        const current = page.locator('[data-target="output-large-tonnage"] .target-current');
        const before = await current.innerText();
        await shot(page, 'ministry-01-dashboard');

        // Output falls from 800 t a quarter to 40 t: the target moves and the sudden-drop rule fires.
        await world.acceptedReport(producer, period, `NB-CONC-${tag}`, '100', '40');
        await waitFor(async () => (await current.innerText()) !== before, {
          timeoutMs: 120_000,
          description: 'the target to move',
        });
        await shot(page, 'ministry-02-target-moved');

        const alert = page.locator('.alerts-panel li', { hasText: `M${tag} deposit` });
        await alert.waitFor({ timeout: 120_000 });
        await shot(page, 'ministry-03-alert-live');

        await alert.getByRole('button', { name: 'Подтвердить' }).click();
        await alert.getByLabel('Комментарий').fill('Связались с компанией: остановка на ремонт');
        await alert.getByRole('button', { name: 'Подтвердить' }).click();
        await alert.getByText(`Подтвердил(а) analyst.${tag.toLowerCase()}`).waitFor();
        await alert.getByText('Связались с компанией').waitFor();
        await shot(page, 'ministry-04-acknowledged');

        // The page alert e-mails link to: the alert's history, with who acknowledged it and why.
        await alert.locator('h3 a').click();
        const history = page.locator('section', { has: page.getByRole('heading', { name: 'История' }) });
        await history
          .getByRole('row', { name: /создано/ })
          .getByText('правила мониторинга')
          .waitFor();
        const acknowledged = history.getByRole('row', { name: /подтверждено/ });
        await acknowledged.getByText(`analyst.${tag.toLowerCase()}`).waitFor();
        await acknowledged.getByText('Связались с компанией: остановка на ремонт').waitFor();
        expect(page.url()).toMatch(/\/alerts\/[0-9a-f-]{36}$/);
        await shot(page, 'ministry-05-alert-history');
      },
      SCENARIO_MS,
    );
  });
});
