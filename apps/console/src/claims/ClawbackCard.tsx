import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { type Claim, type ClawbackStatement, subsidy } from '../api/subsidy';
import { Badge } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { formatDate, formatKopecks } from '../common/format';
import { QueryView } from '../common/States';
import { Facts } from '../common/Facts';
import { useI18n } from '../i18n/i18n';
import { type ClawbackPayment, clawbackPayments, hasClawback } from './clawback';

/** What the producer owes back and by when, what came back, what went back to it, and every payment either way. */
export function ClawbackCard({ claim }: { claim: Claim }) {
  const { t } = useI18n();
  const shown = hasClawback(claim);
  const statement = useQuery({
    queryKey: ['subsidy', 'claim', claim.id, 'clawback'],
    queryFn: () => subsidy.clawback(claim.id),
    enabled: shown,
  });
  if (!shown) return null;
  return (
    <section className="card" aria-labelledby="claim-clawback">
      <h2 id="claim-clawback">{t('clawback.title')}</h2>
      <QueryView query={statement}>{(data) => <Statement statement={data} />}</QueryView>
    </section>
  );
}

function Statement({ statement }: { statement: ClawbackStatement }) {
  const { t, locale } = useI18n();
  const money = (kopecks: string) => formatKopecks(kopecks, locale);
  const facts: [string, ReactNode][] = [
    [t('clawback.demanded'), money(statement.clawbackKopecks)],
    [t('claims.clawbackRepaid'), money(statement.repaidKopecks)],
    [t('clawback.outstanding'), money(statement.outstandingKopecks)],
    [
      t('clawback.dueOn'),
      <>
        {formatDate(statement.dueOn, locale)}{' '}
        {statement.overdue ? <Badge tone="danger">{t('clawback.overdue')}</Badge> : null}
      </>,
    ],
  ];
  // Most demands never come down below what was repaid: refunds are shown only where there are some.
  if (statement.refundedKopecks !== '0' || statement.refundDueKopecks !== '0')
    facts.push(
      [t('claims.clawbackRefunded'), money(statement.refundedKopecks)],
      [t('claims.clawbackRefundDue'), money(statement.refundDueKopecks)],
    );
  const payments = clawbackPayments(statement);
  return (
    <>
      <Facts facts={facts} />
      <h3 style={{ marginTop: '1rem' }}>{t('clawback.payments')}</h3>
      {payments.length === 0 ? (
        <p className="muted small">{t('clawback.noPayments')}</p>
      ) : (
        <DataTable<ClawbackPayment>
          label={t('clawback.payments')}
          rows={payments}
          rowKey={(payment) => `${payment.kind}-${payment.id}`}
          columns={[
            { header: t('common.date'), cell: (payment) => formatDate(payment.on, locale) },
            { header: t('clawback.paymentKind'), cell: (payment) => t(`clawback.kind.${payment.kind}`) },
            { header: t('clawback.amount'), cell: (payment) => money(payment.amountKopecks), numeric: true },
            {
              header: t('review.paymentReference'),
              cell: (payment) => <span className="mono">{payment.reference}</span>,
            },
          ]}
        />
      )}
    </>
  );
}
