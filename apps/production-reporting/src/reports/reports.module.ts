import { Module } from '@nestjs/common';
import { AcceptanceModule } from '../acceptance/acceptance.module';
import { ReportFiling } from './report-filing.service';
import { ReportQueries } from './report-queries.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [AcceptanceModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportQueries, ReportFiling],
  exports: [ReportFiling],
})
export class ReportsModule {}
