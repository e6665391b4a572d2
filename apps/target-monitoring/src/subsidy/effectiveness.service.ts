import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { tonnes } from '../common/decimals';
import { calendarYear } from '../common/months';
import { importDependence } from '../programme/import-dependence';
import { ProgrammeInputsLoader } from '../programme/programme-inputs.loader';
import { allocateKopecks } from './allocation';

interface ClaimRow {
  company_id: string;
  approved: string | null;
  paid: string | null;
  clawed_back: string | null;
  report_ids: string[];
}

interface Row {
  companyId: string;
  productCode: string;
  approved: bigint;
  paid: bigint;
  clawedBack: bigint;
}

export const EFFECTIVENESS_METHOD =
  "each claim's approved, paid and clawed-back amounts split over the products of the reports it relies on, in " +
  "proportion to their metal content; output is the company's, import dependence the product's, calendar years";

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
      new Map(
        importDependence(inputs, calendarYear(y)).products.map((p) => [p.productCode, p.importDependencePercent]),
      );
    const [before, during] = [share(year - 1), share(year)];
    return {
      programmeYear: year,
      method: EFFECTIVENESS_METHOD,
      rows: rows.map((row) => {
        const previous = output.get(`${row.companyId}|${row.productCode}|${year - 1}`) ?? new Decimal(0);
        const current = output.get(`${row.companyId}|${row.productCode}|${year}`) ?? new Decimal(0);
        const [was, is] = [before.get(row.productCode) ?? null, during.get(row.productCode) ?? null];
        return {
          companyId: row.companyId,
          productCode: row.productCode,
          approvedKopecks: row.approved.toString(),
          paidKopecks: row.paid.toString(),
          clawedBackKopecks: row.clawedBack.toString(),
          output: {
            previousYearTonnes: tonnes(previous),
            yearTonnes: tonnes(current),
            changeTonnes: tonnes(current.minus(previous)),
          },
          importDependence: {
            previousYearPercent: was,
            yearPercent: is,
            changePoints: was !== null && is !== null ? new Decimal(is).minus(was).toFixed(2) : null,
          },
        };
      }),
    };
  }

  private claims(year: number): Promise<ClaimRow[]> {
    return this.dataSource.query(
      `SELECT company_id, approved_kopecks::text AS approved, paid_kopecks::text AS paid,
              coalesce(clawback_demanded_kopecks, clawed_back_kopecks)::text AS clawed_back, report_ids::text[] AS report_ids
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
      const parts = {
        approved: allocateKopecks(BigInt(claim.approved ?? 0), shares),
        paid: allocateKopecks(BigInt(claim.paid ?? 0), shares),
        clawedBack: allocateKopecks(BigInt(claim.clawed_back ?? 0), shares),
      };
      for (const productCode of shares.keys()) {
        const key = `${claim.company_id}|${productCode}`;
        const row = rows.get(key) ?? {
          companyId: claim.company_id,
          productCode,
          approved: 0n,
          paid: 0n,
          clawedBack: 0n,
        };
        row.approved += parts.approved.get(productCode) ?? 0n;
        row.paid += parts.paid.get(productCode) ?? 0n;
        row.clawedBack += parts.clawedBack.get(productCode) ?? 0n;
        rows.set(key, row);
      }
    }
    return [...rows.values()].sort((a, b) =>
      `${a.companyId}${a.productCode}`.localeCompare(`${b.companyId}${b.productCode}`),
    );
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
