import { Global, Module } from '@nestjs/common';
import { RegistryViewModule } from '@redmet/registry-view';
import { ClaimEvents } from './claim-events';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';
import { EligibilityService } from './eligibility.service';
import { FirstApprovalWithdrawal } from './first-approval-withdrawal';

@Global()
@Module({
  imports: [RegistryViewModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, EligibilityService, ClaimEvents, FirstApprovalWithdrawal],
  exports: [ClaimEvents, FirstApprovalWithdrawal],
})
export class ClaimsModule {}
