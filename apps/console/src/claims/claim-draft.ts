import type { ClaimLineInput, CostCategory } from '@redmet/contracts/vocabulary';
import type { Claim, ClaimContent } from '../api/subsidy';
import { kopecksToRoubleText, normaliseDecimal, parseRoubles } from '../common/format';
import type { Language } from '../i18n/i18n';

/** A claim line as the form holds it: money as roubles typed by a person. */
export interface LineDraft {
  basis: 'cost' | 'discount';
  category: CostCategory;
  description: string;
  amount: string;
  productCode: string;
  quantity: string;
  policyPrice: string;
  invoicedPrice: string;
  buyerName: string;
  buyerInn: string;
  documentNumber: string;
}

export interface ClaimDraft {
  period: string;
  reportIds: string[];
  lines: LineDraft[];
  noTaxArrears: boolean;
  notInLiquidation: boolean;
  annualRevenue: string;
}

export const EMPTY_LINE: LineDraft = {
  basis: 'cost',
  category: 'processing',
  description: '',
  amount: '',
  productCode: '',
  quantity: '',
  policyPrice: '',
  invoicedPrice: '',
  buyerName: '',
  buyerInn: '',
  documentNumber: '',
};

const roubles = (kopecks: string | null) => (kopecks ? kopecksToRoubleText(kopecks) : '');

export function draftOf(claim: Claim): ClaimDraft {
  return {
    period: claim.period,
    reportIds: claim.reportIds,
    noTaxArrears: claim.noTaxArrears,
    notInLiquidation: claim.notInLiquidation,
    annualRevenue: roubles(claim.annualRevenueKopecks),
    lines: (claim.lines ?? []).map((line) => ({
      basis: line.basis,
      category: line.category ?? 'processing',
      description: line.description ?? '',
      amount: roubles(line.amountKopecks),
      productCode: line.productCode ?? '',
      quantity: line.quantity ?? '',
      policyPrice: roubles(line.policyPriceKopecks),
      invoicedPrice: roubles(line.invoicedPriceKopecks),
      buyerName: line.buyerName ?? '',
      buyerInn: line.buyerInn ?? '',
      documentNumber: line.documentNumber,
    })),
  };
}

/**
 * The API's content, or the fields whose roubles could not be read (keyed like the API's field names).
 * `saved` is the claim as it was: an optional field emptied here is sent as null, which clears it
 * (left out of the update, the old value would stay).
 */
export function contentOf(
  draft: ClaimDraft,
  language: Language,
  saved?: ClaimDraft,
): { content: ClaimContent; invalid: Map<string, true> } {
  const invalid = new Map<string, true>();
  const money = (text: string, field: string): string | undefined => {
    if (text.trim() === '') return undefined;
    const kopecks = parseRoubles(text, language);
    if (kopecks === null) invalid.set(field, true);
    return kopecks ?? undefined;
  };
  const lines = draft.lines.map((line, index): ClaimLineInput => {
    const at = `lines.${index}`;
    if (line.basis === 'cost') {
      return {
        basis: 'cost',
        category: line.category,
        description: line.description.trim(),
        amountKopecks: money(line.amount, `${at}.amountKopecks`),
        documentNumber: line.documentNumber.trim(),
      };
    }
    return {
      basis: 'discount',
      productCode: line.productCode,
      quantity: normaliseDecimal(line.quantity, language),
      policyPriceKopecks: money(line.policyPrice, `${at}.policyPriceKopecks`),
      invoicedPriceKopecks: money(line.invoicedPrice, `${at}.invoicedPriceKopecks`),
      buyerName: line.buyerName.trim(),
      ...(line.buyerInn.trim() ? { buyerInn: line.buyerInn.trim() } : {}),
      documentNumber: line.documentNumber.trim(),
    };
  });
  // Only the revenue may be null in the API's update; blanks in lines are left out, as lines are replaced whole.
  const annualRevenueKopecks =
    draft.annualRevenue.trim() === '' && saved?.annualRevenue.trim()
      ? null
      : money(draft.annualRevenue, 'annualRevenueKopecks');
  return {
    content: {
      period: draft.period.trim(),
      reportIds: draft.reportIds,
      lines,
      noTaxArrears: draft.noTaxArrears,
      notInLiquidation: draft.notInLiquidation,
      ...(annualRevenueKopecks !== undefined ? { annualRevenueKopecks } : {}),
    },
    invalid,
  };
}
