import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { OutputDimension } from '@redmet/contracts/vocabulary';
import { monitoring, type OutputRow } from '../api/monitoring';
import { Field } from '../common/Field';
import { today } from '../common/format';
import { QueryView } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { ProductName } from '../registry/lookups';
import { periodLabel } from '../reports/periods';
import { OutputTable } from './OutputTable';
import { AsOfField, KnowledgeField, knowledgeOf, PerspectiveLine } from './Perspective';
import { asOfDayOf } from './subsidy-figures';

type Filter = 'region' | 'companyId' | 'productCode';
type Start = 'region' | 'company' | 'product';

/** Each start's drill order: the next level groups by the first dimension not yet fixed. */
const PATHS: Record<Start, { dimension: OutputDimension; filter: Filter }[]> = {
  region: [
    { dimension: 'region', filter: 'region' },
    { dimension: 'company', filter: 'companyId' },
    { dimension: 'product', filter: 'productCode' },
  ],
  company: [
    { dimension: 'company', filter: 'companyId' },
    { dimension: 'product', filter: 'productCode' },
  ],
  product: [
    { dimension: 'product', filter: 'productCode' },
    { dimension: 'region', filter: 'region' },
    { dimension: 'company', filter: 'companyId' },
  ],
};

/** The month `offset` months from this one, on the services' calendar. */
const month = (offset: number) => {
  const [year, thisMonth] = today().split('-').map(Number);
  return new Date(Date.UTC(year, thisMonth - 1 + offset, 1)).toISOString().slice(0, 7);
};

const valueOf = (row: OutputRow, filter: Filter) =>
  (filter === 'region' ? row.region : filter === 'companyId' ? row.companyId : row.productCode) ?? '';

/**
 * Output by region, company and product, each row opening the next level; the last level is by quarter. As of any
 * day and as known then.
 */
export function OutputPage() {
  const { t, language } = useI18n();
  const { get, set } = useUrlState<'start' | 'from' | 'to' | Filter | 'companyName' | 'asOf' | 'knowledge'>();
  const [page, setPage] = useState(1);
  const now = today();
  const knowledge = knowledgeOf(get('knowledge'));
  const asOf = knowledge === 'then' ? asOfDayOf(get('asOf'), now) : undefined;
  const start: Start = get('start') === 'company' || get('start') === 'product' ? (get('start') as Start) : 'region';
  const from = /^\d{4}-\d{2}$/.test(get('from')) ? get('from') : month(-12);
  const to = /^\d{4}-\d{2}$/.test(get('to')) ? get('to') : month(-1);
  const path = PATHS[start];
  const filters = Object.fromEntries(
    path.filter(({ filter }) => get(filter)).map(({ filter }) => [filter, get(filter)]),
  ) as Partial<Record<Filter, string>>;
  const level = path.find(({ filter }) => !filters[filter]) ?? null;
  const groupBy: OutputDimension[] = level ? [level.dimension] : ['period'];
  const output = useQuery({
    queryKey: ['monitoring', 'output', { groupBy, from, to, filters, asOf, knowledge }],
    queryFn: () => monitoring.output({ groupBy, from, to, periodKind: 'quarter', ...filters, asOf, knowledge }),
    placeholderData: keepPreviousData,
  });

  // Every change of level, range, day or knowledge starts the list again from its first page.
  const go = (changes: Parameters<typeof set>[0]) => {
    setPage(1);
    set(changes);
  };
  const crumbs = path.filter(({ filter }) => filters[filter]);
  const drill = (row: OutputRow) => {
    if (!level) return;
    go({
      [level.filter]: valueOf(row, level.filter),
      ...(level.filter === 'companyId' ? { companyName: row.companyName ?? '' } : {}),
    });
  };
  const nameOf = (row: OutputRow) =>
    groupBy[0] === 'product' && row.productCode ? (
      <ProductName code={row.productCode} />
    ) : groupBy[0] === 'company' ? (
      (row.companyName ?? row.companyId)
    ) : groupBy[0] === 'region' ? (
      row.region
    ) : (
      row.period && periodLabel(row.period, language)
    );

  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.output')}</h1>
          <p className="muted">{t('output.subtitle')}</p>
        </div>
        <div className="filters">
          <Field label={t('output.start')}>
            <select
              value={start}
              onChange={(event) =>
                go({ start: event.target.value, region: null, companyId: null, productCode: null, companyName: null })
              }
            >
              {(['region', 'company', 'product'] as const).map((option) => (
                <option key={option} value={option}>
                  {t(`output.by.${option}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('output.from')}>
            <input type="month" value={from} max={to} onChange={(event) => go({ from: event.target.value })} />
          </Field>
          <Field label={t('output.to')}>
            <input type="month" value={to} min={from} onChange={(event) => go({ to: event.target.value })} />
          </Field>
          <KnowledgeField
            label={t('targets.knowledge')}
            knowledge={knowledge}
            // As known now, output is the same whatever the day: the day is asked for only as known then.
            onChange={(chosen) => go({ knowledge: chosen, ...(chosen ? {} : { asOf: null }) })}
          />
          {knowledge === 'then' ? (
            <AsOfField asOf={asOf} standing={now} onChange={(chosen) => go({ asOf: chosen })} />
          ) : null}
        </div>
      </div>
      <section className="card">
        <nav className="breadcrumb" aria-label={t('output.path')}>
          <button
            type="button"
            className="link-button"
            onClick={() => go({ region: null, companyId: null, productCode: null, companyName: null })}
          >
            {t(`output.by.${start}`)}
          </button>
          {crumbs.map(({ filter }, index) => (
            <span key={filter}>
              {' › '}
              <button
                type="button"
                className="link-button"
                onClick={() => go(Object.fromEntries(crumbs.slice(index + 1).map((crumb) => [crumb.filter, null])))}
              >
                {filter === 'productCode' ? (
                  <ProductName code={filters[filter] as string} />
                ) : filter === 'companyId' ? (
                  get('companyName') || filters[filter]
                ) : (
                  filters[filter]
                )}
              </button>
            </span>
          ))}
        </nav>
        <QueryView query={output}>
          {(data) => (
            <>
              {data.knowledge === 'then' ? <PerspectiveLine asOf={data.asOf} knowledge={data.knowledge} /> : null}
              <OutputTable
                data={data}
                dimension={groupBy[0]}
                page={page}
                onPage={setPage}
                onDrill={level ? drill : undefined}
                nameOf={nameOf}
              />
            </>
          )}
        </QueryView>
      </section>
    </div>
  );
}
