import { describe, expect, it } from '@jest/globals';
import { en } from '../i18n/en';
import { format, type Params } from '../i18n/messages';
import { type MessageKey, ru } from '../i18n/ru';
import { authorName } from './authors';

const inRussian = (key: MessageKey, params?: Params) => format(ru[key], params, new Intl.PluralRules('ru-RU'));
const inEnglish = (key: MessageKey, params?: Params) => format(en[key], params, new Intl.PluralRules('en-GB'));

describe('authorName', () => {
  it('names the person who made the change, by id when the token carried no name', () => {
    expect(authorName({ userId: 'u-registrar', name: 'Ирина Орлова' }, inRussian)).toBe('Ирина Орлова');
    expect(authorName({ userId: 'b1d4-user' }, inRussian)).toBe('b1d4-user');
    expect(authorName({ userId: 'b1d4-user', name: null }, inEnglish)).toBe('b1d4-user');
  });

  it('says a change made before the registry recorded authors is not recorded', () => {
    expect(authorName(null, inRussian)).toBe('не записано');
    expect(authorName(null, inEnglish)).toBe('not recorded');
  });

  it('words unnamed registry staff and the registry itself rather than showing the service’s English', () => {
    expect(authorName({ userId: null, name: 'registry staff' }, inRussian)).toBe('сотрудник реестра');
    expect(authorName({ userId: null, name: 'registry staff' }, inEnglish)).toBe('registry staff');
    const expiry = { userId: 'system', name: 'deposit-registry: scheduled licence expiry' };
    expect(authorName(expiry, inRussian)).toBe('реестр (автоматически)');
    expect(authorName(expiry, inEnglish)).toBe('the registry (automatically)');
  });
});
