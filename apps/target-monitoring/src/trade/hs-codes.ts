import type { CatalogueProduct } from '../programme/inputs';

/** Same code, or one a finer subdivision of the other (`2846.90` and `2846.90.10`). */
export function hsCodesMatch(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** A `00` subdivision is the whole of what it subdivides: `2836.91.00` is `2836.91`, `2614.00` is `2614`. */
export function normalHsCode(code: string): string {
  return code.replace(/(\.00)+$/, '');
}

export type Catalogue = Map<string, Pick<CatalogueProduct, 'code' | 'hsCode'>>;

/** The catalogue products whose HS code matches (sorted): several when the code is shared, as 2846.90 is. */
export function productsUnder(hsCode: string, catalogue: Catalogue): string[] {
  return [...catalogue.values()]
    .filter((product) => hsCodesMatch(product.hsCode, hsCode))
    .map((product) => product.code)
    .sort();
}

/**
 * The product a customs figure belongs to: the one named on the row, else the
 * only catalogue product with a matching HS code. Null when several products
 * share the code (e.g. 2846.90 covers Nd, Pr, Dy and Tb oxides): such a figure
 * is the sum of their flows, and leaves each one's share unknown.
 */
export function productFor(row: { hsCode: string; productCode: string | null }, catalogue: Catalogue): string | null {
  if (row.productCode) return row.productCode;
  const matching = productsUnder(row.hsCode, catalogue);
  return matching.length === 1 ? matching[0] : null;
}
