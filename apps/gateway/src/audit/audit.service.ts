import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Page, type PageQuery } from '@redmet/platform';
import { type AuditAction, AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  action: AuditAction;
  actorId: string | null;
  subject: string | null;
  clientIp?: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Recorded in the caller's transaction when given one, so the change and its audit commit together. */
  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditEntry, { clientIp: null, ...entry, details: (entry.details ?? {}) as object });
  }

  async list(query: PageQuery & { subject?: string }): Promise<Page<AuditEntry>> {
    const [items, total] = await this.dataSource.manager.findAndCount(AuditEntry, {
      where: query.subject ? { subject: query.subject } : {},
      order: { id: 'DESC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return Page.of(items, total, query);
  }
}
