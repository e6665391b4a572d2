import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertAcknowledged } from '@redmet/contracts';
import { Page, type Principal } from '@redmet/platform';
import { changedRows } from '../common/sql';
import { AlertEngine } from './alert-engine';
import { type DeliveryShown, shownDelivery } from './delivery-recipient';
import { alertNotFound, alertNotOpen } from './alert.errors';
import { type AlertRow, toView } from './alert-row';
import type { AlertQuery } from './dto/alert.dto';

@Injectable()
export class AlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: AlertEngine,
  ) {}

  async list(query: AlertQuery) {
    const where = `($1::text IS NULL OR state = $1 OR ($1 = 'unresolved' AND state <> 'resolved'))
      AND ($2::text IS NULL OR rule_id = $2) AND ($3::text IS NULL OR severity = $3) AND ($4::text IS NULL OR subject = $4)`;
    const parameters = [query.state ?? null, query.ruleId ?? null, query.severity ?? null, query.subject ?? null];
    const rows: AlertRow[] = await this.dataSource.query(
      `SELECT * FROM alert WHERE ${where} ORDER BY raised_at DESC, alert_id LIMIT $5 OFFSET $6`,
      [...parameters, query.pageSize, query.skip],
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM alert WHERE ${where}`,
      parameters,
    );
    return Page.of(rows.map(toView), total, query);
  }

  /**
   * The alert with everything that happened to it: changes (who acknowledged,
   * with what comment) and deliveries (their recipients whole to administrators only, in their errors too).
   */
  async get(id: string, principal: Principal) {
    const [row]: AlertRow[] = await this.dataSource.query('SELECT * FROM alert WHERE alert_id = $1', [id]);
    if (!row) throw alertNotFound(id);
    const history = await this.dataSource.query(
      `SELECT e.id::text AS "eventId", e.type, e.occurred_at AS "occurredAt", e.actor, e.comment, e.silenced
         FROM alert_event e WHERE e.alert_id = $1 ORDER BY e.id`,
      [id],
    );
    const deliveries: DeliveryShown[] = await this.dataSource.query(
      `SELECT d.id, d.alert_event_id::text AS "alertEventId", d.channel, d.subscription_id AS "subscriptionId",
              d.recipient, d.state, d.attempts,
              d.last_error AS "lastError", d.created_at AS "queuedAt", d.delivered_at AS "deliveredAt",
              coalesce(json_agg(json_build_object('attempt', a.attempt, 'at', a.attempted_at, 'outcome', a.outcome,
                'detail', a.detail, 'durationMs', a.duration_ms) ORDER BY a.id) FILTER (WHERE a.id IS NOT NULL), '[]') AS log
         FROM alert_delivery d LEFT JOIN alert_delivery_attempt a ON a.delivery_id = d.id
        WHERE d.alert_id = $1 GROUP BY d.id ORDER BY d.created_at, d.id`,
      [id],
    );
    return {
      ...toView(row),
      history,
      deliveries: deliveries.map((d) => shownDelivery(d, principal)),
    };
  }

  acknowledge(id: string, comment: string, principal: Principal) {
    return this.dataSource.transaction(async (manager) => {
      const [current]: AlertRow[] = await manager.query('SELECT * FROM alert WHERE alert_id = $1 FOR UPDATE', [id]);
      if (!current) throw alertNotFound(id);
      if (current.state !== 'open') throw alertNotOpen(id, current.state);
      const actor = principal.actor();
      const [row] = await changedRows<AlertRow>(
        manager,
        // Whoever acknowledges sees the alert as it is now: a rise a silence kept from people is told by this.
        `UPDATE alert SET state = 'acknowledged', acknowledged_at = clock_timestamp(), acknowledged_by = $2,
                acknowledgement_comment = $3, untold_since_severity = NULL
          WHERE alert_id = $1 RETURNING *`,
        [id, actor, comment],
      );
      await this.engine.record(manager, row, AlertAcknowledged, { actor, comment });
      return toView(row);
    });
  }
}
