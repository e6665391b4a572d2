import type { WithheldShare } from '../api/monitoring';
import { useI18n } from '../i18n/i18n';
import { localizeNote, withheldNote } from '../i18n/method-notes';

/** A share the service withholds: why, in a word, and its explanation on hover and for screen readers. */
export function Withheld({ share }: { share: WithheldShare | null }) {
  const { t, language, locale } = useI18n();
  if (!share) return <>—</>;
  const note = localizeNote(withheldNote(share), t, language, locale);
  return (
    <span className="muted small" title={note}>
      — {t(`imports.withheld.${share.reason}`)}
      <span className="visually-hidden">: {note}</span>
    </span>
  );
}
