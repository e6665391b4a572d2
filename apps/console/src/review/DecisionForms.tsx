import { type UseMutationResult, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { directory } from '../api/directory';
import { type Claim, type ClaimReview, subsidy } from '../api/subsidy';
import { ConfirmButton } from '../common/ConfirmButton';
import { Field, FormErrors } from '../common/Field';
import { QueryView } from '../common/States';
import { type FormErrorView, useFormErrors } from '../common/form-errors';
import { formatKopecks, kopecksToRoubleText, parseRoubles } from '../common/format';
import { useI18n } from '../i18n/i18n';

/** Approve the requested amount or less (less needs a reason); a second approval confirms the first one's amount. */
export function ApproveForm({ review, onDone }: { review: ClaimReview; onDone: () => void }) {
  const { t, locale, language } = useI18n();
  const { claim } = review;
  const first = claim.firstApproval;
  const [amount, setAmount] = useState(kopecksToRoubleText(first?.amountKopecks ?? claim.requestedKopecks));
  const [reason, setReason] = useState('');
  const kopecks = parseRoubles(amount, language);
  const approve = useMutation({
    mutationFn: () =>
      subsidy.approve(claim.id, {
        ...(first ? {} : { approvedKopecks: kopecks ?? undefined }),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: onDone,
  });
  const errors = useFormErrors(approve.error);
  const reduced = kopecks !== null && BigInt(kopecks) < BigInt(claim.requestedKopecks);

  return (
    <DecisionForm
      mutation={approve}
      errors={errors}
      ready={kopecks !== null}
      submitLabel={first ? t('review.confirmApproval') : t('review.approve')}
      buttonClassName="button-primary"
      outcome={approve.data ? <ApprovalOutcome claim={approve.data} /> : null}
    >
      <Field
        label={t('review.approvedAmount')}
        hint={t('review.requestedWas', { amount: formatKopecks(claim.requestedKopecks, locale) })}
        errors={[...(kopecks === null ? [t('claims.roublesInvalid')] : []), ...errors.of('approvedKopecks')]}
      >
        <input
          name="approvedKopecks"
          inputMode="decimal"
          value={amount}
          disabled={!!first}
          onChange={(event) => setAmount(event.target.value)}
        />
      </Field>
      <Field label={reduced ? t('review.reductionReason') : t('review.approvalNote')} errors={errors.of('reason')}>
        <textarea name="reason" value={reason} onChange={(event) => setReason(event.target.value)} required={reduced} />
      </Field>
    </DecisionForm>
  );
}

function ApprovalOutcome({ claim }: { claim: Claim }) {
  const { t } = useI18n();
  return (
    <p className={`notice notice-${claim.firstApproval ? 'info' : 'success'}`} role="status">
      {claim.firstApproval ? t('review.firstRecorded') : t('review.approvedDone')}
    </p>
  );
}

/** A decision that needs only a reason (a rejection; revoking an approval, which asks first). */
export function ReasonForm({
  label,
  submitLabel,
  send,
  onDone,
  confirm,
}: {
  label: string;
  submitLabel: string;
  send: (reason: string) => Promise<unknown>;
  onDone: () => void;
  confirm?: boolean;
}) {
  const [reason, setReason] = useState('');
  const mutation = useMutation({ mutationFn: () => send(reason.trim()), onSuccess: onDone });
  const errors = useFormErrors(mutation.error);
  return (
    <DecisionForm
      mutation={mutation}
      errors={errors}
      ready={!!reason.trim()}
      submitLabel={submitLabel}
      buttonClassName="button-danger"
      confirm={confirm}
    >
      <Field label={label} errors={errors.of('reason')}>
        <textarea name="reason" value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
    </DecisionForm>
  );
}

/** Back to the producer: why, and each thing to add (one per line). */
export function ReturnForm({ claimId, onDone }: { claimId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState('');
  const items = missing
    .split('\n')
    .map((item) => item.trim())
    .filter(Boolean);
  const mutation = useMutation({
    mutationFn: () => subsidy.returnForInformation(claimId, { reason: reason.trim(), missing: items }),
    onSuccess: onDone,
  });
  const errors = useFormErrors(mutation.error);
  return (
    <DecisionForm
      mutation={mutation}
      errors={errors}
      ready={!!reason.trim() && items.length > 0}
      submitLabel={t('review.return')}
    >
      <Field label={t('review.returnReason')} errors={errors.of('reason')}>
        <textarea name="reason" value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <Field label={t('review.missing')} hint={t('review.missingHint')} errors={errors.of('missing', true)}>
        <textarea name="missing" value={missing} onChange={(event) => setMissing(event.target.value)} />
      </Field>
    </DecisionForm>
  );
}

/**
 * To another subsidy officer, with a reason. Offered are those four eyes let
 * decide the claim: not its assignee, not whoever wrote part of it, not the
 * officer whose first approval waits for a second.
 */
export function HandOnForm({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const { t } = useI18n();
  const officers = useQuery({ queryKey: ['directory', 'officers'], queryFn: directory.officers });
  const [officerId, setOfficerId] = useState('');
  const [reason, setReason] = useState('');
  const barred = new Set(
    [claim.assignedTo?.userId, claim.createdBy, ...claim.editedBy, claim.firstApproval?.userId].filter(Boolean),
  );
  const mutation = useMutation({
    mutationFn: () => {
      const officer = officers.data?.items.find((candidate) => candidate.userId === officerId);
      return subsidy.reassign(claim.id, {
        officerId,
        ...(officer?.name ? { officerName: officer.name } : {}),
        reason: reason.trim(),
      });
    },
    onSuccess: onDone,
  });
  const errors = useFormErrors(mutation.error);
  return (
    <QueryView query={officers}>
      {({ items }) => {
        const eligible = items.filter((officer) => !barred.has(officer.userId));
        if (eligible.length === 0) return <p className="muted">{t('review.handOnNone')}</p>;
        return (
          <DecisionForm
            mutation={mutation}
            errors={errors}
            ready={!!officerId && !!reason.trim()}
            submitLabel={t('review.handOn')}
          >
            <Field label={t('review.handOnTo')} errors={errors.of('officerId')}>
              <select name="officerId" value={officerId} onChange={(event) => setOfficerId(event.target.value)}>
                <option value="" />
                {eligible.map((officer) => (
                  <option key={officer.userId} value={officer.userId}>
                    {officer.name ?? officer.userId}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('review.handOnReason')} errors={errors.of('reason')}>
              <textarea name="reason" value={reason} onChange={(event) => setReason(event.target.value)} />
            </Field>
          </DecisionForm>
        );
      }}
    </QueryView>
  );
}

/**
 * A decision's form: its fields, the service's messages that belong to none
 * of them, what the decision did, and the button that sends it once the
 * fields are `ready` (asking first when it is to `confirm`: one that undoes
 * a decision cannot itself be undone).
 */
function DecisionForm({
  mutation,
  errors,
  ready,
  submitLabel,
  buttonClassName,
  outcome,
  confirm,
  children,
}: {
  mutation: Pick<UseMutationResult<unknown, Error, void>, 'mutate' | 'isPending'>;
  errors: FormErrorView;
  ready: boolean;
  submitLabel: string;
  buttonClassName?: string;
  outcome?: ReactNode;
  confirm?: boolean;
  children: ReactNode;
}) {
  function submit(event: FormEvent) {
    event.preventDefault();
    if (ready) mutation.mutate();
  }
  return (
    <form className="decision-form" onSubmit={submit} noValidate>
      {children}
      <FormErrors messages={errors.rest()} />
      {outcome}
      {confirm ? (
        <ConfirmButton
          label={submitLabel}
          onConfirm={() => mutation.mutate()}
          disabled={mutation.isPending || !ready}
        />
      ) : (
        <button
          type="submit"
          className={buttonClassName ? `button ${buttonClassName}` : 'button'}
          disabled={mutation.isPending || !ready}
        >
          {submitLabel}
        </button>
      )}
    </form>
  );
}
