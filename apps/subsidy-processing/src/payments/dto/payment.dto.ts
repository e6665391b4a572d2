import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsIsoDate } from '../../common/dates';

export class SchedulePaymentDto {
  @ApiProperty({ format: 'date', example: '2026-06-15' })
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
  reference: string;
}

export class ClawbackSettlementDto {
  @ApiProperty({ format: 'date', example: '2026-07-10', description: 'The day the money came back; not in the future' })
  @IsIsoDate()
  settledOn: string;

  @ApiProperty({ example: 'PP-IN-2026-000231' })
  @IsString()
  @Length(1, 100)
  reference: string;
}
