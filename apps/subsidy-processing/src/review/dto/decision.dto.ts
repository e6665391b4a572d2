import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import { IsOmittable } from '@redmet/platform';
import { IsNotBlank } from '@redmet/platform';
import { IsAmount } from '../../common/validators';

export class ApproveDto {
  @ApiPropertyOptional({ example: '4000000000', description: 'Defaults to the requested amount; less needs a reason' })
  @IsOmittable()
  @IsAmount()
  approvedKopecks?: string;

  @ApiPropertyOptional({ example: 'Transport costs above the cap were excluded' })
  @IsOmittable()
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason?: string;
}

export class RejectDto {
  @ApiProperty({ example: 'Annual revenue is below twice the subsidy' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason: string;
}

/** Revoking an approval ends the claim as a rejection does, for a reason of the same kind. */
export class RevokeDto extends RejectDto {}

export class ReturnDto {
  @ApiProperty({ example: 'The discounted sales in February are not supported by invoices' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason: string;

  @ApiProperty({
    example: ['Invoice INV-2026-0012', 'Sales policy approved for 2026'],
    description: 'Each thing to add',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  @IsNotBlank({ each: true })
  missing: string[];
}

export class ReassignDto {
  @ApiProperty({
    example: 'u-officer-volkova',
    description: 'The user id of the subsidy officer who takes the claim over',
  })
  @IsString()
  @Length(1, 128)
  @IsNotBlank()
  officerId: string;

  @ApiPropertyOptional({ example: 'O. Volkova', description: 'Their name, as events and the queue show it' })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  officerName?: string;

  @ApiProperty({ example: 'On leave from 1 July; O. Volkova takes over' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason: string;
}
