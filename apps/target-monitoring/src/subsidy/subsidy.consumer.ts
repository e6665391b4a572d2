import { Controller } from '@nestjs/common';
import { Ctx, KafkaContext } from '@nestjs/microservices';
import { type ClaimSnapshot, type EventDefinition, eventsOnTopic, TOPICS } from '@redmet/contracts';
import { ConsumeTopic, EventConsumer, onEach } from '@redmet/messaging';
import { AlertEngine } from '../alerts/alert-engine';
import { InputsChanged } from '../alerts/inputs-changed';
import { BudgetUtilisationRule } from '../rules/budget-utilisation.rule';
import { BUDGET_EVENTS, SubsidyProjection } from './subsidy.projection';

/**
 * Every claim event carries the whole claim, so all of them (including types
 * added later on the topic) are read as snapshots.
 */
const CLAIM_EVENTS = eventsOnTopic(TOPICS.subsidyClaim.name) as EventDefinition<ClaimSnapshot>[];

@Controller()
export class SubsidyConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly subsidy: SubsidyProjection,
    private readonly engine: AlertEngine,
    private readonly budgetRule: BudgetUtilisationRule,
    private readonly inputsChanged: InputsChanged,
  ) {}

  @ConsumeTopic(TOPICS.subsidyClaim)
  async onClaim(@Ctx() context: KafkaContext): Promise<void> {
    let applied = false;
    await this.consumer.consume(
      context,
      CLAIM_EVENTS.map((definition) =>
        onEach(definition, async (events, manager) => {
          await this.subsidy.applyClaims(manager, events);
          applied = true;
        }),
      ),
    );
    // Once committed, as reports mark it.
    if (applied) this.inputsChanged.mark();
  }

  @ConsumeTopic(TOPICS.subsidyBudget)
  onBudget(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(
      context,
      BUDGET_EVENTS.map((definition) =>
        onEach(definition, async (events, manager) => {
          const years = await this.subsidy.applyBudgets(manager, events);
          await this.engine.check(manager, this.budgetRule, years);
        }),
      ),
    );
  }
}
