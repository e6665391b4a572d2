import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, UserAccessSnapshot } from '@redmet/contracts';
import { ALERT_ROLES } from '../common/access';
import { unnestSpec } from '../common/unnest';

const ACCESS_COLUMNS = unnestSpec<EventEnvelope<UserAccessSnapshot>>([
  ['user_id', 'text', (e) => e.payload.userId],
  ['roles', 'jsonb', (e) => e.payload.roles],
  ['disabled', 'boolean', (e) => e.payload.disabled],
  ['version', 'int', (e) => e.payload.version],
]);

const ALERT_ROLE_ARRAY = `ARRAY[${ALERT_ROLES.map((role) => `'${role}'`).join(', ')}]::text[]`;

/**
 * SQL: whether e-mail subscription `s` is held back because the gateway has
 * since disabled its maker's account or taken every role that acts on
 * alerts. An account the gateway has not published yet keeps its
 * subscriptions, as every account did before accounts were published.
 */
export const makerLostAccess = (s: string) =>
  `EXISTS (SELECT 1 FROM user_access a
            WHERE a.user_id = ${s}.user_id AND (a.disabled OR NOT a.roles && ${ALERT_ROLE_ARRAY}))`;

/**
 * Each account's access, as its highest-counted event states it (the
 * gateway counts an account's changes under its row lock): one arriving late
 * (a replayed dead letter) changes nothing, whatever the clocks; of two
 * counted alike (the same change) the later to arrive wins. Holding a
 * subscription back is reversible: its e-mails start again when the account
 * is enabled or given such a role again.
 */
@Injectable()
export class SubscriberAccess {
  async apply(manager: EntityManager, events: EventEnvelope<UserAccessSnapshot>[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO user_access AS a (${ACCESS_COLUMNS.names})
       SELECT DISTINCT ON (user_id) user_id, ARRAY(SELECT jsonb_array_elements_text(roles)), disabled, version
         FROM unnest(${ACCESS_COLUMNS.casts}) WITH ORDINALITY AS t(${ACCESS_COLUMNS.names}, arrival)
        ORDER BY user_id, version DESC, arrival DESC
       ON CONFLICT (user_id) DO UPDATE SET
         roles = excluded.roles, disabled = excluded.disabled, version = excluded.version
       WHERE excluded.version >= a.version`,
      ACCESS_COLUMNS.arrays(events),
    );
  }
}
