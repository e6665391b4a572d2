import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ClaimSubmitted, type ClaimLineInput } from '@redmet/contracts';
import { InvalidInputError, orConflict, Page, type Principal, readSnapshot } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { Clock } from '@redmet/platform';
import { ProgrammesService } from '../programmes/programmes.service';
import { ClaimEvents } from './claim-events';
import {
  findClaim,
  findClaimForUpdate,
  findClaimView,
  insertClaim,
  linesOf,
  producerCompany,
  saveClaim,
  withLines,
} from './claim-access';
import { inputOf, lockCompanyCap, priceClaim, replaceLines } from './claim-pricing';
import { Claim } from './claim.entity';
import * as errors from './claim.errors';
import * as workflow from './claim-workflow';
import { type ClaimAmounts, lineProblems } from './compensation';
import type { CreateClaimDto, UpdateClaimDto } from './dto/claim.dto';
import type { ClaimView } from './dto/claim-view.dto';
import type { ClaimQuery } from './dto/claim-query.dto';
import type { EligibilityFailure } from './eligibility';
import { EligibilityService } from './eligibility.service';
import { listClaims } from './claim-listing';

export interface EligibilityAnswer extends ClaimAmounts {
  eligible: boolean;
  failures: EligibilityFailure[];
}

function assertValidLines(lines: readonly ClaimLineInput[] | undefined): void {
  const problems = lines ? lineProblems(lines) : [];
  if (problems.length > 0) throw new InvalidInputError('CLAIM.INVALID_LINES', 'Some claim lines are invalid', problems);
}

function writerOf(principal: Principal): workflow.Writer {
  return { userId: principal.userId, producer: principal.isProducer() };
}

function companyFor(dto: CreateClaimDto, principal: Principal): string {
  if (principal.isProducer()) return producerCompany(principal, dto.companyId, 'files claims');
  if (!dto.companyId) {
    throw new InvalidInputError('REQUEST.INVALID', 'companyId is required when an officer keys in a claim', [
      { field: 'companyId', messages: ['companyId must name the company the claim is for'] },
    ]);
  }
  return dto.companyId;
}

/** The producer's side: drafts, edits, the eligibility check and submission. */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programmes: ProgrammesService,
    private readonly eligibility: EligibilityService,
    private readonly events: ClaimEvents,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {}

  create(dto: CreateClaimDto, principal: Principal): Promise<ClaimView> {
    assertValidLines(dto.lines);
    const companyId = companyFor(dto, principal);
    return this.dataSource.transaction(async (manager) => {
      const claim = manager.create(Claim, {
        id: randomUUID(),
        companyId,
        programmeYear: Number(dto.period.slice(0, 4)),
        period: dto.period,
        state: 'draft',
        reportIds: dto.reportIds,
        noTaxArrears: dto.noTaxArrears,
        notInLiquidation: dto.notInLiquidation,
        annualRevenueKopecks: dto.annualRevenueKopecks ?? null,
        missingItems: [],
        createdBy: principal.userId,
        lastEditedBy: principal.userId,
        editedBy: [principal.userId],
        version: 1,
      });
      const rules = await this.rulesFor(claim, manager);
      const { lines } = await priceClaim(manager, claim, dto.lines, rules);
      await insertClaim(manager, claim);
      const saved = await replaceLines(manager, claim.id, lines);
      await this.audit.record(manager, {
        subjectType: 'claim',
        subjectId: claim.id,
        action: 'claim.created',
        actor: actorOf(principal),
        changes: { companyId, period: dto.period, requestedKopecks: claim.requestedKopecks, lines: lines.length },
      });
      return withLines(claim, saved);
    });
  }

  update(id: string, dto: UpdateClaimDto, principal: Principal): Promise<ClaimView> {
    if (Object.values(dto).every((value) => value === undefined)) throw errors.emptyEdit();
    assertValidLines(dto.lines);
    return this.dataSource.transaction(async (manager) => {
      const claim = await findClaimForUpdate(manager, id, principal);
      workflow.edit(claim, writerOf(principal));
      // A returned claim is live: the company's other claims are priced and approved against what it requests,
      // so two of them edited at once must not both count the same room.
      if (claim.state === 'returned') await lockCompanyCap(manager, claim.companyId);
      const { lines: lineDtos, ...fields } = dto;
      const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      Object.assign(claim, given, dto.period ? { programmeYear: Number(dto.period.slice(0, 4)) } : {});
      const inputs = lineDtos ?? (await linesOf(manager, id)).map(inputOf);
      const rules = await this.rulesFor(claim, manager);
      const { lines } = await priceClaim(manager, claim, inputs, rules);
      await orConflict(saveClaim(manager, claim), 'claim_one_per_quarter', () =>
        errors.alreadyClaimedThisQuarter(claim.period),
      );
      const saved = await replaceLines(manager, id, lines);
      await this.audit.record(manager, {
        subjectType: 'claim',
        subjectId: id,
        action: 'claim.edited',
        actor: actorOf(principal),
        changes: { ...given, ...(lineDtos ? { lines: lines.length } : {}), requestedKopecks: claim.requestedKopecks },
      });
      return withLines(claim, saved);
    });
  }

  /** What submitting now would say, without submitting, from one snapshot of the facts it rests on. */
  checkEligibility(id: string, principal: Principal): Promise<EligibilityAnswer> {
    return readSnapshot(this.dataSource, async (manager) => {
      const { amounts, failures } = await this.assess(manager, await findClaim(manager, id, principal), principal);
      return { eligible: failures.length === 0, failures, ...amounts };
    });
  }

  /**
   * Prices the claim under the rules in force today, checks every rule, and
   * only then submits it, reserving its documents for the company: all or nothing.
   */
  submit(id: string, principal: Principal): Promise<ClaimView> {
    return this.dataSource.transaction(async (manager) => {
      const claim = await findClaimForUpdate(manager, id, principal);
      workflow.assertEditable(claim);
      await lockCompanyCap(manager, claim.companyId);
      const { lines, failures } = await this.assess(manager, claim, principal);
      if (failures.length > 0) throw errors.notEligible(failures);
      workflow.submit(claim, this.clock.now(), writerOf(principal));
      await orConflict(saveClaim(manager, claim), 'claim_one_per_quarter', () =>
        errors.alreadyClaimedThisQuarter(claim.period),
      );
      const saved = await replaceLines(manager, id, lines);
      await manager.query(`DELETE FROM claimed_document WHERE claim_id = $1`, [id]);
      await orConflict(
        manager.query(
          `INSERT INTO claimed_document (company_id, document_key, claim_id) SELECT $1, unnest($2::text[]), $3`,
          [claim.companyId, lines.map((line) => line.documentKey), id],
        ),
        'claimed_document_once',
        errors.documentJustClaimed,
      );
      await this.events.emit(manager, ClaimSubmitted, claim, {});
      await this.audit.record(manager, {
        subjectType: 'claim',
        subjectId: id,
        action: 'claim.submitted',
        actor: actorOf(principal),
        changes: {
          state: claim.state,
          requestedKopecks: claim.requestedKopecks,
          programmeVersion: claim.programmeVersion,
        },
      });
      return withLines(claim, saved);
    });
  }

  get(id: string, principal: Principal): Promise<ClaimView> {
    return findClaimView(this.dataSource.manager, id, principal);
  }

  list(query: ClaimQuery, principal: Principal): Promise<Page<Claim>> {
    // A page and its total are two statements: one snapshot, so the total counts what the page is cut from.
    return readSnapshot(this.dataSource, (manager) => listClaims(manager, query, principal, this.clock.today()));
  }

  /** The claim's year is its period's: a year without rules in force is the period to change. */
  private rulesFor(claim: Claim, manager: EntityManager) {
    return this.programmes.rulesInForce(claim.programmeYear, this.clock.today(), manager, 'period');
  }

  private async assess(manager: EntityManager, claim: Claim, principal: Principal) {
    const rules = await this.rulesFor(claim, manager);
    const { lines, amounts } = await priceClaim(manager, claim, (await linesOf(manager, claim.id)).map(inputOf), rules);
    const failures = await this.eligibility.check(manager, claim, lines, amounts, rules, principal.isProducer());
    return { lines, amounts, failures };
  }
}
