import { Module } from '@nestjs/common';
import { MessagingModule } from '@redmet/messaging';
import { PlatformModule } from '@redmet/platform';
import { RegistryViewModule } from '@redmet/registry-view';
import { AuditModule } from './audit/audit.module';
import { ClaimsModule } from './claims/claims.module';
import { ClawbackModule } from './clawback/clawback.module';
import { CommentsModule } from './comments/comments.module';
import { SUBSIDY_SCHEMA } from './database/schema';
import { DocumentsModule } from './documents/documents.module';
import { PaymentsModule } from './payments/payments.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { ReportsModule } from './reports/reports.module';
import { ReviewModule } from './review/review.module';
import { SUBSIDY_DEFAULTS, SubsidyEnvironment } from './subsidy.environment';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'subsidy-processing',
      environment: SubsidyEnvironment,
      defaults: SUBSIDY_DEFAULTS,
      schema: SUBSIDY_SCHEMA,
    }),
    // KAFKA_CONSUMER_GROUP, when set, overrides the group (tests give each app its own).
    MessagingModule.forRoot({ service: 'subsidy-processing', consumerGroup: 'subsidy-processing' }),
    RegistryViewModule,
    AuditModule,
    ProgrammesModule,
    ReportsModule,
    ClaimsModule,
    CommentsModule,
    ClawbackModule,
    ReviewModule,
    PaymentsModule,
    DocumentsModule,
  ],
})
export class AppModule {}
