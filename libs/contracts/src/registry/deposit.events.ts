import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { type ElementSymbol, IsElementSymbol } from '../values/catalogue';
import { DEPOSIT_STATUSES, type DepositStatus } from '../vocabulary/registry';
import { AuthoredSnapshot } from './authored-snapshot';

export class DepositSnapshot extends AuthoredSnapshot {
  @IsUUID()
  depositId: string;

  @IsString()
  @Length(1, 200)
  name: string;

  /** Federal subject, e.g. `Murmansk Oblast`. */
  @IsString()
  @Length(1, 120)
  region: string;

  // Ranges, not class-validator's IsLatitude: that reads the number as text, and refuses one JavaScript
  // writes with an exponent (1e-7, a point 1 cm from the equator).
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @IsArray()
  @ArrayMinSize(1)
  @IsElementSymbol({ each: true })
  metals: ElementSymbol[];

  @IsIn(DEPOSIT_STATUSES)
  status: DepositStatus;

  @IsInt()
  @Min(1)
  version: number;
}

export const DepositRegistered = defineEvent({
  topic: TOPICS.registryDeposit,
  type: 'DepositRegistered',
  schemaVersion: 2,
  payload: DepositSnapshot,
  summary: 'A deposit was added to the registry.',
});

export const DepositUpdated = defineEvent({
  topic: TOPICS.registryDeposit,
  type: 'DepositUpdated',
  schemaVersion: 2,
  payload: DepositSnapshot,
  summary: "A deposit's details or development status changed.",
});
