import { Global, Module } from '@nestjs/common';
import { ApprovalReassessment } from './approval-reassessment';
import { ClawbackService } from './clawback.service';
import { LoweredApprovalsScheduler } from './lowered-approvals.scheduler';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';

@Global()
@Module({
  controllers: [ResultsController],
  providers: [ClawbackService, ApprovalReassessment, ResultsService, LoweredApprovalsScheduler],
  exports: [ClawbackService, ApprovalReassessment],
})
export class ClawbackModule {}
