import { daysLeft, expiryWindow, licenceExpiringFinding, type ExpiringLicence } from './licence-expiring.finding';

const licence: ExpiringLicence = {
  licenceId: 'l-1',
  number: 'MUR 01234 TE',
  holder: 'Lovozero MPP',
  deposit: 'Lovozero',
  validTo: '2027-03-31',
  latestPeriod: '2026-Q4',
};

describe('licence ending while output is reported', () => {
  it('alerts on licences ending from today to noticeDays on, across a leap day', () => {
    expect(expiryWindow('2028-02-01', 90)).toMatchObject({ today: '2028-02-01', lastValidTo: '2028-05-01' });
    expect(expiryWindow('2027-12-15', 30).lastValidTo).toBe('2028-01-14');
  });

  it('counts output as recent from the first of the trailing twelve complete months', () => {
    expect(expiryWindow('2027-01-15', 90).outputFrom).toBe('2026-01-01');
    // The last day completes its month.
    expect(expiryWindow('2027-01-31', 90).outputFrom).toBe('2026-02-01');
  });

  it('counts the days left as the registry does for its notices: none on the last valid day', () => {
    expect(daysLeft('2027-03-31', '2027-03-31')).toBe(0);
    expect(daysLeft('2027-01-01', '2027-03-31')).toBe(89);
    expect(daysLeft('2028-02-28', '2028-03-01')).toBe(2);
  });

  it('names the licence, holder, deposit, last valid day, days left and latest output, in words and as details', () => {
    const finding = licenceExpiringFinding(licence, '2027-01-01', 30);
    expect(finding.title).toBe('Licence MUR 01234 TE ends in 89 days while output is still reported');
    expect(finding.message).toBe(
      'Licence MUR 01234 TE for Lovozero, held by Lovozero MPP, is valid until 2027-03-31 (ends in 89 days). ' +
        'Output from the deposit was reported for 2026-Q4, and no other licence of the holder for the deposit ' +
        'takes over on 2027-04-01: output from then on would be without a licence.',
    );
    expect(finding.details).toEqual({
      licenceId: 'l-1',
      licenceNumber: 'MUR 01234 TE',
      holderName: 'Lovozero MPP',
      depositName: 'Lovozero',
      validTo: '2027-03-31',
      daysLeft: 89,
      latestPeriod: '2026-Q4',
    });
  });

  it('still reads without the names the registry copy may lack yet', () => {
    const finding = licenceExpiringFinding({ ...licence, holder: null, deposit: null }, '2027-03-30', 30);
    expect(finding.message).toMatch(/^Licence MUR 01234 TE is valid until 2027-03-31 \(ends in 1 day\)\. /);
    expect(licenceExpiringFinding(licence, '2027-03-31', 30).title).toContain('ends today');
  });

  it('is critical from criticalDays left on, the configured severity before, and never critical without criticalDays', () => {
    expect(licenceExpiringFinding(licence, '2027-03-01', 30).severity).toBe('critical');
    expect(licenceExpiringFinding(licence, '2027-02-28', 30).severity).toBeUndefined();
    expect(licenceExpiringFinding(licence, '2027-03-31', 0).severity).toBe('critical');
    expect(licenceExpiringFinding(licence, '2027-03-31', null).severity).toBeUndefined();
  });
});
