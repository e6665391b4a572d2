import { fitText } from './text';

describe('fitText', () => {
  it('keeps short text and cuts long text to the limit, marking the cut', () => {
    expect(fitText('Invoices missing', 2000)).toBe('Invoices missing');
    const cut = fitText('x'.repeat(2500), 2000);
    expect(cut).toHaveLength(2000);
    expect(cut.endsWith('…')).toBe(true);
  });
});
