/**
 * npm run monitoring:rebuild [-- --into <database>]
 *   (node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/target-monitoring/src/rebuild/rebuild.command.ts)
 *
 * Rebuilds the projections of target-monitoring from the Kafka topics into a
 * new database (default: <live database>_rebuild_<time>) with a new consumer
 * group, copying what the service owns (configuration, trade uploads,
 * subscriptions, silences, alerts) from the live database (DATABASE_URL).
 * Then point the service at the new database and group.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { validateEnvironment } from '@redmet/platform';
import { DEFAULT_CONSUMER_GROUP, MONITORING_DEFAULTS, MonitoringEnvironment } from '../monitoring.environment';
import { rebuildProjections } from './rebuild';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { into: { type: 'string' } } });
  const environment = validateEnvironment(MonitoringEnvironment, MONITORING_DEFAULTS)(process.env);
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const live = new URL(environment.DATABASE_URL);
  const target = new URL(environment.DATABASE_URL);
  target.pathname = `/${values.into ?? `${live.pathname.slice(1)}_rebuild_${stamp}`}`;
  const consumerGroup = `${environment.KAFKA_CONSUMER_GROUP || DEFAULT_CONSUMER_GROUP}-rebuild-${stamp}`;
  console.log(`rebuilding into ${target.pathname.slice(1)} with consumer group ${consumerGroup} ...`);
  const result = await rebuildProjections({
    liveDatabaseUrl: live.toString(),
    targetDatabaseUrl: target.toString(),
    consumerGroup,
  });
  console.log(
    `read ${result.messages} messages in ${result.seconds.toFixed(1)} s (${Math.round(result.messagesPerSecond)}/s); ` +
      `copied ${JSON.stringify(result.copied)}`,
  );
  console.log(
    `\nTo switch: stop target-monitoring, then start it with\n  DATABASE_URL=${result.targetDatabaseUrl}\n` +
      `  KAFKA_CONSUMER_GROUP=${result.consumerGroup}\n(it resumes where the rebuild stopped; changes made on the ` +
      `live database after the copy, e.g. acknowledgements, are not in the new one).`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
