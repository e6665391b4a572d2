import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ClaimClawbackRepaid, ClaimClawbackSettled } from '@redmet/contracts';
import { type Principal, readSnapshot } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { findClaim, findClaimForUpdate, saveClaim, viewOf } from '../claims/claim-access';
import type { ClaimView } from '../claims/dto/claim-view.dto';
import { ClaimEvents } from '../claims/claim-events';
import type { Claim } from '../claims/claim.entity';
import * as workflow from '../claims/claim-workflow';
import { Clock } from '@redmet/platform';
import { Budget } from '../programmes/budget';
import { ClawbackRefund } from './clawback-refund.entity';
import { ClawbackRepayment } from './clawback-repayment.entity';
import type { ClawbackStatement, RepaymentResult } from './dto/clawback-statement.dto';
import type { ClawbackSettlementDto, RepaymentDto } from './dto/payment.dto';
import { notBeforePayment, notInFuture } from './payment-dates';
import { insertPaymentOrder } from './payment-orders';

/** Money coming back against a clawback demand, in as many payments as the company makes. */
@Injectable()
export class RepaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ClaimEvents,
    private readonly budget: Budget,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {}

  repay(id: string, dto: RepaymentDto, principal: Principal): Promise<RepaymentResult> {
    notInFuture('repaidOn', dto.repaidOn, this.clock.today());
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      const repayment = await this.record(manager, claim, BigInt(dto.amountKopecks), dto, principal);
      return { repayment, claim };
    });
  }

  /** The whole outstanding amount as one repayment (the route finance used before partial repayments). */
  settle(id: string, dto: ClawbackSettlementDto, principal: Principal): Promise<ClaimView> {
    notInFuture('settledOn', dto.settledOn, this.clock.today());
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      const outstanding = claim.state === 'under_clawback' ? BigInt(claim.clawbackOutstandingKopecks!) : 0n;
      const input = { repaidOn: dto.settledOn, reference: dto.reference };
      await this.record(manager, claim, outstanding, input, principal, 'settledOn');
      return claim;
    });
  }

  /** Read in one snapshot, so the claim's totals are the sums of the repayments and refunds listed beside them. */
  async statement(id: string, principal: Principal): Promise<ClawbackStatement> {
    const { claim, repayments, refunds } = await readSnapshot(this.dataSource, async (manager) => ({
      claim: await findClaim(manager, id, principal),
      repayments: await manager.find(ClawbackRepayment, {
        where: { claimId: id },
        order: { repaidOn: 'ASC', recordedAt: 'ASC' },
      }),
      refunds: await manager.find(ClawbackRefund, {
        where: { claimId: id },
        order: { refundedOn: 'ASC', recordedAt: 'ASC' },
      }),
    }));
    const outstanding = BigInt(claim.clawbackOutstandingKopecks ?? '0');
    return {
      claimId: id,
      state: claim.state,
      clawbackKopecks: claim.clawbackKopecks ?? '0',
      repaidKopecks: claim.clawbackSettledKopecks ?? '0',
      outstandingKopecks: outstanding.toString(),
      refundedKopecks: claim.clawbackRefundedKopecks ?? '0',
      refundDueKopecks: claim.clawbackRefundDueKopecks,
      dueOn: claim.clawbackDueOn,
      overdue: outstanding > 0n && claim.clawbackDueOn !== null && this.clock.today() > claim.clawbackDueOn,
      repayments,
      refunds,
    };
  }

  /**
   * The repayment row, the claim, its events, the audit entry and the budget
   * release, in the caller's transaction; the budget row is locked last.
   */
  private async record(
    manager: EntityManager,
    claim: Claim,
    amount: bigint,
    input: { repaidOn: string; reference: string },
    principal: Principal,
    dateField = 'repaidOn',
  ): Promise<ClawbackRepayment> {
    workflow.assertNotOwnWork(claim, principal.userId, 'records repayments of');
    notBeforePayment(dateField, input.repaidOn, claim.paidOn);
    const settled = workflow.repayClawback(claim, amount, input.repaidOn);
    const repayment = await insertPaymentOrder(
      manager,
      ClawbackRepayment,
      'repayment',
      { claimId: claim.id, amountKopecks: amount.toString(), repaidOn: input.repaidOn, reference: input.reference },
      principal,
    );
    await saveClaim(manager, claim);
    const totals = {
      clawbackKopecks: claim.clawbackKopecks!,
      repaidKopecks: claim.clawbackSettledKopecks!,
      outstandingKopecks: claim.clawbackOutstandingKopecks!,
    };
    await this.events.emit(manager, ClaimClawbackRepaid, claim, {
      repaymentId: repayment.id,
      amountKopecks: repayment.amountKopecks,
      repaidOn: input.repaidOn,
      dueOn: claim.clawbackDueOn!,
      ...totals,
    });
    if (settled) {
      await this.events.emit(manager, ClaimClawbackSettled, claim, {
        clawbackKopecks: claim.clawbackKopecks!,
        settledOn: input.repaidOn,
      });
    }
    await this.audit.record(manager, {
      subjectType: 'claim',
      subjectId: claim.id,
      action: settled ? 'claim.clawback_settled' : 'claim.clawback_repaid',
      actor: actorOf(principal),
      changes: {
        state: claim.state,
        repaymentId: repayment.id,
        amountKopecks: repayment.amountKopecks,
        repaidOn: input.repaidOn,
        reference: input.reference,
        ...totals,
        version: claim.version,
      },
    });
    await this.budget.release(manager, claim.programmeYear, amount, claim.id);
    return repayment;
  }
}
