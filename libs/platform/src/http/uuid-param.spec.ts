import { plainToInstance } from 'class-transformer';
import { ArrayUnique, validateSync } from 'class-validator';
import { IsUuid } from './uuid-param';

class Filter {
  @IsUuid()
  companyId: string;
}

class Reports {
  @ArrayUnique()
  @IsUuid({ each: true })
  reportIds: string[];
}

const ID = '0b6f1e52-3c1a-4e4b-9d67-6a0c2b6f8e11';

describe('IsUuid', () => {
  it('takes a UUID in either case in lower case, as stored ids and the caller’s company are compared', () => {
    const filter = plainToInstance(Filter, { companyId: '0B6F1E52-3C1A-4E4B-9D67-6A0C2B6F8E11' });
    expect(validateSync(filter)).toEqual([]);
    expect(filter.companyId).toBe('0b6f1e52-3c1a-4e4b-9d67-6a0c2b6f8e11');
  });

  it('refuses what is not a UUID, naming the field', () => {
    const [error] = validateSync(plainToInstance(Filter, { companyId: 'c-1' }));
    expect(error.property).toBe('companyId');
  });

  it('leaves an array alone when it takes one UUID, as before', () => {
    const filter = plainToInstance(Filter, { companyId: [ID.toUpperCase()] });
    expect(filter.companyId).toEqual([ID.toUpperCase()]);
    expect(validateSync(filter)).toHaveLength(1);
  });

  describe('with { each: true }', () => {
    it('takes every UUID of an array in lower case, so one id in two cases is one id', () => {
      const reports = plainToInstance(Reports, { reportIds: [ID.toUpperCase(), ID] });
      expect(reports.reportIds).toEqual([ID, ID]);
      const [error] = validateSync(reports);
      expect(error.constraints).toEqual({ arrayUnique: expect.any(String) });
    });

    it('refuses an element that is not a UUID, naming the field', () => {
      const [error] = validateSync(plainToInstance(Reports, { reportIds: [ID, 42, 'last-quarter'] }));
      expect(error).toMatchObject({ property: 'reportIds', constraints: { isUuid: expect.any(String) } });
    });
  });
});
