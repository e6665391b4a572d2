import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SubjectRule } from '../alerts/alert-engine';
import type { Finding } from '../alerts/finding';

interface MissedRow {
  obligation_id: string;
  period: string;
  due_on: string;
  company: string | null;
  site_id: string | null;
  site_kind: 'facility' | 'deposit' | null;
  site: string | null;
  filed: boolean;
}

/**
 * A missed deadline stays alerted until accepted reports of the company cover
 * every month of its period for the site (or name it as the deposit of their
 * facility), as reporting counts an obligation met: by months or by quarter.
 */
@Injectable()
export class DeadlineMissedRule implements SubjectRule<string> {
  readonly id = 'reporting.deadline_missed' as const;

  subject(obligationId: string): string {
    return `obligation:${obligationId}`;
  }

  async find(manager: EntityManager, obligationId: string): Promise<Finding | null> {
    const [row]: MissedRow[] = await manager.query(
      `SELECT m.obligation_id, m.period, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, c.legal_name AS company,
              m.site_id, CASE WHEN m.facility_id IS NOT NULL THEN 'facility' WHEN m.deposit_id IS NOT NULL THEN 'deposit'
              END AS site_kind, coalesce(f.name, d.name) AS site,
              NOT EXISTS (
                SELECT 1 FROM generate_series(m.period_start, m.period_end, interval '1 month') AS month
                 WHERE NOT EXISTS (
                         SELECT 1 FROM report_version v
                          WHERE v.company_id = m.company_id AND v.period_start <= month AND v.period_end >= month
                            AND (v.site_id IS NOT DISTINCT FROM m.site_id OR v.deposit_id = m.site_id))) AS filed
         FROM missed_deadline m
         LEFT JOIN registry_company c ON c.company_id = m.company_id
         LEFT JOIN registry_facility f ON f.facility_id = m.facility_id
         LEFT JOIN registry_deposit d ON d.deposit_id = m.deposit_id
        WHERE m.obligation_id = $1`,
      [obligationId],
    );
    if (!row || row.filed) return null;
    const company = row.company ?? 'A producer';
    return {
      title: `${company} missed the ${row.period} report deadline`,
      message: `The ${row.period} report${row.site ? ` for ${row.site}` : ''} was due on ${row.due_on} and no accepted report has arrived.`,
      details: {
        obligationId: row.obligation_id,
        period: row.period,
        dueOn: row.due_on,
        companyName: row.company,
        siteId: row.site_id,
        // The obligation's id names the site without saying whether it is a plant or a deposit: readers ask this.
        siteKind: row.site_kind,
        siteName: row.site,
      },
    };
  }
}
