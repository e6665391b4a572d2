import type { AlertRuleId, AlertSeverity } from '@redmet/contracts';

/** The national targets tracked; each has a `target:<key>` configuration. */
export const TARGET_KEYS = [
  'import-dependence',
  'output-large-tonnage',
  'output-small-tonnage',
  'new-plants',
  'critical-products',
  'output-value',
] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

export interface TrajectoryPoint {
  year: number;
  value: string;
}

export interface TargetSettings {
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baselineYear: number;
  /** Null: measured from the baseline year's figures. */
  baselineValue: string | null;
  targetYear: number;
  targetValue: string;
  /** Intermediate values at year ends; empty for a straight line from baseline to target. */
  path: TrajectoryPoint[];
  /** Shortfall against the trajectory, as a share of the whole planned change, still counted on track. */
  atRiskTolerance: string;
  /** Shortfall beyond which the target is off track (between the two: at risk). */
  offTrackTolerance: string;
  source: string;
}

export interface RuleSettings {
  enabled: boolean;
  severity: AlertSeverity;
  /** subsidy.budget_utilisation: alert above this utilisation, in percent. */
  thresholdPercent?: string;
  /** output.sudden_drop: alert when output falls more than this share below the trailing average. */
  dropFraction?: string;
  /** output.sudden_drop: how many preceding periods make the average. */
  trailingPeriods?: number;
  /** trade.export_discrepancy: largest accepted relative difference between reported and customs exports. */
  tolerance?: string;
  /** registry.licence_expiring_output: alert this many days before a producing licence's last valid day, or fewer. */
  noticeDays?: number;
  /** registry.licence_expiring_output: critical from this many days left on; null: `severity` throughout. */
  criticalDays?: number | null;
}

/** Which optional settings each rule has; others are refused. */
export const RULE_PARAMETERS: Record<AlertRuleId, (keyof RuleSettings)[]> = {
  'target.at_risk': [],
  'target.off_track': [],
  'import_dependence.above_target': [],
  'reporting.deadline_missed': [],
  'subsidy.budget_utilisation': ['thresholdPercent'],
  'registry.licence_revoked_output': [],
  'registry.licence_expiring_output': ['noticeDays', 'criticalDays'],
  'output.sudden_drop': ['dropFraction', 'trailingPeriods'],
  'trade.export_discrepancy': ['tolerance'],
};

/** Reference data per catalogue product, for value and metal-content aggregation; `product:<code>`. */
export interface ProductReference {
  /** Integer kopecks per tonne of product. */
  referencePriceKopecksPerTonne: string | null;
  /** Tonnes of metal content per tonne of product, for converting customs tonnages. */
  metalContentFactor: string | null;
}

export const configKey = {
  target: (key: TargetKey) => `target:${key}`,
  rule: (id: AlertRuleId) => `rule:${id}`,
  product: (code: string) => `product:${code}`,
};
