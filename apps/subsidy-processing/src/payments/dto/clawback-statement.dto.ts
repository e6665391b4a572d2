import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Claim } from '../../claims/claim.entity';
import { ClawbackRepayment } from '../clawback-repayment.entity';

/** What a claim's clawback stands at: demanded, repaid, outstanding, due, overdue, and every repayment. */
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

  @ApiPropertyOptional({ nullable: true, format: 'date' })
  dueOn: string | null;

  @ApiProperty({ description: 'Past its due day with money still outstanding' })
  overdue: boolean;

  @ApiProperty({ type: [ClawbackRepayment] })
  repayments: ClawbackRepayment[];
}

export class RepaymentResult {
  @ApiProperty({ type: ClawbackRepayment })
  repayment: ClawbackRepayment;

  @ApiProperty({ type: Claim })
  claim: Claim;
}
