import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Claim, subsidy } from '../api/subsidy';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { today } from '../common/format';
import { PaymentEntryForm } from '../claims/PaymentEntryForm';
import { useI18n } from '../i18n/i18n';

/** Finance: schedule the payment of an approved claim and record it as paid. */
export function PaymentPanel({ claim }: { claim: Claim }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [scheduledOn, setScheduledOn] = useState(today());
  const refresh = () => client.invalidateQueries({ queryKey: ['subsidy'] });
  const schedule = useMutation({
    mutationFn: () => subsidy.schedulePayment(claim.id, scheduledOn),
    onSuccess: refresh,
  });
  const scheduleErrors = useFormErrors(schedule.error);
  if (claim.state !== 'approved' && claim.state !== 'payment_scheduled') return null;
  return (
    <section className="card" aria-labelledby="review-payment">
      <h2 id="review-payment">{t('review.payment')}</h2>
      {claim.state === 'approved' ? (
        <div className="form-actions">
          <Field label={t('review.scheduleOn')} errors={scheduleErrors.of('scheduledOn')}>
            <input type="date" value={scheduledOn} onChange={(event) => setScheduledOn(event.target.value)} />
          </Field>
          <button type="button" className="button" onClick={() => schedule.mutate()} disabled={schedule.isPending}>
            {t('review.schedule')}
          </button>
          <FormErrors messages={scheduleErrors.rest()} />
        </div>
      ) : null}
      <PaymentEntryForm
        labelledBy="review-payment"
        dateField="paidOn"
        dateLabel={t('review.paidOn')}
        submitLabel={t('review.markPaid')}
        record={({ on, reference }) => subsidy.pay(claim.id, { paidOn: on, reference })}
      />
    </section>
  );
}
