import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { kopecksToRoubleText, parseRoubles, today } from '../common/format';
import { useI18n } from '../i18n/i18n';

interface PaymentEntry {
  on: string;
  reference: string;
}

/** What a form with an amount records; callers name it, as a union of props does not type their callback. */
export type PaymentEntryWithAmount = PaymentEntry & { amountKopecks: string };

interface Common {
  /** The id of the heading that names the form. */
  labelledBy: string;
  /** The request's name for the day (`repaidOn`, `settledOn`…), so the service's messages on it show under the date. */
  dateField: string;
  dateLabel: string;
  submitLabel: string;
}

interface WithAmount extends Common {
  amount: { label: string; hint: string; initialKopecks?: string };
  record: (entry: PaymentEntryWithAmount) => Promise<unknown>;
}

interface WithoutAmount extends Common {
  amount?: undefined;
  record: (entry: PaymentEntry) => Promise<unknown>;
}

/**
 * Finance: one payment order that moved a claim's money (the subsidy paid, a
 * clawback repaid or refunded: an amount in roubles where the route takes one,
 * the day, the order's number). Every claim query is refreshed after it, so
 * the claim, its statement and the budget agree; the service's messages
 * appear under the fields they name.
 */
export function PaymentEntryForm(props: WithAmount | WithoutAmount) {
  const { t, language } = useI18n();
  const client = useQueryClient();
  const [amount, setAmount] = useState(
    props.amount?.initialKopecks ? kopecksToRoubleText(props.amount.initialKopecks) : '',
  );
  const [on, setOn] = useState(today());
  const [reference, setReference] = useState('');
  const kopecks = parseRoubles(amount, language);
  const entry = { on, reference: reference.trim() };
  const record = useMutation({
    mutationFn: () => (props.amount ? props.record({ ...entry, amountKopecks: kopecks ?? '0' }) : props.record(entry)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['subsidy'] }),
  });
  const errors = useFormErrors(record.error);
  const ready = !record.isPending && entry.reference !== '' && (!props.amount || kopecks !== null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (ready) record.mutate();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={props.labelledBy}>
      <div className="form-grid">
        {props.amount ? (
          <Field
            label={props.amount.label}
            hint={props.amount.hint}
            errors={[
              ...(amount.trim() && kopecks === null ? [t('claims.roublesInvalid')] : []),
              ...errors.of('amountKopecks'),
            ]}
          >
            <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
          </Field>
        ) : null}
        <Field label={props.dateLabel} errors={errors.of(props.dateField)}>
          <input type="date" value={on} onChange={(event) => setOn(event.target.value)} />
        </Field>
        <Field label={t('review.paymentReference')} errors={errors.of('reference')}>
          <input value={reference} onChange={(event) => setReference(event.target.value)} />
        </Field>
      </div>
      <FormErrors messages={errors.rest()} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!ready}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
