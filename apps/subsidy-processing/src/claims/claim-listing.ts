import type { EntityManager } from 'typeorm';
import { Page, type Principal } from '@redmet/platform';
import { listedCompany, OTHERS_DRAFT } from './claim-access';
import { Claim } from './claim.entity';
import type { ClaimQuery, ClaimSort } from './dto/claim-query.dto';

const ORDER: Record<ClaimSort, [string, 'ASC' | 'DESC']> = {
  oldest: ['c.submittedAt', 'ASC'],
  newest: ['c.submittedAt', 'DESC'],
  recent: ['c.updatedAt', 'DESC'],
  largest: ['c.requestedKopecks', 'DESC'],
  smallest: ['c.requestedKopecks', 'ASC'],
  clawbackDue: ['c.clawbackDueOn', 'ASC'],
};

/** Demanded back, not fully repaid (else the claim would be clawed back), and past the due day. */
const CLAWBACK_OVERDUE = `c.state = 'under_clawback' AND c.clawback_due_on < :today`;

/**
 * The queue: a producer sees only its company's claims and may name no other; staff filter freely among the
 * claims they may see (no draft but their own paper ones).
 */
export async function listClaims(
  manager: EntityManager,
  query: ClaimQuery,
  principal: Principal,
  today: string,
): Promise<Page<Claim>> {
  const companyId = listedCompany(principal, query.companyId);
  const builder = manager.createQueryBuilder(Claim, 'c');
  if (companyId) builder.andWhere('c.company_id = :companyId', { companyId });
  if (!principal.isProducer()) builder.andWhere(`NOT ${OTHERS_DRAFT}`, { viewer: principal.userId });
  if (query.state) builder.andWhere('c.state = :state', { state: query.state });
  if (query.period) builder.andWhere('c.period = :period', { period: query.period });
  if (query.programmeYear) builder.andWhere('c.programme_year = :year', { year: query.programmeYear });
  if (query.assignedTo) {
    const assignee = query.assignedTo === 'me' ? principal.userId : query.assignedTo;
    builder.andWhere(`c.assigned_to ->> 'userId' = :assignee`, { assignee });
  }
  if (query.awaitingSecondApproval !== undefined) {
    builder.andWhere(query.awaitingSecondApproval ? 'c.first_approval IS NOT NULL' : 'c.first_approval IS NULL');
  }
  if (query.needsAnotherOfficer !== undefined) {
    builder.andWhere('c.needs_another_officer = :needsAnotherOfficer', {
      needsAnotherOfficer: query.needsAnotherOfficer,
    });
  }
  if (query.clawbackOverdue !== undefined) {
    builder.andWhere(query.clawbackOverdue ? CLAWBACK_OVERDUE : `NOT (${CLAWBACK_OVERDUE})`, { today });
  }
  const [column, direction] = ORDER[query.sort];
  const [items, total] = await builder
    .orderBy(column, direction, 'NULLS LAST')
    .addOrderBy('c.id', 'ASC')
    .skip(query.skip)
    .take(query.pageSize)
    .getManyAndCount();
  return Page.of(items, total, query);
}
