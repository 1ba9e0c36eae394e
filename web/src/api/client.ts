// The only way the explorer talks to Karta: typed operations of
// frontend-schema (generated/graphql.ts) posted to /graphql on the same origin.
import { useEffect, useState } from 'react';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const printed = new WeakMap<object, string>();

/** request runs one operation and returns its data, or throws an ApiError. */
export async function request<TData, TVars>(
  doc: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  signal?: AbortSignal,
): Promise<TData> {
  let query = printed.get(doc);
  if (!query) {
    query = print(doc);
    printed.set(doc, query);
  }
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  let body: { data?: TData; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`HTTP ${res.status}`);
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new ApiError(body.errors.map((x) => x.message).join('; '), e.extensions?.code);
  }
  if (!res.ok || !body.data) throw new ApiError(`HTTP ${res.status}`);
  return body.data;
}

export interface QueryState<T> {
  data?: T;
  error?: Error;
  loading: boolean;
}

/** useQuery runs doc whenever the variables change (compared as JSON); skip leaves it idle. */
export function useQuery<TData, TVars>(
  doc: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  skip = false,
): QueryState<TData> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<QueryState<TData>>({ loading: !skip });
  useEffect(() => {
    if (skip) {
      setState({ loading: false });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    request(doc, JSON.parse(key) as TVars, ctl.signal).then(
      (data) => setState({ data, loading: false }),
      (error: Error) => {
        if (!ctl.signal.aborted) setState({ error, loading: false });
      },
    );
    return () => ctl.abort();
  }, [doc, key, skip]);
  return state;
}

/** useText fetches a text resource of the same origin (the source maps). */
export function useText(url: string): QueryState<string> {
  const [state, setState] = useState<QueryState<string>>({ loading: true });
  useEffect(() => {
    const ctl = new AbortController();
    setState({ loading: true });
    fetch(url, { signal: ctl.signal })
      .then(async (res) => {
        if (!res.ok) throw new ApiError(`HTTP ${res.status}: ${(await res.text()).trim()}`);
        return res.text();
      })
      .then(
        (data) => setState({ data, loading: false }),
        (error: Error) => {
          if (!ctl.signal.aborted) setState({ error, loading: false });
        },
      );
    return () => ctl.abort();
  }, [url]);
  return state;
}
