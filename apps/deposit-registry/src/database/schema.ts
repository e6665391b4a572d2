import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@redmet/messaging';
import type { SchemaDefinition } from '@redmet/platform';
import { Company } from '../companies/company.entity';
import { CreateCompanies1764300100000 } from './migrations/1764300100000-create-companies';

/** Every table of `redmet_registry`: listed here, created only by these migrations. */
export const REGISTRY_SCHEMA: SchemaDefinition = {
  entities: [...MESSAGING_ENTITIES, Company],
  migrations: [...MESSAGING_MIGRATIONS, CreateCompanies1764300100000],
};
