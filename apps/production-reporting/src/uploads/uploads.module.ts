import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { RegistryViewModule } from '@redmet/registry-view';
import { AcceptanceModule } from '../acceptance/acceptance.module';
import { ReportingEnvironment } from '../reporting.environment';
import { ReportsModule } from '../reports/reports.module';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Module({
  imports: [
    AcceptanceModule,
    ReportsModule,
    RegistryViewModule,
    // Kept in memory (no `dest`); a file over the limit is refused with 413 while it streams in.
    MulterModule.registerAsync({
      inject: [ReportingEnvironment],
      useFactory: (environment: ReportingEnvironment) => ({
        limits: { fileSize: environment.REPORTING_UPLOAD_MAX_BYTES, files: 1, fields: 0 },
      }),
    }),
  ],
  controllers: [UploadsController],
  providers: [UploadsService],
})
export class UploadsModule {}
