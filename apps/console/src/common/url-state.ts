import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A list's page and filters live in the address, so Back returns to the same
 * page and a link can be shared. `prefix` keeps two lists on one screen apart.
 */
export function useUrlState<K extends string>(prefix = '') {
  const [params, setParams] = useSearchParams();
  const get = useCallback((key: K) => params.get(prefix + key) ?? '', [params, prefix]);
  const page = Math.max(1, Number(params.get(`${prefix}page`) ?? '1') || 1);

  const set = useCallback(
    (changes: Partial<Record<K | 'page', string | number | null>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          // A filter change starts the list again from its first page.
          if (!('page' in changes)) next.delete(`${prefix}page`);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '' || value === undefined || (key === 'page' && value === 1)) {
              next.delete(prefix + key);
            } else {
              next.set(prefix + key, String(value));
            }
          }
          return next;
        },
        { replace: true },
      );
    },
    [prefix, setParams],
  );

  return { get, set, page, setPage: (value: number) => set({ page: value } as Partial<Record<K | 'page', number>>) };
}
