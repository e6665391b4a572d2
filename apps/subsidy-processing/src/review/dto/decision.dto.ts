import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length } from 'class-validator';
import { IsAmount } from '../../common/validators';

export class ApproveDto {
  @ApiPropertyOptional({ example: '4000000000', description: 'Defaults to the requested amount; less needs a reason' })
  @IsOptional()
  @IsAmount()
  approvedKopecks?: string;

  @ApiPropertyOptional({ example: 'Transport costs above the cap were excluded' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class RejectDto {
  @ApiProperty({ example: 'Annual revenue is below twice the subsidy' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class ReturnDto {
  @ApiProperty({ example: 'The discounted sales in February are not supported by invoices' })
  @IsString()
  @Length(1, 2000)
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
  missing: string[];
}
