import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsIsoDate } from '@redmet/platform';
import { IsNotBlank } from '@redmet/platform';

export class SchedulePaymentDto {
  @ApiProperty({ format: 'date', example: '2026-06-15', description: 'The day the money is to leave; not in the past' })
  @IsIsoDate()
  scheduledOn: string;
}

export class PaymentDto {
  @ApiProperty({ format: 'date', example: '2026-06-15', description: 'The day the money left; not in the future' })
  @IsIsoDate()
  paidOn: string;

  @ApiProperty({ example: 'PP-2026-004512', description: 'Payment order number' })
  @IsString()
  @Length(1, 100)
  @IsNotBlank()
  reference: string;
}

export class ClawbackSettlementDto {
  @ApiProperty({ format: 'date', example: '2026-07-10', description: 'The day the money came back; not in the future' })
  @IsIsoDate()
  settledOn: string;

  @ApiProperty({ example: 'PP-IN-2026-000231' })
  @IsString()
  @Length(1, 100)
  @IsNotBlank()
  reference: string;
}

const IsPositiveKopecks = () =>
  Matches(/^[1-9]\d{0,17}$/, {
    message: '$property must be a positive whole number of kopecks in a string, e.g. "50000000"',
  });

export class RepaymentDto {
  @ApiProperty({
    example: '50000000',
    description: 'Kopecks repaid by this payment: positive, at most what is outstanding',
  })
  @IsPositiveKopecks()
  amountKopecks: string;

  @ApiProperty({ format: 'date', example: '2026-06-15', description: 'The day the money came back; not in the future' })
  @IsIsoDate()
  repaidOn: string;

  @ApiProperty({ example: 'PP-IN-2026-000231', description: 'The incoming payment order; once per claim' })
  @IsString()
  @Length(1, 100)
  @IsNotBlank()
  reference: string;
}

export class RefundDto {
  @ApiProperty({
    example: '2500000',
    description: 'Kopecks paid back to the producer by this payment: positive, at most the refund due',
  })
  @IsPositiveKopecks()
  amountKopecks: string;

  @ApiProperty({ format: 'date', example: '2026-06-15', description: 'The day the money left; not in the future' })
  @IsIsoDate()
  refundedOn: string;

  @ApiProperty({ example: 'PP-2026-005120', description: 'The outgoing payment order; once per claim' })
  @IsString()
  @Length(1, 100)
  @IsNotBlank()
  reference: string;
}
