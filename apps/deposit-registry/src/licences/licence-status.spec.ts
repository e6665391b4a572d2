import { LICENCE_STATUSES, LicenceReinstated, type LicenceStatus, LicenceSuspended } from '@redmet/contracts';
import {
  canChangeLicenceStatus,
  isFinalLicenceStatus,
  LICENCE_COMMANDS,
  reopeningEvent,
  issuedStatusHolds,
  statusBeforeClosing,
} from './licence-status';

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

describe('the status a closed licence goes back to', () => {
  const row = (fromStatus: LicenceStatus | null, toStatus: LicenceStatus, effectiveOn: string) => ({
    fromStatus,
    toStatus,
    effectiveOn,
  });
  const issued = row(null, 'active', '2020-01-01');

  it('is the one it had before it closed, since the day that one began', () => {
    const history = [issued, row('active', 'suspended', '2025-05-01'), row('suspended', 'expired', '2026-04-01')];
    expect(statusBeforeClosing(history)).toEqual({ status: 'suspended', since: '2025-05-01' });
  });

  it('skips an earlier closing already annulled, whose annulment day is not when the status began', () => {
    const history = [
      issued,
      row('active', 'expired', '2026-04-01'),
      row('expired', 'active', '2026-04-01'),
      row('active', 'revoked', '2027-02-10'),
    ];
    expect(statusBeforeClosing(history)).toEqual({ status: 'active', since: '2020-01-01' });
  });

  it('leaves the issued status holding after annulled closings, and not after a suspension, lifted or not', () => {
    const annulled = [issued, row('active', 'revoked', '2025-06-01'), row('revoked', 'active', '2025-06-01')];
    expect(issuedStatusHolds([issued])).toBe(true);
    expect(issuedStatusHolds(annulled)).toBe(true);
    expect(issuedStatusHolds([...annulled, row('active', 'suspended', '2025-07-01')])).toBe(false);
    expect(
      issuedStatusHolds([issued, row('active', 'suspended', '2025-07-01'), row('suspended', 'active', '2025-08-01')]),
    ).toBe(false);
    expect(issuedStatusHolds([issued, row('active', 'expired', '2026-04-01')])).toBe(false);
  });

  it('is announced as the command leading to it would be', () => {
    expect(reopeningEvent('active')).toBe(LicenceReinstated);
    expect(reopeningEvent('suspended')).toBe(LicenceSuspended);
    expect(() => reopeningEvent('revoked')).toThrow('never reopened as revoked');
  });
});
