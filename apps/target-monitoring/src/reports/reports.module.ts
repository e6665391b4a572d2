import { Module } from '@nestjs/common';
import { DeadlineProjection } from './deadline-projection';
import { ReportProjection } from './report-projection';
import { ReportRules } from './report-rules';
import { ReportsConsumer } from './reports.consumer';

@Module({
  controllers: [ReportsConsumer],
  providers: [ReportProjection, DeadlineProjection, ReportRules],
  exports: [ReportProjection, DeadlineProjection, ReportRules],
})
export class ReportsModule {}
