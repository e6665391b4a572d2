import { Module } from '@nestjs/common';
import { MessagingModule } from '@redmet/messaging';
import { PlatformModule } from '@redmet/platform';
import { CompaniesModule } from './companies/companies.module';
import { REGISTRY_SCHEMA } from './database/schema';
import { DepositsModule } from './deposits/deposits.module';
import { FacilitiesModule } from './facilities/facilities.module';
import { LicencesModule } from './licences/licences.module';
import { ProductsModule } from './products/products.module';
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
    CompaniesModule,
    DepositsModule,
    ProductsModule,
    LicencesModule,
    FacilitiesModule,
  ],
})
export class AppModule {}
