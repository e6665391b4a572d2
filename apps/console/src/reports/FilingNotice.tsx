import type { Filing } from '../api/reporting';
import { formatDateTime } from '../common/format';
import { useI18n } from '../i18n/i18n';

const TONE: Record<string, string> = {
  accepted: 'success',
  rejected: 'danger',
  pending: 'info',
  submitted: 'info',
  draft: 'info',
};

/** What a submission came to: accepted, rejected with reasons, or waiting, and the receipt. */
export function FilingNotice({ filing }: { filing: Filing }) {
  const { t, locale } = useI18n();
  return (
    <div className={`notice notice-${TONE[filing.state] ?? 'info'}`} role="status" aria-live="polite">
      <h2>{t(`reports.filing.${filing.state}`)}</h2>
      {filing.receipt ? (
        <p className="small">
          {t('reports.receiptLine', {
            version: filing.receipt.version,
            at: formatDateTime(filing.receipt.submittedAt, locale),
            by: filing.receipt.signedBy.name ?? filing.receipt.signedBy.userId,
          })}
        </p>
      ) : null}
      {filing.reasons.length ? (
        <ul>
          {filing.reasons.map((reason) => (
            <li key={`${reason.code}-${reason.lineNo ?? ''}`}>
              {reason.lineNo ? `${t('reports.lineN', { n: reason.lineNo })}: ` : ''}
              {reason.message} <span className="muted small mono">{reason.code}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
