import { Transform } from 'class-transformer';
import { IsArray, IsInt, IsISO8601, Matches, Max, Min } from 'class-validator';
import { ConsumerEnvironment } from '@redmet/messaging';
import { IsCronExpression } from '@redmet/platform';

const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

export class SubsidyEnvironment extends ConsumerEnvironment {
  /** Public holidays (YYYY-MM-DD, comma-separated) skipped when counting working days to a clawback's due date. */
  @Transform(commaList)
  @IsArray()
  @IsISO8601({ strict: true, strictSeparator: true }, { each: true, message: 'each holiday must be YYYY-MM-DD' })
  SUBSIDY_PUBLIC_HOLIDAYS: string[] = [];

  /**
   * How often approvals lowered before payment look for budget money to come
   * back up, when their reports support more than the budget had at the time.
   */
  @IsCronExpression()
  SUBSIDY_LOWERED_APPROVALS_CRON = '0 */15 * * * *';

  /** Largest supporting document accepted, in bytes. */
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

  /** Accepted content types of supporting documents; the content is checked against the declared type. */
  @Transform(commaList)
  @IsArray()
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { each: true, message: 'each document type must be a media type' })
  DOCUMENT_TYPES: string[] = [
    'application/pdf',
    'image/png',
    'image/jpeg',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ];
}

export const SUBSIDY_DEFAULTS: Partial<SubsidyEnvironment> = {
  PORT: 3003,
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/redmet_subsidy',
};
