import { type Claim, subsidy } from '../api/subsidy';
import { formatKopecks } from '../common/format';
import { useI18n } from '../i18n/i18n';
import { PaymentEntryForm, type PaymentEntryWithAmount } from './PaymentEntryForm';

/** Finance: money the producer paid back against a clawback demand, part of it or everything still outstanding. */
export function RepaymentPanel({ claim }: { claim: Claim }) {
  const { t, locale } = useI18n();
  if (claim.state !== 'under_clawback') return null;
  const outstanding = formatKopecks(claim.clawbackOutstandingKopecks, locale);
  return (
    <section className="card" aria-labelledby="claim-repayment">
      <h2 id="claim-repayment">{t('clawback.repayment')}</h2>
      {/* Keyed by what is outstanding, so a recorded repayment empties the form for the next one. */}
      <PaymentEntryForm
        key={claim.clawbackOutstandingKopecks}
        labelledBy="claim-repayment"
        amount={{ label: t('clawback.repaymentAmount'), hint: t('clawback.outstandingHint', { amount: outstanding }) }}
        dateField="repaidOn"
        dateLabel={t('clawback.repaidOn')}
        submitLabel={t('clawback.recordRepayment')}
        record={({ amountKopecks, on, reference }: PaymentEntryWithAmount) =>
          subsidy.repay(claim.id, { amountKopecks, repaidOn: on, reference })
        }
      />
      <div className="subform">
        <h3 id="claim-settle">{t('clawback.settle')}</h3>
        <p className="muted small">{t('clawback.settleHint', { amount: outstanding })}</p>
        <PaymentEntryForm
          labelledBy="claim-settle"
          dateField="settledOn"
          dateLabel={t('clawback.settledOn')}
          submitLabel={t('clawback.settleAction')}
          record={({ on, reference }) => subsidy.settle(claim.id, { settledOn: on, reference })}
        />
      </div>
    </section>
  );
}
