import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ClaimClawbackRefunded } from '@redmet/contracts';
import type { Principal } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { findClaimForUpdate, saveClaim, viewOf } from '../claims/claim-access';
import { ClaimEvents } from '../claims/claim-events';
import { capRoom, capTakenBy, lockCompanyCap } from '../claims/claim-pricing';
import type { Claim } from '../claims/claim.entity';
import { refundBeyondCompanyCap } from '../claims/claim.errors';
import * as workflow from '../claims/claim-workflow';
import { Clock } from '@redmet/platform';
import { maxKopecks } from '../common/money';
import { Budget } from '../programmes/budget';
import { ProgrammeVersion } from '../programmes/programme-version.entity';
import { ClawbackRefund } from './clawback-refund.entity';
import type { RefundResult } from './dto/clawback-statement.dto';
import type { RefundDto } from './dto/payment.dto';
import { notBeforeRepayment, notInFuture } from './payment-dates';
import { insertPaymentOrder } from './payment-orders';

/**
 * Money going back to a company that repaid more than a demand, lowered
 * since, asks. The repayment released it to the budget and freed it in the
 * company's cap, so the refund takes it from both again: a budget that has
 * given it to other claims meanwhile refuses the refund (CLAIM.BUDGET_EXCEEDED),
 * and so does a cap another claim of the company has filled since
 * (CLAIM.COMPANY_CAP_EXCEEDED); either way nothing is recorded.
 */
@Injectable()
export class RefundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ClaimEvents,
    private readonly budget: Budget,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {}

  /** The refund row, the claim, its event and audit entry, then the reservation: the budget row is locked last. */
  refund(id: string, dto: RefundDto, principal: Principal): Promise<RefundResult> {
    notInFuture('refundedOn', dto.refundedOn, this.clock.today());
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      workflow.assertNotOwnWork(claim, principal.userId, 'records refunds of');
      const amount = BigInt(dto.amountKopecks);
      workflow.refundClawback(claim, amount);
      const [{ first }]: { first: string | null }[] = await manager.query(
        `SELECT min(repaid_on)::text AS first FROM clawback_repayment WHERE claim_id = $1`,
        [claim.id],
      );
      notBeforeRepayment('refundedOn', dto.refundedOn, first);
      await this.assertCapRoom(manager, claim, amount);
      const refund = await insertPaymentOrder(
        manager,
        ClawbackRefund,
        'refund',
        { claimId: claim.id, amountKopecks: amount.toString(), refundedOn: dto.refundedOn, reference: dto.reference },
        principal,
      );
      await saveClaim(manager, claim);
      const totals = {
        clawbackKopecks: claim.clawbackKopecks ?? '0',
        repaidKopecks: claim.clawbackSettledKopecks!,
        refundedKopecks: claim.clawbackRefundedKopecks!,
        refundDueKopecks: claim.clawbackRefundDueKopecks,
      };
      await this.events.emit(manager, ClaimClawbackRefunded, claim, {
        refundId: refund.id,
        amountKopecks: refund.amountKopecks,
        refundedOn: dto.refundedOn,
        ...totals,
      });
      await this.audit.record(manager, {
        subjectType: 'claim',
        subjectId: claim.id,
        action: 'claim.clawback_refunded',
        actor: actorOf(principal),
        changes: {
          state: claim.state,
          refundId: refund.id,
          amountKopecks: refund.amountKopecks,
          refundedOn: dto.refundedOn,
          reference: dto.reference,
          ...totals,
          version: claim.version,
        },
      });
      await this.budget.reserve(manager, claim.programmeYear, amount, claim.id);
      return { refund, claim };
    });
  }

  /** `claim` already counts the refund; the cap is the one of the rules it was priced under, as for its approval. */
  private async assertCapRoom(manager: EntityManager, claim: Claim, amount: bigint): Promise<void> {
    const pricedUnder = await manager.findOneByOrFail(ProgrammeVersion, {
      year: claim.programmeYear,
      version: claim.programmeVersion!,
    });
    await lockCompanyCap(manager, claim.companyId);
    const room = await capRoom(manager, claim, BigInt(pricedUnder.companyCapKopecks));
    const taken = capTakenBy(claim);
    if (taken > room) throw refundBeyondCompanyCap(amount, maxKopecks(0n, room - (taken - amount)));
  }
}
