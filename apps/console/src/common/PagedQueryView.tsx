import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { type Page, PAGE_SIZE } from '../api/page';
import { Pagination } from './Pagination';
import { QueryView } from './States';

interface Props<T> {
  /** A query for one page of the list, kept on screen while the next loads (`keepPreviousData`). */
  query: UseQueryResult<Page<T>>;
  page: number;
  onPage: (page: number) => void;
  /** Shown instead of the list when it has no items at all. */
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
  pageSize?: number;
}

/** A list the service pages: its loading and error states, `empty` when there is nothing, else the page and its controls. */
export function PagedQueryView<T>({ query, page, onPage, empty, children, pageSize = PAGE_SIZE }: Props<T>) {
  return (
    <QueryView query={query}>
      {(data) =>
        data.total === 0 ? (
          empty
        ) : (
          <>
            {children(data.items)}
            <Pagination page={page} pageSize={pageSize} total={data.total} onPage={onPage} busy={query.isFetching} />
          </>
        )
      }
    </QueryView>
  );
}
