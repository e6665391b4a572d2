import { nextExpiryStep } from './expiry-notices';

describe('nextExpiryStep', () => {
  const validTo = '2040-06-30';
  const periods = [180, 90];

  describe('given no notice recorded yet', () => {
    it.each([
      ['2039-12-01', 'more than 180 days before the end', { kind: 'nothing' }],
      ['2040-01-02', 'exactly 180 days before', { kind: 'notices', send: 180, skip: [] }],
      ['2040-06-30', 'on the last valid day, with both due', { kind: 'notices', send: 90, skip: [180] }],
      ['2040-07-01', 'the day after the end', { kind: 'expire' }],
    ])('on %s (%s) it decides %j', (today, _when, step) => {
      expect(nextExpiryStep(validTo, today, periods, [])).toEqual(step);
    });
  });

  it('sends the 90-day notice once 180 has been dealt with', () => {
    expect(nextExpiryStep(validTo, '2040-04-01', periods, [180])).toEqual({ kind: 'notices', send: 90, skip: [] });
    expect(nextExpiryStep(validTo, '2040-04-02', periods, [180])).toEqual({ kind: 'notices', send: 90, skip: [] });
  });

  it('does nothing more once every due notice has been dealt with', () => {
    expect(nextExpiryStep(validTo, '2040-03-01', periods, [180])).toEqual({ kind: 'nothing' });
    expect(nextExpiryStep(validTo, '2040-06-30', periods, [90, 180])).toEqual({ kind: 'nothing' });
  });

  it('expires even when notices were never sent', () => {
    expect(nextExpiryStep(validTo, '2041-01-01', periods, [])).toEqual({ kind: 'expire' });
  });

  it('skips a longer period configured after a shorter notice went out, instead of sending it out of order', () => {
    expect(nextExpiryStep(validTo, '2040-05-01', [365, 180, 90], [180, 90])).toEqual({
      kind: 'notices',
      send: null,
      skip: [365],
    });
  });

  it('sends a shorter period configured later, skipping the longer ones still due', () => {
    expect(nextExpiryStep(validTo, '2040-06-10', [180, 90, 30], [180])).toEqual({
      kind: 'notices',
      send: 30,
      skip: [90],
    });
  });

  it('ignores a period listed twice', () => {
    expect(nextExpiryStep(validTo, '2040-01-02', [180, 180], [])).toEqual({ kind: 'notices', send: 180, skip: [] });
  });
});
