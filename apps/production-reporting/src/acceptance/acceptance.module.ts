import { Module } from '@nestjs/common';
import { ReportFactsLoader } from './report-facts';
import { ReportJudge } from './report-judge';

@Module({
  providers: [ReportFactsLoader, ReportJudge],
  exports: [ReportJudge],
})
export class AcceptanceModule {}
