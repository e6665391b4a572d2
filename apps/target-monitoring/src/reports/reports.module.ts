import { Module } from '@nestjs/common';
import { DeadlineProjection } from './deadline-projection';
import { KnownDays } from './known-days';
import { ReportProjection } from './report-projection';
import { ReportRules } from './report-rules';
import { ReportsConsumer } from './reports.consumer';

@Module({
  controllers: [ReportsConsumer],
  providers: [ReportProjection, DeadlineProjection, ReportRules, KnownDays],
  exports: [ReportProjection, DeadlineProjection, ReportRules],
})
export class ReportsModule {}
