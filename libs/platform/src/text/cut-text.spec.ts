import { cutText } from './cut-text';

describe('cutText', () => {
  it('keeps a whole character at the limit and drops one the limit would split', () => {
    expect(cutText('ab\u{1F48E}', 4)).toBe('ab\u{1F48E}');
    expect(cutText('ab\u{1F48E}c', 3)).toBe('ab');
    expect(cutText('abcd', 3)).toBe('abc');
  });
});
