import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { monitoring, type ProductBalance } from '../api/monitoring';
import { DataTable } from '../common/DataTable';
import { Field } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { formatDecimal, today } from '../common/format';
import { Pagination } from '../common/Pagination';
import { Empty, QueryView } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { localizeNote } from '../i18n/method-notes';
import { periodLabel } from '../reports/periods';
import { AsOfField, KnowledgeField, knowledgeOf, PerspectiveLine } from './Perspective';
import { asOfDayOf } from './subsidy-figures';
import { Withheld } from './Withheld';

const PAGE_SIZE = 20;

/**
 * Import dependence per product and overall, over the trailing twelve months or a calendar year; as of any day and
 * as known then.
 */
export function ImportsPage() {
  const { t, locale, language } = useI18n();
  const { get, set } = useUrlState<'year' | 'asOf' | 'knowledge'>();
  const [page, setPage] = useState(1);
  const now = today();
  const year = /^\d{4}$/.test(get('year')) ? Number(get('year')) : undefined;
  const asOf = asOfDayOf(get('asOf'), now);
  const knowledge = knowledgeOf(get('knowledge'));
  const thisYear = Number(now.slice(0, 4));
  // A chosen year's figures are for its last day, or today while it runs; the field shows that day.
  const standing = year && `${year}-12-31` < now ? `${year}-12-31` : now;
  // Sent whenever a year is chosen: left to itself the service would take a running year's 31 December, a day
  // the field cannot show, and the goal below would be another day's.
  const day = asOf ?? (year ? standing : undefined);
  const result = useQuery({
    queryKey: ['monitoring', 'imports', year, day, knowledge],
    queryFn: () => monitoring.importDependence({ year, asOf: day, knowledge }),
  });
  // The goal in force on that day, as then known: the service's settings change over time too.
  const targets = useQuery({
    queryKey: ['monitoring', 'targets', day, knowledge],
    queryFn: () => monitoring.targets({ asOf: day, knowledge }),
  });
  // A day before the year is refused (it knows nothing of the year): said under the day, as a form says it.
  const asOfErrors = useFormErrors(result.error).of('asOf');
  const goal = targets.data?.find((figure) => figure.key === 'import-dependence')?.target.value;
  // Another window, day or knowledge is another list, read from its first page.
  const go = (changes: Parameters<typeof set>[0]) => {
    setPage(1);
    set(changes);
  };
  // The service refuses a day before the year: a year that begins after the chosen day takes its own default day.
  const chooseYear = (chosen: string) =>
    go({ year: chosen, ...(asOf && chosen && asOf < `${chosen}-01-01` ? { asOf: null } : {}) });
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.imports')}</h1>
          <p className="muted">{t('imports.subtitle')}</p>
        </div>
        <div className="filters">
          <Field label={t('imports.window')}>
            <select value={year ?? ''} onChange={(event) => chooseYear(event.target.value)}>
              <option value="">{t('imports.trailing')}</option>
              {[0, 1, 2, 3].map((back) => (
                <option key={back} value={thisYear - back}>
                  {thisYear - back}
                </option>
              ))}
            </select>
          </Field>
          <AsOfField
            asOf={asOf}
            standing={standing}
            min={year ? `${year}-01-01` : undefined}
            errors={asOfErrors}
            onChange={(chosen) => go({ asOf: chosen })}
          />
          <KnowledgeField
            label={t('targets.knowledge')}
            knowledge={knowledge}
            onChange={(chosen) => go({ knowledge: chosen })}
          />
        </div>
      </div>
      <QueryView query={result}>
        {(data) => {
          const products = [...data.products].sort(
            (a, b) => Number(b.importDependencePercent ?? -1) - Number(a.importDependencePercent ?? -1),
          );
          const coverage = data.customsCoverage;
          return (
            <>
              {data.asOf !== now || knowledge === 'then' ? (
                <PerspectiveLine asOf={data.asOf} knowledge={knowledge} />
              ) : null}
              {coverage && coverage.months > 0 && coverage.months < coverage.of ? (
                <p className="notice notice-warning">
                  {t('imports.partialCustoms', {
                    months: coverage.months,
                    of: coverage.of,
                    missing: coverage.missing.map((month) => periodLabel(month, language)).join(', '),
                  })}{' '}
                  <Link to="/trade">{t('imports.loadCustoms')}</Link>
                </p>
              ) : null}
              <div className="kpis">
                <div className="kpi">
                  <div className="kpi-label">{t('imports.overall')}</div>
                  <div className="kpi-value">
                    {data.overall.importDependencePercent === null ? (
                      <Withheld share={data.overall.importDependenceWithheld} />
                    ) : (
                      `${formatDecimal(data.overall.importDependencePercent, locale)} %`
                    )}
                  </div>
                </div>
                <div className="kpi">
                  <div className="kpi-label">{t('imports.goal')}</div>
                  <div className="kpi-value">{goal ? `${formatDecimal(goal, locale)} %` : '—'}</div>
                </div>
                <div className="kpi">
                  <div className="kpi-label">{t('imports.consumption')}</div>
                  <div className="kpi-value">
                    {formatDecimal(data.overall.apparentConsumptionMetalTonnes, locale)} {t('unit.t')}
                  </div>
                </div>
              </div>
              <section className="card">
                <p className="small muted">
                  {t('imports.windowLine', {
                    from: periodLabel(data.window.from, language),
                    to: periodLabel(data.window.to, language),
                  })}{' '}
                  · {localizeNote(data.formula, t, language, locale)} ·{' '}
                  {localizeNote(data.aggregation, t, language, locale)}
                </p>
                {products.length === 0 ? (
                  <Empty title={t('imports.none')} />
                ) : (
                  <>
                    <DataTable<ProductBalance>
                      rows={products.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
                      rowKey={(product) => product.productCode}
                      columns={[
                        {
                          header: t('reports.product'),
                          cell: (product) => (
                            <>
                              {product.name ?? product.productCode}{' '}
                              <span className="muted small">{product.productCode}</span>
                            </>
                          ),
                        },
                        {
                          header: t('imports.output'),
                          cell: (product) => formatDecimal(product.outputTonnes, locale),
                          numeric: true,
                        },
                        {
                          header: t('imports.imports'),
                          cell: (product) => formatDecimal(product.importsTonnes, locale),
                          numeric: true,
                        },
                        {
                          header: t('imports.exports'),
                          cell: (product) => formatDecimal(product.exportsTonnes, locale),
                          numeric: true,
                        },
                        {
                          header: t('imports.apparent'),
                          cell: (product) => formatDecimal(product.apparentConsumptionTonnes, locale),
                          numeric: true,
                        },
                        {
                          header: t('imports.dependence'),
                          cell: (product) => <Dependence product={product} goal={goal} />,
                        },
                      ]}
                    />
                    <Pagination page={page} pageSize={PAGE_SIZE} total={products.length} onPage={setPage} />
                  </>
                )}
                {data.excludedFromOverall.length ? (
                  <p className="small muted">{t('imports.excluded', { codes: data.excludedFromOverall.join(', ') })}</p>
                ) : null}
                {data.importsUnknown.length ? (
                  <p className="small muted">{t('imports.unknown', { codes: data.importsUnknown.join(', ') })}</p>
                ) : null}
                {data.unattributedHsCodes.length ? (
                  <p className="small muted">
                    {t('imports.unattributed', { codes: data.unattributedHsCodes.join(', ') })}
                  </p>
                ) : null}
              </section>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

/** A product's import dependence, with a bar against the goal where the share is known. */
function Dependence({ product, goal }: { product: ProductBalance; goal: string | undefined }) {
  const { locale } = useI18n();
  const share = product.importDependencePercent === null ? null : Number(product.importDependencePercent);
  return (
    <>
      <div className="nowrap">
        {share === null ? (
          <Withheld share={product.importDependenceWithheld} />
        ) : (
          `${formatDecimal(product.importDependencePercent, locale)} %`
        )}
      </div>
      {share === null ? null : (
        <div className="bar" aria-hidden="true">
          <div
            className="bar-fill"
            style={{
              width: `${Math.min(100, Math.max(0, share))}%`,
              background: goal && share > Number(goal) ? 'var(--danger)' : undefined,
            }}
          />
          {goal ? <div className="bar-mark" style={{ left: `${Number(goal)}%` }} /> : null}
        </div>
      )}
    </>
  );
}
