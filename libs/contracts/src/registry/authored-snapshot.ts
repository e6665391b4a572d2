import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { Actor } from '../values/common';

/** What every registry snapshot carries of who made the version it shows. */
export abstract class AuthoredSnapshot {
  /**
   * Who made the change this version is the result of (schemaVersion 2): a signed-in user, or
   * `{ userId: 'system', name: 'deposit-registry: …' }` for a change the registry made by itself (the
   * scheduled licence expiry, the demo data loader). Absent from events published before the registry
   * recorded it, and null for a record last changed then (a `LicenceExpiring` notice of such a licence).
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => Actor)
  changedBy?: Actor | null;
}
