import { Global, Module } from '@nestjs/common';
import { ConfigurationController } from './configuration.controller';
import { ConfigurationService } from './configuration.service';
import { ConfigurationStore } from './configuration.store';

/** Global: targets, rules and reference data are read everywhere. */
@Global()
@Module({
  controllers: [ConfigurationController],
  providers: [ConfigurationStore, ConfigurationService],
  exports: [ConfigurationStore],
})
export class ConfigurationModule {}
