import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { SubsidyEnvironment } from '../subsidy.environment';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  imports: [
    // Kept in memory until stored in PostgreSQL; larger files are refused by multer with 413.
    // Browsers send file names as raw UTF-8, which multer would read as Latin-1 ("Счёт" → "Ð¡Ñ").
    MulterModule.registerAsync({
      inject: [SubsidyEnvironment],
      useFactory: (environment: SubsidyEnvironment) => ({
        limits: { fileSize: environment.DOCUMENT_MAX_BYTES, files: 1 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [DocumentsController],
  providers: [DocumentsService],
})
export class DocumentsModule {}
