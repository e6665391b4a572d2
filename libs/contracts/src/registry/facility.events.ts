import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { Actor, ISO_DATE } from '../values/common';
import { IsProductCode } from '../values/catalogue';
import { IsDecimalQuantity } from '../values/quantities';
import { FACILITY_STATUSES, type FacilityStatus } from '../vocabulary/registry';
import { AuthoredSnapshot } from './authored-snapshot';

/** A company's time as a facility's operator. */
export class FacilityOperatorPeriod {
  @IsUUID()
  operatorCompanyId: string;

  /** The first day of the month it took over; null for the operator the facility was registered with. */
  @IsOptional()
  @IsISO8601(ISO_DATE)
  since: string | null;

  /**
   * Who recorded the hand-over to this operator (schemaVersion 3), as `changedBy` names an author. Absent (or
   * null) for the operator the facility was registered with, whose author is the registration's, and for
   * hand-overs recorded before the registry kept their authors.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => Actor)
  handedOverBy?: Actor | null;
}

export class FacilitySnapshot extends AuthoredSnapshot {
  @IsUUID()
  facilityId: string;

  @IsString()
  @Length(1, 200)
  name: string;

  /** The operator today: the last of `operators`. */
  @IsUUID()
  operatorCompanyId: string;

  /**
   * Every operator in order, the current one last. Absent from events
   * published before operators could change: the current one ran it throughout.
   */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => FacilityOperatorPeriod)
  operators?: FacilityOperatorPeriod[];

  @IsOptional()
  @IsUUID()
  depositId?: string | null;

  @IsString()
  @Length(1, 120)
  region: string;

  @IsArray()
  @ArrayMaxSize(100)
  @IsProductCode({ each: true })
  productCodes: string[];

  /** Design capacity in tonnes of output per year. */
  @IsOptional()
  @IsDecimalQuantity()
  capacityTonnesPerYear?: string | null;

  @IsIn(FACILITY_STATUSES)
  status: FacilityStatus;

  @IsISO8601(ISO_DATE)
  statusSince: string;

  /** The day it was first commissioned; new plants count toward the national target from then. */
  @IsOptional()
  @IsISO8601(ISO_DATE)
  commissionedOn?: string | null;

  /**
   * The closed plant this one brings back (schemaVersion 4): a closed plant is not reopened but registered
   * again, and the one brought back is an existing site, new toward the national target only if the plant it
   * brings back was. Absent (or null) for a plant that brings none back.
   */
  @IsOptional()
  @IsUUID()
  restartOf?: string | null;

  @IsInt()
  @Min(1)
  version: number;
}

export class FacilityStatusChangePayload extends FacilitySnapshot {
  @IsIn(FACILITY_STATUSES)
  previousStatus: FacilityStatus;
}

export class FacilityOperatorChangePayload extends FacilitySnapshot {
  @IsUUID()
  previousOperatorCompanyId: string;
}

export const FacilityRegistered = defineEvent({
  topic: TOPICS.registryFacility,
  type: 'FacilityRegistered',
  schemaVersion: 4,
  payload: FacilitySnapshot,
  summary: 'A processing facility was added to the registry.',
});

export const FacilityUpdated = defineEvent({
  topic: TOPICS.registryFacility,
  type: 'FacilityUpdated',
  schemaVersion: 4,
  payload: FacilitySnapshot,
  summary: "A facility's details (name, products, capacity) changed.",
});

export const FacilityStatusChanged = defineEvent({
  topic: TOPICS.registryFacility,
  type: 'FacilityStatusChanged',
  schemaVersion: 4,
  payload: FacilityStatusChangePayload,
  summary: 'A facility moved along planned, under construction, commissioned, modernised, or closed for good.',
});

export const FacilityOperatorChanged = defineEvent({
  topic: TOPICS.registryFacility,
  type: 'FacilityOperatorChanged',
  schemaVersion: 4,
  payload: FacilityOperatorChangePayload,
  summary: 'Another company took over operating a facility, from the first day of a month.',
});
