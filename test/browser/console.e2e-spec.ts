import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { SERVICES } from '@redmet/contracts';
import { addDays } from '@redmet/platform';
import { browserForEachTest, shot, signIn } from './support/browser';
import { consoleDay } from './support/console-format';
import { serviceToday, waitFor } from '@redmet/testing';
import {
  ConsoleWorld,
  csvFile,
  lastQuarter,
  PASSWORD,
  type Producer,
  quarterBefore,
  quarterLabel,
  runTag,
} from './support/world';
import { Platform } from '../system/support/platform';

/**
 * The console in headless Chromium against the whole platform (every service
 * and the gateway serving the built console, as processes with fresh
 * databases). Each scenario signs in through the login form as its role.
 */
/** A scenario waits on the services' Kafka consumers, which share the broker with every other test running. */
const SCENARIO_MS = 240_000;

/** Attaches a small PDF through the claim page's document upload and waits until it is listed. */
async function attach(page: Page, name: string): Promise<void> {
  await page
    .getByLabel('Файл')
    .setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%test\n') });
  await page.getByRole('button', { name: 'Загрузить' }).click();
  await page.getByText(`Документ «${name}» приложен.`).waitFor();
  await page.getByRole('button', { name }).waitFor();
}

/** A figure as the console writes it (grouped by a no-break space), whatever trailing zeros the service keeps. */
const figure = (digits: string) => new RegExp(`^${digits.replace(/ /g, '\\s')}(,0+)?$`);

describe('browser: the web console', () => {
  const platform = new Platform([...SERVICES]);
  const world = new ConsoleWorld(platform);
  const tag = runTag();
  const period = lastQuarter();
  const browser = browserForEachTest(() => platform.stop());

  beforeAll(async () => {
    await platform.start();
    await world.product(`NB-CONC-${tag}`, 'large', '2615.90', 'Niobium concentrate');
    await world.product(`ND-OXIDE-${tag}`, 'small', '2846.90', 'Neodymium oxide');
  }, 240_000);

  describe('a producer', () => {
    let producer: Producer;

    beforeAll(async () => {
      producer = await world.producer(`P${tag}`);
      await world.expiringLicence(producer, `P${tag} north`, 60);
    });

    it(
      'files a report through the form, is told what is wrong next to the field, and sees it accepted',
      async () => {
        const { page } = browser();
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
        await metal.getByText('Введите неотрицательное число, не больше 6 знаков после запятой').waitFor();
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

    it(
      'uploads a CSV with bad rows, sees every bad row by its line number, and nothing is stored',
      async () => {
        const { page } = browser();
        const earlier = quarterBefore(period, 1);
        const line = (product: string, quantity: string, at = earlier) =>
          `,${producer.depositId},${at},${product},${quantity},t,30,100,0`;
        await signIn(page, platform.gatewayUrl, producer.username, PASSWORD);
        await page.getByRole('link', { name: 'Загрузка CSV' }).click();
        await page.getByRole('heading', { level: 1, name: 'Загрузка CSV' }).waitFor();
        await page
          .getByLabel('Файл')
          .setInputFiles(
            csvFile('reports.csv', [
              'facility_id,deposit_id,period,product_code,quantity,unit,metal_content_tonnes,domestic_shipments,exports',
              line(`NB-CONC-${tag}`, '100'),
              line(`NB-CONC-${tag}`, 'много'),
              line(`NO-SUCH-${tag}`, '100'),
              line(`NB-CONC-${tag}`, '100', '2026-13'),
            ]),
          );
        await page.getByRole('button', { name: 'Загрузить' }).click();

        const refused = page
          .getByRole('alert')
          .filter({ has: page.getByRole('heading', { name: '3 строки с ошибками' }) });
        await refused.waitFor();
        await refused.getByText('ничего не сохранено').waitFor();
        const rows = refused.locator('tbody tr');
        await expect(rows.locator('td:first-child').allInnerTexts()).resolves.toEqual(['3', '4', '5']);
        await rows.nth(0).getByText('quantity: Введите неотрицательное число').waitFor();
        await rows.nth(1).getByText(`Продукции NO-SUCH-${tag} нет в каталоге критической продукции.`).waitFor();
        await rows.nth(2).getByText('period: Укажите период как 2026-Q1 или 2026-03.').waitFor();
        await shot(page, 'producer-07-upload-refused');

        // The good first row was not stored either: the history has nothing for that quarter.
        await page.goto(`${platform.gatewayUrl}/reports?hperiod=${earlier}`);
        await page.getByText('Нет отчётов с такими условиями.').waitFor();

        // The good row, filled into the template as a Russian Excel saves it (`;` between columns, a
        // decimal comma), is filed.
        await page.goto(`${platform.gatewayUrl}/reports/upload`);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Скачать шаблон' }).click(),
        ]);
        const template = await readFile(await download.path(), 'utf8');
        expect(template).toBe(
          '\uFEFFfacility_id;deposit_id;period;product_code;quantity;unit;metal_content_tonnes;domestic_shipments;exports\r\n',
        );
        await page.getByLabel('Файл').setInputFiles({
          name: 'reports.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(`${template};${producer.depositId};${earlier};NB-CONC-${tag};100,0;t;30;100;0\r\n`),
        });
        await page.getByRole('button', { name: 'Загрузить' }).click();
        await page.getByRole('heading', { name: 'Прочитано строк: 1. Подан 1 отчёт.' }).waitFor();
        await page.getByRole('link', { name: 'Открыть отчёт' }).click();
        await page
          .getByRole('heading', { level: 1, name: `${producer.depositName} · ${quarterLabel(earlier)}` })
          .waitFor();
        await shot(page, 'producer-08-upload-filed');
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
    }, 240_000);

    it(
      'takes a claim from the queue, sees its reports and the budget beside it, and approves a reduced amount',
      async () => {
        const { page } = browser();
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
        await form
          .locator('.field', { has: page.getByLabel('Причина уменьшения суммы') })
          .getByText('Укажите причину уменьшения суммы.')
          .waitFor();
        await expect(form.getByText('Укажите причину уменьшения суммы.').count()).resolves.toBe(1);
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
    }, 240_000);

    it(
      'approve a large claim with four eyes: the first approval waits for a second, different officer',
      async () => {
        const { page } = browser();
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

  describe('a producer claiming a subsidy', () => {
    let producer: Producer;

    beforeAll(async () => {
      producer = await world.producer(`S${tag}`);
      await world.acceptedReport(producer, period, `NB-CONC-${tag}`, '900', '270');
    }, 240_000);

    it(
      'creates a claim, attaches a document, submits it, follows its status, and answers a return for information',
      async () => {
        const { page } = browser();
        await signIn(page, platform.gatewayUrl, producer.username, PASSWORD);
        await page.getByRole('link', { name: 'Субсидии' }).click();
        await page.getByText('Заявок пока нет.').waitFor();
        await page.getByRole('link', { name: 'Новая заявка' }).first().click();

        await page.getByLabel('Квартал').fill(period);
        await page.getByRole('checkbox', { name: new RegExp(producer.depositName) }).check();
        await page.getByLabel('Сумма без НДС, ₽').fill('2 000 000');
        await page.getByLabel('Номер документа').fill(`INV-S${tag}`);
        await page.getByRole('checkbox', { name: 'Нет задолженности по налогам и страховым взносам' }).check();
        await page.getByRole('checkbox', { name: /не находится в процессе ликвидации/ }).check();
        await page.getByLabel('Годовая выручка, ₽').fill('1 000 000 000');
        await page.getByRole('button', { name: 'Сохранить' }).click();
        // The service refuses the empty description; the console says so in Russian under the field.
        await page
          .locator('.field', { has: page.getByLabel('Описание') })
          .getByText('Заполните поле.')
          .waitFor();
        await shot(page, 'claim-01-form-message');

        await page.getByLabel('Описание').fill('Реагенты для линии разделения');
        await page.getByRole('button', { name: 'Сохранить' }).click();
        await page.waitForURL(/\/claims\/[0-9a-f-]{36}$/);
        const claimId = page.url().split('/').pop() as string;
        await page.getByRole('heading', { level: 1, name: `Заявка за ${quarterLabel(period)}` }).waitFor();
        await page.locator('.facts').getByText('черновик', { exact: true }).waitFor();

        await world.awaitEligible(producer, claimId, period);
        await page.getByRole('button', { name: 'Проверить условия' }).click();
        await page.getByRole('heading', { name: 'Условия выполнены' }).waitFor();

        await attach(page, 'invoice-0042.pdf');
        await page.getByRole('button', { name: 'Подать заявку' }).click();
        await page.getByText('Заявка подана.').waitFor();
        await page.locator('.facts').getByText('подана', { exact: true }).waitFor();
        await expect(page.getByRole('button', { name: 'Подать заявку' }).count()).resolves.toBe(0);
        await expect(page.getByLabel('Файл').count()).resolves.toBe(0);
        await shot(page, 'claim-02-submitted');

        await page.getByRole('link', { name: 'Субсидии' }).first().click();
        const row = page.getByRole('row', { name: new RegExp(quarterLabel(period)) });
        await row.getByText('подана').waitFor();
        await shot(page, 'claim-03-list');

        // An officer returns it: what is missing is listed; the producer adds it and submits again.
        await world.returnedClaim(claimId, 'Не подтверждены затраты на реагенты', [
          'Акт сверки с поставщиком',
          'Копия договора поставки',
        ]);
        await page.reload();
        await row.getByText('возвращена').waitFor();
        await row.getByRole('link').click();
        const returned = page.getByRole('status').filter({ hasText: 'Заявка возвращена для дополнения' });
        await returned.getByText('Не подтверждены затраты на реагенты').waitFor();
        await expect(returned.getByRole('listitem').allInnerTexts()).resolves.toEqual([
          'Акт сверки с поставщиком',
          'Копия договора поставки',
        ]);
        await page.locator('.facts').getByText('возвращена', { exact: true }).waitFor();
        await shot(page, 'claim-04-returned');

        await attach(page, 'act-of-reconciliation.pdf');
        await page.getByRole('button', { name: 'Подать повторно' }).click();
        await page.getByText('Заявка подана.').waitFor();
        await page.locator('.facts').getByText('подана', { exact: true }).waitFor();
        await expect(page.getByText('Заявка возвращена для дополнения').count()).resolves.toBe(0);
        const documents = page.locator('section', { has: page.getByRole('heading', { name: 'Документы' }) });
        await documents.getByRole('button', { name: 'invoice-0042.pdf' }).waitFor();
        await documents.getByRole('button', { name: 'act-of-reconciliation.pdf' }).waitFor();
        await shot(page, 'claim-05-resubmitted');
      },
      SCENARIO_MS,
    );
  });

  describe('a subsidy officer turning claims down', () => {
    beforeAll(async () => {
      for (const prefix of [`R${tag}`, `Q${tag}`]) {
        const producer = await world.producer(prefix);
        const reportId = await world.acceptedReport(producer, period, `NB-CONC-${tag}`, '900', '270');
        await world.submittedClaim(producer, period, reportId, '100000000');
      }
      await world.user(`reviewer.${tag.toLowerCase()}`, ['subsidy_officer']);
    }, 300_000);

    it(
      'rejects one claim with a reason and returns another with what is missing',
      async () => {
        const { page } = browser();
        await signIn(page, platform.gatewayUrl, `reviewer.${tag.toLowerCase()}`, PASSWORD);
        const queueRow = (prefix: string) => page.getByRole('row', { name: new RegExp(`${prefix} Mining LLC`) });

        await queueRow(`R${tag}`).getByRole('link').click();
        await page.getByRole('button', { name: 'Взять на рассмотрение' }).click();
        await page.getByRole('button', { name: 'Отклонить' }).click();
        const reject = page.locator('form.decision-form');
        await expect(reject.getByRole('button', { name: 'Отклонить' }).isDisabled()).resolves.toBe(true);
        await reject.getByLabel('Причина отказа').fill('Затраты понесены до начала программы');
        await reject.getByRole('button', { name: 'Отклонить' }).click();
        await page.getByText('Решение по заявке принято.').waitFor();
        await page.locator('.facts').getByText('отклонена', { exact: true }).waitFor();
        await page.getByText('Затраты понесены до начала программы').waitFor();
        await shot(page, 'officer-04-rejected');

        await page.getByRole('link', { name: 'Заявки' }).first().click();
        await queueRow(`Q${tag}`).getByRole('link').click();
        await page.getByRole('button', { name: 'Взять на рассмотрение' }).click();
        await page.getByRole('button', { name: 'Вернуть для дополнения' }).click();
        const back = page.locator('form.decision-form');
        await back.getByLabel('Что не так').fill('Не хватает подтверждающих документов');
        await back.getByLabel('Что добавить').fill('Счёт-фактура\nАкт выполненных работ');
        await back.getByRole('button', { name: 'Вернуть для дополнения' }).click();
        await page.getByText('Заявка возвращена заявителю и ждёт повторной подачи.').waitFor();
        await page.locator('.facts').getByText('возвращена', { exact: true }).waitFor();
        await shot(page, 'officer-05-returned');

        await page.getByRole('link', { name: 'Заявки' }).first().click();
        await page.getByRole('tab', { name: 'Все' }).click();
        await queueRow(`R${tag}`).getByText('отклонена').waitFor();
        await queueRow(`Q${tag}`).getByText('возвращена').waitFor();
        await page.getByRole('tab', { name: 'Ожидают' }).click();
        await queueRow(`R${tag}`).waitFor({ state: 'detached' });
        await queueRow(`Q${tag}`).waitFor({ state: 'detached' });
        await shot(page, 'officer-06-queue-after');
      },
      SCENARIO_MS,
    );
  });

  describe('a ministry analyst reading the figures', () => {
    let producer: Producer;
    const analyst = `figures.${tag.toLowerCase()}`;

    beforeAll(async () => {
      await world.product(`TA-CONC-${tag}`, 'large', '2615.90', 'Tantalum concentrate');
      producer = await world.producer(`O${tag}`);
      await world.acceptedReport(producer, period, `TA-CONC-${tag}`, '900', '270');
      await world.monitoringCounts(producer, `${period.slice(0, 4)}-01`, `${period.slice(0, 4)}-12`);
      await world.user(analyst, ['ministry_analyst']);
    }, 300_000);

    it(
      'loads customs statistics (a bad file refused line by line), then reads import dependence and drills into output',
      async () => {
        const { page } = browser();
        const header = 'flow,hsCode,productCode,period,quantity,unit,valueKopecks';
        await signIn(page, platform.gatewayUrl, analyst, PASSWORD);
        await page.getByRole('link', { name: 'Статистика ВЭД' }).click();
        await page.getByRole('heading', { level: 1, name: 'Статистика ВЭД' }).waitFor();
        await page.getByText('Данных пока нет.').waitFor();

        await page
          .getByLabel('Файл')
          .setInputFiles(
            csvFile('customs.csv', [
              header,
              `import,2615.90,TA-CONC-${tag},${period},300,t,450000000`,
              `sideways,2615.90,TA-CONC-${tag},${period},300,t,450000000`,
              `import,2615.90,TA-CONC-${tag},${period},триста,t,450000000`,
            ]),
          );
        await page.getByRole('button', { name: 'Загрузить' }).click();
        const refused = page
          .getByRole('alert')
          .filter({ has: page.getByRole('heading', { name: '2 строки с ошибками' }) });
        await refused.waitFor();
        const rows = refused.locator('tbody tr');
        await expect(rows.locator('td:first-child').allInnerTexts()).resolves.toEqual(['3', '4']);
        await rows.nth(0).getByText('flow: Укажите import или export.').waitFor();
        await rows.nth(1).getByText('quantity: Введите неотрицательное число').waitFor();
        await page.getByText('Данных пока нет.').waitFor();
        await shot(page, 'figures-01-trade-refused');

        await page
          .getByLabel('Файл')
          .setInputFiles(csvFile('customs.csv', [header, `import,2615.90,TA-CONC-${tag},${period},300,t,450000000`]));
        await page.getByRole('button', { name: 'Загрузить' }).click();
        await page.getByText('Загружено строк: 1; заменено прежних: 0.').waitFor();
        const loaded = page.getByRole('row', { name: new RegExp(`TA-CONC-${tag}`) });
        await loaded.getByRole('cell', { name: 'импорт' }).waitFor();
        await loaded.getByRole('cell', { name: '2615.90' }).waitFor();
        await loaded.getByRole('cell', { name: figure('300') }).waitFor();
        await loaded.getByRole('cell', { name: '4 500 000,00 ₽' }).waitFor();
        await shot(page, 'figures-02-trade-loaded');

        // 900 t made, 300 t imported, nothing exported: 300 of 1 200 t consumed, a quarter imported.
        await page.getByRole('link', { name: 'Импортозависимость' }).click();
        // By name and code: a broker kept from earlier runs holds their tantalum products too, and the
        // trade page's row (code only) may still be on screen while this page loads.
        const product = page.getByRole('row', { name: new RegExp(`Tantalum concentrate TA-CONC-${tag}`) });
        await product.getByRole('cell', { name: /%$/ }).waitFor();
        const quarterImported = [
          expect.stringContaining('Tantalum concentrate'),
          expect.stringMatching(figure('900')),
          expect.stringMatching(figure('300')),
          expect.stringMatching(figure('0')),
          expect.stringMatching(figure('1 200')),
          expect.stringMatching(/^25(,0+)? %$/),
        ];
        await expect(product.locator('td').allInnerTexts()).resolves.toEqual(quarterImported);
        await shot(page, 'figures-03-import-dependence');

        // As of yesterday as known now: the same figures (the twelve months up to yesterday still hold the
        // quarter). As known at the end of yesterday: the product, its report and the customs figures all came
        // today, so the product is not there at all. The line with the day says which figures these are; it is
        // drawn with the answer, so once it reads right the table below it is that answer's.
        const today = serviceToday();
        const yesterday = addDays(today, -1);
        const perspective = (day: string, how: string) =>
          page.getByText(`Данные на ${consoleDay(day)}, ${how}`, { exact: true });
        const asOf = page.getByLabel('На дату', { exact: true });
        const knowledge = page.getByLabel('Данные', { exact: true });
        const ours = page.getByRole('row', { name: new RegExp(`TA-CONC-${tag}`) });
        await asOf.fill(yesterday);
        await page.waitForURL((url) => url.searchParams.get('asOf') === yesterday);
        await perspective(yesterday, 'как известно сейчас').waitFor();
        await expect(product.locator('td').allInnerTexts()).resolves.toEqual(quarterImported);
        await knowledge.selectOption('then');
        await page.waitForURL(
          (url) => url.searchParams.get('knowledge') === 'then' && url.searchParams.get('asOf') === yesterday,
        );
        await perspective(yesterday, 'как было известно на конец того дня').waitFor();
        await expect(ours.count()).resolves.toBe(0);
        await shot(page, 'figures-03a-import-dependence-known-then');
        // The day and the knowledge are kept in the address: a reload shows the same.
        await page.reload();
        await perspective(yesterday, 'как было известно на конец того дня').waitFor();
        await expect(asOf.inputValue()).resolves.toBe(yesterday);
        await expect(knowledge.inputValue()).resolves.toBe('then');
        await expect(ours.count()).resolves.toBe(0);

        // Output: regions → companies → products → quarters, and back by the breadcrumb.
        await page.getByRole('link', { name: 'Выпуск' }).click();
        await page.getByRole('button', { name: 'Murmansk Oblast' }).click();
        await page.getByRole('button', { name: `O${tag} Mining LLC` }).click();
        const byProduct = page.getByRole('row', { name: /Tantalum concentrate/ });
        await byProduct.getByRole('cell', { name: figure('270') }).waitFor();
        await shot(page, 'figures-04-output-products');
        await byProduct.getByRole('button').click();
        const quarter = page.getByRole('row', { name: new RegExp(quarterLabel(period)) });
        await quarter.waitFor();
        // Quarter (in words), metal, its bar, product, shipped in Russia, exported.
        await expect(quarter.locator('td').allInnerTexts()).resolves.toEqual([
          quarterLabel(period),
          expect.stringMatching(figure('270')),
          '',
          expect.stringMatching(figure('900')),
          expect.stringMatching(figure('900')),
          expect.stringMatching(figure('0')),
        ]);
        const crumbs = page.getByRole('navigation', { name: 'Уровни детализации' });
        await crumbs.getByRole('button', { name: `O${tag} Mining LLC` }).waitFor();
        await shot(page, 'figures-05-output-quarters');
        await crumbs.getByRole('button', { name: 'Регионы' }).click();
        await page.getByRole('button', { name: 'Murmansk Oblast' }).waitFor();
        await expect(crumbs.getByRole('button').count()).resolves.toBe(1);

        // The company's products as known at the end of today: the report accepted today is known, so the same
        // 270 t. As known at the end of yesterday, before it was accepted, the company had no output. The level
        // stays where it was; the previous answer stays on screen until the next comes, so each step waits for the
        // line naming the answer's day and knowledge.
        await page.getByRole('button', { name: 'Murmansk Oblast' }).click();
        await page.getByRole('button', { name: `O${tag} Mining LLC` }).click();
        await byProduct.getByRole('cell', { name: figure('270') }).waitFor();
        await knowledge.selectOption('then');
        await page.waitForURL((url) => url.searchParams.get('knowledge') === 'then');
        await perspective(today, 'как было известно на конец того дня').waitFor();
        await byProduct.getByRole('cell', { name: figure('270') }).waitFor();
        await asOf.fill(yesterday);
        await page.waitForURL(
          (url) =>
            url.searchParams.get('asOf') === yesterday &&
            url.searchParams.get('knowledge') === 'then' &&
            url.searchParams.get('region') === 'Murmansk Oblast' &&
            url.searchParams.has('companyId'),
        );
        await perspective(yesterday, 'как было известно на конец того дня').waitFor();
        await page.getByText('Нет выпуска за период.').waitFor();
        await expect(byProduct.count()).resolves.toBe(0);
        await crumbs.getByRole('button', { name: `O${tag} Mining LLC` }).waitFor();
        await shot(page, 'figures-06-output-known-then');
      },
      SCENARIO_MS,
    );

    it(
      'switches the console to English and back; the choice survives a reload',
      async () => {
        const { page } = browser();
        await signIn(page, platform.gatewayUrl, analyst, PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Цели' }).waitFor();
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');

        await page.getByRole('button', { name: 'Eng' }).click();
        await page.getByRole('heading', { level: 1, name: 'Targets' }).waitFor();
        const nav = page.getByRole('navigation', { name: 'Sections' });
        await expect(nav.getByRole('link').allInnerTexts()).resolves.toEqual([
          'Targets',
          'Output',
          'Import dependence',
          'Subsidy outcomes',
          'Alerts',
          'Silences',
          'Subscriptions',
          'Trade statistics',
          'Export check',
          'Registry',
          'Map',
        ]);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
        await expect(page.getByRole('button', { name: 'Eng' }).getAttribute('aria-pressed')).resolves.toBe('true');
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
        await shot(page, 'language-01-english');

        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Targets' }).waitFor();
        await nav.getByRole('link', { name: 'Import dependence' }).click();
        await page.getByRole('heading', { level: 1, name: 'Import dependence' }).waitFor();
        await page.getByRole('columnheader', { name: 'Imports, t' }).waitFor();
        await shot(page, 'language-02-english-after-reload');

        await page.getByRole('button', { name: 'Рус' }).click();
        await page.getByRole('heading', { level: 1, name: 'Импортозависимость' }).waitFor();
        await page.getByRole('columnheader', { name: 'Импорт, т' }).waitFor();
        await page.getByRole('button', { name: 'Выйти' }).waitFor();
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
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
    }, 240_000);

    it(
      'sees a target move and an alert appear live when a report comes in, and acknowledges the alert',
      async () => {
        const { page } = browser();
        await signIn(page, platform.gatewayUrl, `analyst.${tag.toLowerCase()}`, PASSWORD);
        await page.locator('[data-stream="live"]').waitFor();
        const current = page.locator('[data-target="output-large-tonnage"] .target-current');
        const before = await current.innerText();
        await shot(page, 'ministry-01-dashboard');

        // A target behind its trajectory: the alert's line is worded by the console from the rule's figures.
        await page.goto(`${platform.gatewayUrl}/alerts?state=all&rule=target.off_track`);
        await page
          .locator('li.alert-item')
          .first()
          .getByText(/^[^:]+: .+, по траектории на .+ — .+ \(цель — .+ к \d{4}; прогноз — .+\)\.$/)
          .waitFor({ timeout: 120_000 });
        await page.getByRole('link', { name: 'Цели' }).click();
        await current.waitFor();

        // The platform shares Kafka with other test runs, whose alerts crowd the dashboard's five latest:
        // the alerts of this deposit are watched live on the alerts page, filtered by their subject.
        await page.goto(`${platform.gatewayUrl}/alerts?state=all&subject=deposit:${producer.depositId}`);
        await page.locator('[data-stream="live"]').waitFor();
        await page.getByText('Оповещений нет.').waitFor();

        // Output falls from 800 t a quarter to 40 t: the target moves and the sudden-drop rule fires.
        await world.acceptedReport(producer, period, `NB-CONC-${tag}`, '100', '40');
        const alert = page.locator('li.alert-item', { hasText: `M${tag} deposit` });
        await alert.waitFor({ timeout: 120_000 });
        // The title is worded by the console from the rule's figures, in Russian: 95 % below 800 t a quarter.
        await alert
          .getByRole('heading', { name: `Выпуск объекта M${tag} deposit упал на 95 % за ${quarterLabel(period)}` })
          .waitFor();
        await alert.getByText('Резкое падение выпуска').waitFor();
        await alert
          .getByText(
            `40 т металла за ${quarterLabel(period)} — на 95 % меньше среднего за 2 предыдущих периода (800 т).`,
          )
          .waitFor();
        await shot(page, 'ministry-02-alert-live');

        await page.getByRole('link', { name: 'Цели' }).click();
        await waitFor(async () => (await current.innerText()) !== before, {
          timeoutMs: 120_000,
          description: 'the target to move',
        });
        await shot(page, 'ministry-03-target-moved');

        await page.goBack();
        await alert.getByRole('button', { name: 'Подтвердить' }).click();
        await alert.getByLabel('Комментарий').fill('Связались с компанией: остановка на ремонт');
        await alert.getByRole('button', { name: 'Подтвердить' }).click();
        await alert.getByText(`Подтвердил(а) analyst.${tag.toLowerCase()}`).waitFor();
        await alert.getByText('Связались с компанией').waitFor();
        await shot(page, 'ministry-04-acknowledged');

        // The page alert e-mails link to: the alert's history, with who acknowledged it and why.
        await alert.locator('h3 a').click();
        await page.getByRole('heading', { level: 1, name: /^Выпуск объекта .* упал на 95 %/ }).waitFor();
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

        // In English the same alert reads in English, worded by the console from the same figures.
        await page.getByRole('button', { name: 'Eng' }).click();
        await page
          .getByRole('heading', {
            level: 1,
            name: `Output of M${tag} deposit fell 95 % in Q${period.slice(6)} ${period.slice(0, 4)}`,
          })
          .waitFor();
        await page.getByRole('button', { name: 'Рус' }).click();
        await page.getByRole('heading', { name: 'История' }).waitFor();

        // Silencing starts from the alert: the form comes filled with its rule and subject.
        await page.getByRole('link', { name: 'Заглушить' }).click();
        await page.getByRole('heading', { level: 1, name: 'Заглушения оповещений' }).waitFor();
        await expect(page.getByLabel('Правило').inputValue()).resolves.toBe('output.sudden_drop');
        await expect(page.getByLabel('Объект оповещения').inputValue()).resolves.toBe(`deposit:${producer.depositId}`);
      },
      SCENARIO_MS,
    );
  });
  describe('a ministry analyst and an admin directing alerts', () => {
    let producer: Producer;
    const analyst = `delivery.${tag.toLowerCase()}`;
    const admin = `admin.${tag.toLowerCase()}`;

    beforeAll(async () => {
      producer = await world.producer(`D${tag}`);
      await world.user(analyst, ['ministry_analyst']);
      await world.user(admin, ['admin']);
    }, 240_000);

    it(
      'silences a rule for one deposit for a while, with a reason, and ends the silence',
      async () => {
        const { page } = browser();
        await signIn(page, platform.gatewayUrl, analyst, PASSWORD);
        await page.getByRole('link', { name: 'Заглушения' }).click();
        await page.getByRole('heading', { level: 1, name: 'Заглушения оповещений' }).waitFor();
        await page.getByText('Действующих заглушений нет.').waitFor();

        // Nothing filled in: the service's messages appear under the fields, in Russian.
        await page.getByRole('button', { name: 'Заглушить' }).click();
        await page
          .locator('.field', { has: page.getByLabel('Окончание') })
          .getByText('Укажите дату и время.')
          .waitFor();
        await page
          .locator('.field', { has: page.getByLabel('Причина') })
          .getByText('Не короче 3 символов.')
          .waitFor();
        await shot(page, 'silences-01-messages');

        const tomorrow = new Date(Date.now() + 86_400_000);
        const local = `${tomorrow.toISOString().slice(0, 10)}T18:00`;
        await page.getByLabel('Окончание').fill(local);
        await page.getByLabel('Причина').fill('Плановый ремонт фабрики');
        await page.getByRole('button', { name: 'Заглушить' }).click();
        await page
          .locator('.field', { has: page.getByLabel('Правило') })
          .getByText('Укажите правило, объект или оба.')
          .waitFor();

        await page.getByLabel('Правило').selectOption({ label: 'Резкое падение выпуска' });
        await page.getByLabel('Объект оповещения').fill(`deposit:${producer.depositId}`);
        await page.getByRole('button', { name: 'Заглушить' }).click();
        // 18:00 typed is 18:00 in Moscow, as the console shows every time, whatever the browser's zone.
        await page.getByText(/^Заглушение действует до .*18:00/).waitFor();
        const silence = page.getByRole('row', { name: /Плановый ремонт фабрики/ });
        await silence.getByRole('cell', { name: 'Резкое падение выпуска' }).waitFor();
        await silence.getByText(producer.depositName).waitFor();
        await silence.getByText('действует', { exact: true }).waitFor();
        await silence.getByText(analyst).waitFor();
        await shot(page, 'silences-02-created');

        await silence.getByRole('button', { name: 'Завершить' }).click();
        await silence.getByRole('button', { name: 'Да, завершить' }).click();
        await page.getByText('Действующих заглушений нет.').waitFor();
        await page.getByRole('tab', { name: 'все' }).click();
        await silence.getByText('завершено', { exact: true }).waitFor();
        await silence.getByText(new RegExp(`^завершено досрочно: ${analyst}, `)).waitFor();
        await expect(silence.getByRole('button', { name: 'Завершить' }).count()).resolves.toBe(0);
        await shot(page, 'silences-03-ended');
      },
      SCENARIO_MS,
    );

    it(
      'subscribes to alert e-mails for one rule and unsubscribes; sees no webhooks',
      async () => {
        const { page } = browser();
        const email = `${analyst}@minprom.example`;
        await signIn(page, platform.gatewayUrl, analyst, PASSWORD);
        await page.getByRole('link', { name: 'Подписки' }).click();
        await page.getByRole('heading', { level: 1, name: 'Подписки на оповещения' }).waitFor();
        await page.getByText('Подписок на эл. почту нет.').waitFor();
        await expect(page.getByRole('heading', { name: 'Вебхуки' }).count()).resolves.toBe(0);

        await page.getByLabel('Адрес эл. почты').fill('not-an-address');
        await page.getByRole('button', { name: 'Подписаться' }).click();
        await page
          .locator('.field', { has: page.getByLabel('Адрес эл. почты') })
          .getByText('Введите адрес эл. почты, например name@example.ru.')
          .waitFor();

        await page.getByLabel('Адрес эл. почты').fill(email);
        await page.getByLabel('Не ниже').selectOption({ label: 'критично' });
        await page.getByRole('checkbox', { name: 'Резкое падение выпуска' }).check();
        await page.getByRole('button', { name: 'Подписаться' }).click();
        await page.getByText(`Письма будут приходить на ${email}.`).waitFor();
        const subscription = page.getByRole('row', { name: new RegExp(email) });
        await subscription.getByText('не ниже «критично»; Резкое падение выпуска').waitFor();
        await shot(page, 'subscriptions-01-email');

        await page.getByLabel('Адрес эл. почты').fill(email);
        await page.getByRole('button', { name: 'Подписаться' }).click();
        await page
          .locator('.field', { has: page.getByLabel('Адрес эл. почты') })
          .getByText('Этот адрес уже подписан.')
          .waitFor();
        await expect(page.getByText('Этот адрес уже подписан.').count()).resolves.toBe(1);

        await subscription.getByRole('button', { name: `Отписаться: ${email}` }).click();
        await subscription.getByRole('button', { name: 'Да, отписаться' }).click();
        await page.getByText('Подписок на эл. почту нет.').waitFor();
      },
      SCENARIO_MS,
    );

    it(
      'registers a webhook as an admin, is shown its secret once, replaces it, and deactivates the webhook',
      async () => {
        const { page } = browser();
        const url = `http://127.0.0.1:9/hooks/${tag.toLowerCase()}`;
        await signIn(page, platform.gatewayUrl, admin, PASSWORD);
        // An admin reads claims and figures but files nothing for a company: no producer's sections.
        const sections = await page.getByRole('navigation').getByRole('link').allInnerTexts();
        expect(sections).toEqual(expect.arrayContaining(['Заявки', 'Цели', 'Итоги субсидий', 'Подписки']));
        expect(sections).not.toEqual(expect.arrayContaining(['Отчёты']));
        expect(sections).not.toEqual(expect.arrayContaining(['Субсидии']));
        await page.goto(`${platform.gatewayUrl}/claims/new`);
        await page.getByText('Этот раздел недоступен для вашей роли.').waitFor();
        await page.goto(`${platform.gatewayUrl}/targets`);
        await page.getByRole('link', { name: 'Подписки' }).click();
        const webhooks = page.locator('section', { has: page.getByRole('heading', { name: 'Вебхуки' }) });
        await webhooks.getByText('Вебхуков нет.').waitFor();

        await webhooks.getByLabel('Адрес (URL)').fill('ftp://nowhere');
        await webhooks.getByRole('button', { name: 'Зарегистрировать' }).click();
        await webhooks.getByText('Введите адрес вида https://example.ru/hook.').waitFor();
        await webhooks
          .locator('.field', { has: page.getByLabel('Описание') })
          .getByText('Заполните поле.')
          .waitFor();

        await webhooks.getByLabel('Адрес (URL)').fill(url);
        await webhooks.getByLabel('Описание').fill('Портал ГИСП (тест)');
        await webhooks.getByRole('checkbox', { name: 'Экспорт расходится с таможней' }).check();
        await webhooks.getByRole('button', { name: 'Зарегистрировать' }).click();
        const secret = webhooks.locator('[data-secret]');
        await secret.getByText('Сохраните его сейчас: он показывается только один раз.').waitFor();
        await expect(secret.locator('code').innerText()).resolves.toMatch(/^[0-9a-f]{64}$/);
        const hook = webhooks.getByRole('row', { name: new RegExp(url) });
        await hook.getByText('Портал ГИСП (тест)').waitFor();
        await hook.getByText('активен', { exact: true }).waitFor();
        await hook.getByText('не ниже «внимание»; Экспорт расходится с таможней').waitFor();
        await shot(page, 'subscriptions-02-webhook-secret');

        const registered = await secret.locator('code').innerText();
        await page.reload();
        await hook.waitFor();
        await expect(webhooks.locator('[data-secret]').count()).resolves.toBe(0);

        await hook
          .getByRole('button', { name: `Заменить секрет (старый ещё подписывает какое-то время): ${url}` })
          .click();
        await hook.getByRole('button', { name: 'Да, заменить секрет' }).click();
        await secret.getByText('Новый секрет подписи вебхука:').waitFor();
        await secret.getByText(/^Прежний секрет подписывает рядом с новым до /).waitFor();
        const replaced = await secret.locator('code').innerText();
        expect(replaced).toMatch(/^[0-9a-f]{64}$/);
        expect(replaced).not.toBe(registered);
        await hook.getByText(/^прежний подписывает до /).waitFor();

        await hook.getByRole('button', { name: `Отключить: ${url}` }).click();
        await hook.getByRole('button', { name: 'Да, отключить' }).click();
        await hook.getByText('отключён', { exact: true }).waitFor();
        // When, and by whom: the admin signed in, by the user id the gateway gave it.
        await hook.getByText(/^\d{1,2}\s\S+\s\d{4}\sг\.,\s\d{2}:\d{2}\s\S+, [0-9a-f-]{36}$/).waitFor();
        await expect(hook.getByRole('button').count()).resolves.toBe(0);
        await shot(page, 'subscriptions-03-webhook-deactivated');
      },
      SCENARIO_MS,
    );
  });
});
