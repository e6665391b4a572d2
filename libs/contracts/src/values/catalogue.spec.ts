import { validateSync } from 'class-validator';
import { IsHsCode } from './catalogue';

class Typed {
  @IsHsCode()
  hsCode!: string;
}

class Published {
  @IsHsCode({ shapeOnly: true })
  hsCode!: string;
}

function errorsOf(target: Typed | Published, hsCode: string): string[] {
  target.hsCode = hsCode;
  return validateSync(target).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('IsHsCode', () => {
  it.each(['2846.90', '8112.92', '2614', '2836.91.00', '0101', '9701.10', '7601'])('takes %s', (code) => {
    expect(errorsOf(new Typed(), code)).toEqual([]);
  });

  it.each([
    ['chapter 00', '0012'],
    ['reserved chapter 77', '7701.10'],
    ['chapter 98, not in the tariff', '9801'],
    ['heading 00', '2800.10'],
    ['a dotless sub-heading', '284690'],
    ['one digit after the dot', '2846.9'],
  ])('refuses %s', (_, code) => {
    expect(errorsOf(new Typed(), code)).toEqual([
      'hsCode must be an HS code of the tariff (chapters 01–97, not 77) such as 2846.90 or 2614',
    ]);
  });

  it('reads an event with a code outside the tariff by its shape, so old catalogue entries still arrive', () => {
    expect(errorsOf(new Published(), '7701.10')).toEqual([]);
    expect(errorsOf(new Published(), '2846.9')).toHaveLength(1);
  });
});
