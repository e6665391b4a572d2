import { Principal } from '../auth/principal';
import { digestOf, isWellFormedKey, keyCaller, uploadDigest } from './idempotency-key';

describe('isWellFormedKey', () => {
  it.each(['a', '8e03978e-40d5-43e8-bc93-6894a57f9324', 'order 42 / retry', '~'.repeat(255)])('takes %p', (key) => {
    expect(isWellFormedKey(key)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['longer than 255', 'k'.repeat(256)],
    ['a control character', 'key\u0007'],
    ['a tab', 'a\tb'],
    ['non-ASCII', 'ключ'],
  ])('refuses %s', (_, key) => {
    expect(isWellFormedKey(key)).toBe(false);
  });
});

describe('digestOf', () => {
  it('is the SHA-256 of the length-prefixed parts, the same for strings and their bytes', () => {
    expect(digestOf('{"a":1}')).toBe('0e913d19927dc35e58034f5626346ae1f8f889473fe6bbd374a4d71baf29c66c');
    expect(digestOf(Buffer.from('{"a":1}'))).toBe(digestOf('{"a":1}'));
  });

  it('tells apart bodies that differ only in spacing, and parts split differently', () => {
    expect(digestOf('{"a":1}')).not.toBe(digestOf('{"a": 1}'));
    expect(digestOf('ab', 'c')).not.toBe(digestOf('a', 'bc'));
  });
});

describe('uploadDigest', () => {
  const file = { originalname: 'lines.csv', buffer: Buffer.from('period,quantity\n2026-05,10\n') };

  it('depends on the file name, its contents and the form fields', () => {
    const digest = uploadDigest(file, {});
    expect(uploadDigest({ ...file }, {})).toBe(digest);
    expect(uploadDigest({ ...file, originalname: 'other.csv' }, {})).not.toBe(digest);
    expect(uploadDigest({ ...file, buffer: Buffer.from('period,quantity\n2026-05,11\n') }, {})).not.toBe(digest);
    expect(uploadDigest(file, { note: 'x' })).not.toBe(digest);
  });

  it('has a digest for a form without a file', () => {
    expect(uploadDigest(undefined, undefined)).toBe(uploadDigest(undefined, {}));
  });
});

describe('keyCaller', () => {
  const company = '5b0d6a3e-7a0a-4c49-9a1f-2c1f1a3a9b10';
  const producer = keyCaller(new Principal('u-1', ['producer'], company, 'I. Smirnov'));

  it('is the same caller whatever roles and name the token gives, for the same company', () => {
    expect(keyCaller(new Principal('u-1', ['producer'], company))).toBe(producer);
    const officer = keyCaller(new Principal('u-1', ['subsidy_officer', 'finance_officer'], null));
    expect(keyCaller(new Principal('u-1', ['finance_officer'], null, 'I. Smirnov'))).toBe(officer);
  });

  it('is another caller for another company, for none, or as another user', () => {
    const others = [
      producer,
      keyCaller(new Principal('u-1', ['producer'], '0b6f1e52-3c1a-4e4b-9d67-6a0c2b6f8e11')),
      keyCaller(new Principal('u-1', ['producer'], null)),
      keyCaller(new Principal('u-2', ['producer'], company)),
      // A user id made to look like another caller's id and company.
      keyCaller(new Principal(`u-1",null,"${company}`, [], null)),
      keyCaller(new Principal(`u-1","${company}`, [], null)),
    ];
    expect(new Set(others).size).toBe(others.length);
  });
});
