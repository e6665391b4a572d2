import { Global, Module } from '@nestjs/common';
import { Audit } from './audit';
import { AuditController } from './audit.controller';

@Global()
@Module({
  controllers: [AuditController],
  providers: [Audit],
  exports: [Audit],
})
export class AuditModule {}
