import type { MigrationInterface, QueryRunner } from 'typeorm';

const PROGRAMME_SOURCE =
  'Federal project on rare and rare-earth metals: tass.com/economy/2077551 (Jan 2026), tass.ru/ekonomika/24967801 (Sep 2025)';

const tolerances = { atRiskTolerance: '0.05', offTrackTolerance: '0.15', path: [] };

/**
 * The programme's defaults (../shared/DOMAIN.md). Changed later only through
 * the configuration API, which appends a version; this seed stays as it was.
 */
const DEFAULTS: Record<string, object> = {
  'target:import-dependence': {
    name: 'Import dependence (share of imports in apparent consumption)',
    unit: '%',
    direction: 'decrease',
    baselineYear: 2024,
    baselineValue: '75',
    targetYear: 2030,
    targetValue: '48',
    ...tolerances,
    source: `${PROGRAMME_SOURCE}; earlier targets were 45% (Feb 2025) and 15% (Jul 2024)`,
  },
  'target:output-large-tonnage': {
    name: 'Output of large-tonnage rare metals (metal content)',
    unit: 't/yr',
    direction: 'increase',
    baselineYear: 2024,
    baselineValue: null,
    targetYear: 2030,
    targetValue: '50000',
    ...tolerances,
    source: PROGRAMME_SOURCE,
  },
  'target:output-small-tonnage': {
    name: 'Output of small-tonnage rare metals (metal content)',
    unit: 't/yr',
    direction: 'increase',
    baselineYear: 2024,
    baselineValue: null,
    targetYear: 2030,
    targetValue: '80000',
    ...tolerances,
    source: `${PROGRAMME_SOURCE}; RIA (Minpromtorg, Minprirody) gives up to 80 t instead`,
  },
  'target:new-plants': {
    name: 'New plants commissioned since the baseline',
    unit: 'plants',
    direction: 'increase',
    baselineYear: 2024,
    baselineValue: '0',
    targetYear: 2030,
    targetValue: '15',
    ...tolerances,
    source: `${PROGRAMME_SOURCE}; the Sep 2025 presentation said 10`,
  },
  'target:critical-products': {
    name: 'Critical products made in Russia (domestic output > 0 in the trailing 12 months)',
    unit: 'products',
    direction: 'increase',
    baselineYear: 2024,
    baselineValue: null,
    targetYear: 2030,
    targetValue: '65',
    ...tolerances,
    source: PROGRAMME_SOURCE,
  },
  'target:output-value': {
    name: 'Output value at reference prices',
    unit: 'kopecks/yr',
    direction: 'increase',
    baselineYear: 2024,
    baselineValue: '2900000000000',
    targetYear: 2030,
    targetValue: '10000000000000',
    ...tolerances,
    source: `${PROGRAMME_SOURCE}: 29 to 100 bn RUB a year`,
  },
  'rule:target.at_risk': { enabled: true, severity: 'warning' },
  'rule:target.off_track': { enabled: true, severity: 'critical' },
  'rule:import_dependence.above_target': { enabled: true, severity: 'warning' },
  'rule:reporting.deadline_missed': { enabled: true, severity: 'warning' },
  'rule:subsidy.budget_utilisation': { enabled: true, severity: 'warning', thresholdPercent: '90' },
  'rule:registry.licence_revoked_output': { enabled: true, severity: 'critical' },
  'rule:output.sudden_drop': { enabled: true, severity: 'warning', dropFraction: '0.5', trailingPeriods: 3 },
  'rule:trade.export_discrepancy': { enabled: true, severity: 'warning', tolerance: '0.1' },
};

/** Targets, alert rules and reference data as versioned data with an effective date and an audit trail. */
export class CreateConfiguration1764400400000 implements MigrationInterface {
  name = 'CreateConfiguration1764400400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE config_version (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        version int NOT NULL,
        effective_from date NOT NULL,
        value jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        recorded_by text NOT NULL,
        reason text NOT NULL,
        UNIQUE (key, version)
      )`);
    await queryRunner.query(`CREATE INDEX config_version_effective ON config_version (key, effective_from, version)`);
    for (const [key, value] of Object.entries(DEFAULTS)) {
      await queryRunner.query(
        `INSERT INTO config_version (key, version, effective_from, value, recorded_at, recorded_by, reason)
         VALUES ($1, 1, '2024-01-01', $2, '2024-01-01T00:00:00Z', 'migration', 'Programme defaults (DOMAIN.md)')`,
        [key, JSON.stringify(value)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE config_version`);
  }
}
