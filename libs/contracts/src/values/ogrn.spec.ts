import { isValidOgrn } from './ogrn';

describe('isValidOgrn', () => {
  it.each(['1095190009111', '1027700132195', '304500116000157'])('takes %s', (ogrn) => {
    expect(isValidOgrn(ogrn)).toBe(true);
  });

  it.each([
    ['a wrong OGRN check digit', '1095190009112'],
    ['a wrong OGRNIP check digit', '304500116000158'],
    ['14 digits', '10951900091110'],
    ['letters', '109519000911A'],
    ['a number', 1095190009111],
  ])('refuses %s', (_, value) => {
    expect(isValidOgrn(value)).toBe(false);
  });
});
