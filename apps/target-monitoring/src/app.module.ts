import { Module } from '@nestjs/common';
import { MessagingModule } from '@redmet/messaging';
import { PlatformModule } from '@redmet/platform';
import { AlertWorkflowModule } from './alerts/alert-workflow.module';
import { AlertsModule } from './alerts/alerts.module';
import { ConfigurationModule } from './configuration/configuration.module';
import { MONITORING_SCHEMA } from './database/schema';
import { DEFAULT_CONSUMER_GROUP, MONITORING_DEFAULTS, MonitoringEnvironment } from './monitoring.environment';
import { ProgrammeModule } from './programme/programme.module';
import { RebuildModule } from './rebuild/rebuild.module';
import { RegistryModule } from './registry/registry.module';
import { ReportsModule } from './reports/reports.module';
import { StreamModule } from './stream/stream.module';
import { SubsidyModule } from './subsidy/subsidy.module';
import { TradeModule } from './trade/trade.module';

/** Tests, the rebuild command and the benchmark set KAFKA_CONSUMER_GROUP for groups of their own. */
@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'target-monitoring',
      environment: MonitoringEnvironment,
      defaults: MONITORING_DEFAULTS,
      schema: MONITORING_SCHEMA,
    }),
    MessagingModule.forRoot({ service: 'target-monitoring', consumerGroup: DEFAULT_CONSUMER_GROUP }),
    ConfigurationModule,
    AlertsModule,
    RegistryModule,
    ReportsModule,
    SubsidyModule,
    ProgrammeModule,
    TradeModule,
    // Before the alerts API: `/alerts/stream` must not be read as an alert id.
    StreamModule,
    AlertWorkflowModule,
    RebuildModule,
  ],
})
export class AppModule {}
