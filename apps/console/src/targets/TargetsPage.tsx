import { useQuery } from '@tanstack/react-query';
import { monitoring } from '../api/monitoring';
import { AlertsPanel } from '../alerts/AlertsPanel';
import { formatDateTime, today } from '../common/format';
import { Empty, QueryView } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { AsOfField, KnowledgeField, knowledgeOf } from './Perspective';
import { TargetCard } from './TargetCard';

/** Figures move as reports are accepted; the dashboard asks again this often while it is open. */
const REFRESH_MS = 5_000;

/** The programme's targets: progress against the trajectory, forecast, status; as of any day and as known then. */
export function TargetsPage() {
  const { t, locale } = useI18n();
  const { get, set } = useUrlState<'asOf' | 'knowledge'>();
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(get('asOf')) ? get('asOf') : undefined;
  const knowledge = knowledgeOf(get('knowledge'));
  const targets = useQuery({
    queryKey: ['monitoring', 'targets', asOf, knowledge],
    queryFn: () => monitoring.targets({ asOf, knowledge }),
    refetchInterval: asOf ? false : REFRESH_MS,
  });
  const counts = (status: string) => targets.data?.filter((figure) => figure.status === status).length ?? 0;
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.targets')}</h1>
          <p className="muted">{t('targets.subtitle')}</p>
        </div>
        <div className="filters">
          <AsOfField asOf={asOf} standing={today()} onChange={(chosen) => set({ asOf: chosen })} />
          <KnowledgeField
            label={t('targets.knowledge')}
            knowledge={knowledge}
            onChange={(chosen) => set({ knowledge: chosen })}
          />
        </div>
      </div>
      <div className="kpis">
        {(['on_track', 'at_risk', 'off_track'] as const).map((status) => (
          <div key={status} className={`kpi kpi-${status}`}>
            <div className="kpi-label">{t(`targetStatus.${status}`)}</div>
            <div className="kpi-value">{counts(status)}</div>
          </div>
        ))}
        <div className="kpi">
          <div className="kpi-label">{t('targets.updated')}</div>
          <div className="small">
            {targets.dataUpdatedAt ? formatDateTime(new Date(targets.dataUpdatedAt).toISOString(), locale) : '—'}
          </div>
        </div>
      </div>
      <div className="dashboard">
        <div className="dashboard-main">
          <QueryView query={targets}>
            {(figures) =>
              figures.length === 0 ? (
                <Empty title={t('targets.none')} />
              ) : (
                <div className="grid-2">
                  {figures.map((figure) => (
                    <TargetCard key={figure.key} figure={figure} knowledge={knowledge} />
                  ))}
                </div>
              )
            }
          </QueryView>
        </div>
        <aside className="dashboard-side">
          <AlertsPanel />
        </aside>
      </div>
    </div>
  );
}
