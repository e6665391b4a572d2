import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type EmailSubscription, monitoring } from '../api/monitoring';
import { useAuth } from '../auth/AuthProvider';
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

const KEY = ['monitoring', 'subscriptions', 'email'];

/** The user's own e-mail subscriptions (an administrator sees everyone's): subscribe and unsubscribe. */
export function EmailSubscriptions() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [filter, setFilter] = useState(ANY_RULE);
  const list = useQuery({ queryKey: KEY, queryFn: monitoring.emailSubscriptions });
  const subscribe = useMutation({
    mutationFn: () =>
      monitoring.subscribeEmail({
        email: email.trim(),
        minSeverity: filter.minSeverity,
        ruleIds: filter.ruleIds.length ? filter.ruleIds : undefined,
      }),
    onSuccess: async () => {
      setEmail('');
      setFilter(ANY_RULE);
      await client.invalidateQueries({ queryKey: KEY });
    },
  });
  const errors = useFormErrors(subscribe.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    subscribe.mutate();
  }

  return (
    <section className="card" aria-labelledby="subscriptions-email">
      <h2 id="subscriptions-email">{t('subscriptions.email')}</h2>
      <p className="muted small">{t('subscriptions.emailHint')}</p>
      <QueryView query={list}>
        {(items) => (items.length === 0 ? <Empty title={t('subscriptions.noEmail')} /> : <EmailTable items={items} />)}
      </QueryView>
      <form onSubmit={submit} noValidate className="subform" aria-labelledby="subscriptions-email-new">
        <h3 id="subscriptions-email-new">{t('subscriptions.newEmail')}</h3>
        <div className="form-grid">
          <Field label={t('subscriptions.emailAddress')} errors={errors.of('email')}>
            <input
              name="email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </Field>
          <SeverityField value={filter} onChange={setFilter} errors={errors} />
        </div>
        <RuleChoice value={filter} onChange={setFilter} errors={errors} />
        <FormErrors messages={errors.rest()} />
        {subscribe.data ? (
          <p className="notice notice-success" role="status">
            {t('subscriptions.subscribed', { email: subscribe.data.email })}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={subscribe.isPending}>
            {subscribe.isPending ? t('state.sending') : t('subscriptions.subscribe')}
          </button>
        </div>
      </form>
    </section>
  );
}

function EmailTable({ items }: { items: EmailSubscription[] }) {
  const { t, locale } = useI18n();
  const { user, hasRole } = useAuth();
  const client = useQueryClient();
  const pages = useClientPages(items);
  const unsubscribe = useMutation({
    mutationFn: (id: string) => monitoring.unsubscribeEmail(id),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const errors = useFormErrors(unsubscribe.error);
  // An administrator sees everyone's subscriptions: whose each one is matters then.
  const everyone = hasRole('admin') && items.some((item) => item.userId !== user?.userId);
  return (
    <>
      <DataTable<EmailSubscription>
        rows={pages.shown}
        rowKey={(item) => item.id}
        label={t('subscriptions.email')}
        columns={[
          {
            header: t('subscriptions.emailAddress'),
            cell: (item) => (
              <>
                <span className="mono">{item.email}</span>
                {item.paused ? (
                  <>
                    {' '}
                    <Badge tone="warning">{t('subscriptions.paused')}</Badge>
                    <span className="muted small"> {t('subscriptions.pausedWhy')}</span>
                  </>
                ) : null}
              </>
            ),
          },
          ...(everyone
            ? [
                {
                  header: t('subscriptions.owner'),
                  cell: (item: EmailSubscription) =>
                    item.userId === user?.userId ? (
                      t('subscriptions.you')
                    ) : (
                      <span className="mono small">{item.userId.slice(0, 8)}…</span>
                    ),
                },
              ]
            : []),
          { header: t('subscriptions.rules'), cell: (item) => <FilterSummary {...item} /> },
          { header: t('subscriptions.since'), cell: (item) => formatDateTime(item.createdAt, locale) },
          {
            header: <span className="visually-hidden">{t('subscriptions.unsubscribe')}</span>,
            cell: (item) => (
              <ConfirmButton
                label={t('subscriptions.unsubscribe')}
                ariaLabel={`${t('subscriptions.unsubscribe')}: ${item.email}`}
                disabled={unsubscribe.isPending}
                onConfirm={() => unsubscribe.mutate(item.id)}
              />
            ),
          },
        ]}
      />
      <Pagination page={pages.page} pageSize={pages.pageSize} total={pages.total} onPage={pages.setPage} />
      <FormErrors messages={errors.rest()} />
    </>
  );
}
