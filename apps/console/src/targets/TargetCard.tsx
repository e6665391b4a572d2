import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type Knowledge, monitoring, type TargetFigure } from '../api/monitoring';
import { Badge, toneOf } from '../common/Badge';
import { QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { localizeNote } from '../i18n/method-notes';
import { periodLabel } from '../reports/periods';
import { Chart } from './Chart';
import { formatFigure } from './figures';
import { historyRange, SERIES_STYLE, targetOptions, targetSeries } from './target-series';

/** One national target: where it is, where it should be today, where it is heading, as figures and a chart. */
export function TargetCard({ figure, knowledge }: { figure: TargetFigure; knowledge: Knowledge }) {
  const { t, label, locale, language } = useI18n();
  const range = historyRange(figure);
  const history = useQuery({
    queryKey: ['monitoring', 'history', figure.key, range, knowledge],
    queryFn: () => monitoring.history(figure.key, { ...range, knowledge }),
    // The history is costly to compute and changes slowly; the live figure is drawn onto its last point instead.
    staleTime: 5 * 60_000,
  });
  const name = label('target.name', figure.key) === figure.key ? figure.name : label('target.name', figure.key);
  const axisLabel = figure.unit === 'kopecks/yr' ? t('targets.billionRoubles') : label('unit', figure.unit);
  const options = useMemo(() => targetOptions(axisLabel, locale), [axisLabel, locale]);
  const data = useMemo(
    () => (history.data ? targetSeries(figure, history.data) : null),
    // The series depend only on these parts of the figure; a refetch with the same figures keeps the chart as it is.
    [history.data, figure.current, figure.target.year, figure.target.value, figure.forecast.value],
  );
  const show = (value: string | null) => formatFigure(value, figure.unit, locale, label);
  return (
    <section className="card target-card" aria-labelledby={`target-${figure.key}`} data-target={figure.key}>
      <div className="card-head">
        <h2 id={`target-${figure.key}`}>{name}</h2>
        <Badge tone={toneOf(figure.status)}>{label('targetStatus', figure.status)}</Badge>
      </div>
      <dl className="facts">
        <div>
          <dt>{t('targets.current')}</dt>
          <dd className="target-current">{show(figure.current)}</dd>
        </div>
        <div>
          <dt>{t('targets.trajectoryToday')}</dt>
          <dd>{show(figure.trajectory)}</dd>
        </div>
        <div>
          <dt>{t('targets.targetIn', { year: figure.target.year })}</dt>
          <dd>{show(figure.target.value)}</dd>
        </div>
        <div>
          <dt>{t('targets.forecastIn', { year: figure.forecast.year })}</dt>
          <dd>{show(figure.forecast.value)}</dd>
        </div>
      </dl>
      <QueryView query={history}>
        {() => (data ? <Chart label={t('targets.chartLabel', { name })} options={options} data={data} /> : null)}
      </QueryView>
      <div className="legend">
        {(Object.keys(SERIES_STYLE) as (keyof typeof SERIES_STYLE)[]).map((series) => (
          <span key={series}>
            <svg width="22" height="10" aria-hidden="true">
              <line
                x1="1"
                y1="5"
                x2="21"
                y2="5"
                stroke={SERIES_STYLE[series].stroke}
                strokeWidth="2.5"
                strokeDasharray={SERIES_STYLE[series].dash?.join(' ')}
              />
            </svg>{' '}
            {t(`targets.${series}`)}
          </span>
        ))}
      </div>
      <p className="small muted">
        {t('targets.window', {
          from: periodLabel(figure.window.from, language),
          to: periodLabel(figure.window.to, language),
        })}{' '}
        · {t('targets.baseline', { year: figure.baseline.year, value: show(figure.baseline.value) })}
      </p>
      <details className="small muted">
        <summary>{t('targets.method')}</summary>
        <ul>
          {figure.notes.map((note) => (
            <li key={note.code}>{localizeNote(note, t, language, locale)}</li>
          ))}
          <li>{localizeNote(figure.forecast.method, t, language, locale)}</li>
          <li>
            {t('targets.source')}: {figure.configuration.source}
          </li>
        </ul>
      </details>
    </section>
  );
}
