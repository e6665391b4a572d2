import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SubjectRule } from '../alerts/alert-engine';
import type { Finding } from '../alerts/finding';

interface MissedRow {
  obligation_id: string;
  period: string;
  due_on: string;
  company: string | null;
  site: string | null;
  filed: boolean;
}

/** A missed deadline stays alerted until a report for the same company, site and period is accepted. */
@Injectable()
export class DeadlineMissedRule implements SubjectRule<string> {
  readonly id = 'reporting.deadline_missed' as const;

  subject(obligationId: string): string {
    return `obligation:${obligationId}`;
  }

  async find(manager: EntityManager, obligationId: string): Promise<Finding | null> {
    const [row]: MissedRow[] = await manager.query(
      `SELECT m.obligation_id, m.period, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, c.legal_name AS company,
              coalesce(f.name, d.name) AS site,
              EXISTS (SELECT 1 FROM report_version v
                       WHERE v.company_id = m.company_id AND v.period = m.period
                         AND v.site_id IS NOT DISTINCT FROM m.site_id) AS filed
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
        siteName: row.site,
      },
    };
  }
}
