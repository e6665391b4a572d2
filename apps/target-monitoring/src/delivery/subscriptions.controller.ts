import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AnswersWithSecrets, CurrentPrincipal, type Principal, UuidParam } from '@redmet/platform';
import { ActsOnAlerts, ConfiguresMonitoring } from '../common/access';
import { EmailSubscriptionDto, RotateWebhookSecretDto, WebhookSubscriptionDto } from './dto/subscription.dto';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('subscriptions')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @ActsOnAlerts()
  @Post('email')
  subscribeEmail(@Body() dto: EmailSubscriptionDto, @CurrentPrincipal() principal: Principal) {
    return this.subscriptions.subscribeEmail(dto, principal);
  }

  @ActsOnAlerts()
  @Get('email')
  emailSubscriptions(@CurrentPrincipal() principal: Principal) {
    return this.subscriptions.emailSubscriptions(principal);
  }

  @ActsOnAlerts()
  @Delete('email/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  unsubscribeEmail(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.subscriptions.unsubscribeEmail(id, principal);
  }

  @ConfiguresMonitoring()
  @Post('webhooks')
  @AnswersWithSecrets('secret')
  @ApiCreatedResponse({
    description:
      'The webhook with its signing secret, shown this once (null in a retry of it with its Idempotency-Key)',
  })
  registerWebhook(@Body() dto: WebhookSubscriptionDto, @CurrentPrincipal() principal: Principal) {
    return this.subscriptions.registerWebhook(dto, principal);
  }

  @ConfiguresMonitoring()
  @Get('webhooks')
  webhooks() {
    return this.subscriptions.webhooks();
  }

  @ConfiguresMonitoring()
  @Post('webhooks/:id/secret')
  @AnswersWithSecrets('secret')
  @ApiCreatedResponse({
    description:
      'The new signing secret, shown this once (null in a retry of it with its Idempotency-Key), and until when ' +
      'the previous ones still sign beside it',
  })
  rotateWebhookSecret(
    @UuidParam('id') id: string,
    @Body() dto: RotateWebhookSecretDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.subscriptions.rotateWebhookSecret(id, dto, principal);
  }

  @ConfiguresMonitoring()
  @Delete('webhooks/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  deactivateWebhook(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.subscriptions.deactivateWebhook(id, principal);
  }
}
