import { Module } from '@nestjs/common';
import { ProgrammeModule } from '../programme/programme.module';
import { EffectivenessService } from './effectiveness.service';
import { SubsidyController } from './subsidy.controller';
import { SubsidyConsumer } from './subsidy.consumer';
import { SubsidyProjection } from './subsidy.projection';

@Module({
  imports: [ProgrammeModule],
  controllers: [SubsidyConsumer, SubsidyController],
  providers: [SubsidyProjection, EffectivenessService],
  exports: [SubsidyProjection],
})
export class SubsidyModule {}
