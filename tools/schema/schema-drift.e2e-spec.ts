// Every service's entities against its migrations: a database built by the migrations alone
// must be what the entities describe, or TypeORM's `migration:generate` (and any schema diff)
// would want to drop the migrations' keys, indexes and checks.
import { schemaDrift } from '@redmet/testing';
import type { SchemaDefinition } from '@redmet/platform';
import { REGISTRY_SCHEMA } from '../../apps/deposit-registry/src/database/schema';
import { GATEWAY_SCHEMA } from '../../apps/gateway/src/database/schema';
import { REPORTING_SCHEMA } from '../../apps/production-reporting/src/database/schema';
import { SUBSIDY_SCHEMA } from '../../apps/subsidy-processing/src/database/schema';
import { MONITORING_SCHEMA } from '../../apps/target-monitoring/src/database/schema';

const SERVICES: [string, SchemaDefinition][] = [
  ['deposit-registry', REGISTRY_SCHEMA],
  ['production-reporting', REPORTING_SCHEMA],
  ['subsidy-processing', SUBSIDY_SCHEMA],
  ['target-monitoring', MONITORING_SCHEMA],
  ['gateway', GATEWAY_SCHEMA],
];

describe('entities match migrations', () => {
  it.each(SERVICES)('%s: TypeORM would change nothing after the migrations', async (service, schema) => {
    const drift = await schemaDrift(service, schema);
    // The queries themselves, so a failure shows what the entities leave out or say differently.
    expect(drift.join(';\n')).toBe('');
  });
});
