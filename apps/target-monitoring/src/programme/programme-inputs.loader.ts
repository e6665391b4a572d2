import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { splitEvenly } from '../common/decimals';
import { addMonths, lastDayOf, type MonthWindow } from '../common/months';
import type { Perspective } from '../common/perspective';
import { ConfigurationStore } from '../configuration/configuration.store';
import { productFor } from '../trade/hs-codes';
import { type CatalogueProduct, type ProductTotal, type ProgrammeInputs, type TradeMonth, windowKey } from './inputs';

interface OutputRow {
  window: string;
  product_code: string;
  tonnage_class: string;
  quantity_t: string;
  metal_t: string;
  exports_t: string;
}

interface TradeRow {
  flow: 'import' | 'export';
  hs_code: string;
  product_code: string | null;
  period_start: string;
  months: number;
  quantity_t: string;
}

const SUMS = `sum(o.quantity_t)::text AS quantity_t, sum(o.metal_t)::text AS metal_t, sum(o.exports_t)::text AS exports_t`;

/**
 * Reads what the programme's figures need for the given windows of months:
 * output summed per product and window by PostgreSQL, as known now from the
 * pre-aggregated monthly table (a few thousand rows however many report lines
 * there are), or as known at a moment from the fact table.
 */
@Injectable()
export class ProgrammeInputsLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigurationStore,
  ) {}

  async load(windows: MonthWindow[], perspective: Perspective): Promise<ProgrammeInputs> {
    const range = {
      from: windows.map((w) => w.from).sort()[0],
      to: windows
        .map((w) => w.to)
        .sort()
        .reverse()[0],
    };
    const [output, catalogue, references, commissioned] = await Promise.all([
      this.output(windows, perspective.knownAt),
      this.catalogue(),
      this.config.productReferences(perspective),
      this.commissioned(),
    ]);
    const trade = await this.trade(range, perspective.knownAt, catalogue);
    return { output, trade, catalogue, references, commissioned };
  }

  private async output(windows: MonthWindow[], knownAt: Date | null): Promise<Map<string, ProductTotal[]>> {
    const unique = [...new Map(windows.map((window) => [windowKey(window), window])).values()];
    const parameters = [unique.map((w) => w.from), unique.map((w) => w.to), unique.map(windowKey)];
    const byWindow = `FROM unnest($1::date[], $2::date[], $3::text[]) AS w(from_month, to_month, key)`;
    const rows: OutputRow[] = knownAt
      ? await this.dataSource.query(
          `SELECT w.key AS window, o.product_code, o.tonnage_class, ${SUMS} ${byWindow}
             JOIN report_line_month o
               ON o.period_end >= w.from_month AND o.period_start <= w.to_month
              AND o.month BETWEEN w.from_month AND w.to_month
              AND o.known_from <= $4 AND (o.known_to IS NULL OR o.known_to > $4)
            GROUP BY 1, 2, 3`,
          [...parameters, knownAt],
        )
      : await this.dataSource.query(
          `SELECT w.key AS window, o.product_code, o.tonnage_class, ${SUMS} ${byWindow}
             JOIN output_month_product o ON o.month BETWEEN w.from_month AND w.to_month
            GROUP BY 1, 2, 3`,
          parameters,
        );
    const output = new Map<string, ProductTotal[]>(unique.map((window) => [windowKey(window), []]));
    for (const row of rows) {
      output.get(row.window)?.push({
        productCode: row.product_code,
        tonnageClass: row.tonnage_class,
        quantity: new Decimal(row.quantity_t),
        metal: new Decimal(row.metal_t),
        exports: new Decimal(row.exports_t),
      });
    }
    return output;
  }

  private async trade(
    range: MonthWindow,
    knownAt: Date | null,
    catalogue: Map<string, CatalogueProduct>,
  ): Promise<TradeMonth[]> {
    const rows: TradeRow[] = await this.dataSource.query(
      `SELECT flow, hs_code, product_code, to_char(period_start, 'YYYY-MM-DD') AS period_start, months,
              quantity_t::text
         FROM trade_statistic
        WHERE period_end >= $1 AND period_start <= $2
          AND CASE WHEN $3::timestamptz IS NULL THEN known_to IS NULL
                   ELSE known_from <= $3 AND (known_to IS NULL OR known_to > $3) END`,
      [range.from, lastDayOf(range.to), knownAt],
    );
    return rows.flatMap((row) => {
      const productCode = productFor({ hsCode: row.hs_code, productCode: row.product_code }, catalogue);
      return splitEvenly(row.quantity_t, row.months).map((quantity, index) => ({
        month: addMonths(row.period_start, index),
        flow: row.flow,
        hsCode: row.hs_code,
        productCode,
        quantity,
      }));
    });
  }

  private async catalogue(): Promise<Map<string, CatalogueProduct>> {
    const rows: { code: string; name: string; hs_code: string; tonnage_class: string }[] = await this.dataSource.query(
      'SELECT code, name, hs_code, tonnage_class FROM registry_product',
    );
    return new Map(
      rows.map((row) => [
        row.code,
        { code: row.code, name: row.name, hsCode: row.hs_code, tonnageClass: row.tonnage_class },
      ]),
    );
  }

  private async commissioned(): Promise<string[]> {
    const rows: { day: string }[] = await this.dataSource.query(
      `SELECT to_char(commissioned_on, 'YYYY-MM-DD') AS day FROM registry_facility WHERE commissioned_on IS NOT NULL`,
    );
    return rows.map((row) => row.day);
  }
}
