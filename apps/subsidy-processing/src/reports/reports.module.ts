import { Global, Module } from '@nestjs/common';
import { ReportVersions } from './report-versions';
import { ReportsConsumer } from './reports.consumer';

@Global()
@Module({
  controllers: [ReportsConsumer],
  providers: [ReportVersions],
  exports: [ReportVersions],
})
export class ReportsModule {}
