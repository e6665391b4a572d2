import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '@redmet/contracts';
import type { Principal } from '@redmet/platform';

/**
 * The `userId` of the changes the registry makes by itself, as subsidy-processing records its own. No user
 * has it: the gateway's users are uuids, an external provider's carry its suffix (`…@host~hash`).
 */
export const SYSTEM_USER_ID = 'system';

/** The scheduled licence expiry (`LicenceExpiryService`). */
export const LICENCE_EXPIRY: Actor = { userId: SYSTEM_USER_ID, name: 'deposit-registry: scheduled licence expiry' };

/** The demo loader of `npm start` (`demo/load-demo.ts`). */
export const DEMO_DATA_LOADER: Actor = { userId: SYSTEM_USER_ID, name: 'deposit-registry: demo data loader' };

/** The user whose request makes the change, for the services to record it. */
export const ActingUser = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const principal = context.switchToHttp().getRequest<Request>().principal;
  if (!principal) throw new Error('ActingUser used on a public route');
  return principal.actor();
});

/** A person of the registry's staff as a producer of another company sees them: not named (README, "Who changed it"). */
export const REGISTRY_STAFF = { userId: null, name: 'registry staff' } as const;

export type ShownActor = Actor | typeof REGISTRY_STAFF;

/** The OpenAPI shape of `createdBy`, `updatedBy` and `changedBy`. */
export class ChangedByDoc {
  @ApiProperty({
    type: String,
    nullable: true,
    description: `The user's id; "${SYSTEM_USER_ID}" for the registry itself; null for a person not named to a producer`,
  })
  userId: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Irina Orlova' })
  name?: string | null;
}

export const CHANGED_BY_DOC = {
  type: ChangedByDoc,
  nullable: true,
  description:
    'Who made the change: a user, the registry itself (userId "system"), or "registry staff" (userId null) to a producer the person is not named to; null when it was made before the registry recorded it',
};

/** The OpenAPI description of a record's GET that a producer may read without the names. */
export const PRODUCERS_SEE_NO_NAMES =
  'A producer other than of the company the record is of (deposits and products are of none) is not told who changed it: its createdBy and updatedBy are "registry staff" (userId null), and it comes with a weak ETag of its own rather than the version';

/** The OpenAPI description of a status history. */
export const HISTORY_NAMES =
  'Each change with who made it (changedBy). A producer other than of the company the record is of (for a facility: its operator now, or the one that ran it in the month of the change) sees a person as "registry staff" (userId null)';

/**
 * Staff, and the producers of the company a record is of, see who changed it (as a producer sees which
 * officers decided its claim); the registry itself is named to everyone.
 */
export function shownTo(actor: Actor | null, named: boolean): ShownActor | null {
  return actor === null || named || isRegistryItself(actor) ? actor : REGISTRY_STAFF;
}

/**
 * One of the registry's own actors, known by id and name both: an issuer configured without a user-id suffix
 * could sign a person in as `system`, whose name must not be shown to everyone for it.
 */
function isRegistryItself(actor: Actor): boolean {
  return [LICENCE_EXPIRY, DEMO_DATA_LOADER].some((own) => own.userId === actor.userId && own.name === actor.name);
}

interface Authored {
  createdBy: Actor | null;
  updatedBy: Actor | null;
}

export type AuthoredView<T extends Authored> = Omit<T, 'createdBy' | 'updatedBy' | 'toSnapshot'> & {
  createdBy: ShownActor | null;
  updatedBy: ShownActor | null;
};

/**
 * The record as `principal` may read it, `companyId` being the company it is of (none for deposits and
 * products, which only staff see the authors of). One with an author withheld is a copy, not the entity:
 * the version's strong ETag names the whole record (record-version.ts), so the copy gets Express's weak
 * tag of its body and is never answered 304 against a tag staff read.
 */
export function authorsAsSeenBy<T extends Authored>(
  principal: Principal,
  record: T,
  companyId: string | null,
): AuthoredView<T> {
  const named = principal.canSeeCompany(companyId);
  const createdBy = shownTo(record.createdBy, named);
  const updatedBy = shownTo(record.updatedBy, named);
  if (createdBy === record.createdBy && updatedBy === record.updatedBy) return record;
  return { ...record, createdBy, updatedBy };
}
