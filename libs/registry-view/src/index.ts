import { CreateRegistryView1764300050000 } from './database/1764300050000-create-registry-view';
import { FacilityOperatorsView1764402450000 } from './database/1764402450000-facility-operators';
import { OperatorsWithoutAuthors1764403900000 } from './database/1764403900000-operators-without-authors';

export * from './licence-coverage';
export * from './registry-change';
export * from './registry-view';
export * from './registry-view.entities';
export * from './registry-view.module';

export const REGISTRY_VIEW_MIGRATIONS = [
  CreateRegistryView1764300050000,
  FacilityOperatorsView1764402450000,
  OperatorsWithoutAuthors1764403900000,
];
