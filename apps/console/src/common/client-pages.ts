import { useState } from 'react';

/**
 * A page at a time of a list a service returns whole. The page is clamped, so
 * removing the last item of the last page shows the page before it.
 */
export function useClientPages<T>(items: readonly T[], pageSize = 10) {
  const [wanted, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(wanted, pages);
  return {
    page,
    pageSize,
    total: items.length,
    shown: items.slice((page - 1) * pageSize, page * pageSize),
    setPage,
  };
}
