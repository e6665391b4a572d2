import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** Shown while the next page loads, so the controls do not jump. */
  busy?: boolean;
}

export function Pagination({ page, pageSize, total, onPage, busy }: Props) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // A list that shrank below its page (claims taken by other officers, an address kept from before) shows its last.
  useEffect(() => {
    if (total > 0 && page > pages) onPage(pages);
  }, [page, pages, total, onPage]);
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <span className="muted" aria-live="polite">
        {t('pagination.range', { first, last, total })}
      </span>
      <span className="pagination-buttons">
        <button
          type="button"
          className="button button-small"
          disabled={page <= 1 || busy}
          onClick={() => onPage(page - 1)}
        >
          {t('pagination.previous')}
        </button>
        <span className="muted">{t('pagination.page', { page, pages })}</span>
        <button
          type="button"
          className="button button-small"
          disabled={page >= pages || busy}
          onClick={() => onPage(page + 1)}
        >
          {t('pagination.next')}
        </button>
      </span>
    </nav>
  );
}
