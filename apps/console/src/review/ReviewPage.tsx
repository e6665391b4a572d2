import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { type ClaimReview, subsidy } from '../api/subsidy';
import { useAuth } from '../auth/AuthProvider';
import { ClaimFacts, ClaimLinesTable } from '../claims/ClaimSummary';
import { ClawbackCard } from '../claims/ClawbackCard';
import { RefundPanel } from '../claims/RefundPanel';
import { RepaymentPanel } from '../claims/RepaymentPanel';
import { Comments } from '../claims/Comments';
import { Documents } from '../claims/Documents';
import { QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { CompanyName } from '../registry/lookups';
import { periodLabel } from '../reports/periods';
import { BudgetCard } from './BudgetCard';
import { DecisionPanel } from './DecisionPanel';
import { PaymentPanel } from './PaymentPanel';
import { ReliedReports } from './ReliedReports';

/** A claim side by side with the reports it relies on and the budget left, and the officer's decision. */
export function ReviewPage() {
  const { claimId } = useParams() as { claimId: string };
  const review = useQuery({
    queryKey: ['subsidy', 'claim', claimId, 'review'],
    queryFn: () => subsidy.review(claimId),
  });
  return <QueryView query={review}>{(data) => <ReviewView review={data} />}</QueryView>;
}

function ReviewView({ review }: { review: ClaimReview }) {
  const { t, language } = useI18n();
  const { user } = useAuth();
  const { claim } = review;
  const officer = !!user?.roles.includes('subsidy_officer');
  const finance = !!user?.roles.includes('finance_officer');
  // An admin decides nothing but hands a claim on, as the service lets it.
  const handsOn = officer || !!user?.roles.includes('admin');
  return (
    <div>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/review">{t('nav.review')}</Link>
          </p>
          <h1>
            <CompanyName id={claim.companyId} /> · {periodLabel(claim.period, language)}
          </h1>
        </div>
      </div>
      <div className="side-by-side">
        <div>
          <section className="card" aria-labelledby="review-claim">
            <h2 id="review-claim">{t('review.claim')}</h2>
            <ClaimFacts claim={claim} />
          </section>
          <ClawbackCard claim={claim} />
          <section className="card" aria-labelledby="review-lines">
            <h2 id="review-lines">{t('claims.lines')}</h2>
            <ClaimLinesTable lines={claim.lines} />
            <p className="small muted" style={{ marginTop: '0.6rem' }}>
              {claim.noTaxArrears ? '✓' : '✗'} {t('claims.noTaxArrears')}
              <br />
              {claim.notInLiquidation ? '✓' : '✗'} {t('claims.notInLiquidation')}
            </p>
          </section>
          <Documents claimId={claim.id} canAttach={false} />
          <Comments claimId={claim.id} officer />
        </div>
        <div>
          {handsOn ? <DecisionPanel review={review} /> : null}
          {finance ? <PaymentPanel claim={claim} /> : null}
          {finance ? <RepaymentPanel claim={claim} /> : null}
          {finance ? <RefundPanel claim={claim} /> : null}
          <BudgetCard budget={review.budget} requestedKopecks={claim.requestedKopecks} fourEyes={review.fourEyes} />
          <ReliedReports reports={review.reports} />
        </div>
      </div>
    </div>
  );
}
