import { Module } from '@nestjs/common';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';
import { RepaymentsController } from './repayments.controller';
import { RepaymentsService } from './repayments.service';

@Module({
  controllers: [PaymentsController, RepaymentsController],
  providers: [PaymentsService, RepaymentsService, RefundsService],
})
export class PaymentsModule {}
