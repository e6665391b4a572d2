import { ConsumerEnvironment } from '@redmet/messaging';
import { validateEnvironment } from '@redmet/platform';
import { GATEWAY_DEFAULTS, GatewayEnvironment } from './gateway.environment';

const validate = validateEnvironment(GatewayEnvironment, GATEWAY_DEFAULTS);

describe('GatewayEnvironment', () => {
  it('runs with no settings, with more failures allowed at all addresses than at one', () => {
    const { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_ALL_ADDRESSES } = validate({});
    expect(LOGIN_MAX_FAILURES_ALL_ADDRESSES).toBeGreaterThan(LOGIN_MAX_FAILURES);
  });

  it('refuses a limit at all addresses that one address could reach alone, naming both settings', () => {
    // One address could then lock the name at every address: anyone could lock anyone out.
    expect(() => validate({ LOGIN_MAX_FAILURES: '10', LOGIN_MAX_FAILURES_ALL_ADDRESSES: '10' })).toThrow(
      /LOGIN_MAX_FAILURES_ALL_ADDRESSES.*more than LOGIN_MAX_FAILURES \(10\)/,
    );
    expect(validate({ LOGIN_MAX_FAILURES: '10', LOGIN_MAX_FAILURES_ALL_ADDRESSES: '11' })).toMatchObject({
      LOGIN_MAX_FAILURES_ALL_ADDRESSES: 11,
    });
  });

  it('validates the Kafka settings of a publisher and none of a consumer: the gateway consumes nothing', () => {
    const consumerSettings = {
      KAFKA_PARTITIONS_CONCURRENTLY: '0',
      CONSUMER_MAX_ATTEMPTS: 'often',
      KAFKA_SESSION_TIMEOUT_MS: '1',
    };
    // A consuming service refuses these; the gateway neither reads nor checks them.
    expect(() => validateEnvironment(ConsumerEnvironment)(consumerSettings)).toThrow(/KAFKA_PARTITIONS_CONCURRENTLY/);
    const environment = validate(consumerSettings);
    for (const name of [...Object.keys(consumerSettings), 'KAFKA_CONSUMER_GROUP', 'KAFKA_CONSUMERS_ENABLED']) {
      expect(environment).not.toHaveProperty(name);
    }
    expect(() => validate({ KAFKA_BROKERS: 'no port' })).toThrow(/KAFKA_BROKERS/);
  });
});
