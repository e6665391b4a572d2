import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { MessagingModule } from '@redmet/messaging';
import { PlatformModule } from '@redmet/platform';
import { CompaniesModule } from './companies/companies.module';
import { REGISTRY_SCHEMA } from './database/schema';
import { REGISTRY_DEFAULTS, RegistryEnvironment } from './registry.environment';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'deposit-registry',
      environment: RegistryEnvironment,
      defaults: REGISTRY_DEFAULTS,
      schema: REGISTRY_SCHEMA,
    }),
    MessagingModule.forRoot({ service: 'deposit-registry' }),
    ScheduleModule.forRoot(),
    CompaniesModule,
  ],
})
export class AppModule {}
