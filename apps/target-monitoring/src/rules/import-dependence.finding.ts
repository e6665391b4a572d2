import Decimal from 'decimal.js';
import type { Finding } from '../alerts/finding';
import type { MonthWindow } from '../common/months';
import { leastImportedPercent, type ProductBalance } from '../programme/import-dependence';

/**
 * A product above the import dependence the programme expects of the country
 * today: by its share, or, when exports exceed its output, by the least share
 * it can have imported, so that only a product certainly above is alerted on.
 * Without customs figures or consumption there is nothing to judge.
 */
export function importDependenceFinding(
  product: ProductBalance,
  name: string,
  expected: string,
  window: MonthWindow,
): Finding | null {
  const over = `over ${window.from.slice(0, 7)}..${window.to.slice(0, 7)}`;
  const above = `above the ${expected}% the programme expects today`;
  const details = {
    productCode: product.productCode,
    productName: name,
    importDependencePercent: product.importDependencePercent,
    importDependenceRangePercent: null as { from: string; to: string } | null,
    importDependenceWithheld: product.importDependenceWithheld,
    expectedPercent: expected,
    outputTonnes: product.outputTonnes,
    importsTonnes: product.importsTonnes,
    exportsTonnes: product.exportsTonnes,
    apparentConsumptionTonnes: product.apparentConsumptionTonnes,
    from: window.from.slice(0, 7),
    to: window.to.slice(0, 7),
  };
  const share = product.importDependencePercent;
  if (share !== null) {
    if (!new Decimal(share).greaterThan(expected)) return null;
    return {
      title: `Import dependence of ${name} is ${share}%`,
      message:
        `${name}: imports ${product.importsTonnes} t of an apparent consumption of ${product.apparentConsumptionTonnes} t ` +
        `${over}, ${above}.`,
      details,
    };
  }
  if (product.importDependenceWithheld?.reason !== 'exports_exceed_output') return null;
  const least = leastImportedPercent(product.importsTonnes, product.exportsTonnes, product.apparentConsumptionTonnes);
  if (least === null || !new Decimal(least).greaterThan(expected)) return null;
  return {
    title: `Import dependence of ${name} is between ${least}% and 100%`,
    message:
      `${name}: exports ${product.exportsTonnes} t exceed output ${product.outputTonnes} t ${over}, so imports ` +
      `${product.importsTonnes} t ÷ apparent consumption ${product.apparentConsumptionTonnes} t is no share; at least ` +
      `the imports not exported again were consumed, ${least}% of the consumption, ${above}.`,
    details: { ...details, importDependenceRangePercent: { from: least, to: '100.00' } },
  };
}
