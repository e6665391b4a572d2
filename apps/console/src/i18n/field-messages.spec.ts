import { describe, expect, it } from '@jest/globals';
import { localizeFieldMessage } from './field-messages';
import { format } from './messages';
import { ru } from './ru';

const t = (key: keyof typeof ru) => format(ru[key], undefined, new Intl.PluralRules('ru-RU'));

describe('console: clawback money messages in Russian', () => {
  it.each([
    ['12000000 kopecks is more than the 10000000 kopecks outstanding', 'Сумма больше, чем осталось вернуть.'],
    ['13000000 kopecks is more than the 12500000 kopecks refund due', ru['problem.CLAWBACK.OVER_REFUND']],
    [
      'A repayment with reference PP-IN-1 is already recorded for this claim',
      'Платёж с этим номером по заявке уже записан.',
    ],
    ['A refund with reference PP OUT 7 is already recorded for this claim', ru['problem.CLAWBACK.DUPLICATE_REFERENCE']],
    ['repaidOn must not be after today (2026-11-30)', 'Дата не может быть позже сегодняшней.'],
    ['settledOn must not be before the subsidy was paid (2026-06-15)', 'Дата раньше выплаты субсидии.'],
    [
      'amountKopecks must be a positive whole number of kopecks in a string, e.g. "50000000"',
      ru['fieldMessage.aboveZero'],
    ],
  ])('%s', (message, expected) => {
    expect(localizeFieldMessage(message, t)).toBe(expected);
  });

  it('keeps the property where nothing else names it', () => {
    expect(localizeFieldMessage('repaidOn must not be after today (2026-11-30)', t, true)).toBe(
      'repaidOn: Дата не может быть позже сегодняшней.',
    );
  });

  it('leaves other wording as the service wrote it', () => {
    expect(localizeFieldMessage('1 kopecks is more than enough', t)).toBe('1 kopecks is more than enough');
  });
});
