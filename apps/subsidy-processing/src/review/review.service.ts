import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ClaimApproved, ClaimReassigned, ClaimRejected, ClaimReturned, ClaimTakenForReview } from '@redmet/contracts';
import { DomainError, type Principal } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { findClaimForUpdate, freeClaimedDocuments, officerOf, saveClaim, viewOf } from '../claims/claim-access';
import type { ClaimView } from '../claims/dto/claim-view.dto';
import { ClaimEvents } from '../claims/claim-events';
import { capRoom, lockCompanyCap } from '../claims/claim-pricing';
import type { Claim } from '../claims/claim.entity';
import * as workflow from '../claims/claim-workflow';
import { Clock } from '@redmet/platform';
import { fitText } from '../common/text';
import { CommentsService } from '../comments/comments.service';
import { Budget } from '../programmes/budget';
import { ProgrammeVersion } from '../programmes/programme-version.entity';
import { ProgrammesService } from '../programmes/programmes.service';
import { ReportVersions } from '../reports/report-versions';
import type { ApproveDto, ReassignDto, RejectDto, ReturnDto, RevokeDto } from './dto/decision.dto';

/** What a decision event's `reason` may hold (the claim keeps the whole text). */
const REASON_MAX = 2000;

/**
 * The officers' side: take a claim, then approve (four eyes above the threshold), reject or return it;
 * revoke an approval not yet paid.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programmes: ProgrammesService,
    private readonly budget: Budget,
    private readonly events: ClaimEvents,
    private readonly comments: CommentsService,
    private readonly audit: Audit,
    private readonly clock: Clock,
    private readonly reports: ReportVersions,
  ) {}

  take(id: string, principal: Principal): Promise<ClaimView> {
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      workflow.take(claim, officerOf(principal));
      await saveClaim(manager, claim);
      await this.events.emit(manager, ClaimTakenForReview, claim, { assignedTo: officerOf(principal) });
      await this.audit.claim(manager, claim, actorOf(principal), 'claim.taken', { assignedTo: principal.userId });
      return claim;
    });
  }

  /**
   * Hands a claim under review to another officer (the assignee or an admin
   * may): audited with the reason, and an event, as the claim's version moves.
   * Who may be named is checked against the claim (four eyes); that the user
   * is a subsidy officer is for the gateway's accounts to know, and only an
   * officer can decide it anyway.
   */
  reassign(id: string, dto: ReassignDto, principal: Principal): Promise<ClaimView> {
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      const name = dto.officerName?.trim();
      const to = { userId: dto.officerId, name: name || null };
      const previous = workflow.reassign(claim, to, {
        userId: principal.userId,
        admin: principal.hasRole('admin'),
        officer: principal.hasRole('subsidy_officer'),
      });
      await saveClaim(manager, claim);
      await this.events.emit(manager, ClaimReassigned, claim, {
        assignedTo: to,
        previouslyAssignedTo: previous,
        reassignedBy: officerOf(principal),
        reason: dto.reason,
      });
      await this.audit.claim(
        manager,
        claim,
        actorOf(principal),
        'claim.reassigned',
        { assignedTo: to, previouslyAssignedTo: previous, awaitingSecondApproval: claim.firstApproval !== null },
        dto.reason,
      );
      return claim;
    });
  }

  /**
   * The final approval reserves the money in the same transaction; the budget
   * row is updated last, so its lock is held only while the commit follows.
   */
  approve(id: string, dto: ApproveDto, principal: Principal): Promise<ClaimView> {
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      const rules = await this.programmes.rulesInForce(claim.programmeYear, this.clock.today(), manager);
      const accepted = await this.reports.latestAccepted(claim.reportIds, manager);
      // The cap the claim was priced under, as at its submission.
      const pricedUnder = await manager.findOneByOrFail(ProgrammeVersion, {
        year: claim.programmeYear,
        version: claim.programmeVersion!,
      });
      await lockCompanyCap(manager, claim.companyId);
      const outcome = workflow.approve(claim, officerOf(principal), {
        amount: dto.approvedKopecks === undefined ? undefined : BigInt(dto.approvedKopecks),
        reason: dto.reason,
        threshold: BigInt(rules.fourEyesThresholdKopecks),
        capRoom: await capRoom(manager, claim, BigInt(pricedUnder.companyCapKopecks)),
        at: this.clock.now(),
        reportVersions: Object.fromEntries([...accepted].map(([reportId, row]) => [reportId, row.version])),
      });
      if (outcome === 'approved') await this.recordReliedReports(manager, claim);
      await saveClaim(manager, claim);
      const approved = outcome === 'approved';
      await this.audit.claim(
        manager,
        claim,
        actorOf(principal),
        approved ? 'claim.approved' : 'claim.first_approval',
        {
          state: claim.state,
          amountKopecks: approved ? claim.approvedKopecks : claim.firstApproval?.amountKopecks,
        },
        dto.reason,
      );
      if (approved) {
        await this.events.emit(manager, ClaimApproved, claim, {
          decidedBy: claim.decidedBy ?? [],
          reason: claim.decisionReason && fitText(claim.decisionReason, REASON_MAX),
        });
        await this.budget.reserve(manager, claim.programmeYear, BigInt(claim.approvedKopecks!), claim.id);
      }
      return claim;
    });
  }

  reject(id: string, dto: RejectDto, principal: Principal): Promise<ClaimView> {
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      workflow.reject(claim, officerOf(principal), dto.reason);
      await saveClaim(manager, claim);
      await freeClaimedDocuments(manager, id);
      await this.events.emit(manager, ClaimRejected, claim, { decidedBy: claim.decidedBy ?? [], reason: dto.reason });
      await this.audit.claim(manager, claim, actorOf(principal), 'claim.rejected', { state: claim.state }, dto.reason);
      return claim;
    });
  }

  /**
   * Revokes an approval not yet paid: the claim ends rejected, and is published as a rejection
   * (`ClaimRejected`, the snapshot without an approved amount), so readers that follow claims by their
   * newest snapshot drop its approval with no new event to learn. Its reservation goes back to the
   * budget as a withdrawn approval's does (`BudgetReleased`), last, as an approval reserves it.
   */
  revoke(id: string, dto: RevokeDto, principal: Principal): Promise<ClaimView> {
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      const { approvedKopecks, paymentScheduledOn } = claim;
      const released = workflow.revokeApproval(claim, officerOf(principal), dto.reason);
      await saveClaim(manager, claim);
      await freeClaimedDocuments(manager, id);
      await this.events.emit(manager, ClaimRejected, claim, { decidedBy: claim.decidedBy ?? [], reason: dto.reason });
      await this.audit.claim(
        manager,
        claim,
        actorOf(principal),
        'claim.approval_revoked',
        {
          state: claim.state,
          releasedKopecks: released.toString(),
          previousApprovedKopecks: approvedKopecks,
          paymentScheduledOn,
        },
        dto.reason,
      );
      await this.budget.release(manager, claim.programmeYear, released, claim.id);
      return claim;
    });
  }

  returnForInformation(id: string, dto: ReturnDto, principal: Principal): Promise<ClaimView> {
    return this.dataSource.transaction(async (manager) => {
      const claim = await viewOf(manager, await findClaimForUpdate(manager, id, principal));
      workflow.returnForInformation(claim, officerOf(principal), dto.reason, dto.missing);
      await saveClaim(manager, claim);
      const message = `${dto.reason}\nMissing:\n${dto.missing.map((item) => `- ${item}`).join('\n')}`;
      await this.comments.add(manager, claim.id, { text: message, visibility: 'producer' }, principal);
      await this.events.emit(manager, ClaimReturned, claim, {
        decidedBy: claim.decidedBy ?? [],
        reason: fitText(message, REASON_MAX),
      });
      await this.audit.claim(
        manager,
        claim,
        actorOf(principal),
        'claim.returned',
        { state: claim.state, missing: dto.missing },
        dto.reason,
      );
      return claim;
    });
  }

  /**
   * The accepted versions the decision rests on, and their figures, which a
   * later clawback is measured against: copied from the read model in one statement.
   */
  private async recordReliedReports(manager: EntityManager, claim: Claim): Promise<void> {
    const relied: { report_id: string }[] = await manager.query(
      `INSERT INTO claim_relied_report (claim_id, report_id, version, metal_content_tonnes, quantity_tonnes,
                                        approved_version, approved_metal_content_tonnes, approved_quantity_tonnes)
       SELECT DISTINCT ON (r.report_id) $1::uuid, r.report_id, r.version, r.metal_content_tonnes, r.quantity_tonnes,
              r.version, r.metal_content_tonnes, r.quantity_tonnes
       FROM report_version r WHERE r.report_id = ANY($2::uuid[]) AND r.state = 'accepted'
       ORDER BY r.report_id, r.version DESC
       RETURNING report_id`,
      [claim.id, claim.reportIds],
    );
    const missing = claim.reportIds.filter((reportId) => !relied.some((row) => row.report_id === reportId));
    if (missing.length > 0) {
      throw new DomainError(
        'CLAIM.REPORT_NOT_ACCEPTED',
        `No accepted version of report ${missing.join(', ')} any more: return or reject the claim`,
        HttpStatus.UNPROCESSABLE_ENTITY,
        missing.map((reportId) => ({
          field: `reportIds.${claim.reportIds.indexOf(reportId)}`,
          messages: ['no accepted version'],
        })),
      );
    }
  }
}
