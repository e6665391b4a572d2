import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@redmet/platform';
import type { AlertRuleId } from '@redmet/contracts';
import type { Perspective } from '../common/perspective';
import { type ProductReference, type RuleSettings, configKey } from './settings';

export interface ConfigVersion<V = object> {
  key: string;
  version: number;
  effectiveFrom: string;
  value: V;
  recordedAt: string;
  recordedBy: string;
  reason: string;
}

interface ConfigRow {
  key: string;
  version: number;
  effective_from: string;
  value: object;
  recorded_at: Date;
  recorded_by: string;
  reason: string;
}

const COLUMNS = `key, version, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, value, recorded_at, recorded_by, reason`;

function toVersion<V>(row: ConfigRow): ConfigVersion<V> {
  return {
    key: row.key,
    version: row.version,
    effectiveFrom: row.effective_from,
    value: row.value as V,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
    reason: row.reason,
  };
}

/**
 * Configuration as data: every change is a new version with the day it takes
 * effect, who recorded it, when and why. A version applies from its effective
 * day until the next version's; asked "as known then", versions recorded later
 * are left out.
 */
/** Rule settings are read by every event's rules; a change recorded elsewhere shows within this time. */
const RULE_CACHE_MS = 1000;

@Injectable()
export class ConfigurationStore {
  private readonly rules = new Map<AlertRuleId, { settings: RuleSettings; readAt: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async effective<V>(
    prefix: string,
    perspective: Pick<Perspective, 'asOf' | 'knownAt'>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ConfigVersion<V>>> {
    const rows: ConfigRow[] = await manager.query(
      `SELECT DISTINCT ON (key) ${COLUMNS} FROM config_version
        WHERE starts_with(key, $1) AND effective_from <= $2::date
          AND ($3::timestamptz IS NULL OR recorded_at <= $3)
        ORDER BY key, effective_from DESC, version DESC`,
      [prefix, perspective.asOf, perspective.knownAt],
    );
    return new Map(rows.map((row) => [row.key, toVersion<V>(row)]));
  }

  async rule(id: AlertRuleId, manager: EntityManager = this.dataSource.manager): Promise<RuleSettings> {
    const cached = this.rules.get(id);
    if (cached && Date.now() - cached.readAt < RULE_CACHE_MS) return cached.settings;
    const found = await this.effective<RuleSettings>(
      configKey.rule(id),
      { asOf: this.clock.today(), knownAt: null },
      manager,
    );
    const settings = found.get(configKey.rule(id))?.value ?? { enabled: false, severity: 'warning' };
    this.rules.set(id, { settings, readAt: Date.now() });
    return settings;
  }

  async productReferences(
    perspective: Pick<Perspective, 'asOf' | 'knownAt'>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ProductReference>> {
    const found = await this.effective<ProductReference>('product:', perspective, manager);
    return new Map([...found.values()].map((entry) => [entry.key.slice('product:'.length), entry.value]));
  }

  /** The version in effect from each effective date of `key` after `date`, earliest first. */
  async effectiveAfter<V>(manager: EntityManager, key: string, date: string): Promise<ConfigVersion<V>[]> {
    const rows: ConfigRow[] = await manager.query(
      `SELECT DISTINCT ON (effective_from) ${COLUMNS} FROM config_version
        WHERE key = $1 AND effective_from > $2::date
        ORDER BY effective_from, version DESC`,
      [key, date],
    );
    return rows.map((row) => toVersion<V>(row));
  }

  async history(key: string): Promise<ConfigVersion[]> {
    const rows: ConfigRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM config_version WHERE key = $1 ORDER BY version`,
      [key],
    );
    return rows.map((row) => toVersion(row));
  }

  /**
   * Held by a change of `key` until it commits, from before it reads the
   * version it merges onto: two changes at once then apply one after the
   * other, the second merged onto the first and numbered after it, rather
   * than both onto the same version, the second dropping the first.
   */
  async lockForChange(manager: EntityManager, key: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`config:${key}`]);
  }

  /** A new version of `key`, by a transaction holding `lockForChange`. */
  async record(
    manager: EntityManager,
    key: string,
    change: { value: object; effectiveFrom: string; recordedBy: string; reason: string },
  ): Promise<ConfigVersion> {
    const rows: ConfigRow[] = await manager.query(
      `INSERT INTO config_version (key, version, effective_from, value, recorded_by, reason)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM config_version WHERE key = $1
       RETURNING ${COLUMNS}`,
      [key, change.effectiveFrom, JSON.stringify(change.value), change.recordedBy, change.reason],
    );
    this.rules.clear();
    return toVersion(rows[0]);
  }
}
