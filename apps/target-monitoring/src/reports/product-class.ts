import type { EntityManager } from 'typeorm';
import { countProductLines } from './output-knowledge';
import { moveProductLines } from './report-aggregates';

/**
 * Recording report lines and a change of a product's class must not miss
 * each other: lines recorded with the class read before the change commits
 * would stay in the old class. Recordings share the lock, a change takes it
 * alone, so whichever comes second sees the other's commit.
 */
const PRODUCT_CLASS_LOCK = "hashtext('target-monitoring:product-class')";

/** Taken by a recording before it reads the registry copy's classes, held until it commits. */
export async function holdProductClassesForRecording(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(${PRODUCT_CLASS_LOCK})`);
}

interface ClassChange {
  tonnage_class: string;
  /** The class of the product's previous version known here; null: new to the catalogue. */
  was: string | null;
}

/**
 * After the registry copy took a newer version of a product: if its class
 * is not the one known before (or the product is new to the catalogue), the
 * product's output follows it. As known then, from when the registry made
 * the change (`product_class`; a replay of the topics gives the same); as
 * known now, everywhere: the
 * facts of every version and the monthly aggregates. Set-based over the
 * product's lines, a change of class being rare. A version that keeps the
 * class changes nothing.
 */
export async function followCatalogueClass(
  manager: EntityManager,
  productCode: string,
  changedAt: string,
): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${PRODUCT_CLASS_LOCK})`);
  const [change]: ClassChange[] = await manager.query(
    `SELECT p.tonnage_class,
            (SELECT c.tonnage_class FROM product_class c
              WHERE c.product_code = p.code AND c.version < p.version ORDER BY c.version DESC LIMIT 1) AS was
       FROM registry_product p WHERE p.code = $1`,
    [productCode],
  );
  if (!change || change.was === change.tonnage_class) return;
  await countProductLines(manager, productCode, -1);
  await manager.query(
    `INSERT INTO product_class (product_code, version, tonnage_class, known_from)
     SELECT code, version, tonnage_class, $2::timestamptz FROM registry_product WHERE code = $1
     ON CONFLICT DO NOTHING`,
    [productCode, changedAt],
  );
  await countProductLines(manager, productCode, 1);
  await moveProductLines(manager, productCode, -1);
  await manager.query(
    `UPDATE report_line_fact SET tonnage_class = $2 WHERE product_code = $1 AND tonnage_class <> $2`,
    [productCode, change.tonnage_class],
  );
  await moveProductLines(manager, productCode, 1);
}
