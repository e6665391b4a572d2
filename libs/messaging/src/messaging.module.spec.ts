import { READINESS_INDICATOR } from '@redmet/platform';
import { KafkaConnection } from './kafka/kafka.connection';
import { KafkaReadiness } from './kafka/kafka.readiness';
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
