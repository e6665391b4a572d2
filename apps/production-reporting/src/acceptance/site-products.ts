import { type ElementSymbol, RARE_EARTHS } from '@redmet/contracts';
import type { LineFindings } from './line-rules';
import { reason, type RegistryFacts, type ReportContent } from './report-content';

const RARE_EARTH_SET: ReadonlySet<ElementSymbol> = new Set(RARE_EARTHS);

/** A deposit of mixed rare earths yields each of them, and a product of mixed rare earths comes from any. */
function holds(metals: readonly ElementSymbol[], element: ElementSymbol): boolean {
  if (metals.includes(element)) return true;
  if (!RARE_EARTH_SET.has(element)) return false;
  return element === 'REE' ? metals.some((metal) => RARE_EARTH_SET.has(metal)) : metals.includes('REE');
}

/**
 * Each line's product can come from the report's site: a plant makes the products the registry lists
 * for it (when it lists any), and a deposit alone yields products of its metals (a plant's own deposit
 * is not asked: the plant may process ore from elsewhere). What the view does not know yet is left
 * open, as the other rules leave it. The reasons list neither the plant's products nor the deposit's metals: a pending
 * version can gain one on every line, and its decision event must stay within the size the line limit
 * is checked against (decision-size.ts).
 */
export function checkProductsAtSite(report: ReportContent, facts: RegistryFacts): LineFindings {
  const findings: LineFindings = { broken: [], missing: [] };
  if (report.lines.length === 0) return findings;
  if (report.facilityId) {
    const codes = facts.facility?.productCodes;
    // The registry's product list of a plant is optional: a plant registered without one is not held to any.
    if (!codes || codes.length === 0) return findings;
    for (const line of report.lines.filter(({ productCode }) => !codes.includes(productCode))) {
      findings.broken.push(
        reason(
          'PRODUCT_NOT_AT_SITE',
          `Facility ${report.facilityId} is not registered as making ${line.productCode}`,
          line.lineNo,
        ),
      );
    }
    return findings;
  }
  const metals = facts.deposit?.metals;
  if (!metals) return findings;
  for (const line of report.lines) {
    const elements = facts.products.get(line.productCode)?.elements;
    if (elements && !elements.some((element) => holds(metals, element))) {
      findings.broken.push(
        reason(
          'PRODUCT_NOT_AT_SITE',
          `Deposit ${report.depositId} holds none of the metals ${line.productCode} is made of`,
          line.lineNo,
        ),
      );
    }
  }
  return findings;
}
