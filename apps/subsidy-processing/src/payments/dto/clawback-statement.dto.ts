import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClaimView } from '../../claims/dto/claim-view.dto';
import { ClawbackRefund } from '../clawback-refund.entity';
import { ClawbackRepayment } from '../clawback-repayment.entity';

/** What a claim's clawback stands at: demanded, repaid, outstanding, refunded, due back, due day, overdue, and every payment either way. */
export class ClawbackStatement {
  @ApiProperty({ format: 'uuid' })
  claimId: string;

  @ApiProperty({ example: 'under_clawback' })
  state: string;

  @ApiProperty({ example: '87500000' })
  clawbackKopecks: string;

  @ApiProperty({ example: '50000000' })
  repaidKopecks: string;

  @ApiProperty({ example: '37500000' })
  outstandingKopecks: string;

  @ApiProperty({ example: '0', description: 'Paid back to the producer so far' })
  refundedKopecks: string;

  @ApiProperty({ example: '0', description: 'Repaid beyond the demand as it is now and not yet refunded' })
  refundDueKopecks: string;

  @ApiPropertyOptional({ nullable: true, format: 'date' })
  dueOn: string | null;

  @ApiProperty({ description: 'Past its due day with money still outstanding' })
  overdue: boolean;

  @ApiProperty({ type: [ClawbackRepayment] })
  repayments: ClawbackRepayment[];

  @ApiProperty({ type: [ClawbackRefund] })
  refunds: ClawbackRefund[];
}

export class RepaymentResult {
  @ApiProperty({ type: ClawbackRepayment })
  repayment: ClawbackRepayment;

  @ApiProperty({ type: ClaimView })
  claim: ClaimView;
}

export class RefundResult {
  @ApiProperty({ type: ClawbackRefund })
  refund: ClawbackRefund;

  @ApiProperty({ type: ClaimView })
  claim: ClaimView;
}
