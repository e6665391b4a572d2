import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type EffectivenessRow,
  type Knowledge,
  monitoring,
  type SubsidySummary,
  type WithheldShare,
} from '../api/monitoring';
import { DataTable } from '../common/DataTable';
import { Facts } from '../common/Facts';
import { Field } from '../common/Field';
import { formatDate, formatDateTime, formatDecimal, formatKopecks, today } from '../common/format';
import { Pagination } from '../common/Pagination';
import { Empty, QueryView } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { localizeNote } from '../i18n/method-notes';
import { CompanyName, ProductName } from '../registry/lookups';
import { AsOfField, KnowledgeField, knowledgeOf } from './Perspective';
import { asOfDayOf, formatChange, programmeYearChoices, programmeYearOf, utilisationFraction } from './subsidy-figures';
import { Withheld } from './Withheld';

const PAGE_SIZE = 20;

/**
 * The state subsidy as monitoring sees it: a programme year's budget and claims (as of a day), and what they bought
 * (as of a day, with output and import dependence as known now or then).
 */
export function SubsidyPage() {
  const { t } = useI18n();
  const { get, set } = useUrlState<'year' | 'asOf' | 'knowledge'>();
  const now = today();
  const thisYear = Number(now.slice(0, 4));
  const year = programmeYearOf(get('year'), now);
  const asOf = asOfDayOf(get('asOf'), now);
  const knowledge = knowledgeOf(get('knowledge'));
  const summary = useQuery({
    queryKey: ['monitoring', 'subsidy', 'summary', year, asOf],
    queryFn: () => monitoring.subsidySummary({ programmeYear: year, asOf }),
  });
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.subsidy')}</h1>
          <p className="muted">{t('subsidy.subtitle')}</p>
        </div>
        <div className="filters">
          <Field label={t('subsidy.year')}>
            <select
              value={year}
              onChange={(event) => set({ year: Number(event.target.value) === thisYear ? null : event.target.value })}
            >
              {programmeYearChoices(thisYear, year).map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          </Field>
          <AsOfField asOf={asOf} standing={now} onChange={(chosen) => set({ asOf: chosen })} />
          {/* Subsidy events count from when they are made, so a day's budget and claims are the same either way. */}
          <KnowledgeField
            label={t('subsidy.knowledge')}
            hint={t('subsidy.knowledgeHint')}
            knowledge={knowledge}
            onChange={(chosen) => set({ knowledge: chosen })}
          />
        </div>
      </div>
      <QueryView query={summary}>{(data) => <Summary summary={data} />}</QueryView>
      {/* Its page is not in the address: another year, day or knowledge is another table, from its first page. */}
      <Effectiveness key={`${year}|${asOf ?? ''}|${knowledge}`} year={year} asOf={asOf} knowledge={knowledge} />
    </div>
  );
}

function Summary({ summary }: { summary: SubsidySummary }) {
  const { t, locale } = useI18n();
  const { budget, claims, programmeYear } = summary;
  return (
    <>
      {summary.asOf ? (
        <p className="notice notice-info small">{t('subsidy.asOfLine', { date: formatDate(summary.asOf, locale) })}</p>
      ) : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="subsidy-budget">
          <h2 id="subsidy-budget">{t('subsidy.budget', { year: programmeYear })}</h2>
          {budget === null ? (
            <Empty title={t(summary.asOf ? 'subsidy.noBudgetThen' : 'subsidy.noBudget')} />
          ) : (
            <>
              <Facts
                facts={[
                  [t('subsidy.total'), formatKopecks(budget.totalKopecks, locale)],
                  [t('subsidy.committed'), formatKopecks(budget.committedKopecks, locale)],
                  [t('subsidy.available'), formatKopecks(budget.availableKopecks, locale)],
                  [t('subsidy.utilisation'), `${formatDecimal(budget.utilisationPercent, locale)} %`],
                ]}
              />
              {/* The exact share is a fact above; the bar only draws it (a ProgressBar would round it to whole percents). */}
              <div
                className="bar"
                style={{ marginTop: '0.8rem' }}
                role="img"
                aria-label={t('subsidy.utilisationBar', {
                  percent: `${formatDecimal(budget.utilisationPercent, locale)} %`,
                })}
              >
                <div
                  className="bar-fill"
                  style={{ width: `${utilisationFraction(budget.utilisationPercent) * 100}%` }}
                />
              </div>
              <p className="small muted">{t('subsidy.budgetAsOf', { when: formatDateTime(budget.asOf, locale) })}</p>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="subsidy-claims">
          <h2 id="subsidy-claims">{t('subsidy.claims', { year: programmeYear })}</h2>
          <Facts
            facts={[
              [t('subsidy.claimCount'), String(claims.claims)],
              [t('subsidy.approved'), formatKopecks(claims.approvedKopecks, locale)],
              [t('subsidy.paid'), formatKopecks(claims.paidKopecks, locale)],
              [t('subsidy.clawbackDemanded'), formatKopecks(claims.clawbackDemandedKopecks, locale)],
              [t('subsidy.clawedBack'), formatKopecks(claims.clawedBackKopecks, locale)],
            ]}
          />
        </section>
      </div>
    </>
  );
}

/**
 * Per company and product: the subsidy beside the change in output and import dependence; as it stands, or the
 * claims at the end of `asOf` beside the two years' output and import dependence as known now or then.
 */
function Effectiveness({ year, asOf, knowledge }: { year: number; asOf: string | undefined; knowledge: Knowledge }) {
  const { t, locale, language } = useI18n();
  const [page, setPage] = useState(1);
  const result = useQuery({
    queryKey: ['monitoring', 'subsidy', 'effectiveness', year, asOf, knowledge],
    queryFn: () => monitoring.subsidyEffectiveness({ programmeYear: year, asOf, knowledge }),
  });
  const kopecks =
    (key: 'approvedKopecks' | 'paidKopecks' | 'clawbackDemandedKopecks' | 'clawedBackKopecks') =>
    (row: EffectivenessRow) =>
      formatKopecks(row[key], locale);
  return (
    <section className="card" aria-labelledby="subsidy-effectiveness">
      <h2 id="subsidy-effectiveness">{t('subsidy.effectiveness', { year })}</h2>
      <QueryView query={result}>
        {(data) => (
          <>
            {data.asOf ? (
              <p className="small muted">
                {t(`subsidy.effectivenessAsOf.${data.knowledge}`, { date: formatDate(data.asOf, locale) })}
              </p>
            ) : null}
            <p className="small muted">
              {t('subsidy.method', { note: localizeNote(data.method, t, language, locale) })}
            </p>
            {data.rows.length === 0 ? (
              <Empty title={t(data.asOf ? 'subsidy.noApprovedThen' : 'subsidy.noApproved')} />
            ) : (
              <>
                <DataTable<EffectivenessRow>
                  label={t('subsidy.effectiveness', { year })}
                  rows={data.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
                  rowKey={(row) => `${row.companyId}|${row.productCode ?? ''}`}
                  columns={[
                    { header: t('subsidy.company'), cell: (row) => <CompanyName id={row.companyId} /> },
                    {
                      header: t('subsidy.product'),
                      cell: (row) =>
                        row.productCode === null ? (
                          <span className="muted" title={t('subsidy.noProductWhy')}>
                            {t('subsidy.noProduct')}
                          </span>
                        ) : (
                          <ProductName code={row.productCode} />
                        ),
                    },
                    { header: t('subsidy.approved'), cell: kopecks('approvedKopecks'), numeric: true },
                    { header: t('subsidy.paid'), cell: kopecks('paidKopecks'), numeric: true },
                    { header: t('subsidy.clawbackDemanded'), cell: kopecks('clawbackDemandedKopecks'), numeric: true },
                    { header: t('subsidy.clawedBack'), cell: kopecks('clawedBackKopecks'), numeric: true },
                    {
                      header: t('subsidy.output', { previous: year - 1, year }),
                      cell: (row) => <OutputChange output={row.output} />,
                      numeric: true,
                    },
                    {
                      header: t('subsidy.dependence', { previous: year - 1, year }),
                      cell: (row) => <DependenceChange dependence={row.importDependence} />,
                    },
                  ]}
                />
                <Pagination page={page} pageSize={PAGE_SIZE} total={data.rows.length} onPage={setPage} />
              </>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

function OutputChange({ output }: { output: EffectivenessRow['output'] }) {
  const { t, locale } = useI18n();
  if (!output) return <>—</>;
  return (
    <>
      <div className="nowrap">
        {formatDecimal(output.previousYearTonnes, locale)} → {formatDecimal(output.yearTonnes, locale)}
      </div>
      <div className="small muted nowrap">
        {formatChange(output.changeTonnes, locale)} {t('unit.t')}
      </div>
    </>
  );
}

function DependenceChange({ dependence }: { dependence: EffectivenessRow['importDependence'] }) {
  const { t, locale } = useI18n();
  if (!dependence) return <>—</>;
  const share = (percent: string | null, withheld: WithheldShare | null) =>
    percent === null ? <Withheld share={withheld} /> : `${formatDecimal(percent, locale)} %`;
  return (
    <>
      <div className="nowrap">
        {share(dependence.previousYearPercent, dependence.previousYearWithheld)} →{' '}
        {share(dependence.yearPercent, dependence.yearWithheld)}
      </div>
      {dependence.changePoints === null ? null : (
        <div className="small muted nowrap">
          {formatChange(dependence.changePoints, locale)} {t('subsidy.points')}
        </div>
      )}
    </>
  );
}
