import { Module } from '@nestjs/common';
import { AlertNotifications } from '../alerts/alert-notifications';
import { DeliveryQueue } from './delivery.queue';
import { DeliveryWorker } from './delivery.worker';
import { EmailSender, WebhookSender } from './senders';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

@Module({
  controllers: [SubscriptionsController],
  providers: [AlertNotifications, DeliveryQueue, DeliveryWorker, EmailSender, WebhookSender, SubscriptionsService],
  exports: [AlertNotifications, DeliveryQueue],
})
export class DeliveryModule {}
