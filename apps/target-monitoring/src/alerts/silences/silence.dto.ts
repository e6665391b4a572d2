import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsInstant, IsNotBlank, IsOmittable, PageQuery, QueryBoolean } from '@redmet/platform';
import { ALERT_RULE_IDS, type AlertRuleId } from '@redmet/contracts';

export class CreateSilenceDto {
  @ApiPropertyOptional({
    enum: ALERT_RULE_IDS,
    description: 'Mute this rule (for every subject, unless subject is given too)',
  })
  @IsOmittable()
  @IsIn(ALERT_RULE_IDS)
  ruleId?: AlertRuleId;

  @ApiPropertyOptional({
    example: 'product:LI-CARBONATE',
    description: 'Mute this subject (for every rule, unless ruleId is given too)',
  })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  subject?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Now when omitted' })
  @IsOmittable()
  @IsInstant()
  startsAt?: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-31T23:59:59Z' })
  @IsInstant()
  endsAt: string;

  @ApiProperty({ example: 'Known: customs figures for Q3 are being corrected' })
  @IsString()
  @Length(3, 1000)
  @IsNotBlank()
  reason: string;
}

export class SilenceQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only silences in force now' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}
