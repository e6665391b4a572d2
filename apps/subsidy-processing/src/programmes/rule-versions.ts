import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@redmet/platform';
import type { ProgrammeVersionDto } from './dto/programme-version.dto';
import { type ProgrammeRules, RATE_KEYS } from './programme-rules';
import type { ProgrammeVersion } from './programme-version.entity';

const RULE_FIELDS: (keyof ProgrammeRules)[] = [
  'totalKopecks',
  'eligibleProductCodes',
  'rates',
  'companyCapKopecks',
  'claimCutoff',
  'fourEyesThresholdKopecks',
  'minRevenueMultiple',
  'clawbackBasis',
  'clawbackMultiplier',
  'clawbackDueWorkingDays',
  'resultsDueOn',
];

/** The rules of a new version: the latest version's, with the fields the admin gave replacing them. */
export function mergeRules(latest: ProgrammeVersion | null, dto: ProgrammeVersionDto): ProgrammeRules {
  const given = Object.fromEntries(
    RULE_FIELDS.filter((field) => dto[field] !== undefined).map((field) => [field, dto[field]]),
  ) as Partial<ProgrammeRules>;
  const rates = { ...latest?.rates, ...Object.fromEntries(Object.entries(dto.rates ?? {}).filter(([, v]) => v)) };
  const merged = { ...pickRules(latest), ...given, rates } as Partial<ProgrammeRules>;
  const missing = [
    ...RULE_FIELDS.filter((field) => merged[field] === undefined),
    ...RATE_KEYS.filter((key) => !(key in rates)).map((key) => `rates.${key}`),
  ];
  if (missing.length > 0) {
    throw new DomainError(
      'PROGRAMME.INCOMPLETE_RULES',
      'The first version of a programme year must state every rule',
      HttpStatus.UNPROCESSABLE_ENTITY,
      missing.map((field) => ({ field, messages: [`${field} is required for the first version`] })),
    );
  }
  return merged as ProgrammeRules;
}

function pickRules(version: ProgrammeVersion | null): Partial<ProgrammeRules> {
  if (!version) return {};
  return Object.fromEntries(RULE_FIELDS.map((field) => [field, version[field]])) as Partial<ProgrammeRules>;
}

/** The rules that differ from the previous version, for the audit trail. */
export function changedRules(before: ProgrammeVersion | null, after: ProgrammeRules): Partial<ProgrammeRules> {
  const previous = pickRules(before);
  return Object.fromEntries(
    RULE_FIELDS.filter((field) => JSON.stringify(previous[field]) !== JSON.stringify(after[field])).map((field) => [
      field,
      after[field],
    ]),
  );
}
