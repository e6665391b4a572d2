import { randomInt, randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { serviceToday } from '@redmet/testing';
import { browserForEachTest, shot, signIn } from './support/browser';
import { consoleDay } from './support/console-format';
import { ConsoleWorld, PASSWORD, runTag } from './support/world';
import { Platform } from '../system/support/platform';

/**
 * Who changed a registry record, as the console shows it against the registry and the gateway as processes: one
 * registry admin registers a company and issues its licence, another changes the company and suspends the
 * licence; the company's producer reads both names on its company page and in the licence's status history, and
 * staff read them in the registry's list of licences (in English too).
 */
const SCENARIO_MS = 180_000;

const today = serviceToday();

const fact = (page: Page, term: string) =>
  page.locator('dl.facts > div', { has: page.locator('dt', { hasText: term }) }).locator('dd');

/** The cells of the row of `table` holding `row`, each under its column's header as the page shows them. */
async function cellsByHeader(table: Locator, row: string): Promise<Record<string, string>> {
  const headers = await table.locator(':scope > thead > tr > th').allInnerTexts();
  const cells = await table
    .locator(':scope > tbody > tr', { hasText: row })
    .first()
    .locator(':scope > td')
    .allInnerTexts();
  return Object.fromEntries(headers.map((header, index) => [header.trim(), (cells[index] ?? '').trim()]));
}

describe('browser: who changed a registry record', () => {
  const platform = new Platform(['deposit-registry', 'gateway']);
  const world = new ConsoleWorld(platform);
  const tag = runTag();
  /** Two registry admins as their tokens name them; the registry records each change's author from the token. */
  const registrar = { roles: ['registry_admin' as const], userId: randomUUID(), name: `Ирина Орлова ${tag}` };
  const editor = { roles: ['registry_admin' as const], userId: randomUUID(), name: `Pyotr Sedov ${tag}` };
  const licenceNumber = `MUR ${randomInt(100000)} TE A${tag}`;
  const reason = `Нарушение проекта разработки (приказ ${tag})`;
  const producerName = `a${tag.toLowerCase()}.producer`;
  const analystName = `a${tag.toLowerCase()}.analyst`;
  let company: { id: string; legalName: string };
  const browser = browserForEachTest(() => platform.stop());

  const as = <T>(who: typeof registrar, method: string, path: string, body?: unknown) =>
    world.call<T>(method, `/api/registry${path}`, body, who);

  beforeAll(async () => {
    await platform.start();
    company = await as(registrar, 'POST', '/companies', {
      legalName: `A${tag} Mining LLC`,
      inn: '7707083893',
      region: 'Murmansk Oblast',
    });
    const deposit = await as<{ id: string }>(registrar, 'POST', '/deposits', {
      name: `A${tag} deposit`,
      region: 'Murmansk Oblast',
      metals: ['REE'],
      status: 'producing',
    });
    const licence = await as<{ id: string }>(registrar, 'POST', '/licences', {
      number: licenceNumber,
      holderCompanyId: company.id,
      depositId: deposit.id,
      type: 'production',
      validFrom: '2020-01-01',
      validTo: '2045-12-31',
    });
    // Another admin makes the latest change of each.
    await as(editor, 'PATCH', `/companies/${company.id}`, { contactEmail: 'office@example.ru' });
    await as(editor, 'POST', `/licences/${licence.id}/suspend`, { reason });
    await world.user(producerName, ['producer'], company.id);
    await world.user(analystName, ['ministry_analyst']);
  }, 240_000);

  it(
    'a producer reads who registered and who last changed its company and licence, and each status’s author',
    async () => {
      const { page } = browser();
      await signIn(page, platform.gatewayUrl, producerName, PASSWORD);
      await page.goto(`${platform.gatewayUrl}/company`);
      await page.getByRole('heading', { level: 1, name: company.legalName }).waitFor();
      expect(await fact(page, 'Кем внесено в реестр').textContent()).toBe(registrar.name);
      expect(await fact(page, 'Кем изменено в последний раз').textContent()).toBe(editor.name);

      const licences = page.locator('section', { has: page.getByRole('heading', { name: 'Лицензии' }) });
      await licences.getByRole('row', { name: licenceNumber }).waitFor();
      const licence = await cellsByHeader(licences.getByRole('table').first(), licenceNumber);
      expect(licence['Кем изменено в последний раз']).toBe(editor.name);
      await shot(page, 'authors-01-company');

      const toggle = page.getByRole('button', { name: `История лицензии ${licenceNumber}` });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const history = page.getByRole('table', { name: `История лицензии ${licenceNumber}` });
      await history.getByRole('row', { name: `${consoleDay(today)} действует → приостановлена` }).waitFor();
      expect(await cellsByHeader(history, 'приостановлена')).toMatchObject({
        Основание: reason,
        'Кем внесено': editor.name,
      });
      expect(await cellsByHeader(history, 'выдана')).toMatchObject({
        'Дата вступления в силу': consoleDay('2020-01-01'),
        Статус: 'действует',
        'Кем внесено': registrar.name,
      });
      await shot(page, 'authors-02-licence-history');

      await toggle.click();
      await history.waitFor({ state: 'detached' });
    },
    SCENARIO_MS,
  );

  it(
    'staff read who last changed each licence in the registry, in English too',
    async () => {
      const { page } = browser();
      await signIn(page, platform.gatewayUrl, analystName, PASSWORD);
      await page.goto(`${platform.gatewayUrl}/registry?tab=licences`);
      const row = page.getByRole('row', { name: licenceNumber });
      await row.waitFor();
      const licences = await cellsByHeader(page.getByRole('table').first(), licenceNumber);
      expect(licences['Кем изменено в последний раз']).toBe(editor.name);

      await page.getByRole('button', { name: 'Eng' }).click();
      await page.getByRole('columnheader', { name: 'Last changed by' }).waitFor();
      await page.getByRole('button', { name: `History of licence ${licenceNumber}` }).click();
      const history = page.getByRole('table', { name: `History of licence ${licenceNumber}` });
      await history.getByRole('row', { name: 'active → suspended' }).waitFor();
      expect(await cellsByHeader(history, 'suspended')).toMatchObject({
        Grounds: reason,
        By: editor.name,
      });
      expect(await cellsByHeader(history, 'issued')).toMatchObject({
        Grounds: 'issued',
        By: registrar.name,
      });
      await shot(page, 'authors-03-registry-english');
      await page.getByRole('button', { name: 'Рус' }).click();
      await page.getByRole('columnheader', { name: 'Кем изменено в последний раз' }).waitFor();
    },
    SCENARIO_MS,
  );
});
