import { LICENCE_STATUSES, type LicenceStatus } from '@redmet/contracts';
import { canChangeLicenceStatus, isFinalLicenceStatus, LICENCE_COMMANDS } from './licence-status';

describe('licence status transitions', () => {
  const allowed: [LicenceStatus, LicenceStatus][] = [
    ['active', 'suspended'],
    ['active', 'revoked'],
    ['active', 'expired'],
    ['suspended', 'active'],
    ['suspended', 'revoked'],
    ['suspended', 'expired'],
  ];
  const pairs = LICENCE_STATUSES.flatMap((from) =>
    LICENCE_STATUSES.map((to): [LicenceStatus, LicenceStatus] => [from, to]),
  );

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canChangeLicenceStatus(from, to)).toBe(true);
  });

  it.each(pairs.filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to)))(
    'refuses %s → %s',
    (from, to) => {
      expect(canChangeLicenceStatus(from, to)).toBe(false);
    },
  );

  it('treats revoked and expired as final', () => {
    expect(LICENCE_STATUSES.filter(isFinalLicenceStatus)).toEqual(['revoked', 'expired']);
  });

  it('gives users no command that expires a licence (only the scheduled check does)', () => {
    expect(Object.values(LICENCE_COMMANDS).map((command) => command.to)).not.toContain('expired');
  });
});
