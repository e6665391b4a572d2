import { Module } from '@nestjs/common';
import { AlertNotifications } from '../alerts/alert-notifications';
import { DeliveryQueue } from './delivery.queue';
import { DeliveryWorker } from './delivery.worker';
import { EmailSender, WebhookSender } from './senders';
import { SubscriberAccess } from './subscriber-access';
import { SubscriberAccessConsumer } from './subscriber-access.consumer';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';
import { WebhookSecrets } from './webhook-secrets';

@Module({
  controllers: [SubscriptionsController, SubscriberAccessConsumer],
  providers: [
    AlertNotifications,
    DeliveryQueue,
    DeliveryWorker,
    EmailSender,
    WebhookSender,
    SubscriberAccess,
    SubscriptionsService,
    WebhookSecrets,
  ],
  exports: [AlertNotifications, DeliveryQueue],
})
export class DeliveryModule {}
