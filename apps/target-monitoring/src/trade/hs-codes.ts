import type { CatalogueProduct } from '../programme/inputs';

/** Same code, or one a finer subdivision of the other (`2846.90` and `2846.90.10`). */
export function hsCodesMatch(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** A `00` subdivision is the whole of what it subdivides: `2836.91.00` is `2836.91`, `2614.00` is `2614`. */
export function normalHsCode(code: string): string {
  return code.replace(/(\.00)+$/, '');
}

/**
 * The product a customs figure belongs to: the one named on the row, else the
 * only catalogue product with a matching HS code. Null when several products
 * share the code (e.g. 2846.90 covers Nd, Pr, Dy and Tb oxides): such figures
 * must be loaded per product to count.
 */
export function productFor(
  row: { hsCode: string; productCode: string | null },
  catalogue: Map<string, Pick<CatalogueProduct, 'code' | 'hsCode'>>,
): string | null {
  if (row.productCode) return row.productCode;
  const matching = [...catalogue.values()].filter((product) => hsCodesMatch(product.hsCode, row.hsCode));
  return matching.length === 1 ? matching[0].code : null;
}
