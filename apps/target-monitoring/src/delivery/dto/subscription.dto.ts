import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { ALERT_SEVERITIES, type AlertSeverity, ALERT_RULE_IDS, type AlertRuleId } from '@redmet/contracts';
import { IsNotBlank } from '@redmet/platform';

/**
 * A URL with a user or password (https://user:pw@host/hook) passes IsUrl, but fetch refuses to send to it:
 * every delivery would fail. The signature header proves the sender; a token goes in the path or query.
 */
function HasNoCredentials(): PropertyDecorator {
  return ValidateBy({
    name: 'hasNoCredentials',
    validator: {
      validate: (value: unknown) => {
        // Not a URL at all: IsUrl says so.
        if (typeof value !== 'string' || !URL.canParse(value)) return true;
        const { username, password } = new URL(value);
        return username === '' && password === '';
      },
      defaultMessage: () =>
        '$property must not carry a user name or password (user:pw@): no request can be sent to such a URL. ' +
        'Deliveries are signed (X-Redmet-Signature) to prove they come from Redmet; a token the receiver wants ' +
        'may go in the path or query',
    },
  });
}

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
  @ApiProperty({
    example: 'https://gisp.example/hooks/redmet',
    description: 'http or https, without a user or password (user:pw@): a token may go in the path or query',
  })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @HasNoCredentials()
  url: string;

  @ApiProperty({ example: 'GISP portal' })
  @IsString()
  @Length(1, 300)
  @IsNotBlank()
  description: string;
}

export class RotateWebhookSecretDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 168,
    description:
      'How long the secrets signing until now go on signing beside the new one, so the receiver can switch ' +
      'without missing a delivery; 0 stops them at once (a leaked secret). WEBHOOK_SECRET_OVERLAP_HOURS when omitted',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(168)
  keepPreviousHours?: number;
}
