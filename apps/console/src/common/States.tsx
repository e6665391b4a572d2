import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, NETWORK_ERROR } from '../api/problem';
import { type Translate, useI18n } from '../i18n/i18n';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children ? <div className="state-body">{children}</div> : null}
    </div>
  );
}

/** What kind of failure it was, in the user's language, whatever the service said. */
export function failureTitle(problem: ApiError | null, t: Translate): string {
  if (problem?.code === NETWORK_ERROR) return t('error.network');
  if (problem?.status === 403) return t('error.forbidden');
  if (problem?.status === 404) return t('error.notFound');
  if (problem && problem.status >= 500) return t('error.server');
  return t('error.generic');
}

/** What went wrong in words, the problem's code and correlation id for support, and a retry where one can help. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, label } = useI18n();
  const problem = error instanceof ApiError ? error : null;
  const title = failureTitle(problem, t);
  // The service's own words (English) only for a code the console has none for.
  const translated = problem ? label('problem', problem.code) : null;
  const body = translated && translated !== problem?.code ? translated : problem?.message;
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      {body && body !== title ? <p className="state-body">{body}</p> : null}
      {problem ? (
        <p className="muted small">
          {problem.code}
          {problem.correlationId ? ` · ${t('error.correlation')} ${problem.correlationId}` : ''}
        </p>
      ) : null}
      {onRetry && (!problem || problem.status === 0 || problem.status >= 500) ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('action.retry')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * The look-ups a form offers its choices from (sites, products) that failed: said, each with a retry, instead
 * of choices left empty with no word why.
 */
export function FailedLookups({ lookups }: { lookups: UseQueryResult<unknown>[] }) {
  return (
    <>
      {lookups
        .filter((lookup) => lookup.isError)
        .map((lookup, index) => (
          <ErrorState key={index} error={lookup.error} onRetry={() => void lookup.refetch()} />
        ))}
    </>
  );
}

/** Renders a query's loading and error states, or its data through `children`. */
export function QueryView<T>({
  query,
  children,
  loadingLabel,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
