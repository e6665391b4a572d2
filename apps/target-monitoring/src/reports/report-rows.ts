import type { ReportLine } from '@redmet/contracts';
import { parseStatPeriod } from '../common/months';
import { unnestSpec } from '../common/unnest';
import type { AcceptedEvent } from './report-projection';

export const VERSION_COLUMNS = unnestSpec<AcceptedEvent>([
  ['report_id', 'uuid', (e) => e.payload.reportId],
  ['version', 'int', (e) => e.payload.version],
  ['company_id', 'uuid', (e) => e.payload.companyId],
  ['facility_id', 'uuid', (e) => e.payload.facilityId ?? null],
  ['deposit_id', 'uuid', (e) => e.payload.depositId ?? null],
  ['site_id', 'uuid', (e) => e.payload.facilityId ?? e.payload.depositId ?? null],
  ['reported_region', 'text', (e) => e.payload.region ?? null],
  ['period', 'text', (e) => e.payload.period],
  ['period_start', 'date', (e) => parseStatPeriod(e.payload.period).start],
  ['period_end', 'date', (e) => parseStatPeriod(e.payload.period).end],
  ['months', 'int', (e) => parseStatPeriod(e.payload.period).months],
  ['nil_return', 'boolean', (e) => e.payload.nilReturn],
  ['accepted_at', 'timestamptz', (e) => e.occurredAt],
  ['event_id', 'uuid', (e) => e.eventId],
]);

interface Line {
  event: AcceptedEvent;
  line: ReportLine;
}

/** Quantities in the line's unit; the statement converts them to tonnes. */
export const LINE_COLUMNS = unnestSpec<Line>([
  ['report_id', 'uuid', ({ event }) => event.payload.reportId],
  ['version', 'int', ({ event }) => event.payload.version],
  ['line_no', 'int', ({ line }) => line.lineNo],
  ['product_code', 'text', ({ line }) => line.productCode],
  ['reported_class', 'text', ({ line }) => line.tonnageClass ?? null],
  ['unit', 'text', ({ line }) => line.unit],
  ['quantity', 'numeric', ({ line }) => line.quantity],
  ['metal', 'numeric', ({ line }) => line.metalContentTonnes],
  ['domestic', 'numeric', ({ line }) => line.domesticShipments],
  ['exports', 'numeric', ({ line }) => line.exports],
]);

export function linesOf(events: AcceptedEvent[]): Line[] {
  return events.flatMap((event) => event.payload.lines.map((line) => ({ event, line })));
}

const LINE_PARAMETERS = LINE_COLUMNS.casts.replace(
  /\$(\d+)/g,
  (_, n: string) => `$${Number(n) + VERSION_COLUMNS.size}`,
);
const tonnes = (column: string) => `CASE l.unit WHEN 'kg' THEN l.${column} * 0.001 ELSE l.${column} END`;

/**
 * One statement (each round trip costs): versions not seen before are
 * inserted with their region (as reported, else as the registry copy has the
 * site or company, else `unknown`), their lines as facts with their tonnage
 * class (the catalogue's, else as reported, else `unknown`: the class is the
 * product's) and the class reported, and the answer lists the report's
 * versions, new or not.
 */
export const RECORD_VERSIONS = `
  WITH given AS (
    SELECT * FROM unnest(${VERSION_COLUMNS.casts}) AS t(${VERSION_COLUMNS.names})),
  placed AS (
    SELECT g.*, coalesce(g.reported_region, f.region, d.region, c.region, 'unknown') AS region
      FROM given g
      LEFT JOIN registry_facility f ON f.facility_id = g.facility_id
      LEFT JOIN registry_deposit d ON d.deposit_id = g.deposit_id
      LEFT JOIN registry_company c ON c.company_id = g.company_id),
  inserted AS (
    INSERT INTO report_version (report_id, version, company_id, facility_id, deposit_id, site_id, region, period,
                                period_start, period_end, nil_return, accepted_at, event_id)
    SELECT report_id, version, company_id, facility_id, deposit_id, site_id, region, period, period_start, period_end,
           nil_return, accepted_at, event_id
      FROM placed
    ON CONFLICT DO NOTHING RETURNING report_id, version),
  facts AS (
    INSERT INTO report_line_fact (report_id, version, line_no, company_id, facility_id, deposit_id, site_id, region,
                                  period, period_start, period_end, months, product_code, tonnage_class,
                                  reported_class, quantity_t, metal_t, domestic_t, exports_t, known_from)
    SELECT l.report_id, l.version, l.line_no, p.company_id, p.facility_id, p.deposit_id, p.site_id, p.region, p.period,
           p.period_start, p.period_end, p.months, l.product_code,
           coalesce(rp.tonnage_class, l.reported_class, 'unknown'), l.reported_class, ${tonnes('quantity')}, l.metal,
           ${tonnes('domestic')}, ${tonnes('exports')}, p.accepted_at
      FROM unnest(${LINE_PARAMETERS}) AS l(${LINE_COLUMNS.names})
      JOIN inserted i ON i.report_id = l.report_id AND i.version = l.version
      JOIN placed p ON p.report_id = l.report_id AND p.version = l.version
      LEFT JOIN registry_product rp ON rp.code = l.product_code)
  SELECT report_id, version, true AS inserted FROM inserted
  UNION ALL
  SELECT report_id, version, false FROM report_version WHERE report_id = ANY ($1::uuid[])`;
