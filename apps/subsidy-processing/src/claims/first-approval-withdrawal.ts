import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClaimApprovalWithdrawn } from '@redmet/contracts';
import { type AuditActor, Audit } from '../audit/audit';
import { withdrawFirstApproval } from './approval-adjustment';
import { saveClaim } from './claim-access';
import { ClaimEvents } from './claim-events';
import type { Claim } from './claim.entity';

/**
 * Withdraws a pending first approval and records it, whatever the cause (a
 * relied-on report changed, the first approver edited the claim): consumers and
 * the audit trail see one kind of withdrawal, told apart by its reason and actor.
 */
@Injectable()
export class FirstApprovalWithdrawal {
  constructor(
    private readonly events: ClaimEvents,
    private readonly audit: Audit,
  ) {}

  /** `claim` must be locked by the caller, under review with a first approval. */
  async withdraw(manager: EntityManager, claim: Claim, reason: string, actor: AuditActor): Promise<void> {
    const first = withdrawFirstApproval(claim, reason);
    await saveClaim(manager, claim);
    // Nothing was reserved for a first approval, so nothing goes back to the budget.
    await this.events.emit(manager, ClaimApprovalWithdrawn, claim, { releasedKopecks: '0', reason });
    await this.audit.claim(
      manager,
      claim,
      actor,
      'claim.first_approval_withdrawn',
      {
        releasedKopecks: '0',
        firstApprovalBy: { userId: first.userId, name: first.name },
        firstApprovalKopecks: first.amountKopecks,
        assignedTo: claim.assignedTo,
      },
      reason,
    );
  }
}
