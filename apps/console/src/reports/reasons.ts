import type { Reason } from '../api/reporting';
import { localizeFieldMessage } from '../i18n/field-messages';
import { useI18n } from '../i18n/i18n';

/** Why the acceptance rules rejected a version or keep it waiting, in the user's words where the console has them. */
export function useReasonText(): (reason: Reason) => string {
  const { t, locale } = useI18n();
  return (reason) => localizeFieldMessage(`${reason.code}: ${reason.message}`, t, locale);
}
