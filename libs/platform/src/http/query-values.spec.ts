import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, validateSync } from 'class-validator';
import { QueryBoolean, QueryInteger } from './query-values';

class Query {
  @IsOptional()
  @QueryInteger()
  @IsInt()
  year?: number;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;
}

const read = (query: Record<string, string>) => {
  const value = plainToInstance(Query, query);
  return { value, failed: validateSync(value).map((error) => error.property) };
};

describe('query values', () => {
  it('reads decimal whole numbers, negative ones too', () => {
    expect(read({ year: '2026' })).toEqual({ value: Object.assign(new Query(), { year: 2026 }), failed: [] });
    expect(read({ year: '-3' }).value.year).toBe(-3);
  });

  it.each(['0x7EA', '1e3', ' 12', '12 ', '', '2026.0', '+5', '1234567890123456'])(
    'refuses %p as a whole number, naming the parameter',
    (year) => {
      expect(read({ year })).toEqual({ value: Object.assign(new Query(), { year }), failed: ['year'] });
    },
  );

  it('reads true and false, and refuses any other word', () => {
    expect(read({ overdue: 'true' }).value.overdue).toBe(true);
    expect(read({ overdue: 'false' }).value.overdue).toBe(false);
    expect(read({ overdue: '1' }).failed).toEqual(['overdue']);
    expect(read({ overdue: 'TRUE' }).failed).toEqual(['overdue']);
  });
});
