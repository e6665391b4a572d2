import type { Budget, ClaimReview } from '../api/subsidy';
import { Facts } from '../common/Facts';
import { formatDecimal, formatKopecks } from '../common/format';
import { useI18n } from '../i18n/i18n';

/** What is left of the programme year's budget, and whether this claim fits in it. */
export function BudgetCard({
  budget,
  requestedKopecks,
  fourEyes,
}: {
  budget: Budget;
  requestedKopecks: string;
  fourEyes: ClaimReview['fourEyes'];
}) {
  const { t, locale } = useI18n();
  const fits = BigInt(requestedKopecks) <= BigInt(budget.availableKopecks);
  const used = Math.min(100, Number(budget.utilisationPercent));
  return (
    <section className="card" aria-labelledby="review-budget">
      <h2 id="review-budget">{t('review.budget', { year: budget.year })}</h2>
      <Facts
        facts={[
          [t('review.budgetTotal'), formatKopecks(budget.totalKopecks, locale)],
          [t('review.budgetCommitted'), formatKopecks(budget.committedKopecks, locale)],
          [t('review.budgetLeft'), formatKopecks(budget.availableKopecks, locale)],
        ]}
      />
      <div
        className="bar"
        style={{ marginTop: '0.8rem' }}
        role="img"
        aria-label={t('review.utilisation', { percent: `${formatDecimal(budget.utilisationPercent, locale)} %` })}
      >
        <div className="bar-fill" style={{ width: `${used}%` }} />
      </div>
      <p className="small muted">
        {t('review.utilisation', { percent: `${formatDecimal(budget.utilisationPercent, locale)} %` })}
      </p>
      {!fits ? <p className="notice notice-danger small">{t('review.doesNotFit')}</p> : null}
      {fourEyes.required ? (
        <p className="notice notice-info small">
          {t('review.fourEyesRequired', { threshold: formatKopecks(fourEyes.thresholdKopecks, locale) })}
        </p>
      ) : null}
    </section>
  );
}
