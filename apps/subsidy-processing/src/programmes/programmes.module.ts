import { Global, Module } from '@nestjs/common';
import { Budget } from './budget';
import { BudgetAnnouncement } from './budget-announcement';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesService } from './programmes.service';

@Global()
@Module({
  controllers: [ProgrammesController],
  providers: [ProgrammesService, Budget, BudgetAnnouncement],
  exports: [ProgrammesService, Budget],
})
export class ProgrammesModule {}
