import { Module } from '@nestjs/common';
import { ProgrammeModule } from '../programme/programme.module';
import { EffectivenessService } from './effectiveness.service';
import { SubsidyController } from './subsidy.controller';
import { SubsidyConsumer } from './subsidy.consumer';
import { SubsidyProjection } from './subsidy.projection';
import { SubsidySummary } from './subsidy-summary.service';

@Module({
  imports: [ProgrammeModule],
  controllers: [SubsidyConsumer, SubsidyController],
  providers: [SubsidyProjection, SubsidySummary, EffectivenessService],
  exports: [SubsidyProjection],
})
export class SubsidyModule {}
