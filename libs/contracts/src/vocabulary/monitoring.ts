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
