import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import {
  ALERT_SEVERITIES,
  ALERT_STATES,
  type AlertSeverity,
  type AlertState,
  ALERT_RULE_IDS,
  type AlertRuleId,
} from '@redmet/contracts';
import { IsNotBlank, PageQuery } from '@redmet/platform';

export class AlertQuery extends PageQuery {
  @ApiPropertyOptional({ enum: [...ALERT_STATES, 'unresolved'] })
  @IsOptional()
  @IsIn([...ALERT_STATES, 'unresolved'])
  state?: AlertState | 'unresolved';

  @ApiPropertyOptional({ enum: ALERT_RULE_IDS })
  @IsOptional()
  @IsIn(ALERT_RULE_IDS)
  ruleId?: AlertRuleId;

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
