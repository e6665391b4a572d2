import type { ChangedBy } from '../api/registry';
import type { Params } from '../i18n/messages';
import type { MessageKey } from '../i18n/ru';

/** The `userId` of the changes the registry makes by itself: the scheduled licence expiry, the demo data loader. */
const REGISTRY_ITSELF = 'system';

/** A user by name, or by id when the token that made the change carried no name. */
export function isPerson(by: ChangedBy): by is { userId: string; name?: string | null } {
  return !!by && by.userId !== null && by.userId !== REGISTRY_ITSELF;
}

/**
 * Who made a registry change (`createdBy`, `updatedBy`, a history row's `changedBy`) in the reader's words: the
 * person; the registry itself; unnamed registry staff, as the registry answers a producer of another company;
 * or "not recorded" for a change made before the registry recorded authors (null).
 */
export function authorName(by: ChangedBy, t: (key: MessageKey, params?: Params) => string): string {
  if (!by) return t('author.notRecorded');
  if (by.userId === null) return t('author.registryStaff');
  if (!isPerson(by)) return t('author.registryItself');
  return by.name || by.userId;
}
