import type { EntityManager } from 'typeorm';
import type { ChangeOf } from '@redmet/registry-view';
import { type KeptVersions, latestKnownAt } from './kept-versions';

const PRODUCT_VERSIONS: KeptVersions = {
  table: 'product_version',
  key: 'product_code',
  copy: 'registry_product',
  copyKey: 'code',
};

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
 * of the registry copy that reads of it use: each product's highest version made by then.
 */
export const catalogueKnownAt = (knownAt: string) =>
  latestKnownAt(PRODUCT_VERSIONS, ['name', 'elements', 'tonnage_class', 'hs_code'], knownAt);
