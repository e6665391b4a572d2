import { fitText } from './text';

describe('fitText', () => {
  it('keeps short text and cuts long text to the limit, marking the cut', () => {
    expect(fitText('Invoices missing', 2000)).toBe('Invoices missing');
    const cut = fitText('x'.repeat(2500), 2000);
    expect(cut).toHaveLength(2000);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('cuts before a character made of two UTF-16 units rather than through it', () => {
    const cut = fitText(`${'x'.repeat(1998)}\u{1F48E}and more`, 2000);
    expect(cut).toBe(`${'x'.repeat(1998)}…`);
    expect(cut).not.toMatch(/\p{Cs}/u);
  });
});
