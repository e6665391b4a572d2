import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ALERT_RULE_IDS } from '@redmet/contracts/vocabulary';
import { monitoring, SEVERITIES } from '../api/monitoring';
import { PAGE_SIZE } from '../api/page';
import { Field } from '../common/Field';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { RuleOptions } from './RuleOptions';
import { AlertItem } from './AlertItem';
import { SubjectByLatestAlert } from './AlertSubject';
import { StreamStatus } from './StreamStatus';
import { useAlertStream } from './use-alert-stream';
import { FilterSelect } from '../common/FilterSelect';
import { oneOf } from '../common/one-of';

const STATES = ['unresolved', 'open', 'acknowledged', 'resolved'] as const;

/** Live alerts for ministry staff: new ones appear as they are raised; acknowledge with a comment. */
export function AlertsPage() {
  const { t, label } = useI18n();
  const { status, arrived, lastTitle } = useAlertStream();
  const { get, set, page, setPage } = useUrlState<'state' | 'severity' | 'rule' | 'subject'>();
  const state = get('state') === 'all' ? undefined : (oneOf(STATES, get('state')) ?? 'unresolved');
  const severity = oneOf(SEVERITIES, get('severity'));
  const ruleId = oneOf(ALERT_RULE_IDS, get('rule'));
  // A subject as alerts name it (`deposit:<id>`): where an alert's subject links to, and what a silence names.
  const subject = get('subject') || undefined;
  const alerts = useQuery({
    queryKey: ['monitoring', 'alerts', { state, severity, ruleId, subject, page }],
    queryFn: () => monitoring.alerts({ state, severity, ruleId, subject, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.alerts')}</h1>
          <p className="muted">{t('alerts.subtitle')}</p>
        </div>
        <StreamStatus status={status} lastTitle={lastTitle} />
      </div>
      <section className="card">
        <div className="filters">
          <Field label={t('common.status')}>
            <select
              value={state ?? 'all'}
              onChange={(event) => set({ state: event.target.value === 'unresolved' ? null : event.target.value })}
            >
              {STATES.map((value) => (
                <option key={value} value={value}>
                  {t(`alerts.state.${value}`)}
                </option>
              ))}
              <option value="all">{t('common.all')}</option>
            </select>
          </Field>
          <FilterSelect
            label={t('alerts.severity')}
            value={severity}
            values={SEVERITIES}
            optionLabel={(value) => label('severity', value)}
            onChange={(value) => set({ severity: value })}
          />
          <Field label={t('silences.rule')}>
            <select value={ruleId ?? ''} onChange={(event) => set({ rule: event.target.value })}>
              <RuleOptions empty={t('common.all')} />
            </select>
          </Field>
          {subject ? (
            <p className="small filter-chip">
              {t('silences.subject')}: <SubjectByLatestAlert subject={subject} />{' '}
              <button type="button" className="link-button" onClick={() => set({ subject: null })}>
                {t('action.clear')}
              </button>
            </p>
          ) : null}
        </div>
        <PagedQueryView query={alerts} page={page} onPage={setPage} empty={<Empty title={t('alerts.none')} />}>
          {(items) => (
            <ul className="plain-list" aria-label={t('nav.alerts')}>
              {items.map((alert) => (
                <AlertItem key={alert.alertId} alert={alert} isNew={arrived.has(alert.alertId)} />
              ))}
            </ul>
          )}
        </PagedQueryView>
      </section>
    </div>
  );
}
