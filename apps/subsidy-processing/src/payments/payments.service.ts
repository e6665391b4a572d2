import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClaimPaid, ClaimPaymentScheduled } from '@redmet/contracts';
import type { Principal } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { findClaimForUpdate, saveClaim, viewOf } from '../claims/claim-access';
import type { ClaimView } from '../claims/dto/claim-view.dto';
import { ClaimEvents } from '../claims/claim-events';
import * as workflow from '../claims/claim-workflow';
import { ClawbackService } from '../clawback/clawback.service';
import { Clock } from '@redmet/platform';
import { assertWithinHorizon } from '../programmes/programme-horizon';
import type { PaymentDto, SchedulePaymentDto } from './dto/payment.dto';
import { notBeforeSubmission, notInFuture, notInPast } from './payment-dates';

/** Finance's side: schedule and record payments (repayments of clawbacks: `repayments.service.ts`). */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ClaimEvents,
    private readonly clawbacks: ClawbackService,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {}

  schedule(id: string, dto: SchedulePaymentDto, principal: Principal): Promise<ClaimView> {
    notInPast('scheduledOn', dto.scheduledOn, this.clock.today());
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      assertWithinHorizon('scheduledOn', dto.scheduledOn, claim.programmeYear, this.clock.today());
      workflow.schedulePayment(claim, dto.scheduledOn);
      await saveClaim(manager, claim);
      await this.events.emit(manager, ClaimPaymentScheduled, claim, { scheduledOn: dto.scheduledOn });
      await this.audit.claim(manager, claim, actorOf(principal), 'claim.payment_scheduled', {
        scheduledOn: dto.scheduledOn,
      });
      return claim;
    });
  }

  /** Pays, then looks at the relied-on reports at once: one amended down since the approval starts a clawback. */
  pay(id: string, dto: PaymentDto, principal: Principal): Promise<ClaimView> {
    notInFuture('paidOn', dto.paidOn, this.clock.today());
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      workflow.assertNotOwnWork(claim, principal.userId, 'pays');
      workflow.assertNotApprover(claim, principal.userId);
      workflow.pay(claim, dto.paidOn, dto.reference);
      notBeforeSubmission('paidOn', dto.paidOn, this.clock.dayOf(claim.submittedAt!));
      await saveClaim(manager, claim);
      await this.events.emit(manager, ClaimPaid, claim, { paidOn: dto.paidOn });
      await this.audit.claim(manager, claim, actorOf(principal), 'claim.paid', {
        paidKopecks: claim.paidKopecks,
        reference: dto.reference,
      });
      await this.clawbacks.reassess(manager, claim, actorOf(principal));
      return claim;
    });
  }
}
