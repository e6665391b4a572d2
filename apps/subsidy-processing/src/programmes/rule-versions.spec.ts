import type { DomainError } from '@redmet/platform';
import type { ProgrammeVersionDto } from './dto/programme-version.dto';
import type { ProgrammeVersion } from './programme-version.entity';
import { changedRules, mergeRules } from './rule-versions';

const v1 = {
  totalKopecks: '107000000000',
  eligibleProductCodes: ['RE-COMPOUNDS'],
  rates: {
    equipment: '0.5',
    processing: '0.3',
    energy: '0.3',
    transport_logistics: '0.5',
    rnd: '0.7',
    buyer_discount: '0.35',
  },
  companyCapKopecks: '15000000000',
  claimCutoff: '2026-12-01',
  fourEyesThresholdKopecks: '1000000000',
  minRevenueMultiple: '2',
  clawbackBasis: 'metal_content',
  clawbackMultiplier: '1',
  clawbackDueWorkingDays: 10,
  resultsDueOn: '2027-02-01',
} as ProgrammeVersion;

const change = (fields: Partial<ProgrammeVersionDto>) =>
  ({ effectiveFrom: '2026-07-01', reason: 'r', ...fields }) as ProgrammeVersionDto;

describe('programme rule versions', () => {
  it('keeps every rule the admin left out, rate by rate', () => {
    const merged = mergeRules(v1, change({ rates: { buyer_discount: '0.3' }, claimCutoff: '2026-11-15' }));
    expect(merged).toMatchObject({ claimCutoff: '2026-11-15', totalKopecks: '107000000000' });
    expect(merged.rates).toEqual({ ...v1.rates, buyer_discount: '0.3' });
    expect(changedRules(v1, merged)).toEqual({ rates: merged.rates, claimCutoff: '2026-11-15' });
  });

  it('wants every rule in the first version of a year, naming the missing ones', () => {
    try {
      mergeRules(null, change({ totalKopecks: '1', rates: { equipment: '0.5' } }));
      throw new Error('expected a refusal');
    } catch (error) {
      const fields = (error as DomainError).fieldErrors.map((problem) => problem.field);
      expect((error as DomainError).code).toBe('PROGRAMME.INCOMPLETE_RULES');
      expect(fields).toContain('eligibleProductCodes');
      expect(fields).toContain('rates.buyer_discount');
      expect(fields).not.toContain('totalKopecks');
      expect(fields).not.toContain('rates.equipment');
    }
  });
});
