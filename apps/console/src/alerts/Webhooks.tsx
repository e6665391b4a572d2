import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { monitoring, type Webhook } from '../api/monitoring';
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

/** A signing secret as the service gives it, only in the answer to the registration or rotation that made it. */
interface NewSecret {
  /** Null when the answer was lost and a retry got it again, which the service keeps without the secret. */
  secret: string | null;
  url: string;
  /** A rotation's: until when the previous secrets still sign beside the new one (null: they stopped at once). */
  rotation?: { previousSecretsUntil: string | null };
}

/**
 * Other systems' webhooks (administrators): register one, list, rotate a
 * secret, deactivate. A new secret is shown once.
 */
export function Webhooks() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [filter, setFilter] = useState(ANY_RULE);
  // One notice, of the newest secret: the registration's or a rotation's.
  const [newSecret, setNewSecret] = useState<NewSecret | null>(null);
  const list = useQuery({ queryKey: KEY, queryFn: monitoring.webhooks });
  const register = useMutation({
    mutationFn: () =>
      monitoring.registerWebhook({
        url: url.trim(),
        description: description.trim(),
        minSeverity: filter.minSeverity,
        ruleIds: filter.ruleIds.length ? filter.ruleIds : undefined,
      }),
    onSuccess: async (webhook) => {
      setNewSecret({ secret: webhook.secret, url: webhook.url });
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
      {newSecret ? <Secret shown={newSecret} onHide={() => setNewSecret(null)} /> : null}
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty title={t('subscriptions.noWebhooks')} />
          ) : (
            <WebhookTable items={items} onRotated={setNewSecret} />
          )
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

/** The new secret, this once: the service keeps it sealed and never gives it again. */
function Secret({ shown, onHide }: { shown: NewSecret; onHide: () => void }) {
  const { t, locale } = useI18n();
  const { rotation } = shown;
  return (
    <div className="notice notice-warning" role="status" data-secret>
      <h3>{t(rotation ? 'subscriptions.rotatedTitle' : 'subscriptions.secretTitle')}</h3>
      {shown.secret ? (
        <>
          <p>
            <code className="mono secret">{shown.secret}</code>
          </p>
          <p className="small">
            {shown.url} · {t('subscriptions.secretOnce')}
          </p>
        </>
      ) : (
        <p className="small">
          {shown.url} · {t('subscriptions.secretLost')}
        </p>
      )}
      {rotation ? (
        <p className="small">
          {rotation.previousSecretsUntil
            ? t('subscriptions.previousSignsUntil', { at: formatDateTime(rotation.previousSecretsUntil, locale) })
            : t('subscriptions.previousStopped')}
        </p>
      ) : null}
      <button type="button" className="button button-small" onClick={onHide}>
        {t('action.hide')}
      </button>
    </div>
  );
}

function WebhookTable({ items, onRotated }: { items: Webhook[]; onRotated: (secret: NewSecret) => void }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  // Active ones first: deactivated webhooks stay listed (their deliveries are in the alerts' history).
  const pages = useClientPages([...items].sort((a, b) => Number(b.active) - Number(a.active)));
  const rotate = useMutation({
    // Without keepPreviousHours the service keeps the previous secret signing for its overlap, 24 hours by default.
    mutationFn: ({ webhook, leaked }: { webhook: Webhook; leaked: boolean }) =>
      monitoring.rotateWebhookSecret(webhook.id, leaked ? { keepPreviousHours: 0 } : {}),
    onSuccess: ({ secret, previousSecretsUntil }, { webhook }) =>
      onRotated({ secret, url: webhook.url, rotation: { previousSecretsUntil } }),
    // A failure too: the webhook may have been deactivated or removed meanwhile, which the list then shows.
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const deactivate = useMutation({
    mutationFn: (id: string) => monitoring.deactivateWebhook(id),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const rotateErrors = useFormErrors(rotate.error);
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
              <>
                <Badge tone={item.active ? 'success' : 'neutral'}>
                  {t(`subscriptions.webhookState.${item.active ? 'active' : 'inactive'}`)}
                </Badge>
                {item.deactivatedAt ? (
                  <div className="small muted">
                    {t('subscriptions.deactivatedBy', {
                      at: formatDateTime(item.deactivatedAt, locale),
                      by: item.deactivatedBy ?? '—',
                    })}
                  </div>
                ) : null}
              </>
            ),
          },
          {
            header: t('subscriptions.signingSecret'),
            // A deactivated webhook is sent nothing, so nothing is signed for it.
            cell: (item) =>
              item.active ? (
                <>
                  <div className="small">
                    {t('subscriptions.secretMade', {
                      at: formatDateTime(item.secretCreatedAt, locale),
                      by: item.secretCreatedBy ?? '—',
                    })}
                  </div>
                  {item.previousSecretsUntil ? (
                    <div className="small muted">
                      {t('subscriptions.previousUntil', { at: formatDateTime(item.previousSecretsUntil, locale) })}
                    </div>
                  ) : null}
                  <div className="page-actions">
                    <ConfirmButton
                      label={t('subscriptions.rotate')}
                      ariaLabel={t('subscriptions.rotateOf', { url: item.url })}
                      disabled={rotate.isPending}
                      onConfirm={() => rotate.mutate({ webhook: item, leaked: false })}
                    />
                    <ConfirmButton
                      label={t('subscriptions.revoke')}
                      ariaLabel={t('subscriptions.revokeOf', { url: item.url })}
                      disabled={rotate.isPending}
                      onConfirm={() => rotate.mutate({ webhook: item, leaked: true })}
                    />
                  </div>
                </>
              ) : null,
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
      {items.some((item) => item.active) ? <p className="muted small">{t('subscriptions.rotateHint')}</p> : null}
      <FormErrors messages={rotateErrors.rest()} />
      <FormErrors messages={errors.rest()} />
    </>
  );
}
