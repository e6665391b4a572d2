import { describe, expect, it } from '@jest/globals';
import { format, type Params } from './messages';
import { localizeNote } from './method-notes';
import { ru } from './ru';

const t = (key: keyof typeof ru, params?: Params) => format(ru[key], params, new Intl.PluralRules('ru-RU'));
const say = (note: string) => localizeNote(note, t, 'ru', 'ru-RU');

describe('console: monitoring notes in Russian', () => {
  it.each([
    [
      "customs figures cover 11 of the window's 12 months (missing: 2026-11): imports and exports of those months count as none, so the share is understated until they are loaded",
      'таможенные данные есть за 11 из 12 мес. периода (нет: ноябрь 2026 г.): импорт и экспорт этих месяцев считаются нулевыми, поэтому доля занижена, пока их не загрузят',
    ],
    [
      'facilities first commissioned after 2024-12-31, as the registry has them now',
      'предприятия, впервые введённые в эксплуатацию после 31 дек. 2024 г., по текущим данным реестра',
    ],
    ['no reference price, not counted: LI-CARB, NB-PENT', 'нет справочной цены, не учтены: LI-CARB, NB-PENT'],
    [
      'from and to widened to whole quarters: each quarter is summed whole',
      'период расширен до целых кварталов: каждый квартал учтён целиком',
    ],
  ])('words %s', (note, expected) => {
    expect(say(note)).toBe(expected);
  });

  it('shows a note it does not know as the service wrote it', () => {
    expect(say('a note written after this console')).toBe('a note written after this console');
  });
});
