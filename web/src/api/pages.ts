// Paged answers (duplicateCandidatePage, dataSourcePage): the first page
// through useQuery, then "more" appends the next page after endCursor.
import { useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { request, useQuery, type QueryState } from './client';

/** Page is what a page field of the API returns. */
export interface Page<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: N[];
}

/** Pages is what a screen shows: the nodes so far, the total, and how to ask for more. */
export interface Pages<N> {
  nodes: N[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  moreError?: Error;
  more: () => void;
}

interface Extra<N> {
  key: string;
  nodes: N[];
  info: Page<N>['pageInfo'] | null;
  loading: boolean;
  error?: Error;
}

/**
 * usePages runs doc (whose variables take $after) for the first page and
 * appends the next page after its end cursor on more(); new variables start
 * again from the first page.
 */
export function usePages<TData, TVars, N>(
  doc: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  pick: (data: TData) => Page<N>,
  skip = false,
): QueryState<Pages<N>> {
  const first = useQuery(doc, variables, skip);
  const key = JSON.stringify(variables);
  const [extra, setExtra] = useState<Extra<N>>({ key, nodes: [], info: null, loading: false });
  if (first.error) return { error: first.error, loading: false };
  if (!first.data) return { loading: first.loading };
  const cur: Extra<N> = extra.key === key ? extra : { key, nodes: [], info: null, loading: false };
  const p0 = pick(first.data);
  const info = cur.info ?? p0.pageInfo;
  const more = () => {
    if (!info.hasNextPage || cur.loading) return;
    setExtra({ ...cur, loading: true, error: undefined });
    request(doc, { ...(JSON.parse(key) as TVars), after: info.endCursor }).then(
      (data) => {
        const p = pick(data);
        setExtra((s) => (s.key !== key ? s : { key, nodes: [...s.nodes, ...p.nodes], info: p.pageInfo, loading: false }));
      },
      (error: Error) => setExtra((s) => (s.key !== key ? s : { ...s, loading: false, error })),
    );
  };
  return {
    loading: false,
    data: {
      nodes: cur.nodes.length ? [...p0.nodes, ...cur.nodes] : p0.nodes,
      total: p0.totalCount,
      hasMore: info.hasNextPage,
      loadingMore: cur.loading,
      moreError: cur.error,
      more,
    },
  };
}
