import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Claim, subsidy } from '../api/subsidy';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { formatKopecks, kopecksToRoubleText, parseRoubles, today } from '../common/format';
import { useI18n } from '../i18n/i18n';

/** Finance: pay back to the producer what it repaid beyond a clawback demand that came down (all or part of it). */
export function RefundPanel({ claim }: { claim: Claim }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [amount, setAmount] = useState(kopecksToRoubleText(claim.clawbackRefundDueKopecks));
  const [refundedOn, setRefundedOn] = useState(today());
  const [reference, setReference] = useState('');
  const kopecks = parseRoubles(amount);
  const refund = useMutation({
    mutationFn: () =>
      subsidy.refund(claim.id, { amountKopecks: kopecks ?? '0', refundedOn, reference: reference.trim() }),
    onSuccess: ({ claim: refunded }) => {
      setAmount(kopecksToRoubleText(refunded.clawbackRefundDueKopecks));
      setReference('');
      return client.invalidateQueries({ queryKey: ['subsidy'] });
    },
  });
  const errors = useFormErrors(refund.error);
  if (claim.clawbackRefundDueKopecks === '0') return null;
  return (
    <section className="card" aria-labelledby="claim-refund">
      <h2 id="claim-refund">{t('claims.refund')}</h2>
      <div className="form-grid">
        <Field
          label={t('claims.refundAmount')}
          hint={t('claims.refundDueHint', { amount: formatKopecks(claim.clawbackRefundDueKopecks, locale) })}
          errors={[...(kopecks === null ? [t('claims.roublesInvalid')] : []), ...errors.of('amountKopecks')]}
        >
          <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
        </Field>
        <Field label={t('claims.refundedOn')} errors={errors.of('refundedOn')}>
          <input type="date" value={refundedOn} onChange={(event) => setRefundedOn(event.target.value)} />
        </Field>
        <Field label={t('review.paymentReference')} errors={errors.of('reference')}>
          <input value={reference} onChange={(event) => setReference(event.target.value)} />
        </Field>
      </div>
      <FormErrors messages={errors.rest()} />
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => refund.mutate()}
          disabled={refund.isPending || kopecks === null || !reference.trim()}
        >
          {t('claims.recordRefund')}
        </button>
      </div>
    </section>
  );
}
