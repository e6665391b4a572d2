import type { CatalogueProduct } from '../programme/inputs';
import { hsCodesMatch, normalHsCode, productFor, productsUnder } from './hs-codes';

const product = (code: string, hsCode: string): [string, CatalogueProduct] => [
  code,
  { code, hsCode, name: code, tonnageClass: 'small' },
];

describe('HS codes', () => {
  const catalogue = new Map([
    product('LI-CARBONATE', '2836.91'),
    product('ND-OXIDE', '2846.90'),
    product('DY-OXIDE', '2846.90'),
  ]);

  it('match at any depth of subdivision, not across headings', () => {
    expect(hsCodesMatch('2836.91', '2836.91.00')).toBe(true);
    expect(hsCodesMatch('2846.90.10', '2846.90')).toBe(true);
    expect(hsCodesMatch('2846.10', '2846.90')).toBe(false);
    expect(hsCodesMatch('2614', '2614.00')).toBe(true);
  });

  it('read a 00 subdivision as the whole of what it subdivides', () => {
    expect(['2836.91.00', '2614.00', '2614.00.00', '2846.90.10'].map(normalHsCode)).toEqual([
      '2836.91',
      '2614',
      '2614',
      '2846.90.10',
    ]);
  });

  it('give a customs figure to the product named on it, else to the only product with its code', () => {
    expect(productFor({ hsCode: '2846.90', productCode: 'DY-OXIDE' }, catalogue)).toBe('DY-OXIDE');
    expect(productFor({ hsCode: '2836.91.00', productCode: null }, catalogue)).toBe('LI-CARBONATE');
    expect(productFor({ hsCode: '2846.90', productCode: null }, catalogue)).toBeNull();
    expect(productFor({ hsCode: '8112.92', productCode: null }, catalogue)).toBeNull();
  });

  it('list the catalogue products a code covers, at any depth of subdivision', () => {
    expect(productsUnder('2846.90.00', catalogue)).toEqual(['DY-OXIDE', 'ND-OXIDE']);
    expect(productsUnder('2846', catalogue)).toEqual(['DY-OXIDE', 'ND-OXIDE']);
    expect(productsUnder('2836.91', catalogue)).toEqual(['LI-CARBONATE']);
    expect(productsUnder('8112.92', catalogue)).toEqual([]);
  });
});
