import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, type FieldError, type Principal } from '@redmet/platform';
import type { AlertRuleId } from '@redmet/contracts';
import { InputsChanged } from '../alerts/inputs-changed';
import { ConfigurationStore, type ConfigVersion } from './configuration.store';
import { sameSettings } from './same-settings';
import type {
  ConfigChangeDto,
  ProductReferenceChangeDto,
  RuleChangeDto,
  TargetChangeDto,
} from './dto/config-change.dto';
import { type ProductReference, RULE_PARAMETERS, type RuleSettings, type TargetSettings } from './settings';

/**
 * The settings a change sends. None is refused before anything else: a version
 * that only repeats the one before it would be noise in the audit trail.
 */
function fieldsOf<T extends ConfigChangeDto>(change: T): Partial<T> {
  const { effectiveFrom: _from, reason: _reason, ...sent } = change;
  const fields = Object.fromEntries(Object.entries(sent).filter(([, value]) => value !== undefined));
  if (Object.keys(fields).length > 0) return fields as Partial<T>;
  const message = 'send at least one setting to change besides effectiveFrom and reason';
  throw new InvalidInputError('CONFIG.EMPTY_CHANGE', 'The change has no setting to change', [
    { field: 'body', messages: [message] },
  ]);
}

function invalid(errors: FieldError[]): InvalidInputError {
  return new InvalidInputError('CONFIG.INVALID', 'The configuration change is not consistent', errors);
}

/** A change as recorded: its version, and those it was carried onto (see `carryForward`). */
export type RecordedChange = ConfigVersion & { carriedForward: ConfigVersion[] };

/**
 * Changes are merged onto the version in effect on the new effective date and
 * appended as a new version: nothing is overwritten, so the audit trail is the
 * list of versions itself.
 */
@Injectable()
export class ConfigurationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ConfigurationStore,
    private readonly inputsChanged: InputsChanged,
  ) {}

  changeTarget(key: string, change: TargetChangeDto, principal: Principal): Promise<RecordedChange> {
    return this.change<TargetSettings>(key, change, fieldsOf(change), principal, (merged) => checkTarget(merged));
  }

  changeRule(ruleId: AlertRuleId, change: RuleChangeDto, principal: Principal): Promise<RecordedChange> {
    const fields = fieldsOf(change);
    const allowed: string[] = ['enabled', 'severity', ...RULE_PARAMETERS[ruleId]];
    const foreign = Object.keys(fields).filter((field) => !allowed.includes(field));
    if (foreign.length > 0) {
      throw invalid(foreign.map((field) => ({ field, messages: [`${ruleId} has no setting ${field}`] })));
    }
    return this.change<RuleSettings>(`rule:${ruleId}`, change, fields, principal, checkRule);
  }

  async changeProduct(code: string, change: ProductReferenceChangeDto, principal: Principal): Promise<RecordedChange> {
    const fields = fieldsOf(change);
    // A mistyped code would be recorded and never apply: the figures read references by catalogue code.
    const [known] = await this.dataSource.query('SELECT 1 FROM registry_product WHERE code = $1', [code]);
    if (!known) throw new NotFoundError('CONFIG.UNKNOWN_PRODUCT', `${code} is not in the catalogue`, 'code');
    const empty = { referencePriceKopecksPerTonne: null, metalContentFactor: null };
    return this.change<ProductReference>(`product:${code}`, change, fields, principal, checkProduct, empty);
  }

  async history(key: string): Promise<ConfigVersion[]> {
    const versions = await this.store.history(key);
    if (versions.length === 0) throw new NotFoundError('CONFIG.NOT_FOUND', `Nothing is configured under ${key}`, 'key');
    return versions;
  }

  private async change<V extends object>(
    key: string,
    change: ConfigChangeDto,
    fields: object,
    principal: Principal,
    check: (merged: V) => FieldError[],
    initial?: V,
  ): Promise<RecordedChange> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      await this.store.lockForChange(manager, key);
      const current = await this.store.effective<V>(key, { asOf: change.effectiveFrom, knownAt: null }, manager);
      const base = current.get(key)?.value ?? initial;
      if (!base)
        throw invalid([
          { field: 'effectiveFrom', messages: [`${key} has no version in effect on ${change.effectiveFrom}`] },
        ]);
      const merged = { ...base, ...fields } as V;
      if (sameSettings(merged, base)) throw unchanged(key, change.effectiveFrom, current.get(key));
      const errors = check(merged);
      if (errors.length > 0) throw invalid(errors);
      const recordedBy = principal.name ? `${principal.userId} (${principal.name})` : principal.userId;
      const version = await this.store.record(manager, key, {
        value: merged,
        effectiveFrom: change.effectiveFrom,
        recordedBy,
        reason: change.reason,
      });
      const carriedForward = await this.carryForward(manager, version, base, fields, check, recordedBy);
      return { ...version, carriedForward };
    });
    this.inputsChanged.mark();
    return recorded;
  }

  /**
   * A version effective later than the change would otherwise bring back, from
   * its date, the values the change replaced (the latest effective date wins).
   * So each changed setting is recorded anew, in the change's transaction, onto
   * every later version still holding the value it replaced, with the change's
   * reason and author and a note of where it came from. A later version that
   * set the setting to something else was a decision for its own date: it
   * stands, and the change stops there for that setting.
   */
  private async carryForward<V extends object>(
    manager: EntityManager,
    change: ConfigVersion,
    replaced: V,
    fields: object,
    check: (merged: V) => FieldError[],
    recordedBy: string,
  ): Promise<ConfigVersion[]> {
    const was = replaced as Record<string, unknown>;
    let carried = Object.entries(fields).filter(([field, value]) => !sameSettings(value, was[field]));
    const recorded: ConfigVersion[] = [];
    for (const later of await this.store.effectiveAfter<V>(manager, change.key, change.effectiveFrom)) {
      const holds = later.value as Record<string, unknown>;
      carried = carried.filter(([field]) => sameSettings(holds[field], was[field]));
      if (carried.length === 0) break;
      const onto = `version ${later.version} (effective from ${later.effectiveFrom})`;
      const value = { ...later.value, ...Object.fromEntries(carried) } as V;
      const errors = check(value);
      if (errors.length > 0) {
        throw invalid(
          errors.map((error) => ({ ...error, messages: error.messages.map((m) => `${m}, carried onto ${onto}`) })),
        );
      }
      recorded.push(
        await this.store.record(manager, change.key, {
          value,
          effectiveFrom: later.effectiveFrom,
          recordedBy,
          reason: `${change.reason} (carried forward from version ${change.version} onto ${onto})`,
        }),
      );
    }
    return recorded;
  }
}

/**
 * Refused, neither recorded nor answered with the version in effect as if it
 * were done: the audit trail keeps only versions that change something, and
 * the caller learns that their reason was not recorded (they may have meant
 * another value or another day).
 */
function unchanged(key: string, effectiveFrom: string, inEffect: ConfigVersion | undefined): ConflictError {
  const what = inEffect
    ? `version ${inEffect.version} (effective from ${inEffect.effectiveFrom})`
    : 'the default (nothing configured)';
  return new ConflictError(
    'CONFIG.UNCHANGED',
    `Every setting sent is already in effect on ${effectiveFrom} under ${key}, as ${what}: nothing was recorded`,
  );
}

function checkTarget(settings: TargetSettings): FieldError[] {
  const errors: FieldError[] = [];
  if (settings.targetYear <= settings.baselineYear) {
    errors.push({ field: 'targetYear', messages: ['targetYear must come after baselineYear'] });
  }
  if (Number(settings.offTrackTolerance) < Number(settings.atRiskTolerance)) {
    errors.push({ field: 'offTrackTolerance', messages: ['offTrackTolerance must be at least atRiskTolerance'] });
  }
  const outside = settings.path.filter(
    (point) => point.year <= settings.baselineYear || point.year >= settings.targetYear,
  );
  if (outside.length > 0) {
    errors.push({ field: 'path', messages: ['path years must lie between baselineYear and targetYear'] });
  }
  // The trajectory runs through one value per year end: of two for a year, one would be silently ignored.
  settings.path.forEach((point, index) => {
    const first = settings.path.findIndex((other) => other.year === point.year);
    if (first !== index) {
      errors.push({ field: `path.${index}.year`, messages: [`path already has year ${point.year} at path.${first}`] });
    }
  });
  if (settings.unit === '%') {
    // Every value the trajectory runs through is a share, not only the target.
    const shares: [string, string | null][] = [
      ['baselineValue', settings.baselineValue],
      ['targetValue', settings.targetValue],
      ...settings.path.map((point, index): [string, string] => [`path.${index}.value`, point.value]),
    ];
    for (const [field, value] of shares) {
      if (value !== null && Number(value) > 100) errors.push({ field, messages: ['a share cannot exceed 100'] });
    }
  }
  return errors;
}

function checkRule(settings: RuleSettings): FieldError[] {
  const { noticeDays, criticalDays } = settings;
  // Critical before the notice starts would make the notice critical from its first day: a slip, not a choice.
  if (noticeDays === undefined || criticalDays === undefined || criticalDays === null || criticalDays <= noticeDays) {
    return [];
  }
  return [{ field: 'criticalDays', messages: [`criticalDays must be at most noticeDays (${noticeDays})`] }];
}

function checkProduct(reference: ProductReference): FieldError[] {
  // Every catalogue product has some metal in it: 0 would count its customs tonnages as none in the overall share.
  if (reference.metalContentFactor === null || Number(reference.metalContentFactor) > 0) return [];
  return [{ field: 'metalContentFactor', messages: ['metalContentFactor must be more than 0 (null: not configured)'] }];
}
