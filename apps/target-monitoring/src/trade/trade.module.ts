import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { MonitoringEnvironment } from '../monitoring.environment';
import { ExportCheck } from './export-check';
import { TradeController } from './trade.controller';
import { TradeService } from './trade.service';

@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [MonitoringEnvironment],
      useFactory: (environment: MonitoringEnvironment) => ({
        limits: { fileSize: environment.TRADE_UPLOAD_MAX_BYTES, files: 1 },
      }),
    }),
  ],
  controllers: [TradeController],
  providers: [TradeService, ExportCheck],
  exports: [ExportCheck],
})
export class TradeModule {}
