import { allocateKopecks } from './allocation';

describe('allocateKopecks', () => {
  it('splits in proportion to the shares, in whole kopecks that add up to the amount', () => {
    const parts = allocateKopecks(
      1000n,
      new Map([
        ['ND-OXIDE', 1],
        ['PR-OXIDE', 2],
      ]),
    );
    expect(parts).toEqual(
      new Map([
        ['ND-OXIDE', 333n],
        ['PR-OXIDE', 667n],
      ]),
    );
  });

  it('gives everything to one product when the shares are all zero', () => {
    expect(
      allocateKopecks(
        500n,
        new Map([
          ['B', 0],
          ['A', 0],
        ]),
      ),
    ).toEqual(new Map([['A', 500n]]));
    expect(allocateKopecks(500n, new Map())).toEqual(new Map());
  });
});
