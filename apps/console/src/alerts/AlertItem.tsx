import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { type Alert, monitoring } from '../api/monitoring';
import { useAuth } from '../auth/AuthProvider';
import { Badge, toneOf } from '../common/Badge';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { formatDateTime } from '../common/format';
import { useI18n } from '../i18n/i18n';
import { AlertSubject, SubjectLink } from './AlertSubject';
import { AlertMessage, AlertTitle } from './AlertTitle';

/** One alert: what, how severe, since when, who acknowledged it and why; acknowledge with a comment. */
export function AlertItem({ alert, isNew }: { alert: Alert; isNew: boolean }) {
  const { t, label, locale } = useI18n();
  const { hasRole } = useAuth();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const acknowledge = useMutation({
    mutationFn: () => monitoring.acknowledge(alert.alertId, comment.trim()),
    onSuccess: async () => {
      setOpen(false);
      await client.invalidateQueries({ queryKey: ['monitoring', 'alerts'] });
    },
  });
  const errors = useFormErrors(acknowledge.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    acknowledge.mutate();
  }

  return (
    <li
      className={`alert-item severity-${alert.severity}${isNew ? ' is-new' : ''}`}
      data-alert={alert.alertId}
      data-state={alert.state}
    >
      <div className="alert-head">
        <h3>
          <Link to={`/alerts/${alert.alertId}`}>
            <AlertTitle alert={alert} />
          </Link>
        </h3>
        <span className="alert-badges">
          <Badge tone={toneOf(alert.severity)}>{label('severity', alert.severity)}</Badge>{' '}
          <Badge tone={toneOf(alert.state)}>{label('alertState', alert.state)}</Badge>
        </span>
      </div>
      <p className="small">
        <AlertMessage alert={alert} />
      </p>
      <p className="small muted">
        {t('alerts.raised', { at: formatDateTime(alert.raisedAt, locale) })} ·{' '}
        <span title={alert.ruleId}>{label('rule', alert.ruleId)}</span> ·{' '}
        <SubjectLink subject={alert.subject}>
          <AlertSubject subject={alert.subject} details={alert.details} />
        </SubjectLink>
        {alert.escalatedAt ? ` · ${t('alerts.escalated', { at: formatDateTime(alert.escalatedAt, locale) })}` : ''}
        {alert.resolvedAt ? ` · ${t('alerts.resolved', { at: formatDateTime(alert.resolvedAt, locale) })}` : ''}
        {alert.silenced ? ` · ${t('alerts.silenced')}` : ''}
      </p>
      {alert.acknowledgedBy ? (
        <p className="small">
          {t('alerts.acknowledgedBy', {
            name: alert.acknowledgedBy.name ?? alert.acknowledgedBy.userId,
            at: formatDateTime(alert.acknowledgedAt, locale),
          })}
          {alert.acknowledgementComment ? `: ${alert.acknowledgementComment}` : ''}
        </p>
      ) : null}
      {alert.state !== 'resolved' && hasRole('ministry_analyst', 'admin') && !open ? (
        <Link
          className="button button-small alert-silence"
          to={`/silences?${new URLSearchParams({ rule: alert.ruleId, subject: alert.subject }).toString()}`}
        >
          {t('alerts.silence')}
        </Link>
      ) : null}
      {alert.state === 'open' && hasRole('ministry_analyst', 'admin') ? (
        open ? (
          <form onSubmit={submit} noValidate>
            <Field label={t('alerts.comment')} errors={errors.of('comment')}>
              <textarea name="comment" value={comment} onChange={(event) => setComment(event.target.value)} autoFocus />
            </Field>
            <FormErrors messages={errors.rest()} />
            <div className="form-actions">
              <button
                type="submit"
                className="button button-primary"
                disabled={acknowledge.isPending || !comment.trim()}
              >
                {t('alerts.acknowledge')}
              </button>
              <button type="button" className="button" onClick={() => setOpen(false)}>
                {t('action.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button button-small" onClick={() => setOpen(true)}>
            {t('alerts.acknowledge')}
          </button>
        )
      ) : null}
    </li>
  );
}
