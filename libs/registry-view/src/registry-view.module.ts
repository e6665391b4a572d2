import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RegistryView } from './registry-view';
import { RegistryViewConsumer } from './registry-view.consumer';

/**
 * The registry as a downstream service sees it: built only from the registry's
 * events, in the service's own database. Add REGISTRY_VIEW_ENTITIES and
 * REGISTRY_VIEW_MIGRATIONS to the service's schema and import this module.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [RegistryViewConsumer],
  providers: [RegistryView],
  exports: [RegistryView],
})
export class RegistryViewModule {}
