import { Global, Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { BudgetUtilisationRule } from '../rules/budget-utilisation.rule';
import { DeadlineMissedRule } from '../rules/deadline-missed.rule';
import { LicenceExpiringRule } from '../rules/licence-expiring.rule';
import { LicenceRevokedRule } from '../rules/licence-revoked.rule';
import { SuddenDropRule } from '../rules/sudden-drop.rule';
import { AlertEngine } from './alert-engine';
import { InputsChanged } from './inputs-changed';
import { SilenceLookup } from './silences/silence.lookup';

const RULES = [BudgetUtilisationRule, DeadlineMissedRule, LicenceExpiringRule, LicenceRevokedRule, SuddenDropRule];

/** Global: the projections of every feature settle their rules through the engine. */
@Global()
@Module({
  imports: [DeliveryModule],
  providers: [AlertEngine, InputsChanged, SilenceLookup, ...RULES],
  exports: [AlertEngine, InputsChanged, SilenceLookup, DeliveryModule, ...RULES],
})
export class AlertsModule {}
