import type { RejectionReason } from '@redmet/contracts';
import { inTonnes, type PlausibilityBounds } from './plausibility';
import { type LineContent, type ProductFacts, reason } from './report-content';

export interface LineFindings {
  /** Rules a line definitely breaks. */
  broken: RejectionReason[];
  /** Products the catalogue has not published (yet). */
  missing: RejectionReason[];
}

const AMOUNTS = [
  ['quantity', 'quantity'],
  ['domesticShipments', 'domestic shipments'],
  ['exports', 'exports'],
] as const;

/**
 * The rules each line must keep on its own: a catalogued product in the
 * catalogue's unit, amounts within the product's plausible bound, and no more
 * metal in it than the quantity itself weighs. Without `bounds`, the amounts
 * are not checked (see ReportCheck.bounds).
 */
export function checkLines(
  lines: readonly LineContent[],
  products: ReadonlyMap<string, ProductFacts>,
  bounds: PlausibilityBounds | null,
): LineFindings {
  const findings: LineFindings = { broken: [], missing: [] };
  for (const line of lines) {
    const product = products.get(line.productCode);
    if (!product) {
      findings.missing.push(
        reason(
          'PRODUCT_UNKNOWN',
          `Product ${line.productCode} is not in the catalogue of critical products`,
          line.lineNo,
        ),
      );
    } else if (product.unit !== line.unit) {
      findings.broken.push(
        reason('UNIT_MISMATCH', `${line.productCode} is reported in ${product.unit}, not ${line.unit}`, line.lineNo),
      );
    }
    if (bounds) findings.broken.push(...checkAmounts(line, bounds));
  }
  return findings;
}

function checkAmounts(line: LineContent, bounds: PlausibilityBounds): RejectionReason[] {
  const found: RejectionReason[] = [];
  const bound = bounds.boundFor(line.productCode);
  for (const [field, label] of AMOUNTS) {
    if (inTonnes(line[field], line.unit).greaterThan(bound)) {
      found.push(
        reason(
          'QUANTITY_IMPLAUSIBLE',
          `The ${label} of ${line.productCode} (${line[field]} ${line.unit}) is above the plausible ${bound.toFixed()} t for one period`,
          line.lineNo,
        ),
      );
    }
  }
  const quantityTonnes = inTonnes(line.quantity, line.unit);
  if (inTonnes(line.metalContentTonnes, 't').greaterThan(quantityTonnes)) {
    found.push(
      reason(
        'METAL_CONTENT_EXCEEDS_QUANTITY',
        `The metal content (${line.metalContentTonnes} t) is more than the quantity of ${line.productCode} (${quantityTonnes.toFixed()} t)`,
        line.lineNo,
      ),
    );
  }
  return found;
}
