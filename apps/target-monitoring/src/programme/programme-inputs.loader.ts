import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { Clock } from '@redmet/platform';
import { splitEvenly } from '../common/decimals';
import { addMonths, lastDayOf, type MonthWindow } from '../common/months';
import { type Perspective, perspectiveOn } from '../common/perspective';
import { knownAsOf } from '../common/sql';
import { ConfigurationStore } from '../configuration/configuration.store';
import { facilityVersions, plantsKnownAt, plantsNow } from '../registry/facility-versions';
import { catalogueKnownAt } from '../registry/product-versions';
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
 * there are), or as known at the end of a day from what became known day by
 * day (likewise pre-aggregated).
 */
@Injectable()
export class ProgrammeInputsLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigurationStore,
    private readonly clock: Clock,
  ) {}

  async load(windows: MonthWindow[], perspective: Perspective): Promise<ProgrammeInputs> {
    // As known then is always as known at the end of asOf (perspectiveOf), one point of a history.
    if (perspective.knownAt) return (await this.loadAsKnownThen([{ windows, day: perspective.asOf }]))[0];
    const [output, catalogue, references, commissioned] = await Promise.all([
      this.outputNow(windows),
      this.catalogue(),
      this.config.productReferences(perspective),
      plantsNow(this.dataSource),
    ]);
    const trade = await this.trade(spanOf(windows), null, catalogue);
    return { output, trade, catalogue, references, commissioned };
  }

  /**
   * The inputs of many points, each as known at the end of its own day (a
   * target's history as known then). The report lines are read once for all
   * points, not once per point: that read is what grows with the data.
   */
  async loadAsKnownThen(points: { windows: MonthWindow[]; day: string }[]): Promise<ProgrammeInputs[]> {
    const perspectives = points.map(({ day }) => perspectiveOn(day, 'then', this.clock));
    const [outputs, versions, catalogues] = await Promise.all([
      this.outputAsKnownOnDays(points),
      facilityVersions(this.dataSource),
      this.cataloguesKnownAt(perspectives.map((perspective) => perspective.knownAt as Date)),
    ]);
    return Promise.all(
      points.map(async ({ windows }, index) => {
        const [perspective, catalogue] = [perspectives[index], catalogues[index]];
        const knownAt = perspective.knownAt as Date;
        const [references, trade] = await Promise.all([
          this.config.productReferences(perspective),
          this.trade(spanOf(windows), knownAt, catalogue),
        ]);
        const commissioned = plantsKnownAt(versions, knownAt);
        return { output: outputs[index], trade, catalogue, references, commissioned };
      }),
    );
  }

  private async outputNow(windows: MonthWindow[]): Promise<Map<string, ProductTotal[]>> {
    const unique = [...new Map(windows.map((window) => [windowKey(window), window])).values()];
    const rows: OutputRow[] = await this.dataSource.query(
      `SELECT w.key AS window, o.product_code, o.tonnage_class, ${SUMS}
         FROM unnest($1::date[], $2::date[], $3::text[]) AS w(from_month, to_month, key)
         JOIN output_month_product o ON o.month BETWEEN w.from_month AND w.to_month
        GROUP BY 1, 2, 3
       HAVING sum(o.lines) > 0`,
      [unique.map((w) => w.from), unique.map((w) => w.to), unique.map(windowKey)],
    );
    return totalsByWindow(unique, rows);
  }

  /**
   * From what became known day by day (output_month_known): each change
   * counts for the points whose day is on or after the day of the change.
   * The changes are first summed per month, product and the first point they
   * count for (`width_bucket` over the points' days, sorted, gives how many
   * points come before the change's day), then per point those with a first
   * point at or before its own. A product none of whose lines is known at a
   * point (all replaced by then) is left out, not given as zero.
   */
  private async outputAsKnownOnDays(
    points: { windows: MonthWindow[]; day: string }[],
  ): Promise<Map<string, ProductTotal[]>[]> {
    const perPoint = points.map(({ windows }) => [...new Map(windows.map((w) => [windowKey(w), w])).values()]);
    const pairs = perPoint.flatMap((windows, index) => windows.map((window) => ({ index, window })));
    if (pairs.length === 0) return perPoint.map(() => new Map());
    const span = spanOf(pairs.map(({ window }) => window));
    const days = [...new Set(points.map(({ day }) => day))].sort();
    const rank = new Map(days.map((day, index) => [day, index]));
    const rows: (OutputRow & { point: number })[] = await this.dataSource.query(
      `WITH known AS (
         SELECT o.month, o.product_code, o.tonnage_class, width_bucket(o.known_on - 1, $6::date[]) AS first_point,
                sum(o.quantity_t) AS quantity_t, sum(o.metal_t) AS metal_t, sum(o.exports_t) AS exports_t,
                sum(o.lines) AS lines
           FROM output_month_known o
          WHERE o.month BETWEEN $7 AND $8 AND o.known_on <= $9
          GROUP BY 1, 2, 3, 4)
       SELECT p.point, p.key AS window, o.product_code, o.tonnage_class, ${SUMS}
         FROM unnest($1::int[], $2::date[], $3::date[], $4::text[], $5::int[]) AS p(point, from_month, to_month, key, day_rank)
        CROSS JOIN LATERAL generate_series(p.from_month, p.to_month, interval '1 month') AS m(month)
         JOIN known o ON o.month = m.month::date AND o.first_point <= p.day_rank
        GROUP BY 1, 2, 3, 4
       HAVING sum(o.lines) > 0`,
      [
        pairs.map(({ index }) => index),
        pairs.map(({ window }) => window.from),
        pairs.map(({ window }) => window.to),
        pairs.map(({ window }) => windowKey(window)),
        pairs.map(({ index }) => rank.get(points[index].day)),
        days,
        span.from,
        span.to,
        days[days.length - 1],
      ],
    );
    return perPoint.map((windows, index) =>
      totalsByWindow(
        windows,
        rows.filter((row) => row.point === index),
      ),
    );
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
          AND ${knownAsOf('$3')}`,
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

  /** As the registry has it now. */
  private async catalogue(): Promise<Map<string, CatalogueProduct>> {
    return catalogueOf(await this.dataSource.query('SELECT code, name, hs_code, tonnage_class FROM registry_product'));
  }

  /** As the registry had made it by each moment (HS codes attribute customs figures): one read for every point. */
  private async cataloguesKnownAt(moments: Date[]): Promise<Map<string, CatalogueProduct>[]> {
    const rows: (CatalogueRow & { point: number })[] = await this.dataSource.query(
      `SELECT k.point::int AS point, product.code, product.name, product.hs_code, product.tonnage_class
         FROM unnest($1::timestamptz[]) WITH ORDINALITY AS k(known_at, point)
        CROSS JOIN LATERAL ${catalogueKnownAt('k.known_at')} product`,
      [moments],
    );
    return moments.map((_, index) => catalogueOf(rows.filter((row) => row.point === index + 1)));
  }
}

interface CatalogueRow {
  code: string;
  name: string;
  hs_code: string;
  tonnage_class: string;
}

function catalogueOf(rows: CatalogueRow[]): Map<string, CatalogueProduct> {
  return new Map(
    rows.map((row) => [
      row.code,
      { code: row.code, name: row.name, hsCode: row.hs_code, tonnageClass: row.tonnage_class },
    ]),
  );
}

function totalsByWindow(windows: MonthWindow[], rows: OutputRow[]): Map<string, ProductTotal[]> {
  const output = new Map<string, ProductTotal[]>(windows.map((window) => [windowKey(window), []]));
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

/** The months from the first window's start to the last one's end. */
function spanOf(windows: MonthWindow[]): MonthWindow {
  return {
    from: windows.map((w) => w.from).sort()[0],
    to: windows
      .map((w) => w.to)
      .sort()
      .reverse()[0],
  };
}
