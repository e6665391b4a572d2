import type { ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ClaimReview, subsidy } from '../api/subsidy';
import { useAuth } from '../auth/AuthProvider';
import { FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { formatKopecks } from '../common/format';
import { type Translate, useI18n } from '../i18n/i18n';
import { ApproveForm, HandOnForm, ReasonForm, ReturnForm } from './DecisionForms';

type Decision = 'approve' | 'reject' | 'return' | 'handOn';

/**
 * What the signed-in officer may do with the claim now: take it, decide it,
 * give the second approval of four eyes, hand it on (its assignee, or an
 * admin, who may do nothing else), or revoke its approval before payment. The service enforces every rule;
 * this only offers the steps that can succeed.
 */
export function DecisionPanel({ review }: { review: ClaimReview }) {
  const { t, locale } = useI18n();
  const { user, hasRole } = useAuth();
  const client = useQueryClient();
  const [decision, setDecision] = useState<Decision | null>(null);
  const { claim } = review;
  const me = user?.userId;
  const refresh = () => client.invalidateQueries({ queryKey: ['subsidy'] });
  const take = useMutation({ mutationFn: () => subsidy.take(claim.id), onSuccess: refresh });
  const takeErrors = useFormErrors(take.error);

  const first = claim.firstApproval;
  const officer = hasRole('subsidy_officer');
  const ownWork = !!me && (me === claim.createdBy || claim.editedBy.includes(me));
  const assignee = claim.assignedTo?.userId === me;
  const secondPair = !!first && first.userId !== me;
  const mayDecide = officer && claim.state === 'under_review' && !ownWork && (assignee || secondPair);
  // The first approver may still return or reject, but the approval itself now needs someone else.
  const awaitingOther = !!first && first.userId === me;
  const mayHandOn = claim.state === 'under_review' && (assignee || hasRole('admin'));
  const revocable = officer && (claim.state === 'approved' || claim.state === 'payment_scheduled');
  const options = (['approve', 'return', 'reject', 'handOn'] as const).filter(
    (option) => !(option === 'approve' && awaitingOther) && (option !== 'handOn' || mayHandOn),
  );
  // Four eyes: the service refuses an officer deciding a claim they keyed in, so the panel says why nothing is offered.
  const ownWorkNote = ownWork ? (
    <p id="review-own-work" className="notice notice-info small">
      {t('review.ownWork')}
    </p>
  ) : null;
  const decided = () => {
    setDecision(null);
    return refresh();
  };

  let body: ReactNode;
  if (claim.state === 'submitted' && officer) {
    body = (
      <>
        <p>{t('review.waitingToBeTaken')}</p>
        {ownWorkNote}
        <FormErrors messages={takeErrors.rest()} />
        <button
          type="button"
          className="button button-primary"
          onClick={() => take.mutate()}
          disabled={take.isPending || ownWork}
          aria-describedby={ownWork ? 'review-own-work' : undefined}
        >
          {t('review.take')}
        </button>
      </>
    );
  } else if (!mayDecide) {
    body = (
      <>
        <p className="muted">
          {idleMessage(claim.state, claim.assignedTo?.name ?? claim.assignedTo?.userId ?? '—', t)}
        </p>
        {claim.state === 'under_review' || revocable ? ownWorkNote : null}
        {revocable && !ownWork ? (
          <>
            <h3>{t('review.revoke')}</h3>
            <p className="small muted">{t('review.revokeEffect')}</p>
            <ReasonForm
              label={t('review.revokeReason')}
              submitLabel={t('review.revoke')}
              send={(reason) => subsidy.revoke(claim.id, reason)}
              onDone={decided}
              confirm
            />
          </>
        ) : null}
        {mayHandOn ? (
          <>
            <h3>{t('review.handOn')}</h3>
            <HandOnForm claim={claim} onDone={decided} />
          </>
        ) : null}
      </>
    );
  } else {
    body = (
      <>
        {awaitingOther ? <p className="notice notice-info small">{t('review.waitingForSecond')}</p> : null}
        {first && !awaitingOther ? (
          <div className="notice notice-info small">
            {t('review.firstApproval', {
              name: first.name ?? first.userId,
              amount: formatKopecks(first.amountKopecks, locale),
            })}
            {first.reason ? ` — ${first.reason}` : ''}
          </div>
        ) : null}
        <div className="form-actions" role="group" aria-label={t('review.decision')}>
          {options.map((option) => (
            <button
              key={option}
              type="button"
              className={`button${option === 'approve' ? ' button-primary' : option === 'reject' ? ' button-danger' : ''}`}
              aria-pressed={decision === option}
              onClick={() => setDecision(option)}
            >
              {t(first && option === 'approve' ? 'review.confirmApproval' : `review.${option}`)}
            </button>
          ))}
        </div>
        {decision === 'approve' && !awaitingOther ? <ApproveForm review={review} onDone={decided} /> : null}
        {decision === 'reject' ? (
          <ReasonForm
            label={t('review.rejectReason')}
            submitLabel={t('review.reject')}
            send={(reason) => subsidy.reject(claim.id, reason)}
            onDone={decided}
          />
        ) : null}
        {decision === 'return' ? <ReturnForm claimId={claim.id} onDone={decided} /> : null}
        {decision === 'handOn' ? <HandOnForm claim={claim} onDone={decided} /> : null}
      </>
    );
  }

  return (
    <section className="card" aria-labelledby="review-decision">
      <h2 id="review-decision">{t('review.decision')}</h2>
      {body}
    </section>
  );
}

function idleMessage(state: string, reviewer: string, t: Translate): string {
  if (state === 'submitted') return t('review.waitingToBeTaken');
  if (state === 'returned') return t('review.returnedToProducer');
  if (state === 'under_review') return t('review.underReviewBy', { name: reviewer });
  return t('review.decided');
}
