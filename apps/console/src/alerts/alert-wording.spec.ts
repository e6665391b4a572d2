import { describe, expect, it } from '@jest/globals';
import { ALERT_RULE_IDS } from '@redmet/contracts/vocabulary';
import { en } from '../i18n/en';
import { format, type Params } from '../i18n/messages';
import { type MessageKey, ru } from '../i18n/ru';
import { chosen, namedByDetails, obligationOf, type Titled, type Wording, type WordingContext } from './alert-details';
import { messageOf } from './alert-messages';
import { titleOf } from './alert-titles';

const PRODUCTS: Record<string, string> = { 'LI-CARB': 'Лития карбонат' };

function contextIn(language: 'ru' | 'en'): WordingContext {
  const dictionary = language === 'ru' ? ru : en;
  const locale = language === 'ru' ? 'ru-RU' : 'en-GB';
  const rules = new Intl.PluralRules(locale);
  const t = (key: MessageKey, params?: Params) => format(dictionary[key], params, rules);
  const label = (group: string, raw: string) => {
    const key = `${group}.${raw}`;
    return key in dictionary ? t(key as MessageKey) : raw;
  };
  return { t, label, language, locale, productName: (code) => PRODUCTS[code] };
}

/** What the page shows, the subject's name (looked up in the registry there) standing as ‹объект›. */
function said(word: typeof titleOf, alert: Titled, language: 'ru' | 'en' = 'ru'): string | null {
  const context = contextIn(language);
  const wording: Wording | null = chosen(word(alert, context), language);
  if (!wording) return null;
  const text = context.t(wording.key, wording.params);
  return wording.subjectAt ? text.replace(`{${wording.subjectAt}}`, '‹объект›') : text;
}

const obligation = 'obligation:c-1:d-1:2026-Q3';

/** A subject of each rule as target-monitoring names it. */
const SUBJECTS: Record<(typeof ALERT_RULE_IDS)[number], string> = {
  'target.at_risk': 'target:import-dependence',
  'target.off_track': 'target:output-value',
  'import_dependence.above_target': 'product:LI-CARB',
  'reporting.deadline_missed': obligation,
  'subsidy.budget_utilisation': 'budget:2026',
  'registry.licence_revoked_output': 'licence:l-1',
  'registry.licence_expiring_output': 'licence:l-1',
  'output.sudden_drop': 'deposit:d-1',
  'trade.export_discrepancy': 'exports:283691:*:2026-03',
};

describe('console: the site of a missed deadline', () => {
  it('is the kind of site the alert states, whichever registry also holds the id', () => {
    expect(obligationOf(obligation, { siteId: 'd-1', siteKind: 'deposit', siteName: 'Ловозерское' })).toEqual({
      companyId: 'c-1',
      site: { kind: 'deposit', id: 'd-1' },
      period: '2026-Q3',
    });
    expect(obligationOf('obligation:c-1:f-1:2026-Q3', { siteId: 'f-1', siteKind: 'facility' })?.site).toEqual({
      kind: 'facility',
      id: 'f-1',
    });
  });

  it('is the name an older alert recorded without its kind, and unknown rather than guessed without either', () => {
    expect(obligationOf(obligation, { siteName: 'Карнасуртское' })?.site).toEqual({ name: 'Карнасуртское' });
    expect(obligationOf(obligation, { siteKind: 'mine' })?.site).toBeNull();
    expect(obligationOf(obligation, undefined)?.site).toBeNull();
  });

  it('is what a silence or a filter asks the newest alert about, and only for obligations', () => {
    expect(namedByDetails(obligation)).toBe(true);
    expect(namedByDetails('deposit:d-1')).toBe(false);
    expect(obligationOf('deposit:d-1', { siteKind: 'deposit' })).toBeNull();
  });
});

describe('console: alerts without details in Russian', () => {
  it.each(ALERT_RULE_IDS.map((ruleId) => [ruleId]))('%s: a title and a message in Russian', (ruleId) => {
    const alert = { ruleId, subject: SUBJECTS[ruleId] };
    for (const word of [titleOf, messageOf]) {
      const text = said(word, alert);
      expect(text).toEqual(expect.stringMatching(/[а-яё]{3}/i));
      expect(text).not.toMatch(/[a-z]{3}/i);
    }
  });

  it('words a missed deadline from the period its subject names', () => {
    const alert = { ruleId: 'reporting.deadline_missed', subject: obligation };
    expect(said(titleOf, alert)).toBe('Отчёт не сдан в срок: ‹объект›');
    expect(said(messageOf, alert)).toBe('Отчёт за 3 кв. 2026 не поступил в срок; принятого отчёта нет.');
  });

  it('words what the rule means where some of its figures are missing', () => {
    expect(said(titleOf, { ruleId: 'subsidy.budget_utilisation', subject: 'budget:2026' })).toBe(
      'Бюджет субсидий 2026 г. почти израсходован',
    );
    const dropped = { ruleId: 'output.sudden_drop', subject: 'deposit:d-1', details: { siteName: 'Ловозерское' } };
    expect(said(messageOf, dropped)).toBe(
      'Ловозерское: выпуск за последний отчётный период резко упал по сравнению со средним за предыдущие.',
    );
    const revoked = { ruleId: 'registry.licence_revoked_output', subject: 'licence:l-1' };
    expect(said(titleOf, revoked)).toBe('Выпуск по отозванной лицензии ‹объект›');
    expect(said(messageOf, { ...revoked, details: { licenceNumber: 'МУР 01234 ТЭ' } })).toBe(
      'Лицензия МУР 01234 ТЭ отозвана, но её владелец сообщает о выпуске за периоды после отзыва.',
    );
    const expiring = { ruleId: 'registry.licence_expiring_output', subject: 'licence:l-1' };
    expect(said(titleOf, expiring)).toBe('Истекает лицензия, по которой идёт выпуск: ‹объект›');
    expect(said(messageOf, { ...expiring, details: { licenceNumber: 'МУР 01234 ТЭ' } })).toBe(
      'Лицензия МУР 01234 ТЭ скоро истекает, а владелец по-прежнему сообщает о выпуске на месторождении; ' +
        'другой лицензии, которая её сменит, нет.',
    );
    expect(said(messageOf, { ruleId: 'import_dependence.above_target', subject: 'product:LI-CARB' })).toBe(
      'Лития карбонат: доля импорта в потреблении выше, чем программа ожидает на сегодня.',
    );
  });

  it('titles exports by the code and period of the subject, in either language', () => {
    const alert = { ruleId: 'trade.export_discrepancy', subject: 'exports:283691:LI-CARB:2026-03' };
    expect(said(titleOf, alert)).toBe('Экспорт по коду 283691 (LI-CARB) за март 2026 г.: отчёты и таможня расходятся');
    expect(said(titleOf, alert, 'en')).toBe('Exports under 283691 (LI-CARB) in March 2026: reports and customs differ');
  });

  it('leaves English readers the service’s text, which says more than the rule alone', () => {
    const alert = { ruleId: 'reporting.deadline_missed', subject: obligation };
    expect(said(titleOf, alert, 'en')).toBeNull();
    expect(said(messageOf, alert, 'en')).toBeNull();
  });

  it('keeps the service’s text for a rule it does not know', () => {
    const alert = { ruleId: 'reporting.written_after_this_console', subject: obligation };
    expect(said(titleOf, alert)).toBeNull();
    expect(said(messageOf, alert)).toBeNull();
  });
});

describe('console: alerts with their figures', () => {
  const details = {
    period: '2026-Q3',
    dueOn: '2026-10-30',
    companyName: 'Ловозерский ГОК',
    siteId: 'd-1',
    siteKind: 'deposit',
    siteName: 'Ловозерское',
  };

  it('words a missed deadline from its details, whatever the company’s gender', () => {
    const alert = { ruleId: 'reporting.deadline_missed', subject: obligation, details };
    expect(said(titleOf, alert)).toBe('Ловозерский ГОК: отчёт за 3 кв. 2026 не сдан в срок');
    expect(said(messageOf, alert)).toBe(
      'Отчёт за 3 кв. 2026 по объекту «Ловозерское» должен был поступить до 30 окт. 2026 г.; принятого отчёта нет.',
    );
    expect(said(messageOf, alert, 'en')).toBe(
      'The Q3 2026 report for Ловозерское was due on 30 Oct 2026 and no accepted report has arrived.',
    );
  });

  it('words a licence ending from its details, the days left in the form their number takes', () => {
    const alert = (daysLeft: number) => ({
      ruleId: 'registry.licence_expiring_output',
      subject: 'licence:l-1',
      details: {
        licenceNumber: 'МУР 01234 ТЭ',
        holderName: 'Ловозерский ГОК',
        depositName: 'Ловозерское',
        validTo: '2026-12-31',
        daysLeft,
        latestPeriod: '2026-Q3',
      },
    });
    expect(said(titleOf, alert(21))).toBe('Лицензия МУР 01234 ТЭ истекает 31 дек. 2026 г., а выпуск продолжается');
    expect(said(messageOf, alert(21))).toBe(
      'Лицензия МУР 01234 ТЭ (Ловозерский ГОК, месторождение «Ловозерское») действует до 31 дек. 2026 г. — ' +
        'остался 21 день. Выпуск отражён в отчёте за 3 кв. 2026, другой лицензии владельца на это месторождение ' +
        'со следующего дня нет.',
    );
    expect(said(messageOf, alert(3))).toContain('осталось 3 дня.');
    expect(said(messageOf, alert(0))).toContain('осталось 0 дней.');
    expect(said(messageOf, alert(1), 'en')).toContain('is valid until 31 Dec 2026, 1 day left.');
  });

  it('words the budget from its figures', () => {
    const alert = {
      ruleId: 'subsidy.budget_utilisation',
      subject: 'budget:2026',
      details: { programmeYear: 2026, utilisationPercent: '92.5', thresholdPercent: '90' },
    };
    expect(said(titleOf, alert)).toBe('Бюджет субсидий 2026 г. зарезервирован на 92,5 %');
    expect(said(messageOf, alert)).toBe('Зарезервировано 92,5 % бюджета субсидий 2026 г., порог — 90 %.');
  });
});
