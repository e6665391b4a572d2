import { Global, Module } from '@nestjs/common';
import { ClawbackService } from './clawback.service';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';

@Global()
@Module({
  controllers: [ResultsController],
  providers: [ClawbackService, ResultsService],
  exports: [ClawbackService],
})
export class ClawbackModule {}
