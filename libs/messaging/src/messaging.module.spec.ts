import type { FactoryProvider } from '@nestjs/common';
import { PlatformEnvironment, READINESS_INDICATOR } from '@redmet/platform';
import { ConsumerEnvironment } from './consumer.environment';
import { KafkaConnection } from './kafka/kafka.connection';
import { KafkaReadiness } from './kafka/kafka.readiness';
import { MessagingEnvironment } from './messaging.environment';
import { MessagingModule } from './messaging.module';

/** The classes among the module's providers that the health controller would take as readiness checks. */
const readinessChecks = (module: ReturnType<typeof MessagingModule.forRoot>) =>
  (module.providers ?? []).filter(
    (provider) => typeof provider === 'function' && Reflect.getMetadata(READINESS_INDICATOR, provider),
  );

describe('MessagingModule readiness', () => {
  it('makes readiness wait for the broker unless told otherwise', () => {
    expect(readinessChecks(MessagingModule.forRoot({ service: 'deposit-registry' }))).toEqual([KafkaReadiness]);
    expect(readinessChecks(MessagingModule.forRoot({ service: 'deposit-registry', runsWithoutBroker: false }))).toEqual(
      [KafkaReadiness],
    );
  });

  it('leaves the broker out of readiness for a service that runs without it, and still publishes', () => {
    const module = MessagingModule.forRoot({ service: 'gateway', runsWithoutBroker: true });
    expect(readinessChecks(module)).toEqual([]);
    expect(module.providers).toContain(KafkaConnection);
  });
});

describe('MessagingModule consumer settings', () => {
  const consumerEnvironmentOf = (module: ReturnType<typeof MessagingModule.forRoot>) =>
    (module.providers ?? []).find(
      (provider): provider is FactoryProvider =>
        typeof provider === 'object' && 'provide' in provider && provider.provide === ConsumerEnvironment,
    );

  it('gives a service that only publishes no ConsumerEnvironment', () => {
    const module = MessagingModule.forRoot({ service: 'gateway', runsWithoutBroker: true });
    expect(consumerEnvironmentOf(module)).toBeUndefined();
    expect(module.exports).not.toContain(ConsumerEnvironment);
  });

  it("gives a consuming service its environment as ConsumerEnvironment, and stops one whose class lacks the consumer's settings", () => {
    const module = MessagingModule.forRoot({ service: 'target-monitoring', consumerGroup: 'target-monitoring' });
    expect(module.exports).toContain(ConsumerEnvironment);
    const provider = consumerEnvironmentOf(module)!;
    expect(provider.inject).toEqual([PlatformEnvironment]);
    const consuming = new ConsumerEnvironment();
    expect(provider.useFactory(consuming)).toBe(consuming);
    expect(() => provider.useFactory(new MessagingEnvironment())).toThrow(
      /target-monitoring consumes events: its environment class MessagingEnvironment must extend ConsumerEnvironment/,
    );
  });
});
