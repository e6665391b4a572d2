import { describe, expect, it } from '@jest/globals';
import {
  ALERT_RULE_IDS,
  ALERT_SEVERITIES,
  ALERT_STATES,
  CLAIM_STATES,
  DEPOSIT_STATUSES,
  FACILITY_STATUSES,
  LICENCE_STATUSES,
  LICENCE_TYPES,
  REPORT_STATES,
  TARGET_STATUSES,
  UNITS,
} from '@redmet/contracts/vocabulary';
import { en } from './en';
import { ru } from './ru';

/** Each `label(group, value)` the console shows, with the values the services send for it. */
const GROUPS: Record<string, readonly string[]> = {
  depositStatus: DEPOSIT_STATUSES,
  facilityStatus: FACILITY_STATUSES,
  licenceStatus: LICENCE_STATUSES,
  licenceType: LICENCE_TYPES,
  claimState: CLAIM_STATES,
  reportState: REPORT_STATES,
  alertState: ALERT_STATES,
  severity: ALERT_SEVERITIES,
  targetStatus: TARGET_STATUSES,
  unit: UNITS,
  rule: ALERT_RULE_IDS,
};

describe('console: the words for the shared vocabulary', () => {
  // `label` falls back to the raw value, so a state added to the vocabulary without words would be shown raw (`closed`).
  it.each(Object.entries(GROUPS))('has Russian and English words for every %s', (group, values) => {
    const missing = values.map((value) => `${group}.${value}`).filter((key) => !(key in ru) || !(key in en));
    expect(missing).toEqual([]);
  });
});
