import type { Filing } from '../api/reporting';
import { formatDateTime } from '../common/format';
import { useI18n } from '../i18n/i18n';
import { useReasonText } from './reasons';

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
  const reasonText = useReasonText();
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
          {filing.reasons.map((reason, index) => (
            // One rule can be broken twice on a line (two amounts above the plausible): the order is the key.
            <li key={index}>
              {reason.lineNo ? `${t('reports.lineN', { n: reason.lineNo })}: ` : ''}
              {reasonText(reason)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
