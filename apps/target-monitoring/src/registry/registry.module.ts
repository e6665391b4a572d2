import { Module } from '@nestjs/common';
import { RegistryViewModule } from '@redmet/registry-view';
import { RegistryListener } from './registry.listener';

/** The registry copy (RegistryViewModule handles the registry topics) and this service's reactions to it. */
@Module({
  imports: [RegistryViewModule],
  providers: [RegistryListener],
})
export class RegistryModule {}
