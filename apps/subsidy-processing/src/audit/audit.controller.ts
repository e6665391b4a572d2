import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Page, Roles } from '@redmet/platform';
import { AuditEntry } from './audit-entry.entity';
import { AuditQuery } from './dto/audit-query.dto';

/** Read-only by design: there is no route that changes an entry, and the database refuses it too. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('subsidy_officer', 'finance_officer', 'admin')
  async list(@Query() query: AuditQuery): Promise<Page<AuditEntry>> {
    const [items, total] = await this.dataSource.manager.findAndCount(AuditEntry, {
      where: {
        ...(query.subjectType ? { subjectType: query.subjectType } : {}),
        ...(query.subjectId ? { subjectId: query.subjectId } : {}),
        ...(query.actorId ? { actorId: query.actorId } : {}),
      },
      order: { id: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return Page.of(items, total, query);
  }
}
