export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** Alert rules; target-monitoring keeps each one's settings as the `rule:<id>` configuration. */
export const ALERT_RULE_IDS = [
  'target.at_risk',
  'target.off_track',
  'import_dependence.above_target',
  'reporting.deadline_missed',
  'subsidy.budget_utilisation',
  'registry.licence_revoked_output',
  'registry.licence_expiring_output',
  'output.sudden_drop',
  'trade.export_discrepancy',
] as const;
export type AlertRuleId = (typeof ALERT_RULE_IDS)[number];

/** A target's standing against its trajectory (no data: nothing measured yet in its window). */
export const TARGET_STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** What the output drill-down groups by (`site`: the facility or, without one, the deposit). */
export const OUTPUT_DIMENSIONS = ['period', 'product', 'element', 'tonnageClass', 'company', 'region', 'site'] as const;
export type OutputDimension = (typeof OUTPUT_DIMENSIONS)[number];

/** Customs statistics' direction: into the country or out of it. */
export const TRADE_FLOWS = ['import', 'export'] as const;
export type TradeFlow = (typeof TRADE_FLOWS)[number];

/** A customs export figure beside the exports producers reported of its products over its months. */
export interface ExportComparison {
  hsCode: string;
  productCode: string | null;
  period: string;
  /** The catalogue products under its HS code (the one it names, if it names one). */
  products: string[];
  customsExportsTonnes: string;
  reportedExportsTonnes: string;
  differenceTonnes: string;
  /** |reported − customs| ÷ the larger of the two, a decimal fraction. */
  relativeDifference: string;
  tolerance: string;
  withinTolerance: boolean;
  producers: { companyId: string; name: string | null; reportedExportsTonnes: string }[];
}

/**
 * Customs export figures under a code of no catalogue product, per code: no
 * producer reports such exports, so a comparison would differ by the whole
 * figure for ever.
 */
export interface NotCompared {
  hsCode: string;
  periods: string[];
  customsExportsTonnes: string;
  reason: 'no_catalogue_product';
  note: string;
}
