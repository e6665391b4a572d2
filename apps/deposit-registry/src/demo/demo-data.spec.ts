import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RegisterCompanyDto } from '../companies/dto/company.dto';
import { calendarDay } from '@redmet/platform';
import { RegisterDepositDto } from '../deposits/dto/deposit.dto';
import { RegisterFacilityDto } from '../facilities/dto/facility.dto';
import { IssueLicenceDto } from '../licences/dto/licence.dto';
import { AddProductDto } from '../products/dto/product.dto';
import { DEMO_COMPANIES } from './data/companies';
import { DEMO_DEPOSITS } from './data/deposits';
import { DEMO_FACILITIES } from './data/facilities';
import { DEMO_LICENCES } from './data/licences';
import { DEMO_PRODUCTS } from './data/products';

/** The loader calls the services directly, so the data gets the HTTP API's validation here instead. */
function problems(dto: new () => object, plain: object): string[] {
  const errors = validateSync(plainToInstance(dto, plain), { whitelist: true, forbidNonWhitelisted: true });
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

const duplicates = (values: string[]) => values.filter((value, i) => values.indexOf(value) !== i);

describe('demo data', () => {
  it.each(Object.values(DEMO_COMPANIES).map((c) => [c.legalName, c]))(
    'company %s is valid (INN check digits included)',
    (_name, company) => {
      expect(problems(RegisterCompanyDto, company)).toEqual([]);
    },
  );

  it.each(Object.values(DEMO_DEPOSITS).map((d) => [d.name, d]))('deposit %s is valid', (_name, deposit) => {
    expect(problems(RegisterDepositDto, deposit)).toEqual([]);
  });

  it.each(DEMO_PRODUCTS.map((p) => [p.code, p]))('product %s is valid', (_code, product) => {
    expect(problems(AddProductDto, product)).toEqual([]);
  });

  it.each(DEMO_LICENCES.map((l) => [l.number, l]))(
    'licence %s is valid and ends after it starts',
    (_number, { holder: _h, deposit: _d, ...licence }) => {
      expect(problems(IssueLicenceDto, { ...licence, holderCompanyId: randomUUID(), depositId: randomUUID() })).toEqual(
        [],
      );
      expect(licence.validTo > licence.validFrom).toBe(true);
    },
  );

  it.each(DEMO_FACILITIES.map((f) => [f.name, f]))(
    'facility %s is valid, dated in the past, with catalogue products',
    (_name, { operator: _o, deposit: _d, ...facility }) => {
      expect(problems(RegisterFacilityDto, { ...facility, operatorCompanyId: randomUUID() })).toEqual([]);
      expect(facility.statusSince! <= calendarDay(new Date(), 'UTC')).toBe(true);
      const catalogue = DEMO_PRODUCTS.map((product) => product.code);
      expect(facility.productCodes?.filter((code) => !catalogue.includes(code))).toEqual([]);
    },
  );

  it('has no two records with the key the loader matches them by', () => {
    expect(duplicates(Object.values(DEMO_COMPANIES).map((c) => c.inn))).toEqual([]);
    expect(duplicates(Object.values(DEMO_DEPOSITS).map((d) => d.name))).toEqual([]);
    expect(duplicates(DEMO_PRODUCTS.map((p) => p.code))).toEqual([]);
    expect(duplicates(DEMO_LICENCES.map((l) => l.number))).toEqual([]);
    expect(duplicates(DEMO_FACILITIES.map((f) => f.name))).toEqual([]);
  });
});
