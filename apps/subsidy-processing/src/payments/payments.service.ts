import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ClaimClawbackSettled, ClaimPaid, ClaimPaymentScheduled } from '@redmet/contracts';
import { DomainError, type Principal } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { findClaimForUpdate, saveClaim } from '../claims/claim-access';
import { ClaimEvents } from '../claims/claim-events';
import type { Claim } from '../claims/claim.entity';
import * as workflow from '../claims/claim-workflow';
import { ClawbackService } from '../clawback/clawback.service';
import { Clock } from '../common/clock';
import { Budget } from '../programmes/budget';
import type { ClawbackSettlementDto, PaymentDto, SchedulePaymentDto } from './dto/payment.dto';

function notInFuture(field: string, day: string, today: string): void {
  if (day <= today) return;
  const message = `${field} must not be after today (${today})`;
  throw new DomainError('PAYMENT.DATE_IN_FUTURE', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field, messages: [message] },
  ]);
}

/** Finance's side: schedule and record payments, and record clawed-back money as returned. */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ClaimEvents,
    private readonly budget: Budget,
    private readonly clawbacks: ClawbackService,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {}

  schedule(id: string, dto: SchedulePaymentDto, principal: Principal): Promise<Claim> {
    return this.dataSource.transaction(async (manager) => {
      const claim = await findClaimForUpdate(manager, id);
      workflow.schedulePayment(claim, dto.scheduledOn);
      await saveClaim(manager, claim);
      await this.events.emit(manager, ClaimPaymentScheduled, claim, { scheduledOn: dto.scheduledOn });
      await this.record(manager, claim, principal, 'claim.payment_scheduled', { scheduledOn: dto.scheduledOn });
      return claim;
    });
  }

  /** Pays, then looks at the relied-on reports at once: one amended down since the approval starts a clawback. */
  pay(id: string, dto: PaymentDto, principal: Principal): Promise<Claim> {
    notInFuture('paidOn', dto.paidOn, this.clock.today());
    return this.dataSource.transaction(async (manager) => {
      const claim = await findClaimForUpdate(manager, id);
      workflow.pay(claim, dto.paidOn, dto.reference);
      await saveClaim(manager, claim);
      await this.events.emit(manager, ClaimPaid, claim, { paidOn: dto.paidOn });
      await this.record(manager, claim, principal, 'claim.paid', {
        paidKopecks: claim.paidKopecks,
        reference: dto.reference,
      });
      await this.clawbacks.reassess(manager, claim, actorOf(principal));
      return claim;
    });
  }

  /** The demanded money came back: the claim is clawed back and the budget gets the money again. */
  settleClawback(id: string, dto: ClawbackSettlementDto, principal: Principal): Promise<Claim> {
    notInFuture('settledOn', dto.settledOn, this.clock.today());
    return this.dataSource.transaction(async (manager) => {
      const claim = await findClaimForUpdate(manager, id);
      const settled = workflow.settleClawback(claim, dto.settledOn);
      await saveClaim(manager, claim);
      await this.events.emit(manager, ClaimClawbackSettled, claim, {
        clawbackKopecks: claim.clawbackKopecks!,
        settledOn: dto.settledOn,
      });
      await this.record(manager, claim, principal, 'claim.clawback_settled', {
        settledKopecks: settled.toString(),
        reference: dto.reference,
      });
      await this.budget.release(manager, claim.programmeYear, settled, claim.id);
      return claim;
    });
  }

  private record(
    manager: EntityManager,
    claim: Claim,
    principal: Principal,
    action: string,
    changes: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(manager, {
      subjectType: 'claim',
      subjectId: claim.id,
      action,
      actor: actorOf(principal),
      changes: { state: claim.state, ...changes, version: claim.version },
    });
  }
}
