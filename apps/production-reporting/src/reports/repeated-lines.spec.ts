import { repeatedLines } from './repeated-lines';

const line = (lineNo: number, productCode: string, quantity = '10') => ({ lineNo, productCode, quantity });

describe('repeatedLines', () => {
  it('finds nothing when every product has one line', () => {
    expect(repeatedLines([line(1, 'LI-CARBONATE'), line(2, 'LI-HYDROXIDE')])).toEqual([]);
  });

  it('names each later line of a product with the first one, identical or not', () => {
    const lines = [
      line(1, 'LI-CARBONATE'),
      line(2, 'LI-HYDROXIDE'),
      line(3, 'LI-CARBONATE', '12'),
      line(4, 'LI-HYDROXIDE'),
      line(5, 'LI-CARBONATE'),
    ];

    expect(repeatedLines(lines).map(({ line, first }) => [line.lineNo, first.lineNo])).toEqual([
      [3, 1],
      [4, 2],
      [5, 1],
    ]);
  });
});
