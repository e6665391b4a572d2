import type { ReactNode } from 'react';
import type { ClaimState } from '@redmet/contracts/vocabulary';
import type { Claim, ClaimLine } from '../api/subsidy';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { formatDate, formatDateTime, formatDecimal, formatKopecks, formatRate } from '../common/format';
import { Facts } from '../common/Facts';
import { useI18n } from '../i18n/i18n';
import { ProductName } from '../registry/lookups';
import { periodLabel } from '../reports/periods';

/** The claim's amounts and where it stands, as facts. */
export function ClaimFacts({ claim }: { claim: Claim }) {
  const { t, label, locale, language } = useI18n();
  const facts: [string, ReactNode][] = [
    [t('claims.period'), periodLabel(claim.period, language)],
    [
      t('common.status'),
      <Badge key="state" tone={toneOf(claim.state)}>
        {label('claimState', claim.state)}
      </Badge>,
    ],
    [t('claims.computed'), formatKopecks(claim.computedKopecks, locale)],
    [t('claims.requested'), formatKopecks(claim.requestedKopecks, locale)],
    [t('claims.approved'), formatKopecks(claim.approvedKopecks, locale)],
    ...(claim.originallyApprovedKopecks
      ? [
          [t('claims.originallyApproved'), formatKopecks(claim.originallyApprovedKopecks, locale)] as [
            string,
            ReactNode,
          ],
        ]
      : []),
    [
      t('claims.paid'),
      claim.paidKopecks ? `${formatKopecks(claim.paidKopecks, locale)} · ${formatDate(claim.paidOn, locale)}` : '—',
    ],
    [t('claims.submittedAt'), formatDateTime(claim.submittedAt, locale)],
    [t('claims.assignedTo'), claim.assignedTo?.name ?? claim.assignedTo?.userId ?? '—'],
    [t('claims.decidedBy'), claim.decidedBy?.map((actor) => actor.name ?? actor.userId).join(', ') || '—'],
  ];
  if (claim.paymentScheduledOn)
    facts.push([t('claims.paymentScheduled'), formatDate(claim.paymentScheduledOn, locale)]);
  return (
    <>
      <Facts facts={facts} />
      {claim.decisionReason ? (
        <p style={{ marginTop: '0.8rem' }}>
          <span className="muted">{t('claims.decisionReason')}:</span> {claim.decisionReason}
        </p>
      ) : null}
      {claim.approvalAdjustmentReason ? (
        <p>
          <span className="muted">{t('claims.approvalAdjustmentReason')}:</span> {claim.approvalAdjustmentReason}
        </p>
      ) : null}
      {claim.clawbackReason ? (
        <p>
          <span className="muted">{t('claims.clawbackReason')}:</span> {claim.clawbackReason}
        </p>
      ) : null}
    </>
  );
}

const STEPS: ClaimState[] = ['draft', 'submitted', 'under_review', 'approved', 'payment_scheduled', 'paid'];
const SIDE_STATES: Partial<Record<ClaimState, ClaimState>> = {
  returned: 'under_review',
  rejected: 'under_review',
  under_clawback: 'paid',
  clawed_back: 'paid',
};

/** Where the claim is on its way from draft to payment; a return or rejection shows at the review step. */
export function ClaimSteps({ state }: { state: ClaimState }) {
  const { label } = useI18n();
  const at = STEPS.indexOf(SIDE_STATES[state] ?? state);
  return (
    <ol className="steps" aria-label={label('claimState', state)}>
      {STEPS.map((step, index) => {
        const shown = index === at && SIDE_STATES[state] ? state : step;
        return (
          <li
            key={step}
            className={index < at ? 'is-done' : index === at ? `is-current step-${toneOf(shown)}` : undefined}
            aria-current={index === at ? 'step' : undefined}
          >
            {label('claimState', shown)}
          </li>
        );
      })}
    </ol>
  );
}

/** Each line's basis, rate and compensation. */
export function ClaimLinesTable({ lines }: { lines: ClaimLine[] }) {
  const { t, locale } = useI18n();
  return (
    <DataTable<ClaimLine>
      rows={lines}
      rowKey={(line) => String(line.lineNo)}
      columns={[
        { header: '#', cell: (line) => line.lineNo },
        {
          header: t('claims.basis'),
          cell: (line) =>
            line.basis === 'cost' ? (
              <>
                {t(`claims.category.${line.category ?? 'processing'}`)}
                <div className="small muted">{line.description}</div>
              </>
            ) : (
              <>
                {line.productCode ? <ProductName code={line.productCode} /> : null}
                <div className="small muted">
                  {formatDecimal(line.quantity, locale)} × ({formatKopecks(line.policyPriceKopecks, locale)} −{' '}
                  {formatKopecks(line.invoicedPriceKopecks, locale)}) · {line.buyerName}
                </div>
              </>
            ),
        },
        { header: t('claims.documentNumber'), cell: (line) => line.documentNumber, className: 'mono' },
        { header: t('claims.basisAmount'), cell: (line) => formatKopecks(line.basisKopecks, locale), numeric: true },
        { header: t('claims.rate'), cell: (line) => formatRate(line.rate, locale), numeric: true },
        {
          header: t('claims.compensation'),
          cell: (line) => formatKopecks(line.compensationKopecks, locale),
          numeric: true,
        },
      ]}
    />
  );
}
