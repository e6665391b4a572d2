import { type Claim, subsidy } from '../api/subsidy';
import { formatKopecks } from '../common/format';
import { useI18n } from '../i18n/i18n';
import { PaymentEntryForm, type PaymentEntryWithAmount } from './PaymentEntryForm';

/** Finance: pay back to the producer what it repaid beyond a clawback demand that came down (all or part of it). */
export function RefundPanel({ claim }: { claim: Claim }) {
  const { t, locale } = useI18n();
  const due = claim.clawbackRefundDueKopecks;
  if (due === '0') return null;
  return (
    <section className="card" aria-labelledby="claim-refund">
      <h2 id="claim-refund">{t('claims.refund')}</h2>
      {/* Keyed by what is due, so after a partial refund the form starts afresh and offers the rest. */}
      <PaymentEntryForm
        key={due}
        labelledBy="claim-refund"
        amount={{
          label: t('claims.refundAmount'),
          hint: t('claims.refundDueHint', { amount: formatKopecks(due, locale) }),
          initialKopecks: due,
        }}
        dateField="refundedOn"
        dateLabel={t('claims.refundedOn')}
        submitLabel={t('claims.recordRefund')}
        record={({ amountKopecks, on, reference }: PaymentEntryWithAmount) =>
          subsidy.refund(claim.id, { amountKopecks, refundedOn: on, reference })
        }
      />
    </section>
  );
}
