import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { type Role, SERVICES } from '@redmet/contracts';
import { addDays } from '@redmet/platform';
import { serviceToday, waitFor } from '@redmet/testing';
import { browserForEachTest, shot, signIn } from './support/browser';
import { consoleDay } from './support/console-format';
import { ConsoleWorld, lastQuarter, PASSWORD, type Producer, runTag } from './support/world';
import { Platform } from '../system/support/platform';

/**
 * The subsidy page against the whole platform: a producer's claim is approved and paid through the services'
 * APIs; a ministry analyst opens the page and reads the budget and the claim's amounts as target-monitoring
 * learnt them from Kafka, the claim under its company and product in the effectiveness table with the method
 * note, and as of the day before the claim was made the claim totals back at nothing and the table without it,
 * whether output and import dependence are as known now or as known then.
 */
const SCENARIO_MS = 240_000;

interface Summary {
  budget: {
    totalKopecks: string;
    committedKopecks: string;
    availableKopecks: string;
    utilisationPercent: string;
  } | null;
  claims: { claims: number; approvedKopecks: string; paidKopecks: string };
}

/** Kopecks as the Russian console writes them (`60000000` → `600 000,00 ₽`, grouped by a no-break space). */
const roubles = (kopecks: string) => {
  const value = BigInt(kopecks);
  const grouped = (value / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return new RegExp(`^${grouped.replace(/ /g, '\\s')},${(value % 100n).toString().padStart(2, '0')}\\s₽$`);
};

const card = (page: Page, heading: string) =>
  page.locator('section.card', { has: page.getByRole('heading', { name: heading, exact: true }) });
const fact = (page: Page, heading: string, term: string) =>
  card(page, heading)
    .locator('dl.facts > div', { has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd');

describe('browser: the state subsidy for ministry staff', () => {
  const platform = new Platform([...SERVICES]);
  const world = new ConsoleWorld(platform);
  const tag = runTag();
  const period = lastQuarter();
  const year = Number(period.slice(0, 4));
  const browser = browserForEachTest(() => platform.stop());
  const analyst = `analyst.${tag.toLowerCase()}`;
  let producer: Producer;
  let summary: Summary;

  const asAnalyst = { roles: ['ministry_analyst'] as Role[] };
  const summaryNow = () =>
    world.call<Summary>('GET', `/api/monitoring/subsidy/summary?programmeYear=${year}`, undefined, asAnalyst);

  beforeAll(async () => {
    await platform.start();
    await world.product(`NB-CONC-${tag}`, 'large', '2615.90', 'Niobium concentrate');
    producer = await world.producer(`S${tag}`);
    const reportId = await world.acceptedReport(producer, period, `NB-CONC-${tag}`, '900', '270');
    // 2 000 000 ₽ of processing at the programme's 30 %: 600 000 ₽ requested, approved as requested and paid.
    const claimId = await world.submittedClaim(producer, period, reportId, '200000000');
    const officer = { roles: ['subsidy_officer'] as Role[], userId: randomUUID(), name: 'officer.subsidy' };
    await world.call('POST', `/api/subsidy/claims/${claimId}/take`, undefined, officer);
    await world.call('POST', `/api/subsidy/claims/${claimId}/approve`, {}, officer);
    const finance = { roles: ['finance_officer'] as Role[], userId: randomUUID(), name: 'finance.subsidy' };
    const today = serviceToday();
    await world.call('POST', `/api/subsidy/claims/${claimId}/schedule-payment`, { scheduledOn: today }, finance);
    await world.call('POST', `/api/subsidy/claims/${claimId}/pay`, { paidOn: today, reference: `PP-${tag}` }, finance);
    await world.user(analyst, ['ministry_analyst']);
    // target-monitoring learns of the claim, the budget and the report from Kafka.
    summary = await waitFor(
      async () => {
        const now = await summaryNow();
        if (now.claims.paidKopecks !== '60000000' || now.budget === null) throw new Error(JSON.stringify(now));
        return now;
      },
      { timeoutMs: 120_000, intervalMs: 1000, description: 'monitoring to count the paid claim' },
    );
    await world.monitoringCounts(producer, `${year}-01`, `${year}-12`);
  }, 360_000);

  it(
    'reads the budget, the claim totals and what the subsidy bought, and the totals as of the day before the claim',
    async () => {
      const { page } = browser();
      await signIn(page, platform.gatewayUrl, analyst, PASSWORD);
      await page.getByRole('link', { name: 'Итоги субсидий' }).click();
      await page.getByRole('heading', { level: 1, name: 'Итоги субсидий' }).waitFor();
      await page.getByLabel('Год программы').selectOption(String(year));

      const budget = `Бюджет программы ${year}`;
      const claims = `Заявки ${year}`;
      await fact(page, claims, 'Выплачено').getByText(roubles('60000000')).waitFor();
      expect(await fact(page, claims, 'Заявок').textContent()).toBe('1');
      expect(await fact(page, claims, 'Одобрено').textContent()).toMatch(roubles('60000000'));
      expect(await fact(page, claims, 'Требуется к возврату').textContent()).toMatch(roubles('0'));
      expect(await fact(page, claims, 'Возвращено в бюджет').textContent()).toMatch(roubles('0'));
      const figures = summary.budget as NonNullable<Summary['budget']>;
      expect(await fact(page, budget, 'Всего').textContent()).toMatch(roubles(figures.totalKopecks));
      expect(await fact(page, budget, 'Зарезервировано').textContent()).toMatch(roubles(figures.committedKopecks));
      expect(await fact(page, budget, 'Остаток').textContent()).toMatch(roubles(figures.availableKopecks));
      expect(BigInt(figures.committedKopecks)).toBeGreaterThanOrEqual(60000000n);
      // Below 1 000 %, so no grouping: the service's digits with a comma.
      const percent = `${figures.utilisationPercent.replace('.', ',')} %`;
      expect(await fact(page, budget, 'Использовано').textContent()).toBe(percent);
      await card(page, budget)
        .getByRole('img', { name: `Использовано ${percent} бюджета`, exact: true })
        .waitFor();

      const effectivenessTitle = `Результативность субсидии ${year} по компаниям и продукции`;
      const effectiveness = card(page, effectivenessTitle);
      const table = page.getByRole('table', { name: effectivenessTitle });
      const row = table.getByRole('row', { name: new RegExp(`S${tag} Mining LLC`) });
      await row.getByText('Niobium concentrate').waitFor();
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells.slice(2, 6)).toEqual([
        expect.stringMatching(roubles('60000000')),
        expect.stringMatching(roubles('60000000')),
        expect.stringMatching(roubles('0')),
        expect.stringMatching(roubles('0')),
      ]);
      // Output of the claim's product by the company: none the year before, the reported 900 t in the year.
      expect(cells[6]).toMatch(/^0(,0+)? → 900(,0+)?\+900(,0+)? т$/);
      // No customs figures loaded: the product's share is withheld both years, and says why.
      expect(cells[7]).toContain('нет данных таможни');
      await page.getByText(/^Методика: одобренные, выплаченные/).waitFor();
      await shot(page, 'analyst-subsidy-01-now');

      // The day before the claim was made: no claim yet, and no budget event of the year known then.
      const dayBefore = addDays(serviceToday(), -1);
      await page.getByLabel('На дату').fill(dayBefore);
      await page.waitForURL((url) => url.searchParams.get('asOf') === dayBefore);
      await fact(page, claims, 'Заявок').getByText(/^0$/).waitFor();
      expect(await fact(page, claims, 'Одобрено').textContent()).toMatch(roubles('0'));
      expect(await fact(page, claims, 'Выплачено').textContent()).toMatch(roubles('0'));
      await card(page, budget).getByText('На эту дату бюджет года программы ещё не был известен.').waitFor();
      // The table follows the day too: the claim was not known yet, so it has no rows.
      const asKnown = (how: string) =>
        effectiveness.getByText(
          `Заявки — как было на конец дня ${consoleDay(dayBefore)}; выпуск и импортозависимость — ${how}`,
          { exact: true },
        );
      await asKnown('как известно сейчас').waitFor();
      await effectiveness.getByText('На эту дату одобренных заявок года программы ещё не было.').waitFor();
      expect(await table.count()).toBe(0);
      await shot(page, 'analyst-subsidy-02-day-before');

      // Output and import dependence as known at the end of that day: still no claim, so still no rows.
      const knowledge = page.getByLabel('Выпуск и импортозависимость', { exact: true });
      await knowledge.selectOption('then');
      await page.waitForURL(
        (url) => url.searchParams.get('knowledge') === 'then' && url.searchParams.get('asOf') === dayBefore,
      );
      await asKnown('как было известно на конец того дня').waitFor();
      await effectiveness.getByText('На эту дату одобренных заявок года программы ещё не было.').waitFor();
      expect(await table.count()).toBe(0);

      // The day and the knowledge are kept in the address: a reload shows the same.
      await page.reload();
      await fact(page, claims, 'Заявок').getByText(/^0$/).waitFor();
      expect(await page.getByLabel('На дату').inputValue()).toBe(dayBefore);
      await asKnown('как было известно на конец того дня').waitFor();
      expect(await knowledge.inputValue()).toBe('then');
      await effectiveness.getByText('На эту дату одобренных заявок года программы ещё не было.').waitFor();
      expect(await table.count()).toBe(0);

      // In English, amounts as the English console writes them.
      await page.getByRole('button', { name: 'Eng' }).click();
      await page.getByRole('heading', { level: 1, name: 'Subsidy outcomes' }).waitFor();
      await card(page, `Programme budget ${year}`)
        .getByText('This programme year’s budget was not known yet on that day.')
        .waitFor();
      expect(await fact(page, `Claims ${year}`, 'Paid').textContent()).toMatch(/^0\.00\s₽$/);
      await card(page, `Effectiveness of the ${year} subsidy by company and product`)
        .getByText(
          `Claims as they stood at the end of ${consoleDay(dayBefore, 'en-GB')}; output and import dependence as known at the end of that day`,
          { exact: true },
        )
        .waitFor();
      expect(await page.getByLabel('Output and import dependence', { exact: true }).inputValue()).toBe('then');
      await page.getByRole('button', { name: 'Рус' }).click();
      await page.getByRole('heading', { level: 1, name: 'Итоги субсидий' }).waitFor();
    },
    SCENARIO_MS,
  );
});
