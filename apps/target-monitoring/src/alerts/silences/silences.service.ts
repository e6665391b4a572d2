import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError, Page, type Principal, readSnapshot } from '@redmet/platform';
import { changedRows } from '../../common/sql';
import type { CreateSilenceDto, SilenceQuery } from './silence.dto';

const VIEW = `id, rule_id AS "ruleId", subject, starts_at AS "startsAt", ends_at AS "endsAt", reason,
  created_by AS "createdBy", created_at AS "createdAt", ended_by AS "endedBy", ended_at AS "endedAt"`;

/**
 * A silence mutes deliveries (SSE, e-mail, webhooks) of a rule, a subject or
 * both for a while; the alerts are still raised, recorded and published.
 */
@Injectable()
export class SilencesService {
  constructor(private readonly dataSource: DataSource) {}

  async create(dto: CreateSilenceDto, principal: Principal) {
    const startsAt = dto.startsAt ? new Date(dto.startsAt) : new Date();
    const endsAt = new Date(dto.endsAt);
    const errors = [
      ...(!dto.ruleId && !dto.subject ? [{ field: 'ruleId', messages: ['name a rule, a subject or both'] }] : []),
      ...(endsAt <= startsAt ? [{ field: 'endsAt', messages: ['endsAt must come after startsAt'] }] : []),
    ];
    if (errors.length > 0) throw new InvalidInputError('SILENCE.INVALID', 'The silence is not valid', errors);
    // In a transaction of its own, so that a retry with the same Idempotency-Key is fenced (README) and makes one.
    const [silence] = await this.dataSource.transaction((manager) =>
      manager.query(
        `INSERT INTO silence (id, rule_id, subject, starts_at, ends_at, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${VIEW}`,
        [randomUUID(), dto.ruleId ?? null, dto.subject ?? null, startsAt, endsAt, dto.reason, principal.actor()],
      ),
    );
    return silence;
  }

  async list(query: SilenceQuery) {
    const where = `($1::boolean IS NOT TRUE OR (starts_at <= now() AND ends_at > now()))`;
    // A page and its total, of one moment.
    const [items, total] = await readSnapshot(this.dataSource, async (manager) => {
      const page: unknown[] = await manager.query(
        `SELECT ${VIEW} FROM silence WHERE ${where} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
        [query.active ?? null, query.pageSize, query.skip],
      );
      const [counted]: { total: number }[] = await manager.query(
        `SELECT count(*)::int AS total FROM silence WHERE ${where}`,
        [query.active ?? null],
      );
      return [page, counted.total] as const;
    });
    return Page.of(items, total, query);
  }

  /**
   * Ends a silence now (one that has not started yet is ended before it
   * starts), recording who ended it and when. One that had already run out,
   * or been ended, is left as it is: nobody ended it then, or the first did.
   */
  async end(id: string, principal: Principal) {
    const [silence] = await changedRows(
      this.dataSource.manager,
      `UPDATE silence
          SET ends_at = greatest(starts_at + interval '1 millisecond', least(ends_at, now())),
              ended_by = coalesce(ended_by, CASE WHEN ends_at > now() THEN $2::jsonb END),
              ended_at = coalesce(ended_at, CASE WHEN ends_at > now() THEN now() END)
        WHERE id = $1 RETURNING ${VIEW}`,
      [id, principal.actor()],
    );
    if (!silence) throw new NotFoundError('SILENCE.NOT_FOUND', `No silence with id ${id}`);
    return silence;
  }
}
