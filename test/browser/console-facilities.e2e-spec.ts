import type { Locator, Page } from 'playwright-core';
import { serviceToday } from '@redmet/testing';
import { browserForEachTest, shot, signIn } from './support/browser';
import { consoleDay } from './support/console-format';
import { ConsoleWorld, PASSWORD, type Producer, quarterBefore, runTag } from './support/world';
import { Platform } from '../system/support/platform';

/**
 * A plant's status and operator through the console, against the registry and the gateway as processes: a
 * registry admin hands a plant over and closes it (each refused first, the registry's message under the field);
 * an analyst reads the plant without the forms, a producer is not let in; a plant brought back and the closed
 * plant it brings back link to each other; and the producer's report form offers a closed plant for the periods it
 * ran in only.
 */
const SCENARIO_MS = 180_000;

const today = serviceToday();
const thisMonth = today.slice(0, 7);
/** The first day of the month before this one (Moscow's), a hand-over day always in the past. */
const previousMonth = (() => {
  const [year, month] = thisMonth.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
})();
const nextMonth = (() => {
  const [year, month] = thisMonth.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
})();
const thisQuarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
const thisQuarterStart = `${today.slice(0, 4)}-${String(Number(thisQuarter.slice(6)) * 3 - 2).padStart(2, '0')}-01`;
const lastQuarter = quarterBefore(thisQuarter, 1);

const field = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
const fact = (page: Page, term: string) =>
  page.locator('dl.facts > div', { has: page.locator('dt', { hasText: term }) }).locator('dd');
const optionTexts = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).locator('option').allTextContents();

describe('browser: a plant’s status and hand-over', () => {
  const platform = new Platform(['deposit-registry', 'production-reporting', 'gateway']);
  const world = new ConsoleWorld(platform);
  const tag = runTag();
  const browser = browserForEachTest(() => platform.stop());
  let producer: Producer;
  let taker: { id: string; legalName: string };
  let plant: { id: string; name: string };

  const facility = (name: string, operatorCompanyId: string, status: string, statusSince: string) =>
    world.registry<{ id: string; name: string }>('POST', '/facilities', {
      name,
      operatorCompanyId,
      region: 'Murmansk Oblast',
      status,
      statusSince,
    });

  beforeAll(async () => {
    await platform.start();
    producer = await world.producer(`F${tag}`);
    taker = await world.registry('POST', '/companies', {
      legalName: `F${tag} Successor JSC`,
      inn: '7707083893',
      region: 'Murmansk Oblast',
    });
    plant = await facility(`F${tag} works`, producer.companyId, 'commissioned', '2024-01-15');
    await world.user(`f${tag.toLowerCase()}.registrar`, ['registry_admin']);
    await world.user(`f${tag.toLowerCase()}.analyst`, ['ministry_analyst']);
  }, 240_000);

  it(
    'a registry admin hands a plant over and closes it, told under the field what the registry refuses',
    async () => {
      const { page } = browser();
      await signIn(page, platform.gatewayUrl, `f${tag.toLowerCase()}.registrar`, PASSWORD);
      await page.goto(`${platform.gatewayUrl}/registry?tab=facilities`);
      await page.getByRole('link', { name: plant.name }).click();
      await page.getByRole('heading', { name: plant.name }).waitFor();
      await page.getByRole('heading', { name: 'История состояний' }).waitFor();
      expect(await fact(page, 'Статус').textContent()).toBe(`введён с ${consoleDay('2024-01-15')}`);
      // Forward only, or closed: never back to planned.
      expect(await optionTexts(page, 'Новое состояние')).toEqual(['Выберите состояние', 'модернизирован', 'закрыт']);
      await shot(page, 'facility-01-page');

      // The search narrows the companies offered: by the first digits of the INN, or a part of the name in any case.
      const handOver = page.locator('form', { has: page.getByLabel('Новый оператор') });
      const takerOption = `${taker.legalName} · ИНН 7707083893`;
      const search = page.getByLabel('Найти компанию', { exact: true });
      await search.fill('7707083');
      await field(page, 'Новый оператор')
        .getByText(/^Найдено: \d+ из \d+$/)
        .waitFor();
      const byInn = await optionTexts(page, 'Новый оператор');
      expect(byInn).toContain(takerOption);
      expect(byInn.slice(1).every((text) => text.includes(' · ИНН 7707083'))).toBe(true);
      await search.fill(`  f${tag.toLowerCase()} successor `);
      await field(page, 'Новый оператор')
        .getByText(/^Найдено: 1 из \d+$/)
        .waitFor();
      expect(await optionTexts(page, 'Новый оператор')).toEqual(['Выберите компанию', takerOption]);
      await page.getByLabel('Новый оператор').selectOption({ label: takerOption });
      // Once chosen, the company stays chosen and offered whatever is typed; clearing the search offers all again.
      await search.fill(`F${tag} no such company`);
      await field(page, 'Новый оператор')
        .getByText(`По запросу «F${tag} no such company» компаний не найдено.`)
        .waitFor();
      expect(await optionTexts(page, 'Новый оператор')).toEqual(['Выберите компанию', takerOption]);
      expect(await page.getByLabel('Новый оператор').inputValue()).toBe(taker.id);
      await search.fill('');
      await field(page, 'Новый оператор')
        .getByText(/^(Найдено:|По запросу)/)
        .waitFor({ state: 'detached' });
      expect(await optionTexts(page, 'Новый оператор')).toContain(takerOption);
      expect(await page.getByLabel('Новый оператор').inputValue()).toBe(taker.id);

      // A hand-over from a month not yet begun is refused, the registry's words under the month.
      await page.getByLabel('С месяца').fill(nextMonth);
      await handOver.getByRole('button', { name: 'Передать' }).click();
      await field(page, 'С месяца')
        .getByText(`Передача начинается с первого дня месяца, не позже сегодняшнего дня (${consoleDay(today)}).`)
        .waitFor();
      await shot(page, 'facility-02-hand-over-refused');

      await page.getByLabel('С месяца').fill(previousMonth);
      await handOver.getByRole('button', { name: 'Передать' }).click();
      await page.getByText('Предприятие передано.').waitFor();
      await fact(page, 'Оператор').getByText(taker.legalName).waitFor();
      const operators = page.locator('section', { has: page.getByRole('heading', { name: 'Операторы' }) });
      const takerRow = operators.getByRole('row', { name: `${taker.legalName} ${consoleDay(`${previousMonth}-01`)}` });
      const registeredRow = operators.getByRole('row', { name: `F${tag} Mining LLC с регистрации` });
      await takerRow.waitFor();
      await registeredRow.waitFor();
      // The registry keeps who recorded the hand-over, and staff see the name under its own column; nobody handed
      // the plant to the operator it was registered with.
      const texts = async (cells: Locator) => (await cells.allTextContents()).map((text) => text.trim());
      expect(await texts(operators.getByRole('columnheader'))).toEqual(['Оператор', 'Эксплуатирует с', 'Кто передал']);
      expect(await texts(takerRow.getByRole('cell'))).toEqual([
        taker.legalName,
        consoleDay(`${previousMonth}-01`),
        `f${tag.toLowerCase()}.registrar`,
      ]);
      expect((await texts(registeredRow.getByRole('cell')))[2]).toBe('—');

      // Closing on the day the new operator took over is refused; the next day is not (closing asks first).
      await page.getByLabel('Новое состояние').selectOption('closed');
      await page.getByLabel('Дата вступления в силу').fill(`${previousMonth}-01`);
      await page.getByRole('button', { name: 'Закрыть предприятие' }).click();
      await page.getByRole('button', { name: 'Да, закрыть предприятие' }).click();
      await field(page, 'Дата вступления в силу')
        .getByText(
          `Закрыть предприятие можно только после ${consoleDay(`${previousMonth}-01`)}, когда его принял текущий оператор.`,
        )
        .waitFor();

      await page.getByLabel('Дата вступления в силу').fill(today);
      await page.getByRole('button', { name: 'Закрыть предприятие' }).click();
      await page.getByRole('button', { name: 'Да, закрыть предприятие' }).click();
      await page
        .getByText(`Предприятие закрыто окончательно с ${consoleDay(today)}: состояние больше не меняется`, {
          exact: false,
        })
        .waitFor();
      expect(await fact(page, 'Статус').textContent()).toBe(`закрыт с ${consoleDay(today)}`);
      const history = page.locator('section', { has: page.getByRole('heading', { name: 'История состояний' }) });
      const closing = history.getByRole('row', { name: `${consoleDay(today)} введён → закрыт` });
      await closing.waitFor();
      // The registry records who closed it, and staff see the name.
      expect(await closing.textContent()).toContain(`f${tag.toLowerCase()}.registrar`);
      // Nothing follows closed: no form to change it or hand it over.
      expect(await page.getByLabel('Новое состояние').count()).toBe(0);
      expect(await page.getByLabel('Новый оператор').count()).toBe(0);
      await shot(page, 'facility-03-closed');

      const saved = await world.registry<{ status: string; statusSince: string; operatorCompanyId: string }>(
        'GET',
        `/facilities/${plant.id}`,
      );
      expect(saved).toMatchObject({ status: 'closed', statusSince: today, operatorCompanyId: taker.id });
    },
    SCENARIO_MS,
  );

  it(
    'an analyst reads a plant without the forms, and a producer is not let in',
    async () => {
      const other = await facility(`F${tag} mill`, producer.companyId, 'planned', '2024-02-01');
      const { page } = browser();
      await signIn(page, platform.gatewayUrl, `f${tag.toLowerCase()}.analyst`, PASSWORD);
      await page.goto(`${platform.gatewayUrl}/registry/facilities/${other.id}`);
      await page.getByRole('heading', { name: 'История состояний' }).waitFor();
      await page.getByRole('row', { name: `${consoleDay('2024-02-01')} планируется` }).waitFor();
      expect(await page.getByRole('heading', { name: 'Изменить состояние' }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Передать другой компании' }).count()).toBe(0);
      expect(await page.locator('form').count()).toBe(0);
      await page.getByRole('button', { name: 'Выйти' }).click();

      await signIn(page, platform.gatewayUrl, producer.username, PASSWORD);
      await page.goto(`${platform.gatewayUrl}/registry/facilities/${other.id}`);
      await page.getByText('Этот раздел недоступен для вашей роли.').waitFor();
      expect(await page.locator('form').count()).toBe(0);
      await page.goto(`${platform.gatewayUrl}/company`);
      await page.getByRole('cell', { name: other.name }).waitFor();
      expect(await page.getByRole('button', { name: /Передать|Изменить состояние|Закрыть/ }).count()).toBe(0);
    },
    SCENARIO_MS,
  );

  it(
    'a plant brought back links to the closed plant it brings back, and that one to it',
    async () => {
      const closed = await facility(`F${tag} old works`, producer.companyId, 'commissioned', '2019-03-01');
      await world.registry('POST', `/facilities/${closed.id}/status`, { status: 'closed', effectiveOn: '2024-06-01' });
      const restarted = await world.registry<{ id: string; name: string }>('POST', '/facilities', {
        name: `F${tag} works restarted`,
        operatorCompanyId: producer.companyId,
        region: 'Murmansk Oblast',
        restartOf: closed.id,
      });
      const { page } = browser();
      await signIn(page, platform.gatewayUrl, `f${tag.toLowerCase()}.analyst`, PASSWORD);
      await page.goto(`${platform.gatewayUrl}/registry/facilities/${restarted.id}`);
      await fact(page, 'Перезапуск закрытого предприятия').getByRole('link', { name: closed.name }).click();
      await page.getByRole('heading', { name: closed.name }).waitFor();
      await fact(page, 'Перезапущено как').getByRole('link', { name: restarted.name }).waitFor();
      // The closed plant brings none back itself.
      expect(await fact(page, 'Перезапуск закрытого предприятия').count()).toBe(0);
      await shot(page, 'facility-04-restarted');
      await fact(page, 'Перезапущено как').getByRole('link', { name: restarted.name }).click();
      await page.getByRole('heading', { name: restarted.name }).waitFor();
      expect(await fact(page, 'Перезапущено как').count()).toBe(0);
    },
    SCENARIO_MS,
  );

  it(
    'a producer is offered a closed or sold plant for the periods it ran it in, and told why when the period is later',
    async () => {
      // A company of its own: what the other scenarios hand over is not in its list.
      const producer = await world.producer(`G${tag}`);
      const running = await facility(`F${tag} plant A`, producer.companyId, 'commissioned', '2023-01-10');
      const closing = await facility(`F${tag} plant B`, producer.companyId, 'commissioned', '2023-01-10');
      const building = await facility(`F${tag} plant C`, producer.companyId, 'under_construction', '2023-01-10');
      await world.registry('POST', `/facilities/${closing.id}/status`, {
        status: 'closed',
        effectiveOn: thisQuarterStart,
      });
      // Sold this quarter: the company still reports it for the months it ran it.
      const sold = await facility(`F${tag} plant D`, producer.companyId, 'commissioned', '2023-01-10');
      await world.registry('POST', `/facilities/${sold.id}/operator`, {
        operatorCompanyId: taker.id,
        effectiveOn: thisQuarterStart,
      });
      const { page } = browser();
      await signIn(page, platform.gatewayUrl, producer.username, PASSWORD);
      await page.goto(`${platform.gatewayUrl}/reports/new`);
      const closedName = `Предприятие: ${closing.name} (закрыто с ${consoleDay(thisQuarterStart)})`;
      const soldName = `Предприятие: ${sold.name} (передано ${consoleDay(thisQuarterStart)})`;
      const runningName = `Предприятие: ${running.name}`;
      const depositName = `Месторождение: ${producer.depositName}`;
      const sites = () => optionTexts(page, 'Объект');
      await page.getByRole('option', { name: runningName }).waitFor({ state: 'attached' });
      // Before a period is written: every plant that ran, the closed and the sold one marked; never one being built.
      expect((await sites()).sort()).toEqual(
        ['Выберите предприятие или месторождение', runningName, closedName, soldName, depositName].sort(),
      );
      expect(await sites()).not.toContain(`Предприятие: ${building.name}`);

      await page.getByLabel('Период').fill(thisQuarter);
      await page.getByText('Предприятия показаны за периоды, когда они работали').waitFor();
      expect((await sites()).sort()).toEqual(
        ['Выберите предприятие или месторождение', runningName, depositName].sort(),
      );

      await page.getByLabel('Период').fill(lastQuarter);
      await page.getByRole('option', { name: soldName }).waitFor({ state: 'attached' });
      await page.getByLabel('Объект').selectOption(`facility:${sold.id}`);
      await page.getByLabel('Период').fill(thisQuarter);
      await field(page, 'Объект')
        .getByText(
          'В этот период предприятием управляла другая компания: выпуск за месяцы своего управления сообщает она.',
        )
        .waitFor();

      await page.getByLabel('Период').fill(lastQuarter);
      await page.getByLabel('Объект').selectOption(`facility:${closing.id}`);
      expect(await sites()).toContain(closedName);
      // Chosen, it stays when the period moves past its closing, with why no output is taken.
      await page.getByLabel('Период').fill(thisQuarter);
      await field(page, 'Объект')
        .getByText(
          `Предприятие закрыто с ${consoleDay(thisQuarterStart)}: выпуск за этот период не принимается, только нулевой отчёт.`,
        )
        .waitFor();
      expect(await page.getByLabel('Объект').inputValue()).toBe(`facility:${closing.id}`);
      await shot(page, 'facility-05-report-form');
    },
    SCENARIO_MS,
  );
});
