import { describe, expect, it } from '@jest/globals';
import type { Note } from '../api/monitoring';
import { en } from './en';
import { format, type Params } from './messages';
import { localizeNote, withheldNote } from './method-notes';
import { ru } from './ru';

const inRussian = (note: Note) =>
  localizeNote(note, (key, params?: Params) => format(ru[key], params, new Intl.PluralRules('ru-RU')), 'ru', 'ru-RU');
const inEnglish = (note: Note) =>
  localizeNote(note, (key, params?: Params) => format(en[key], params, new Intl.PluralRules('en-GB')), 'en', 'en-GB');

// Texts as a future service might word them: the console goes by the code, never by the English.
const exportsExceedOutput = {
  code: 'share_withheld.exports_exceed_output',
  params: {
    exportsTonnes: '250.5',
    outputTonnes: '100',
    quotientPercent: '200.00',
    leastPercent: '33.33',
    tonnesOf: 'metal_content',
  },
  text: 'exports above output, reworded',
};

describe('console: monitoring notes by code', () => {
  it.each<[Note, string]>([
    [
      { code: 'import_dependence.customs_coverage', params: { months: 11, of: 12, missing: ['2026-11'] }, text: '…' },
      'таможенные данные есть за 11 из 12 мес. периода (нет: ноябрь 2026 г.): импорт и экспорт этих месяцев считаются нулевыми, поэтому доля занижена, пока их не загрузят',
    ],
    [
      { code: 'target.new_plants', params: { after: '2024-12-31' }, text: '…' },
      'предприятия, впервые введённые в эксплуатацию после 31 дек. 2024 г. и не закрытые (закрытое выбывает со дня закрытия); перезапуск закрытого предприятия — действующая площадка и учитывается, только если учитывалось бы закрытое, по текущим данным реестра',
    ],
    [
      { code: 'target.unpriced_products', params: { productCodes: ['LI-CARB', 'NB-PENT'] }, text: '…' },
      'нет справочной цены, не учтены: LI-CARB, NB-PENT',
    ],
    [
      { code: 'output.widened_to_quarters', params: {}, text: '…' },
      'период расширен до целых кварталов: каждый квартал учтён целиком',
    ],
    [
      {
        code: 'share_withheld.no_apparent_consumption',
        params: { apparentConsumptionTonnes: '-30', tonnesOf: 'product' },
        text: '…',
      },
      'видимое потребление (выпуск + импорт − экспорт) составляет −30 т: делить не на что',
    ],
    [
      { code: 'target.baseline_withheld', params: { year: 2024, withheld: exportsExceedOutput }, text: '…' },
      'у базового 2024 года нет значения (экспорт (250,5 т содержания металла) больше выпуска (100 т содержания металла): импорт вывезен снова или взят из запасов, поэтому импорт ÷ видимое потребление (200,00 %) — не доля; доля импорта в потреблённом — от 33,33 % (если экспорт шёл сначала из импорта) до 100 % (если сначала из внутреннего выпуска)), поэтому базовое значение принято равным 0; задайте его в настройках цели (baselineValue)',
    ],
  ])('words %p in Russian', (note, expected) => {
    expect(inRussian(note)).toBe(expected);
  });

  it('words them in English in the console’s own words, whatever the service wrote', () => {
    const note = { code: 'target.share_withheld', params: { withheld: exportsExceedOutput }, text: 'no share: …' };
    expect(inEnglish(note)).toBe(
      'no share: exports (250.5 t of metal content) exceed output (100 t of metal content): imports were exported ' +
        'again or stocks drawn, so imports ÷ apparent consumption (200.00 %) is no share; the imported share of ' +
        'what was consumed lies between 33.33 % (exports taken out of imports first) and 100 % (out of domestic ' +
        'output first)',
    );
  });

  it('words why a share is withheld from its reason and parameters', () => {
    const share = { reason: 'no_customs_figures' as const, note: 'no customs figures, reworded', params: {} };
    expect(inRussian(withheldNote(share))).toBe(
      'за период не загружены таможенные данные: неизвестный импорт — не нулевой',
    );
  });

  it('shows the service’s English for a code it does not know, and for a withheld share without its parameters', () => {
    expect(inRussian({ code: 'target.written_after_this_console', params: {}, text: 'a newer note' })).toBe(
      'a newer note',
    );
    expect(inRussian({ code: 'toString', params: {}, text: 'not a code' })).toBe('not a code');
    expect(inRussian(withheldNote({ reason: 'exports_exceed_output', note: 'stated before parameters' }))).toBe(
      'stated before parameters',
    );
  });
});
