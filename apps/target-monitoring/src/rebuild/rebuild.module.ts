import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ReportsModule } from '../reports/reports.module';
import { SubsidyModule } from '../subsidy/subsidy.module';
import { EventHandlers } from './event-handlers';
import { ProjectionReplayer } from './projection-replayer';

@Module({
  imports: [DiscoveryModule, ReportsModule, SubsidyModule],
  providers: [EventHandlers, ProjectionReplayer],
  exports: [ProjectionReplayer],
})
export class RebuildModule {}
