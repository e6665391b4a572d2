import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_STATES, type RejectionReason, type ReportState, type TonnageClass, type Unit } from '@redmet/contracts';
import type { Report } from '../report.entity';
import type { ReportVersion } from '../report-version.entity';

export class SignerView {
  @ApiProperty()
  userId: string;

  @ApiPropertyOptional({ nullable: true })
  name: string | null;
}

/** What the producer keeps as proof of what it attested. */
export class ReceiptView {
  @ApiProperty({ format: 'uuid' })
  reportId: string;

  @ApiProperty()
  version: number;

  @ApiProperty({ description: 'When it was signed and submitted' })
  submittedAt: string;

  @ApiProperty({ type: SignerView })
  signedBy: SignerView;

  @ApiProperty({ description: 'SHA-256 (hex) of the canonical JSON of the signed content (README)' })
  contentSha256: string;
}

export class LineView {
  @ApiProperty()
  lineNo: number;
  @ApiProperty()
  productCode: string;
  @ApiPropertyOptional({ nullable: true })
  tonnageClass: TonnageClass | null;
  @ApiProperty()
  quantity: string;
  @ApiProperty()
  unit: Unit;
  @ApiProperty()
  metalContentTonnes: string;
  @ApiProperty()
  domesticShipments: string;
  @ApiProperty()
  exports: string;
}

export class ReasonView {
  @ApiProperty({ example: 'REPORT.LICENCE_NOT_ACTIVE' })
  code: string;
  @ApiProperty()
  message: string;
  @ApiPropertyOptional({ nullable: true })
  lineNo?: number | null;
}

export class VersionView {
  @ApiProperty()
  version: number;
  @ApiProperty({ enum: REPORT_STATES })
  state: ReportState;
  @ApiProperty()
  nilReturn: boolean;
  @ApiPropertyOptional({ nullable: true })
  region: string | null;
  @ApiProperty({ type: LineView, isArray: true })
  lines: LineView[];
  @ApiPropertyOptional({ type: ReceiptView, nullable: true, description: 'null for a draft' })
  receipt: ReceiptView | null;
  @ApiPropertyOptional({ nullable: true })
  supersedesVersion: number | null;
  @ApiPropertyOptional({ nullable: true })
  amendmentReason: string | null;
  @ApiProperty({ type: ReasonView, isArray: true, description: 'Why it was rejected, or what it waits for' })
  reasons: RejectionReason[];
  @ApiPropertyOptional({ nullable: true })
  decidedAt: string | null;
}

export class ReportSummaryView {
  @ApiProperty({ format: 'uuid' })
  reportId: string;
  @ApiProperty({ format: 'uuid' })
  companyId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  facilityId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  depositId: string | null;
  @ApiProperty()
  period: string;
  @ApiProperty({ enum: REPORT_STATES, description: 'State of the latest version' })
  state: ReportState;
  @ApiProperty()
  latestVersion: number;
  @ApiPropertyOptional({ nullable: true, description: 'The version whose figures stand' })
  acceptedVersion: number | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class ReportView extends ReportSummaryView {
  @ApiProperty({ type: VersionView })
  latest: VersionView;
}

export function summaryView(report: Report): ReportSummaryView {
  return {
    reportId: report.id,
    companyId: report.companyId,
    facilityId: report.facilityId,
    depositId: report.depositId,
    period: report.period,
    state: report.state,
    latestVersion: report.latestVersion,
    acceptedVersion: report.acceptedVersion,
    createdAt: report.createdAt.toISOString(),
    updatedAt: report.updatedAt.toISOString(),
  };
}

export function receiptView(version: ReportVersion): ReceiptView | null {
  if (!version.submittedAt || !version.contentSha256 || !version.signedByUserId) return null;
  return {
    reportId: version.reportId,
    version: version.version,
    submittedAt: version.submittedAt.toISOString(),
    signedBy: { userId: version.signedByUserId, name: version.signedByName },
    contentSha256: version.contentSha256,
  };
}

export function versionView(version: ReportVersion): VersionView {
  return {
    version: version.version,
    state: version.state,
    nilReturn: version.nilReturn,
    region: version.region,
    lines: [...version.lines]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map(({ lineNo, productCode, tonnageClass, quantity, unit, metalContentTonnes, domesticShipments, exports }) => ({
        lineNo,
        productCode,
        tonnageClass,
        quantity,
        unit,
        metalContentTonnes,
        domesticShipments,
        exports,
      })),
    receipt: receiptView(version),
    supersedesVersion: version.supersedesVersion,
    amendmentReason: version.amendmentReason,
    reasons: version.reasons,
    decidedAt: version.decidedAt?.toISOString() ?? null,
  };
}

/** The answer to a submission: the receipt and what the rules made of it. */
export class FilingView {
  @ApiProperty({ format: 'uuid' })
  reportId: string;
  @ApiProperty()
  version: number;
  @ApiProperty({ enum: REPORT_STATES })
  state: ReportState;
  @ApiProperty({ type: ReasonView, isArray: true, description: 'Why it was rejected, or what it waits for' })
  reasons: RejectionReason[];
  @ApiPropertyOptional({ type: ReceiptView, nullable: true, description: 'null for a draft' })
  receipt: ReceiptView | null;
}
