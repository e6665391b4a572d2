import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { IsReportingPeriod } from '../values/period';

/** A company's duty to report one period for one site. */
export class ReportingObligation {
  /** `<companyId>:<facilityId or depositId>:<period>`: stable, the Kafka key. */
  @IsString()
  @Length(1, 128)
  obligationId: string;

  @IsUUID()
  companyId: string;

  @IsOptional()
  @IsUUID()
  facilityId?: string | null;

  @IsOptional()
  @IsUUID()
  depositId?: string | null;

  @IsReportingPeriod()
  period: string;

  @IsISO8601(ISO_DATE)
  dueOn: string;

  /**
   * The first days of the period's months the company answers for: fewer than
   * the period's when a plant changed operator within it. Absent from events
   * published before: every month of the period.
   */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsISO8601(ISO_DATE, { each: true })
  months?: string[];
}

export class DeadlineReminderPayload extends ReportingObligation {
  /** 0 on the due day itself. */
  @IsInt()
  @Min(0)
  daysBefore: number;
}

export const ReportingDeadlineApproaching = defineEvent({
  topic: TOPICS.reportingDeadline,
  type: 'ReportingDeadlineApproaching',
  schemaVersion: 1,
  payload: DeadlineReminderPayload,
  summary: 'A report is due soon (or today) and has not been filed; sent once per reminder.',
});

export const ReportingDeadlineMissed = defineEvent({
  topic: TOPICS.reportingDeadline,
  type: 'ReportingDeadlineMissed',
  schemaVersion: 1,
  payload: ReportingObligation,
  summary: 'The due date passed without a report being filed; sent once per obligation.',
});
