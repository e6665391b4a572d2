import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { IsInn } from '../values/inn';
import { AuthoredSnapshot } from './authored-snapshot';

export const COMPANY_STATUSES = ['active', 'in_liquidation', 'liquidated'] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

/** The whole company as it is after the change: consumers replace, never merge. */
export class CompanySnapshot extends AuthoredSnapshot {
  @IsUUID()
  companyId: string;

  @IsString()
  @Length(1, 300)
  legalName: string;

  @IsInn()
  inn: string;

  @IsOptional()
  @Matches(/^(\d{13}|\d{15})$/, { message: '$property must be an OGRN of 13 or 15 digits' })
  ogrn?: string | null;

  @IsOptional()
  @IsString()
  @Length(1, 120)
  region?: string | null;

  @IsOptional()
  @IsEmail()
  contactEmail?: string | null;

  @IsIn(COMPANY_STATUSES)
  status: CompanyStatus;

  /** Increases by one with every change, so a consumer can ignore a stale snapshot. */
  @IsInt()
  @Min(1)
  version: number;
}

export const CompanyRegistered = defineEvent({
  topic: TOPICS.registryCompany,
  type: 'CompanyRegistered',
  schemaVersion: 2,
  payload: CompanySnapshot,
  summary: 'A company was added to the registry.',
});

export const CompanyUpdated = defineEvent({
  topic: TOPICS.registryCompany,
  type: 'CompanyUpdated',
  schemaVersion: 2,
  payload: CompanySnapshot,
  summary: "A company's details or status changed.",
});
