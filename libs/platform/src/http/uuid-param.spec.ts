import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsUuid } from './uuid-param';

class Filter {
  @IsUuid()
  companyId: string;
}

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
});
