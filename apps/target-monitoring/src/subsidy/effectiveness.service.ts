import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { Clock } from '@redmet/platform';
import { tonnes } from '../common/decimals';
import { methodNote } from '../common/method-note';
import { calendarYear } from '../common/months';
import { endOfDay, type Knowledge, perspectiveOn } from '../common/perspective';
import { knownAsOf } from '../common/sql';
import { importDependence } from '../programme/import-dependence';
import { ProgrammeInputsLoader } from '../programme/programme-inputs.loader';
import { allocateKopecks } from './allocation';
import { claimsAt } from './claims-at';

const AMOUNTS = ['approved', 'paid', 'clawbackDemanded', 'clawedBack'] as const;
type Amount = (typeof AMOUNTS)[number];

type ClaimRow = Record<Amount, string | null> & { company_id: string; report_ids: string[] };

type Row = Record<Amount, bigint> & {
  companyId: string;
  /** Null: the claim relies on no report line known here (none cited, or all withdrawn). */
  productCode: string | null;
};

export const EFFECTIVENESS_METHOD = methodNote('subsidy.effectiveness_method', {});

/**
 * What each payment bought: subsidy per company and product beside the change in output and import
 * dependence. As of a past day, the claims are as they stood at its end (a subsidy event takes effect when
 * the subsidy service makes it, so known now and then agree); the years compared are always whole, their
 * output, trade and the report lines the money is shared by as known now or, with knowledge `then`, only
 * as received by the end of that day.
 */
@Injectable()
export class EffectivenessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: ProgrammeInputsLoader,
    private readonly clock: Clock,
  ) {}

  /**
   * `asOf` null: as things stand, the settings (reference factors) those in effect at the year's end. As
   * known then with no day, as known at the end of today, as every figure takes it.
   */
  async forYear(year: number, day: string | null, knowledge: Knowledge) {
    const asOf = day ?? (knowledge === 'then' ? this.clock.today() : null);
    // With a day, the settings in effect on it, as `/import-dependence?year=&asOf=` takes them.
    const perspective =
      asOf === null
        ? { asOf: `${year}-12-31`, knowledge: 'now' as const, knownAt: null }
        : perspectiveOn(asOf, knowledge, this.clock);
    const dayEnd = asOf === null ? null : endOfDay(asOf, this.clock);
    const rows = await this.allocate(await this.claims(year, dayEnd), perspective.knownAt);
    const output = await this.companyOutput(rows, year, perspective.knownAt);
    const inputs = await this.loader.load([calendarYear(year - 1), calendarYear(year)], perspective);
    const share = (y: number) =>
      new Map(importDependence(inputs, calendarYear(y)).products.map((p) => [p.productCode, p]));
    const [before, during] = [share(year - 1), share(year)];
    return {
      programmeYear: year,
      asOf,
      knowledge,
      method: EFFECTIVENESS_METHOD,
      rows: rows.map((row) => {
        const amounts = {
          companyId: row.companyId,
          productCode: row.productCode,
          approvedKopecks: row.approved.toString(),
          paidKopecks: row.paid.toString(),
          clawbackDemandedKopecks: row.clawbackDemanded.toString(),
          clawedBackKopecks: row.clawedBack.toString(),
        };
        if (row.productCode === null) return { ...amounts, output: null, importDependence: null };
        const previous = output.get(`${row.companyId}|${row.productCode}|${year - 1}`) ?? new Decimal(0);
        const current = output.get(`${row.companyId}|${row.productCode}|${year}`) ?? new Decimal(0);
        const [was, is] = [before.get(row.productCode), during.get(row.productCode)];
        const [wasPercent, isPercent] = [was?.importDependencePercent ?? null, is?.importDependencePercent ?? null];
        return {
          ...amounts,
          output: {
            previousYearTonnes: tonnes(previous),
            yearTonnes: tonnes(current),
            changeTonnes: tonnes(current.minus(previous)),
          },
          importDependence: {
            previousYearPercent: wasPercent,
            previousYearWithheld: was?.importDependenceWithheld ?? null,
            yearPercent: isPercent,
            yearWithheld: is?.importDependenceWithheld ?? null,
            changePoints:
              wasPercent !== null && isPercent !== null ? new Decimal(isPercent).minus(wasPercent).toFixed(2) : null,
          },
        };
      }),
    };
  }

  /** As they stand, or as they stood at `at`. */
  private claims(year: number, at: Date | null): Promise<ClaimRow[]> {
    const claims = at === null ? 'subsidy_claim' : claimsAt('$1', '$2');
    return this.dataSource.query(
      `SELECT c.company_id, k.approved_kopecks::text AS approved, k.paid_kopecks::text AS paid,
              k.clawback_demanded_kopecks::text AS "clawbackDemanded", k.clawed_back_kopecks::text AS "clawedBack",
              coalesce(k.report_ids, c.report_ids)::text[] AS report_ids
         FROM ${claims} k JOIN subsidy_claim c USING (claim_id)
        WHERE k.programme_year = $1 AND k.approved_kopecks IS NOT NULL`,
      at === null ? [year] : [year, at],
    );
  }

  /** Each claim's money shared over the products of its reports' lines (known at `knownAt`; null: now) by metal content. */
  private async allocate(claims: ClaimRow[], knownAt: Date | null): Promise<Row[]> {
    const metal: { report_id: string; product_code: string; metal_t: string }[] = await this.dataSource.query(
      `SELECT report_id, product_code, sum(metal_t)::text AS metal_t FROM report_line_fact
        WHERE report_id = ANY($1::uuid[]) AND ${knownAsOf('$2')} GROUP BY report_id, product_code`,
      [claims.flatMap((claim) => claim.report_ids), knownAt],
    );
    const rows = new Map<string, Row>();
    for (const claim of claims) {
      const shares = new Map<string, number>();
      for (const line of metal.filter((m) => claim.report_ids.includes(m.report_id))) {
        shares.set(line.product_code, (shares.get(line.product_code) ?? 0) + Number(line.metal_t));
      }
      // Money that no line known accounts for stays in the totals, under no product ('').
      const products = shares.size > 0 ? [...shares.keys()] : [''];
      const parts = AMOUNTS.map((amount) => {
        const kopecks = BigInt(claim[amount] ?? 0);
        return shares.size > 0 ? allocateKopecks(kopecks, shares) : new Map([['', kopecks]]);
      });
      for (const product of products) {
        const key = `${claim.company_id}|${product}`;
        const row: Row = rows.get(key) ?? {
          companyId: claim.company_id,
          productCode: product || null,
          approved: 0n,
          paid: 0n,
          clawbackDemanded: 0n,
          clawedBack: 0n,
        };
        AMOUNTS.forEach((amount, index) => (row[amount] += parts[index].get(product) ?? 0n));
        rows.set(key, row);
      }
    }
    // By company, then product, the unattributed row of a company after its products.
    const order = (row: Row) => [row.companyId, row.productCode === null ? 1 : 0, row.productCode ?? ''].join('|');
    return [...rows.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }

  /** Each row's company's output of its product in the year and the one before, as known at `knownAt` (null: now). */
  private async companyOutput(rows: Row[], year: number, knownAt: Date | null): Promise<Map<string, Decimal>> {
    // As known now, the monthly aggregates; as known then, the monthly view of the facts, every version kept.
    const source =
      knownAt === null
        ? 'output_month'
        : `(SELECT * FROM report_line_month
             WHERE company_id = ANY($1::uuid[]) AND period_end >= $3
               -- No period is longer than a year: a lower bound the index on period_start can use.
               AND period_start > $3::date - interval '1 year' AND period_start <= $4::date + interval '1 month' - interval '1 day'
               AND ${knownAsOf('$5')})`;
    const found: { company_id: string; product_code: string; year: number; quantity_t: string }[] =
      await this.dataSource.query(
        `SELECT o.company_id, o.product_code, extract(year FROM o.month)::int AS year, sum(o.quantity_t)::text AS quantity_t
         FROM ${source} o JOIN unnest($1::uuid[], $2::text[]) AS k(company_id, product_code)
           ON o.company_id = k.company_id AND o.product_code = k.product_code
        WHERE o.month BETWEEN $3 AND $4
        GROUP BY 1, 2, 3`,
        [
          rows.map((row) => row.companyId),
          rows.map((row) => row.productCode),
          `${year - 1}-01-01`,
          `${year}-12-01`,
          ...(knownAt === null ? [] : [knownAt]),
        ],
      );
    return new Map(
      found.map((row) => [`${row.company_id}|${row.product_code}|${row.year}`, new Decimal(row.quantity_t)]),
    );
  }
}
