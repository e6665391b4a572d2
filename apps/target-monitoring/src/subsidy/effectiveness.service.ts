import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { tonnes } from '../common/decimals';
import { methodNote } from '../common/method-note';
import { calendarYear } from '../common/months';
import { importDependence } from '../programme/import-dependence';
import { ProgrammeInputsLoader } from '../programme/programme-inputs.loader';
import { allocateKopecks } from './allocation';

const AMOUNTS = ['approved', 'paid', 'clawbackDemanded', 'clawedBack'] as const;
type Amount = (typeof AMOUNTS)[number];

type ClaimRow = Record<Amount, string | null> & { company_id: string; report_ids: string[] };

type Row = Record<Amount, bigint> & {
  companyId: string;
  /** Null: the claim relies on no report line known here (none cited, or all withdrawn). */
  productCode: string | null;
};

export const EFFECTIVENESS_METHOD = methodNote('subsidy.effectiveness_method', {});

/** What each payment bought: subsidy per company and product beside the change in output and import dependence. */
@Injectable()
export class EffectivenessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: ProgrammeInputsLoader,
  ) {}

  async forYear(year: number) {
    const rows = await this.allocate(await this.claims(year));
    const output = await this.companyOutput(rows, year);
    const perspective = { asOf: `${year}-12-31`, knowledge: 'now' as const, knownAt: null };
    const inputs = await this.loader.load([calendarYear(year - 1), calendarYear(year)], perspective);
    const share = (y: number) =>
      new Map(importDependence(inputs, calendarYear(y)).products.map((p) => [p.productCode, p]));
    const [before, during] = [share(year - 1), share(year)];
    return {
      programmeYear: year,
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

  private claims(year: number): Promise<ClaimRow[]> {
    return this.dataSource.query(
      `SELECT company_id, approved_kopecks::text AS approved, paid_kopecks::text AS paid,
              clawback_demanded_kopecks::text AS "clawbackDemanded", clawed_back_kopecks::text AS "clawedBack",
              report_ids::text[] AS report_ids
         FROM subsidy_claim WHERE programme_year = $1 AND approved_kopecks IS NOT NULL`,
      [year],
    );
  }

  private async allocate(claims: ClaimRow[]): Promise<Row[]> {
    const metal: { report_id: string; product_code: string; metal_t: string }[] = await this.dataSource.query(
      `SELECT report_id, product_code, sum(metal_t)::text AS metal_t FROM report_line_fact
        WHERE known_to IS NULL AND report_id = ANY($1::uuid[]) GROUP BY report_id, product_code`,
      [claims.flatMap((claim) => claim.report_ids)],
    );
    const rows = new Map<string, Row>();
    for (const claim of claims) {
      const shares = new Map<string, number>();
      for (const line of metal.filter((m) => claim.report_ids.includes(m.report_id))) {
        shares.set(line.product_code, (shares.get(line.product_code) ?? 0) + Number(line.metal_t));
      }
      // Money that no current line accounts for stays in the totals, under no product ('').
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

  private async companyOutput(rows: Row[], year: number): Promise<Map<string, Decimal>> {
    const found: { company_id: string; product_code: string; year: number; quantity_t: string }[] =
      await this.dataSource.query(
        `SELECT o.company_id, o.product_code, extract(year FROM o.month)::int AS year, sum(o.quantity_t)::text AS quantity_t
         FROM output_month o JOIN unnest($1::uuid[], $2::text[]) AS k(company_id, product_code)
           ON o.company_id = k.company_id AND o.product_code = k.product_code
        WHERE o.month BETWEEN $3 AND $4
        GROUP BY 1, 2, 3`,
        [rows.map((row) => row.companyId), rows.map((row) => row.productCode), `${year - 1}-01-01`, `${year}-12-01`],
      );
    return new Map(
      found.map((row) => [`${row.company_id}|${row.product_code}|${row.year}`, new Decimal(row.quantity_t)]),
    );
  }
}
