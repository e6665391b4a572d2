import { Module } from '@nestjs/common';
import { MessagingModule } from '@redmet/messaging';
import { PlatformModule } from '@redmet/platform';
import { RegistryViewModule } from '@redmet/registry-view';
import { REPORTING_SCHEMA } from './database/schema';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { PendingModule } from './pending/pending.module';
import { ReportsModule } from './reports/reports.module';
import { REPORTING_DEFAULTS, ReportingEnvironment } from './reporting.environment';
import { UploadsModule } from './uploads/uploads.module';

const SERVICE = 'production-reporting';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: SERVICE,
      environment: ReportingEnvironment,
      defaults: REPORTING_DEFAULTS,
      schema: REPORTING_SCHEMA,
    }),
    // KAFKA_CONSUMER_GROUP, when set, overrides the group (tests give each app its own).
    MessagingModule.forRoot({ service: SERVICE, consumerGroup: SERVICE }),
    RegistryViewModule,
    ReportsModule,
    UploadsModule,
    PendingModule,
    DeadlinesModule,
  ],
})
export class AppModule {}
