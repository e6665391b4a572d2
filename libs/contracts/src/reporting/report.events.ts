import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { topicEvents } from '../event-definition';
import { TOPICS } from '../topics';
import { IsProductCode, IsTonnageClass } from '../values/catalogue';
import { Actor } from '../values/common';
import { IsReportingPeriod } from '../values/period';
import { IsDecimalQuantity, IsUnit } from '../values/quantities';
import { type TonnageClass, type Unit } from '../vocabulary/registry';
import type { ReportLineFigures } from '../vocabulary/report-lines';
import { REPORT_STATES, type ReportState } from '../vocabulary/report-states';

/** One product's output in the period at the report's site. */
export class ReportLine implements ReportLineFigures {
  @IsInt()
  @Min(1)
  lineNo: number;

  @IsProductCode()
  productCode: string;

  /** The product's class as the catalogue had it when the report was checked. */
  @IsOptional()
  @IsTonnageClass()
  tonnageClass?: TonnageClass | null;

  @IsDecimalQuantity()
  quantity: string;

  @IsUnit()
  unit: Unit;

  /** Tonnes of contained metal (or oxide, per the product's metal content basis); output targets sum these. */
  @IsDecimalQuantity()
  metalContentTonnes: string;

  /** Shipped to buyers in Russia in the period, in `unit`. */
  @IsDecimalQuantity()
  domesticShipments: string;

  /** Exported in the period, in `unit`; import dependence needs it. */
  @IsDecimalQuantity()
  exports: string;
}

export class RejectionReason {
  /** Stable, e.g. `REPORT.LICENCE_NOT_ACTIVE`. */
  @Matches(/^[A-Z_]+\.[A-Z_]+$/)
  code: string;

  @IsString()
  @Length(1, 1000)
  message: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  lineNo?: number | null;
}

/** One version of a report, whole: consumers replace what an earlier version said. */
export class ReportVersionSnapshot {
  @IsUUID()
  reportId: string;

  /** 1 for the first submission, +1 with every amendment. */
  @IsInt()
  @Min(1)
  version: number;

  @IsUUID()
  companyId: string;

  @IsOptional()
  @IsUUID()
  facilityId?: string | null;

  @IsOptional()
  @IsUUID()
  depositId?: string | null;

  /** Federal subject of the site, as the registry had it when the report was checked. */
  @IsOptional()
  @IsString()
  @Length(1, 120)
  region?: string | null;

  @IsReportingPeriod()
  period: string;

  @IsIn(REPORT_STATES)
  state: ReportState;

  /** No output in the period: the report has no lines (or only zeros) and still counts as filed. */
  @IsBoolean()
  nilReturn: boolean;

  @IsArray()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => ReportLine)
  lines: ReportLine[];

  @ValidateNested()
  @Type(() => Actor)
  submittedBy: Actor;

  @IsISO8601({ strict: true })
  submittedAt: string;

  /** SHA-256 of the submitted content, as on the producer's receipt. */
  @Matches(/^[0-9a-f]{64}$/)
  contentSha256: string;
}

export class ReportRejectedPayload extends ReportVersionSnapshot {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RejectionReason)
  reasons: RejectionReason[];
}

export class ReportAmendedPayload extends ReportVersionSnapshot {
  /** The version this one corrects. */
  @IsInt()
  @Min(1)
  supersedesVersion: number;

  @IsString()
  @Length(1, 1000)
  amendmentReason: string;
}

const reportEvent = topicEvents(TOPICS.reportingReport, 1);

export const ReportSubmitted = reportEvent(
  'ReportSubmitted',
  ReportVersionSnapshot,
  'A producer signed and submitted the first version of a report; it is checked next.',
);
export const ReportAmended = reportEvent(
  'ReportAmended',
  ReportAmendedPayload,
  'A producer submitted a correction: a new version of a report, checked next. Earlier versions are kept.',
);
export const ReportAccepted = reportEvent(
  'ReportAccepted',
  ReportVersionSnapshot,
  "A version passed every rule. Its figures replace those of the report's earlier accepted version.",
);
export const ReportRejected = reportEvent(
  'ReportRejected',
  ReportRejectedPayload,
  'A version broke one or more rules, all listed. An earlier accepted version, if any, still stands.',
);
