import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/problem';
import { type Claim, type ClaimLine, subsidy } from '../api/subsidy';
import { FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { formatKopecks } from '../common/format';
import { QueryView } from '../common/States';
import { localizeFieldMessage } from '../i18n/field-messages';
import { useI18n } from '../i18n/i18n';
import { periodLabel } from '../reports/periods';
import { ClaimFacts, ClaimLinesTable, ClaimSteps } from './ClaimSummary';
import { ClawbackCard } from './ClawbackCard';
import { Comments } from './Comments';
import { Documents } from './Documents';

const EDITABLE = ['draft', 'returned'];

/** A producer's claim: where it stands, what is missing when returned, documents and comments. */
export function ClaimPage() {
  const { claimId } = useParams() as { claimId: string };
  const claim = useQuery({ queryKey: ['subsidy', 'claim', claimId], queryFn: () => subsidy.get(claimId) });
  return <QueryView query={claim}>{(data) => <ClaimView claim={data} />}</QueryView>;
}

function ClaimView({ claim }: { claim: Claim & { lines: ClaimLine[] } }) {
  const { t, locale, language } = useI18n();
  const client = useQueryClient();
  const editable = EDITABLE.includes(claim.state);
  const refresh = () => client.invalidateQueries({ queryKey: ['subsidy'] });
  const eligibility = useMutation({ mutationFn: () => subsidy.eligibility(claim.id) });
  const submit = useMutation({ mutationFn: () => subsidy.submit(claim.id), onSuccess: refresh });
  const submitErrors = useFormErrors(submit.error);
  const eligibilityErrors = useFormErrors(eligibility.error);
  // A refused submission names the fields at fault; this page shows none, so their reasons follow the headline.
  const refusal =
    submit.error instanceof ApiError ? [...submit.error.fields.keys()].flatMap((field) => submitErrors.of(field)) : [];
  const failures = (eligibility.data?.failures ?? []).map(({ code, message }) =>
    localizeFieldMessage(`${code}: ${message}`, t, locale),
  );

  return (
    <div>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/claims">{t('nav.claims')}</Link>
          </p>
          <h1>{t('claims.titleFor', { period: periodLabel(claim.period, language) })}</h1>
        </div>
        {editable ? (
          <div className="page-actions">
            <Link className="button" to={`/claims/${claim.id}/edit`}>
              {t('claims.edit')}
            </Link>
            <button
              type="button"
              className="button"
              onClick={() => eligibility.mutate()}
              disabled={eligibility.isPending}
            >
              {t('claims.checkEligibility')}
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => submit.mutate()}
              disabled={submit.isPending}
            >
              {claim.state === 'returned' ? t('claims.resubmit') : t('claims.submit')}
            </button>
          </div>
        ) : null}
      </div>
      {claim.state === 'returned' ? (
        <div className="notice notice-warning" role="status">
          <h2>{t('claims.returnedTitle')}</h2>
          {claim.decisionReason ? <p>{claim.decisionReason}</p> : null}
          {claim.missingItems.length ? (
            <>
              <p className="small">{t('claims.missingItems')}</p>
              <ul>
                {claim.missingItems.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="small">{t('claims.returnedHint')}</p>
        </div>
      ) : null}
      {submit.isSuccess ? (
        <p className="notice notice-success" role="status">
          {t('claims.submitted')}
        </p>
      ) : null}
      <FormErrors messages={[...new Set([...submitErrors.rest(), ...refusal])]} />
      <FormErrors messages={eligibilityErrors.rest()} />
      {eligibility.data ? (
        <div className={`notice notice-${eligibility.data.eligible ? 'success' : 'danger'}`} role="status">
          <h2>{eligibility.data.eligible ? t('claims.eligible') : t('claims.notEligible')}</h2>
          <p className="small">
            {t('claims.wouldRequest', { amount: formatKopecks(eligibility.data.requestedKopecks, locale) })}
          </p>
          {failures.length ? (
            <ul>
              {[...new Set(failures)].map((failure) => (
                <li key={failure}>{failure}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <section className="card">
        <ClaimSteps state={claim.state} />
        <ClaimFacts claim={claim} />
      </section>
      <ClawbackCard claim={claim} />
      <section className="card" aria-labelledby="claim-lines-view">
        <h2 id="claim-lines-view">{t('claims.lines')}</h2>
        <ClaimLinesTable lines={claim.lines} />
      </section>
      <div className="grid-2">
        <Documents claimId={claim.id} canAttach={editable} />
        <Comments claimId={claim.id} officer={false} />
      </div>
    </div>
  );
}
