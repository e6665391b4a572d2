import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MethodNote, OutputDimension } from '@redmet/contracts';
import { tonnes } from '../common/decimals';
import { methodNote } from '../common/method-note';
import { checkMonthRange } from '../common/month-range';
import { lastDayOf, parseStatPeriod } from '../common/months';
import { type Perspective } from '../common/perspective';
import { knownAsOf } from '../common/sql';
import { companiesNamedAt } from '../registry/company-versions';
import { depositsNamedAt } from '../registry/deposit-versions';
import { facilitiesNamedAt } from '../registry/facility-versions';
import { catalogueKnownAt } from '../registry/product-versions';
import type { OutputQuery, PeriodKind } from './dto/output-query.dto';

const PERIOD: Record<PeriodKind, string> = {
  month: `to_char(o.month, 'YYYY-MM')`,
  quarter: `to_char(o.month, 'YYYY-"Q"Q')`,
  year: `to_char(o.month, 'YYYY')`,
};

/** Expression and output name of each dimension; identifiers come from here, never from the request. */
const COLUMNS: Record<Exclude<OutputDimension, 'period'>, [string, string][]> = {
  product: [['o.product_code', 'productCode']],
  element: [['e.element', 'element']],
  tonnageClass: [['o.tonnage_class', 'tonnageClass']],
  company: [
    ['o.company_id', 'companyId'],
    ['c.legal_name', 'companyName'],
  ],
  region: [['o.region', 'region']],
  site: [
    ['o.site_id', 'siteId'],
    ['coalesce(f.name, d.name)', 'siteName'],
  ],
};

const SUMS = `sum(o.quantity_t)::text AS "quantityTonnes", sum(o.metal_t)::text AS "metalContentTonnes",
  sum(o.domestic_t)::text AS "domesticShipmentsTonnes", sum(o.exports_t)::text AS "exportsTonnes"`;

type Filter = 'productCode' | 'element' | 'tonnageClass' | 'companyId' | 'region';
const FILTERS: Filter[] = ['productCode', 'element', 'tonnageClass', 'companyId', 'region'];

/**
 * The monthly aggregates of every report's latest version. Rows whose lines
 * were all replaced stay behind as zeros: left out, as the facts leave them out.
 */
const CURRENT_AGGREGATES = '(SELECT * FROM output_month WHERE lines > 0)';

/**
 * Monthly tables holding some of the dimensions and filters: the aggregates as
 * known now, and what became known day by day (keyed by `keys` and the day).
 */
interface Grain {
  dimensions: OutputDimension[];
  filters: Filter[];
  /** As known now; none: everything that became known, summed over all days. */
  current?: string;
  known: string;
  keys: string;
}

/**
 * The first one holding every dimension and filter asked for is read. Per
 * company and region they leave the product out: a report's lines known on
 * the same day make one row there, where with the product there would be
 * about a row per line and month, hardly fewer than the facts.
 */
const GRAINS: Grain[] = [
  {
    dimensions: ['period', 'product', 'element', 'tonnageClass'],
    filters: ['productCode', 'element', 'tonnageClass'],
    current: '(SELECT * FROM output_month_product WHERE lines > 0)',
    known: 'output_month_known',
    keys: 'month, product_code, tonnage_class',
  },
  {
    dimensions: ['period', 'tonnageClass', 'company', 'region'],
    filters: ['tonnageClass', 'companyId', 'region'],
    // The aggregates keep a row per product too: summing the days is less to read.
    known: 'output_month_company_known',
    keys: 'month, tonnage_class, company_id, region',
  },
];

/** Output as known at the end of a day ($k), summed from what became known day by day, months $1 to $2. */
const knownByDay = ({ known, keys }: Grain, k: string) => `(
  SELECT ${keys}, sum(quantity_t) AS quantity_t, sum(metal_t) AS metal_t, sum(domestic_t) AS domestic_t,
         sum(exports_t) AS exports_t
    FROM ${known} WHERE month BETWEEN $1 AND $2 AND known_on <= ${k}::date
   GROUP BY ${keys} HAVING sum(lines) > 0)`;

/**
 * The monthly view of the facts valid from month $1 to day `to` and known at
 * `knownAt` (null: now), each line in its product's class as known then: of
 * the highest catalogue version known by then, else as its report gave it.
 */
const factsKnown = (to: string, knownAt: string | null) =>
  knownAt
    ? `(SELECT m.month, m.product_code, m.company_id, m.region, m.site_id, m.quantity_t, m.metal_t, m.domestic_t,
               m.exports_t,
               coalesce((SELECT c.tonnage_class FROM product_class c
                          WHERE c.product_code = m.product_code AND c.known_from <= ${knownAt}
                          ORDER BY c.version DESC LIMIT 1), m.reported_class, 'unknown') AS tonnage_class
          FROM report_line_month m
         WHERE m.period_end >= $1 AND m.period_start <= ${to}
           AND ${knownAsOf(knownAt, 'm')})`
    : `(SELECT * FROM report_line_month WHERE period_end >= $1 AND period_start <= ${to} AND known_to IS NULL)`;

const AMOUNTS = ['quantityTonnes', 'metalContentTonnes', 'domesticShipmentsTonnes', 'exportsTonnes'];

/**
 * Output drill-down. By period, product, element and tonnage class only, it
 * reads the per-product monthly aggregates as known now, and sums what became
 * known day by day as known then (as the targets' history does); by period,
 * tonnage class, company and region only, the monthly aggregates and what
 * became known per company and region. Otherwise it reads the monthly
 * aggregates as known now; by site, or by product or element together with
 * company or region as known then, the monthly view of the fact table, which
 * holds every version with the time it was known. As known then, companies
 * and sites bear the names the registry had given them by then.
 */
@Injectable()
export class OutputService {
  constructor(private readonly dataSource: DataSource) {}

  async drillDown(query: OutputQuery, perspective: Perspective) {
    checkMonthRange(query.from, query.to);
    const groupBy = [...new Set<OutputDimension>(query.groupBy ?? ['period'])];
    const periodKind = query.periodKind ?? 'month';
    const { from, to } = groupBy.includes('period') ? wholePeriods(query.from, query.to, periodKind) : query;
    const parameters: unknown[] = [`${from}-01`, `${to}-01`];
    const param = (value: unknown) => `$${parameters.push(value)}`;
    const grain = GRAINS.find(
      ({ dimensions, filters }) =>
        groupBy.every((dimension) => dimensions.includes(dimension)) &&
        FILTERS.every((filter) => !query[filter] || filters.includes(filter)),
    );
    const source = grain
      ? perspective.knownAt
        ? knownByDay(grain, param(perspective.asOf))
        : (grain.current ?? knownByDay(grain, `'infinity'`))
      : groupBy.includes('site') || perspective.knownAt
        ? factsKnown(param(lastDayOf(`${to}-01`)), perspective.knownAt && param(perspective.knownAt))
        : CURRENT_AGGREGATES;
    const selected: [string, string][] = groupBy.flatMap((dimension) =>
      dimension === 'period' ? [[PERIOD[periodKind], 'period'] as [string, string]] : COLUMNS[dimension],
    );
    const filters = [
      'o.month BETWEEN $1 AND $2',
      ...(query.productCode ? [`o.product_code = ${param(query.productCode)}`] : []),
      ...(query.tonnageClass ? [`o.tonnage_class = ${param(query.tonnageClass)}`] : []),
      ...(query.companyId ? [`o.company_id = ${param(query.companyId)}`] : []),
      ...(query.region ? [`o.region = ${param(query.region)}`] : []),
      ...(query.element ? [`${param(query.element)} = ANY (p.elements)`] : []),
    ];
    // The registry copy as known now, or as the registry had it then: a product's elements (output moves to a
    // new element when it was told), a company's or site's name.
    const registry = (now: string, then: (knownAt: string) => string) =>
      perspective.knownAt ? then(param(perspective.knownAt)) : now;
    const byElement = groupBy.includes('element') || query.element;
    const limit = query.limit ?? 1000;
    const rows: Record<string, string>[] = await this.dataSource.query(
      `SELECT ${[...selected.map(([expression, name]) => `${expression} AS "${name}"`), SUMS].join(', ')}
         FROM ${source} o
         ${byElement ? `LEFT JOIN ${registry('registry_product', catalogueKnownAt)} p ON p.code = o.product_code` : ''}
         ${groupBy.includes('element') ? 'LEFT JOIN LATERAL unnest(p.elements) AS e(element) ON true' : ''}
         ${groupBy.includes('company') ? `LEFT JOIN ${registry('registry_company', companiesNamedAt)} c ON c.company_id = o.company_id` : ''}
         ${groupBy.includes('site') ? `LEFT JOIN ${registry('registry_facility', facilitiesNamedAt)} f ON f.facility_id = o.site_id LEFT JOIN ${registry('registry_deposit', depositsNamedAt)} d ON d.deposit_id = o.site_id` : ''}
        WHERE ${filters.join(' AND ')}
        ${selected.length ? `GROUP BY ${selected.map(([expression]) => expression).join(', ')} ORDER BY ${selected.map(([expression]) => expression).join(', ')}` : ''}
        LIMIT ${limit + 1}`,
      parameters,
    );
    return {
      asOf: perspective.asOf,
      knowledge: perspective.knowledge,
      from,
      to,
      groupBy,
      unit: 't',
      notes: outputNotes(
        groupBy,
        periodKind !== 'month' && (from !== query.from || to !== query.to) ? periodKind : null,
      ),
      truncated: rows.length > limit,
      rows: rows.slice(0, limit).map((row) => ({
        ...row,
        ...Object.fromEntries(AMOUNTS.map((name) => [name, tonnes(row[name] ?? '0')])),
      })),
    };
  }
}

const WIDENED = { quarter: 'output.widened_to_quarters', year: 'output.widened_to_years' } as const;

/** What an answer's figures are: the notes beside its rows. */
export function outputNotes(groupBy: OutputDimension[], widenedTo: Exclude<PeriodKind, 'month'> | null): MethodNote[] {
  return [
    methodNote('output.basis', {}),
    methodNote('output.units', {}),
    ...(groupBy.includes('element') ? [methodNote('output.several_elements', {})] : []),
    ...(widenedTo ? [methodNote(WIDENED[widenedTo], {})] : []),
  ];
}

/**
 * From the first month of the quarter or year `from` falls in to the last of
 * the one `to` falls in: a row named `2025-Q4` holds the whole quarter, not
 * the part of it the range happened to cover.
 */
function wholePeriods(from: string, to: string, kind: PeriodKind): { from: string; to: string } {
  if (kind === 'month') return { from, to };
  const periodOf = (month: string) =>
    kind === 'year' ? month.slice(0, 4) : `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
  return {
    from: parseStatPeriod(periodOf(from)).start.slice(0, 7),
    to: parseStatPeriod(periodOf(to)).end.slice(0, 7),
  };
}
