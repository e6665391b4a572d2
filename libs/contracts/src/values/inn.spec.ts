import { isValidInn } from './inn';

describe('isValidInn', () => {
  it.each([
    ['7707083893', 'Sberbank (10 digits)'],
    ['5190907139', 'a 10-digit organisation INN'],
    ['500100732259', 'a 12-digit individual INN'],
  ])('accepts %s (%s)', (inn: string, _reason: string) => {
    expect(isValidInn(inn)).toBe(true);
  });

  it.each([
    ['7707083890', 'wrong check digit'],
    ['500100732250', 'wrong second check digit of 12'],
    ['500100732209', 'wrong first check digit of 12'],
    ['770708389', 'nine digits'],
    ['77070838931', 'eleven digits'],
    ['77070838a3', 'a letter'],
    [7707083893, 'a number, not a string'],
  ])('rejects %s (%s)', (inn: unknown, _reason: string) => {
    expect(isValidInn(inn)).toBe(false);
  });
});
