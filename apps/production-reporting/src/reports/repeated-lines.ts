export interface RepeatedLine<T> {
  line: T;
  /** The earlier line it repeats. */
  first: T;
}

/**
 * Lines that describe output another line of the same report already gave.
 * A report is one company's output at one site (and so one licence) in one
 * period, and a line carries nothing but the product and its amounts, in the
 * unit the catalogue fixes for the product: no grade, batch or buyer that could
 * tell two lines of one product apart. So the product identifies a line, and a
 * second line of it, identical or not, is output counted twice by every sum
 * downstream, and would split a product's amounts under the per-line
 * plausibility bound.
 */
export function repeatedLines<T extends { productCode: string }>(lines: readonly T[]): RepeatedLine<T>[] {
  const firstOf = new Map<string, T>();
  const repeated: RepeatedLine<T>[] = [];
  for (const line of lines) {
    const first = firstOf.get(line.productCode);
    if (first) repeated.push({ line, first });
    else firstOf.set(line.productCode, line);
  }
  return repeated;
}
