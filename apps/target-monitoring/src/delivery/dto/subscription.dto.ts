import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
} from 'class-validator';
import { ALERT_SEVERITIES, type AlertSeverity, ALERT_RULE_IDS, type AlertRuleId } from '@redmet/contracts';
import { IsNotBlank } from '@redmet/platform';

class SubscriptionFilter {
  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, default: 'warning', description: 'The least severe alert to receive' })
  @IsOptional()
  @IsIn(ALERT_SEVERITIES)
  minSeverity?: AlertSeverity;

  @ApiPropertyOptional({
    enum: ALERT_RULE_IDS,
    isArray: true,
    minItems: 1,
    description: 'Only these rules; every rule when omitted',
  })
  @IsOptional()
  @IsArray()
  // None would match no alert: a subscription never sent anything, shown in the console as one to every rule.
  @ArrayMinSize(1, { message: 'name at least one rule, or leave ruleIds out for every rule' })
  @ArrayMaxSize(ALERT_RULE_IDS.length)
  @ArrayUnique()
  @IsIn(ALERT_RULE_IDS, { each: true })
  ruleIds?: AlertRuleId[];
}

export class EmailSubscriptionDto extends SubscriptionFilter {
  @ApiProperty({ example: 'm.orlova@minpromtorg.example' })
  @IsEmail()
  email: string;
}

export class WebhookSubscriptionDto extends SubscriptionFilter {
  @ApiProperty({ example: 'https://gisp.example/hooks/redmet' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url: string;

  @ApiProperty({ example: 'GISP portal' })
  @IsString()
  @Length(1, 300)
  @IsNotBlank()
  description: string;
}
