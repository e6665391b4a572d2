import { Module } from '@nestjs/common';
import { AcceptanceModule } from '../acceptance/acceptance.module';
import { PendingCheckScheduler } from './pending-check.scheduler';
import { PendingReportsListener } from './pending-reports.listener';
import { PendingReports } from './pending-reports.service';

@Module({
  imports: [AcceptanceModule],
  providers: [PendingReports, PendingReportsListener, PendingCheckScheduler],
  exports: [PendingReports],
})
export class PendingModule {}
