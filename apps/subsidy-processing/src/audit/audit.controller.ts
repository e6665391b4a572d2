import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Page, type Principal, Roles, readSnapshot } from '@redmet/platform';
import { OTHERS_DRAFT } from '../claims/claim-access';
import { AuditEntry } from './audit-entry.entity';
import { AuditQuery } from './dto/audit-query.dto';

/**
 * Read-only by design: there is no route that changes an entry, and the database refuses it too. A draft's
 * entries are left out for staff who may not see the draft, as its claim is.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('subsidy_officer', 'finance_officer', 'admin')
  async list(@Query() query: AuditQuery, @CurrentPrincipal() principal: Principal): Promise<Page<AuditEntry>> {
    // A page and its total are two statements: one snapshot, so the total counts what the page is cut from.
    const [items, total] = await readSnapshot(this.dataSource, (manager) => {
      const builder = manager
        .createQueryBuilder(AuditEntry, 'a')
        .where(
          `NOT EXISTS (SELECT 1 FROM claim c WHERE a.subject_type = 'claim' AND c.id::text = a.subject_id AND ${OTHERS_DRAFT})`,
          { viewer: principal.userId },
        );
      if (query.subjectType) builder.andWhere('a.subject_type = :subjectType', { subjectType: query.subjectType });
      if (query.subjectId) builder.andWhere('a.subject_id = :subjectId', { subjectId: query.subjectId });
      if (query.actorId) builder.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
      return builder.orderBy('a.id', 'ASC').skip(query.skip).take(query.pageSize).getManyAndCount();
    });
    return Page.of(items, total, query);
  }
}
