import { validateEnvironment } from '@redmet/platform';
import { MessagingEnvironment } from './messaging.environment';

const validate = validateEnvironment(MessagingEnvironment, {
  PORT: 3001,
  DATABASE_URL: 'postgres://postgres@127.0.0.1/x',
});

describe('MessagingEnvironment', () => {
  it('refuses more in-sync replicas than replicas, naming the setting and both values', () => {
    expect(() => validate({ KAFKA_MIN_INSYNC_REPLICAS: '2' })).toThrow(
      'KAFKA_MIN_INSYNC_REPLICAS ("2"): must be at most KAFKA_REPLICATION_FACTOR (1)',
    );
    expect(() => validate({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '5' })).toThrow(
      'KAFKA_MIN_INSYNC_REPLICAS ("5"): must be at most KAFKA_REPLICATION_FACTOR (3)',
    );
  });

  it('takes as many in-sync replicas as replicas, or fewer', () => {
    expect(validate({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' })).toMatchObject({
      KAFKA_REPLICATION_FACTOR: 3,
      KAFKA_MIN_INSYNC_REPLICAS: 2,
    });
    expect(validate({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '3' }).KAFKA_MIN_INSYNC_REPLICAS).toBe(
      3,
    );
    expect(validate({}).KAFKA_MIN_INSYNC_REPLICAS).toBe(1);
  });
});
