import { Module } from '@nestjs/common';
import { ProgrammeModule } from '../programme/programme.module';
import { ProgrammeRules } from '../rules/programme-rules';
import { TradeModule } from '../trade/trade.module';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { EscalationService } from './escalation.service';
import { ProgrammeEvaluator } from './programme-evaluator';
import { SilencesController } from './silences/silences.controller';
import { SilencesService } from './silences/silences.service';

/** What people do with alerts (list, acknowledge, silence) and what happens over time (evaluation, escalation). */
@Module({
  imports: [ProgrammeModule, TradeModule],
  controllers: [AlertsController, SilencesController],
  providers: [AlertsService, SilencesService, EscalationService, ProgrammeRules, ProgrammeEvaluator],
})
export class AlertWorkflowModule {}
