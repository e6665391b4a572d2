import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SubjectRule } from '../alerts/alert-engine';
import type { Finding } from '../alerts/finding';
import { licenceAndSiblings } from './holder-licences';

interface RevokedRow {
  number: string;
  status_since: string;
  holder: string | null;
  deposit: string | null;
  periods: string[] | null;
  straddling: string[] | null;
}

/**
 * Output reported by the licence holder from the deposit (directly, or by a
 * facility processing it) for periods that end on or after the revocation,
 * unless another licence of the holder for the deposit was in force for all
 * of the period from the revocation on (a replacement licence makes the
 * output lawful again). In force as its status history tells, not as its
 * status now: a replacement that expires later still covered what it
 * covered, and one suspended during the period did not cover it, reinstated
 * or not. A period that began before the revocation (a quarter's report) is
 * flagged too, saying so: a report does not tell how much of its output came
 * after the revocation, and the part before it was lawful.
 */
@Injectable()
export class LicenceRevokedRule implements SubjectRule<string> {
  readonly id = 'registry.licence_revoked_output' as const;

  subject(licenceId: string): string {
    return `licence:${licenceId}`;
  }

  /** A licence and the revoked licences of its holder for its deposit, whose output it may cover or stop covering. */
  withSiblings(manager: EntityManager, licenceId: string): Promise<string[]> {
    return licenceAndSiblings(manager, licenceId, ['revoked']);
  }

  /**
   * The revoked licences of the companies that reported through a facility: the deposit the facility
   * processes decides whose output it is, and may have just become known or changed.
   */
  async reportedThrough(manager: EntityManager, facilityId: string): Promise<string[]> {
    const rows: { licence_id: string }[] = await manager.query(
      `SELECT l.licence_id FROM registry_licence l
        WHERE l.status = 'revoked'
          AND EXISTS (SELECT 1 FROM report_version v WHERE v.company_id = l.holder_company_id AND v.facility_id = $1)`,
      [facilityId],
    );
    return rows.map((row) => row.licence_id);
  }

  async find(manager: EntityManager, licenceId: string): Promise<Finding | null> {
    const [row]: RevokedRow[] = await manager.query(
      `SELECT l.number, to_char(l.status_since, 'YYYY-MM-DD') AS status_since, c.legal_name AS holder, d.name AS deposit,
              flagged.periods, flagged.straddling
         FROM registry_licence l
         LEFT JOIN LATERAL (
           SELECT array_agg(DISTINCT o.period ORDER BY o.period) AS periods,
                  array_agg(DISTINCT o.period ORDER BY o.period) FILTER (WHERE o.period_start < l.status_since) AS straddling
             FROM report_line_fact o LEFT JOIN registry_facility f ON f.facility_id = o.facility_id
             -- The part of the period the revoked licence no longer covered.
             CROSS JOIN LATERAL (SELECT greatest(o.period_start, l.status_since) AS uncovered_from) u
            WHERE o.known_to IS NULL AND o.company_id = l.holder_company_id
              AND (o.deposit_id = l.deposit_id OR f.deposit_id = l.deposit_id)
              AND o.period_end >= l.status_since AND o.quantity_t > 0
              AND NOT EXISTS (
                    SELECT 1 FROM registry_licence other
                     WHERE other.holder_company_id = l.holder_company_id AND other.deposit_id = l.deposit_id
                       AND other.licence_id <> l.licence_id
                       AND other.valid_from <= u.uncovered_from AND other.valid_to >= o.period_end
                       AND NOT EXISTS (
                             SELECT 1 FROM (
                               SELECT s.status, s.status_since,
                                      lead(s.status_since) OVER (ORDER BY s.version) AS until
                                 FROM registry_licence_status s WHERE s.licence_id = other.licence_id) h
                              WHERE h.status <> 'active' AND h.status_since <= o.period_end
                                AND (h.until IS NULL OR h.until > u.uncovered_from)))) flagged ON true
         LEFT JOIN registry_company c ON c.company_id = l.holder_company_id
         LEFT JOIN registry_deposit d ON d.deposit_id = l.deposit_id
        WHERE l.licence_id = $1 AND l.status = 'revoked'`,
      [licenceId],
    );
    if (!row?.periods?.length) return null;
    const holder = row.holder ?? 'The holder';
    const straddling = row.straddling ?? [];
    const partly =
      straddling.length === 0
        ? ''
        : ` Of ${straddling.join(', ')}, which began before the revocation, only the output from ` +
          `${row.status_since} on was without a licence: the report does not say how much that was.`;
    return {
      title: `Output reported under revoked licence ${row.number}`,
      message:
        `Licence ${row.number}${row.deposit ? ` (${row.deposit})` : ''} was revoked on ${row.status_since}, ` +
        `but ${holder} reported output for ${row.periods.join(', ')}.${partly}`,
      details: {
        licenceId,
        licenceNumber: row.number,
        depositName: row.deposit,
        holderName: row.holder,
        revokedOn: row.status_since,
        periods: row.periods,
        periodsStraddlingRevocation: straddling,
      },
    };
  }
}
