import { Module } from '@nestjs/common';
import { ImportDependenceController } from '../import-dependence/import-dependence.controller';
import { OutputController } from '../output/output.controller';
import { OutputService } from '../output/output.service';
import { TargetsController } from '../targets/targets.controller';
import { TargetsService } from '../targets/targets.service';
import { ProgrammeInputsLoader } from './programme-inputs.loader';

@Module({
  controllers: [TargetsController, ImportDependenceController, OutputController],
  providers: [ProgrammeInputsLoader, TargetsService, OutputService],
  exports: [ProgrammeInputsLoader, TargetsService],
})
export class ProgrammeModule {}
