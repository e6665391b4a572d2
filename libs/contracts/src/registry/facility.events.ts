import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { ISO_DATE } from '../values/common';
import { IsProductCode } from '../values/catalogue';
import { IsDecimalQuantity } from '../values/quantities';
import { FACILITY_STATUSES, type FacilityStatus } from '../vocabulary/registry';

export class FacilitySnapshot {
  @IsUUID()
  facilityId: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsUUID()
  operatorCompanyId: string;

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

  @IsInt()
  @Min(1)
  version: number;
}

export class FacilityStatusChangePayload extends FacilitySnapshot {
  @IsIn(FACILITY_STATUSES)
  previousStatus: FacilityStatus;
}

export const FacilityRegistered = defineEvent({
  topic: TOPICS.registryFacility,
  type: 'FacilityRegistered',
  schemaVersion: 1,
  payload: FacilitySnapshot,
  summary: 'A processing facility was added to the registry.',
});

export const FacilityUpdated = defineEvent({
  topic: TOPICS.registryFacility,
  type: 'FacilityUpdated',
  schemaVersion: 1,
  payload: FacilitySnapshot,
  summary: "A facility's details (name, products, capacity) changed.",
});

export const FacilityStatusChanged = defineEvent({
  topic: TOPICS.registryFacility,
  type: 'FacilityStatusChanged',
  schemaVersion: 1,
  payload: FacilityStatusChangePayload,
  summary: 'A facility moved along planned, under construction, commissioned, modernised.',
});
