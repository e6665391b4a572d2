import type { EntityManager } from 'typeorm';
import type { ChangeOf } from '@redmet/registry-view';

/** Every version, late or duplicate ones included: a version once recorded is never changed. */
export async function recordProductVersion(manager: EntityManager, change: ChangeOf<'product'>): Promise<void> {
  const { snapshot } = change;
  await manager.query(
    `INSERT INTO product_version (product_code, version, known_from, name, elements, tonnage_class, hs_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [
      change.id,
      change.version,
      change.occurredAt,
      snapshot.name,
      snapshot.elements,
      snapshot.tonnageClass,
      snapshot.hsCode,
    ],
  );
}

/**
 * The catalogue as the registry had made it by `knownAt` (an SQL expression of a moment), with the columns
 * of the registry copy that reads of it use: each product's highest version made by then (a late, older
 * version never replaces it), and no product the registry had not added yet.
 */
export const catalogueKnownAt = (knownAt: string) => `(
  SELECT DISTINCT ON (product_code) product_code AS code, name, elements, tonnage_class, hs_code
    FROM product_version WHERE known_from <= ${knownAt}
   ORDER BY product_code, version DESC)`;
