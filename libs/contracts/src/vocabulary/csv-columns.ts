/**
 * The header lines of the CSV uploads: the services read these columns, and the console offers them as
 * templates, so both name them from here.
 */

/** production-reporting's report lines (`POST /reports/uploads`), in any order. */
export const REPORT_CSV_COLUMNS = [
  'facility_id',
  'deposit_id',
  'period',
  'product_code',
  'quantity',
  'unit',
  'metal_content_tonnes',
  'domestic_shipments',
  'exports',
] as const;

/** target-monitoring's customs statistics (`POST /trade-statistics/upload`), in any order. */
export const TRADE_CSV_COLUMNS = [
  'flow',
  'hsCode',
  'productCode',
  'period',
  'quantity',
  'unit',
  'valueKopecks',
] as const;
