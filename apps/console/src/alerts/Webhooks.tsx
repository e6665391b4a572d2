import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { monitoring, type RegisteredWebhook, type Webhook } from '../api/monitoring';
import { Badge } from '../common/Badge';
import { useClientPages } from '../common/client-pages';
import { ConfirmButton } from '../common/ConfirmButton';
import { DataTable } from '../common/DataTable';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { formatDateTime } from '../common/format';
import { Pagination } from '../common/Pagination';
import { Empty, QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { ANY_RULE, FilterSummary, RuleChoice, SeverityField } from './SubscriptionFilter';

const KEY = ['monitoring', 'subscriptions', 'webhooks'];

/** Other systems' webhooks (administrators): register one (its secret is shown once), list, deactivate. */
export function Webhooks() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [filter, setFilter] = useState(ANY_RULE);
  const list = useQuery({ queryKey: KEY, queryFn: monitoring.webhooks });
  const register = useMutation({
    mutationFn: () =>
      monitoring.registerWebhook({
        url: url.trim(),
        description: description.trim(),
        minSeverity: filter.minSeverity,
        ruleIds: filter.ruleIds.length ? filter.ruleIds : undefined,
      }),
    onSuccess: async () => {
      setUrl('');
      setDescription('');
      setFilter(ANY_RULE);
      await client.invalidateQueries({ queryKey: KEY });
    },
  });
  const errors = useFormErrors(register.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    register.mutate();
  }

  return (
    <section className="card" aria-labelledby="subscriptions-webhooks">
      <h2 id="subscriptions-webhooks">{t('subscriptions.webhooks')}</h2>
      <p className="muted small">{t('subscriptions.webhooksHint')}</p>
      {register.data ? <Secret webhook={register.data} onHide={() => register.reset()} /> : null}
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? <Empty title={t('subscriptions.noWebhooks')} /> : <WebhookTable items={items} />
        }
      </QueryView>
      <form onSubmit={submit} noValidate className="subform" aria-labelledby="subscriptions-webhook-new">
        <h3 id="subscriptions-webhook-new">{t('subscriptions.newWebhook')}</h3>
        <div className="form-grid">
          <Field label={t('subscriptions.url')} errors={errors.of('url')}>
            <input name="url" type="url" value={url} onChange={(event) => setUrl(event.target.value)} />
          </Field>
          <Field label={t('subscriptions.description')} errors={errors.of('description')}>
            <input name="description" value={description} onChange={(event) => setDescription(event.target.value)} />
          </Field>
          <SeverityField value={filter} onChange={setFilter} errors={errors} />
        </div>
        <RuleChoice value={filter} onChange={setFilter} errors={errors} />
        <FormErrors messages={errors.rest()} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={register.isPending}>
            {register.isPending ? t('state.sending') : t('subscriptions.register')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The signing secret, which the service gives only in the answer to the registration. */
function Secret({ webhook, onHide }: { webhook: RegisteredWebhook; onHide: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-warning" role="status" data-secret>
      <h3>{t('subscriptions.secretTitle')}</h3>
      <p>
        <code className="mono secret">{webhook.secret}</code>
      </p>
      <p className="small">
        {webhook.url} · {t('subscriptions.secretOnce')}
      </p>
      <button type="button" className="button button-small" onClick={onHide}>
        {t('action.hide')}
      </button>
    </div>
  );
}

function WebhookTable({ items }: { items: Webhook[] }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  // Active ones first: deactivated webhooks stay listed (their deliveries are in the alerts' history).
  const pages = useClientPages([...items].sort((a, b) => Number(b.active) - Number(a.active)));
  const deactivate = useMutation({
    mutationFn: (id: string) => monitoring.deactivateWebhook(id),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const errors = useFormErrors(deactivate.error);
  return (
    <>
      <DataTable<Webhook>
        rows={pages.shown}
        rowKey={(item) => item.id}
        label={t('subscriptions.webhooks')}
        rowClass={(item) => (item.active ? undefined : 'is-muted')}
        columns={[
          {
            header: t('subscriptions.url'),
            cell: (item) => (
              <>
                <span className="mono">{item.url}</span>
                <div className="small muted">{item.description}</div>
              </>
            ),
          },
          { header: t('subscriptions.rules'), cell: (item) => <FilterSummary {...item} /> },
          { header: t('subscriptions.since'), cell: (item) => formatDateTime(item.createdAt, locale) },
          {
            header: t('common.status'),
            cell: (item) => (
              <Badge tone={item.active ? 'success' : 'neutral'}>
                {t(`subscriptions.webhookState.${item.active ? 'active' : 'inactive'}`)}
              </Badge>
            ),
          },
          {
            header: <span className="visually-hidden">{t('subscriptions.deactivate')}</span>,
            cell: (item) =>
              item.active ? (
                <ConfirmButton
                  label={t('subscriptions.deactivate')}
                  ariaLabel={`${t('subscriptions.deactivate')}: ${item.url}`}
                  disabled={deactivate.isPending}
                  onConfirm={() => deactivate.mutate(item.id)}
                />
              ) : null,
          },
        ]}
      />
      <Pagination page={pages.page} pageSize={pages.pageSize} total={pages.total} onPage={pages.setPage} />
      <FormErrors messages={errors.rest()} />
    </>
  );
}
