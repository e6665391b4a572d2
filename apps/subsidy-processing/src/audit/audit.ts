import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@redmet/contracts';
import { currentOrigin, type Principal } from '@redmet/platform';
import type { AuditSubject } from './audit-entry.entity';

/** Whoever acted: a signed-in user, or the service itself reacting to an event. */
export interface AuditActor {
  userId: string;
  name: string | null;
  roles: readonly string[];
}

export const SYSTEM_ACTOR: AuditActor = { userId: 'system', name: 'subsidy-processing', roles: [] };

export function actorOf(principal: Principal): AuditActor {
  return { userId: principal.userId, name: principal.name, roles: principal.roles };
}

export function asEventActor(actor: AuditActor): Actor {
  return { userId: actor.userId, name: actor.name };
}

export interface AuditRecord {
  subjectType: AuditSubject;
  subjectId: string;
  action: string;
  actor: AuditActor;
  changes?: Record<string, unknown>;
  reason?: string | null;
}

/** Writes the audit entry in the caller's transaction, so an action and its record commit together. */
@Injectable()
export class Audit {
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    const origin = currentOrigin();
    await manager.query(
      `INSERT INTO audit_entry (subject_type, subject_id, action, actor_id, actor_name, actor_roles, changes, reason,
         correlation_id, causation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        record.subjectType,
        record.subjectId,
        record.action,
        record.actor.userId,
        record.actor.name,
        record.actor.roles,
        JSON.stringify(record.changes ?? {}),
        record.reason ?? null,
        origin.correlationId,
        origin.causationId ?? null,
      ],
    );
  }

  /** A change of a claim: its state and version after the change beside what changed. */
  claim(
    manager: EntityManager,
    claim: { id: string; state: string; version: number },
    actor: AuditActor,
    action: string,
    changes: Record<string, unknown>,
    reason?: string | null,
  ): Promise<void> {
    return this.record(manager, {
      subjectType: 'claim',
      subjectId: claim.id,
      action,
      actor,
      changes: { state: claim.state, ...changes, version: claim.version },
      reason,
    });
  }
}
