import type { FieldError } from '@redmet/platform';
import type { ClaimLineBasis, ClaimLineInput, CostCategory } from '@redmet/contracts';
import { maxKopecks, minKopecks, multiplyDown } from '../common/money';
import type { Rates } from '../programmes/programme-rules';

export interface PricedLine {
  lineNo: number;
  basis: ClaimLineBasis;
  category: CostCategory | null;
  description: string | null;
  amountKopecks: string | null;
  productCode: string | null;
  quantity: string | null;
  policyPriceKopecks: string | null;
  invoicedPriceKopecks: string | null;
  buyerName: string | null;
  buyerInn: string | null;
  documentNumber: string;
  documentKey: string;
  basisKopecks: string;
  rate: string;
  compensationKopecks: string;
}

const COST_FIELDS = ['category', 'description', 'amountKopecks'] as const;
const DISCOUNT_FIELDS = [
  'productCode',
  'quantity',
  'policyPriceKopecks',
  'invoicedPriceKopecks',
  'buyerName',
  'buyerInn',
] as const;

/** Invoice numbers are compared without spaces and case: "inv 0012" and "INV0012" are one document. */
export function documentKey(documentNumber: string): string {
  return documentNumber.replace(/\s+/g, '').toUpperCase();
}

/** Rules across fields that the DTO cannot state: a line has the fields of its basis only, a real discount, no repeats. */
export function lineProblems(lines: readonly ClaimLineInput[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Map<string, number>();
  lines.forEach((line, index) => {
    const foreign = line.basis === 'cost' ? DISCOUNT_FIELDS : COST_FIELDS;
    for (const field of foreign.filter((name) => line[name] !== undefined && line[name] !== null)) {
      problems.push({
        field: `lines.${index}.${field}`,
        messages: [`${field} does not belong on a ${line.basis} line`],
      });
    }
    if (line.basis === 'discount' && BigInt(line.invoicedPriceKopecks!) >= BigInt(line.policyPriceKopecks!)) {
      problems.push({
        field: `lines.${index}.invoicedPriceKopecks`,
        messages: ['invoicedPriceKopecks must be below policyPriceKopecks: there is no discount to compensate'],
      });
    }
    const key = documentKey(line.documentNumber);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        field: `lines.${index}.documentNumber`,
        messages: [`document ${line.documentNumber} is already on line ${first + 1} of this claim`],
      });
    } else seen.set(key, index);
  });
  return problems;
}

/**
 * basis × rate per line, rounded down to the kopeck once: a cost line's basis
 * is its amount; a discount line's is (policy − invoiced price) × quantity,
 * kept exact until the rate is applied.
 */
export function priceLines(lines: readonly ClaimLineInput[], rates: Rates): PricedLine[] {
  return lines.map((line, index) => {
    const common = {
      lineNo: index + 1,
      basis: line.basis,
      documentNumber: line.documentNumber,
      documentKey: documentKey(line.documentNumber),
    };
    const none = { category: null, description: null, amountKopecks: null, productCode: null, quantity: null };
    if (line.basis === 'cost') {
      const rate = rates[line.category!];
      const amount = BigInt(line.amountKopecks!);
      return {
        ...common,
        ...none,
        category: line.category!,
        description: line.description!,
        amountKopecks: amount.toString(),
        policyPriceKopecks: null,
        invoicedPriceKopecks: null,
        buyerName: null,
        buyerInn: null,
        basisKopecks: amount.toString(),
        rate,
        compensationKopecks: multiplyDown(amount, rate).toString(),
      };
    }
    const rate = rates.buyer_discount;
    const discountPerUnit = BigInt(line.policyPriceKopecks!) - BigInt(line.invoicedPriceKopecks!);
    return {
      ...common,
      ...none,
      productCode: line.productCode!,
      quantity: line.quantity!,
      policyPriceKopecks: line.policyPriceKopecks!,
      invoicedPriceKopecks: line.invoicedPriceKopecks!,
      buyerName: line.buyerName!,
      buyerInn: line.buyerInn ?? null,
      basisKopecks: multiplyDown(discountPerUnit, line.quantity!).toString(),
      rate,
      compensationKopecks: multiplyDown(discountPerUnit, line.quantity!, rate).toString(),
    };
  });
}

export interface ClaimAmounts {
  computedKopecks: string;
  requestedKopecks: string;
}

/** requested = Σ compensation, within what the company cap leaves after the company's other claims of the year. */
export function claimAmounts(
  lines: readonly PricedLine[],
  capKopecks: bigint,
  usedByOtherClaims: bigint,
): ClaimAmounts {
  const computed = lines.reduce((sum, line) => sum + BigInt(line.compensationKopecks), 0n);
  const room = maxKopecks(0n, capKopecks - usedByOtherClaims);
  return { computedKopecks: computed.toString(), requestedKopecks: minKopecks(computed, room).toString() };
}
