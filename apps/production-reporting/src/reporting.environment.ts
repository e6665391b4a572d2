import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  Matches,
  Max,
  Min,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { DECIMAL_PATTERN, PRODUCT_CODE_PATTERN } from '@redmet/contracts';
import { ConsumerEnvironment } from '@redmet/messaging';
import { IsCronExpression } from '@redmet/platform';
import { largestLateDecisionBytes } from './acceptance/decision-size';

const commaSeparatedInts = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((part) => Number(part.trim())) : value;

function parseJson({ value, key }: { value: unknown; key: string }): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return `${key} is not JSON`;
  }
}

/** `{"RE-MAGNETS": "5000"}`: product codes to decimal strings of tonnes. */
function IsBoundsByProduct(): PropertyDecorator {
  return ValidateBy({
    name: 'isBoundsByProduct',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        Object.entries(value).every(
          ([code, bound]) =>
            PRODUCT_CODE_PATTERN.test(code) && typeof bound === 'string' && DECIMAL_PATTERN.test(bound),
        ),
      defaultMessage: () =>
        '$property must be a JSON object of product codes to decimal strings of tonnes, e.g. {"RE-MAGNETS":"5000"}',
    },
  });
}

const MAX_LINES_PER_REPORT = 4000;

/** The most lines whose largest late decision event fits in `maxBytes`. */
function linesFitting(maxBytes: number): number {
  let [fits, fitsNot] = [0, MAX_LINES_PER_REPORT + 1];
  while (fitsNot - fits > 1) {
    const middle = Math.floor((fits + fitsNot) / 2);
    if (largestLateDecisionBytes(middle) <= maxBytes) fits = middle;
    else fitsNot = middle;
  }
  return fits;
}

/**
 * A version decided after it waited is decided by a consumer or the pending
 * check, where an event the outbox refuses would leave it undecided; so the
 * line limit may admit no report whose decision event could be too large.
 */
function DecisionFitsInOneEvent(): PropertyDecorator {
  const maxBytesOf = (args?: ValidationArguments) => (args?.object as ReportingEnvironment).OUTBOX_EVENT_MAX_BYTES;
  return ValidateBy({
    name: 'decisionFitsInOneEvent',
    validator: {
      validate: (lines: unknown, args) =>
        typeof lines !== 'number' || largestLateDecisionBytes(lines) <= maxBytesOf(args),
      defaultMessage: (args) =>
        `a report of ${args?.value} lines could have a decision event of ` +
        `${largestLateDecisionBytes(args?.value as number)} bytes, more than OUTBOX_EVENT_MAX_BYTES ` +
        `(${maxBytesOf(args)}) lets the outbox take: at most ${linesFitting(maxBytesOf(args))} lines fit. Lower ` +
        "it, or raise OUTBOX_EVENT_MAX_BYTES together with the broker's and the topics' largest message size",
    },
  });
}

export class ReportingEnvironment extends ConsumerEnvironment {
  /** Obligations are per quarter or per month; a report of the other kind does not meet one. */
  @IsIn(['quarter', 'month'])
  REPORTING_PERIOD_KIND: 'quarter' | 'month' = 'quarter';

  /** First day of the first period anyone must report (earlier periods never become overdue). */
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-01$/, { message: 'REPORTING_OBLIGATIONS_START must be the first day of a month' })
  REPORTING_OBLIGATIONS_START = '2026-01-01';

  /** A report is due this many days after its period ends. */
  @IsInt()
  // A period is reported only once it is over: due on its last day, every report would be late.
  @Min(1)
  @Max(365)
  REPORTING_DUE_DAYS = 30;

  /** Days before the due day at which a reminder goes out, once each (0: on the day). */
  @Transform(commaSeparatedInts)
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(365, { each: true })
  REPORTING_REMINDER_DAYS: number[] = [7, 0];

  @IsCronExpression()
  REPORTING_DEADLINE_CHECK_CRON = '0 */15 * * * *';

  @IsCronExpression()
  REPORTING_PENDING_CHECK_CRON = '30 */5 * * * *';

  /** A report still waiting for registry data after this many days is rejected (REPORT.REGISTRY_DATA_MISSING). */
  @IsInt()
  @Min(1)
  @Max(365)
  REPORTING_PENDING_MAX_DAYS = 7;

  /** Largest plausible quantity (and shipments, exports, metal content) of one line, in tonnes. */
  @Matches(DECIMAL_PATTERN, { message: 'REPORTING_MAX_QUANTITY_T must be a decimal number of tonnes' })
  REPORTING_MAX_QUANTITY_T = '100000';

  /** Per-product bounds in tonnes that replace REPORTING_MAX_QUANTITY_T, as JSON. */
  @Transform(parseJson)
  @IsObject({ message: 'REPORTING_MAX_QUANTITY_T_BY_PRODUCT must be a JSON object' })
  @IsBoundsByProduct()
  REPORTING_MAX_QUANTITY_T_BY_PRODUCT: Record<string, string> = {};

  /**
   * Events carry every line, and a rejection a reason per line too: about 480
   * bytes a line at the longest, so about 2000 lines within the default
   * OUTBOX_EVENT_MAX_BYTES.
   */
  @IsInt()
  @Min(1)
  @Max(MAX_LINES_PER_REPORT)
  @DecisionFitsInOneEvent()
  REPORTING_MAX_LINES_PER_REPORT = 1000;

  /** Most filings (submissions, amendments) that arrive while one commits and then commit together (1: one per transaction). */
  @IsInt()
  @Min(1)
  @Max(1000)
  REPORTING_FILING_GROUP_MAX = 32;

  /** Largest CSV upload, in bytes. */
  @IsInt()
  @Min(1024)
  @Max(104857600)
  REPORTING_UPLOAD_MAX_BYTES = 8388608;

  /** Most data rows one CSV upload may hold. */
  @IsInt()
  @Min(1)
  @Max(100000)
  REPORTING_UPLOAD_MAX_ROWS = 20000;
}

export const REPORTING_DEFAULTS: Partial<ReportingEnvironment> = {
  PORT: 3002,
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/redmet_reporting',
};
