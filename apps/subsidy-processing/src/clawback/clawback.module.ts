import { Global, Module } from '@nestjs/common';
import { ApprovalReassessment } from './approval-reassessment';
import { ClawbackService } from './clawback.service';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';

@Global()
@Module({
  controllers: [ResultsController],
  providers: [ClawbackService, ApprovalReassessment, ResultsService],
  exports: [ClawbackService, ApprovalReassessment],
})
export class ClawbackModule {}
