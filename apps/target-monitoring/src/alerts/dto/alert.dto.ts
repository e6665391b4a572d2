import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ALERT_SEVERITIES, ALERT_STATES, type AlertSeverity, type AlertState } from '@redmet/contracts';
import { IsNotBlank, PageQuery } from '@redmet/platform';
import { RULE_IDS, type RuleId } from '../../configuration/settings';

export class AlertQuery extends PageQuery {
  @ApiPropertyOptional({ enum: [...ALERT_STATES, 'unresolved'] })
  @IsOptional()
  @IsIn([...ALERT_STATES, 'unresolved'])
  state?: AlertState | 'unresolved';

  @ApiPropertyOptional({ enum: RULE_IDS })
  @IsOptional()
  @IsIn(RULE_IDS)
  ruleId?: RuleId;

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES })
  @IsOptional()
  @IsIn(ALERT_SEVERITIES)
  severity?: AlertSeverity;

  @ApiPropertyOptional({ example: 'target:import-dependence' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;
}

export class AcknowledgeDto {
  @ApiProperty({ example: 'Called the company: the report is being signed' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  comment: string;
}
