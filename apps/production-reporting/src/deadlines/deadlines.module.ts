import { Module } from '@nestjs/common';
import { DeadlineCheckService } from './deadline-check.service';
import { ObligationsController } from './obligations.controller';
import { ObligationsService } from './obligations.service';

@Module({
  controllers: [ObligationsController],
  providers: [ObligationsService, DeadlineCheckService],
})
export class DeadlinesModule {}
