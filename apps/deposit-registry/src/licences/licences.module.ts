import { Module } from '@nestjs/common';
import { LicenceExpiryService } from './licence-expiry.service';
import { LicencesController } from './licences.controller';
import { LicencesService } from './licences.service';

@Module({
  controllers: [LicencesController],
  providers: [LicencesService, LicenceExpiryService],
  exports: [LicencesService, LicenceExpiryService],
})
export class LicencesModule {}
