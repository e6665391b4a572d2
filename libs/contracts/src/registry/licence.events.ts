import { IsIn, IsInt, IsISO8601, IsString, IsUUID, Length, Min } from 'class-validator';
import { topicEvents } from '../event-definition';
import { TOPICS } from '../topics';
import { ISO_DATE } from '../values/common';
import { LICENCE_STATUSES, LICENCE_TYPES, type LicenceStatus, type LicenceType } from '../vocabulary/registry';
import { AuthoredSnapshot } from './authored-snapshot';

export class LicenceSnapshot extends AuthoredSnapshot {
  @IsUUID()
  licenceId: string;

  /** As printed on the licence, e.g. `MUR 01234 TE`. */
  @IsString()
  @Length(1, 64)
  number: string;

  @IsUUID()
  holderCompanyId: string;

  @IsUUID()
  depositId: string;

  @IsIn(LICENCE_TYPES)
  type: LicenceType;

  /** First day of validity (ISO date). */
  @IsISO8601(ISO_DATE)
  validFrom: string;

  /** Last day of validity (ISO date). */
  @IsISO8601(ISO_DATE)
  validTo: string;

  @IsIn(LICENCE_STATUSES)
  status: LicenceStatus;

  /** The day the current status took effect (ISO date). */
  @IsISO8601(ISO_DATE)
  statusSince: string;

  @IsInt()
  @Min(1)
  version: number;
}

export class LicenceStatusChangePayload extends LicenceSnapshot {
  @IsIn(LICENCE_STATUSES)
  previousStatus: LicenceStatus;

  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class LicenceExpiringPayload extends LicenceSnapshot {
  /** Which advance notice this is (e.g. 180 or 90 days before `validTo`). */
  @IsInt()
  @Min(1)
  daysBefore: number;
}

const licenceEvent = topicEvents(TOPICS.registryLicence, 2);

export const LicenceIssued = licenceEvent(
  'LicenceIssued',
  LicenceSnapshot,
  'A licence was issued to a company for a deposit.',
);
export const LicenceAmended = licenceEvent(
  'LicenceAmended',
  LicenceSnapshot,
  "A licence's number, type or validity changed.",
);
export const LicenceSuspended = licenceEvent(
  'LicenceSuspended',
  LicenceStatusChangePayload,
  'A licence was suspended.',
);
export const LicenceReinstated = licenceEvent(
  'LicenceReinstated',
  LicenceStatusChangePayload,
  'A licence became active again: a suspension lifted, or a revocation or expiry annulled (previousStatus says which).',
);
export const LicenceRevoked = licenceEvent(
  'LicenceRevoked',
  LicenceStatusChangePayload,
  'A licence was revoked for good.',
);
export const LicenceExpired = licenceEvent(
  'LicenceExpired',
  LicenceStatusChangePayload,
  'A licence reached the end of its validity.',
);
export const LicenceExpiring = licenceEvent(
  'LicenceExpiring',
  LicenceExpiringPayload,
  'Advance notice that a licence ends soon; emitted once per notice period.',
);
