import { Injectable, Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { ClaimApprovalRaised, ClaimApprovalReduced, ClaimApprovalWithdrawn } from '@redmet/contracts';
import { type AuditActor, Audit, SYSTEM_ACTOR } from '../audit/audit';
import { lockClaim, saveClaim } from '../claims/claim-access';
import { capRoom, lockCompanyCap } from '../claims/claim-pricing';
import { ClaimEvents } from '../claims/claim-events';
import { Claim } from '../claims/claim.entity';
import { FirstApprovalWithdrawal } from '../claims/first-approval-withdrawal';
import * as workflow from '../claims/claim-workflow';
import { maxKopecks, minKopecks } from '../common/money';
import { fitText } from '../common/text';
import { Budget } from '../programmes/budget';
import { ProgrammeVersion } from '../programmes/programme-version.entity';
import { ReportVersions } from '../reports/report-versions';
import type { Shortfall } from './clawback-coefficient';
import { UNPAID_APPROVED_STATES } from './clawback.service';
import { rebaseline, type ReportSupport, reportSupport } from './relied-reports';

/**
 * A relied-on report changed (a later version accepted, or the relied
 * version rejected) while the claim is approved and not yet paid. The
 * officers' amount loses what a clawback would demand after payment
 * (amount × k, k from the claim's programme version over the figures they
 * approved on, rounded down), and the difference goes back to the budget:
 * the claim ends with the same money whether the report changed before or
 * after payment, without a demand the company must repay. When nothing would
 * be left, the approval is withdrawn and the claim is under review again.
 * A report going back up raises a lowered amount again, never above the
 * officers' amount, as far as the budget has money left: an amendment
 * corrected back is no reason to lose the subsidy.
 */
@Injectable()
export class ApprovalReassessment {
  private readonly logger = new Logger(ApprovalReassessment.name);

  constructor(
    private readonly reports: ReportVersions,
    private readonly events: ClaimEvents,
    private readonly budget: Budget,
    private readonly audit: Audit,
    private readonly firstApprovals: FirstApprovalWithdrawal,
  ) {}

  /** `claim` (approved or payment scheduled) must be locked by the caller; true when it changed. */
  async reassess(manager: EntityManager, claim: Claim, actor: AuditActor): Promise<boolean> {
    const rules = await manager.findOneByOrFail(ProgrammeVersion, {
      year: claim.programmeYear,
      version: claim.programmeVersion!,
    });
    const { basis, current, shortfall, supported } = await reportSupport(manager, claim, this.reports, rules);
    const approved = BigInt(claim.approvedKopecks!);
    if (supported === approved) return false;
    if (supported <= 0n) {
      await this.withdraw(manager, claim, shortfall, actor);
      return true;
    }
    if (supported < approved) {
      await rebaseline(manager, claim.id, basis.relied, current);
      await this.reduce(manager, claim, supported, shortfall, actor);
      return true;
    }
    return this.raise(manager, claim, { basis, current, supported, shortfall }, BigInt(rules.companyCapKopecks), actor);
  }

  /**
   * Each lowered approval not yet paid, re-assessed in its own transaction,
   * the longest waiting first: what reached the budget since its report went
   * back up (a release, a larger total) goes to it. A report's change tries at
   * once; this is for money freed later. Returns the claims raised.
   */
  async reassessLowered(dataSource: DataSource): Promise<number> {
    const lowered: { id: string }[] = await dataSource.query(
      `SELECT id FROM claim WHERE state = ANY($1) AND originally_approved_kopecks IS NOT NULL ORDER BY updated_at, id`,
      [UNPAID_APPROVED_STATES],
    );
    let raised = 0;
    for (const { id } of lowered) {
      const changed = await dataSource.transaction(async (manager) => {
        const claim = await lockClaim(manager, id);
        // Paid, withdrawn or raised in full since the list was read.
        if (!claim.originallyApprovedKopecks || !UNPAID_APPROVED_STATES.some((state) => state === claim.state))
          return false;
        return this.reassess(manager, claim, SYSTEM_ACTOR);
      });
      if (changed) raised += 1;
    }
    return raised;
  }

  /**
   * Claims awaiting their second approval whose first one saw another accepted
   * version of the report than the one accepted now lose that first approval
   * (either way: the second officer must confirm what the first judged).
   * `reportId` in lower case, as stored: a first approval's versions and the read model's answers are keyed by it as text.
   */
  async withdrawStaleFirstApprovals(manager: EntityManager, reportId: string, actor: AuditActor): Promise<void> {
    const claims = await manager
      .createQueryBuilder(Claim, 'c')
      .where(`c.state = 'under_review' AND c.first_approval IS NOT NULL`)
      .andWhere('c.report_ids @> ARRAY[CAST(:reportId AS uuid)]', { reportId })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
    if (claims.length === 0) return;
    const now = (await this.reports.latestAccepted([reportId], manager)).get(reportId)?.version ?? null;
    for (const claim of claims) {
      const then = claim.firstApproval!.reportVersions?.[reportId] ?? null;
      if (then === now) continue;
      const reason =
        now === null
          ? `Report ${reportId} has no accepted version any more; the first approval is withdrawn.`
          : `Report ${reportId} is now accepted as version ${now}, not the version ${then ?? 'none'} the first approval saw; the first approval is withdrawn.`;
      await this.firstApprovals.withdraw(manager, claim, reason, actor);
    }
  }

  private async reduce(
    manager: EntityManager,
    claim: Claim,
    to: bigint,
    shortfall: Shortfall,
    actor: AuditActor,
  ): Promise<void> {
    const previous = claim.approvedKopecks!;
    const released = workflow.reduceApproval(claim, to, shortfall.reason);
    await saveClaim(manager, claim);
    await this.events.emit(manager, ClaimApprovalReduced, claim, {
      previousApprovedKopecks: previous,
      releasedKopecks: released.toString(),
      coefficient: shortfall.coefficient,
      reason: shortfall.reason,
    });
    const changes = { previousApprovedKopecks: previous, approvedKopecks: claim.approvedKopecks };
    await this.audit.claim(
      manager,
      claim,
      actor,
      'claim.approval_reduced',
      {
        releasedKopecks: released.toString(),
        ...changes,
        coefficient: shortfall.coefficient,
      },
      claim.approvalAdjustmentReason,
    );
    await this.budget.release(manager, claim.programmeYear, released, claim.id);
  }

  /**
   * Up to what the reports support, as far as the budget has money left and
   * the company's cap has room: a claim submitted while this approval was
   * lowered may have taken the room it freed.
   */
  private async raise(
    manager: EntityManager,
    claim: Claim,
    { basis, current, supported, shortfall }: ReportSupport,
    capKopecks: bigint,
    actor: AuditActor,
  ): Promise<boolean> {
    const previous = claim.approvedKopecks!;
    const wanted = supported - BigInt(previous);
    await lockCompanyCap(manager, claim.companyId);
    const headroom = maxKopecks(0n, (await capRoom(manager, claim, capKopecks)) - BigInt(previous));
    const allowed = minKopecks(wanted, headroom);
    const reserved = allowed > 0n ? await this.budget.reserveUpTo(manager, claim.programmeYear, allowed, claim.id) : 0n;
    const restored = supported === basis.kopecks;
    const reason = fitText(
      [
        restored
          ? 'Relied-on reports again support the amount the officers approved.'
          : `Relied-on reports now support ${supported} kopecks. ${shortfall.reason}`,
        allowed < wanted
          ? `The company's cap for ${claim.programmeYear} left room for ${allowed} of the ${wanted} kopecks to restore after its other claims.`
          : '',
        reserved < allowed ? `The programme budget had ${reserved} of the ${wanted} kopecks to restore.` : '',
      ]
        .filter(Boolean)
        .join(' '),
      2000,
    );
    if (reserved === 0n) {
      // Nothing changes; the next change of a relied-on report, or the scheduled run, looks again.
      this.logger.warn(
        { claimId: claim.id, wanted: wanted.toString(), allowed: allowed.toString() },
        'approval not raised: budget or company cap exhausted',
      );
      return false;
    }
    await rebaseline(
      manager,
      claim.id,
      basis.relied,
      restored && reserved === wanted ? new Map(basis.figures.map((figure) => [figure.reportId, figure])) : current,
    );
    workflow.raiseApproval(claim, BigInt(previous) + reserved, reason);
    await saveClaim(manager, claim);
    await this.events.emit(manager, ClaimApprovalRaised, claim, {
      previousApprovedKopecks: previous,
      reservedKopecks: reserved.toString(),
      coefficient: shortfall.coefficient,
      reason,
    });
    await this.audit.claim(
      manager,
      claim,
      actor,
      'claim.approval_raised',
      {
        reservedKopecks: reserved.toString(),
        previousApprovedKopecks: previous,
        approvedKopecks: claim.approvedKopecks,
        coefficient: shortfall.coefficient,
      },
      reason,
    );
    return true;
  }

  private async withdraw(manager: EntityManager, claim: Claim, shortfall: Shortfall, actor: AuditActor) {
    const reason = fitText(`Nothing left to pay, the approval is withdrawn. ${shortfall.reason}`, 2000);
    const previous = claim.approvedKopecks;
    const released = workflow.withdrawApproval(claim, reason);
    await saveClaim(manager, claim);
    // A new approval relies on whatever is accepted then.
    await manager.query(`DELETE FROM claim_relied_report WHERE claim_id = $1`, [claim.id]);
    await this.events.emit(manager, ClaimApprovalWithdrawn, claim, { releasedKopecks: released.toString(), reason });
    await this.audit.claim(
      manager,
      claim,
      actor,
      'claim.approval_withdrawn',
      {
        releasedKopecks: released.toString(),
        previousApprovedKopecks: previous,
        assignedTo: claim.assignedTo,
      },
      claim.approvalAdjustmentReason,
    );
    await this.budget.release(manager, claim.programmeYear, released, claim.id);
  }
}
