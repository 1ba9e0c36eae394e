import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DuplicateCandidatesDocument } from '../../../frontend-schema/generated/graphql';
import { usePages } from '../api/pages';
import { ShowMore } from './ShowMore';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const cand = (key: string) => ({ key, holdingCount: 1, holdings: [], ministries: [], systems: [] });

/** mockPages answers the first request with a and b, a request after "c1" with c (the last). */
function mockPages() {
  const calls: { variables: Record<string, unknown> }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      calls.push(body);
      const last = body.variables.after === 'c1';
      const page = last
        ? { totalCount: 3, pageInfo: { hasNextPage: false, endCursor: 'c2' }, nodes: [cand('c')] }
        : { totalCount: 3, pageInfo: { hasNextPage: true, endCursor: 'c1' }, nodes: [cand('a'), cand('b')] };
      return new Response(JSON.stringify({ data: { duplicateCandidatePage: page } }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

function List() {
  const state = usePages(DuplicateCandidatesDocument, { first: 2 }, (d) => d.duplicateCandidatePage);
  if (!state.data) return <p>loading</p>;
  return (
    <>
      <ul>
        {state.data.nodes.map((n) => (
          <li key={n.key}>{n.key}</li>
        ))}
      </ul>
      <ShowMore pages={state.data} />
    </>
  );
}

describe('ShowMore with usePages', () => {
  it('shows the first page, "N of M", and appends the next page after the end cursor', async () => {
    const calls = mockPages();
    render(<List />);
    await screen.findByText('показано 2 из 3');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['a', 'b']);
    fireEvent.click(screen.getByRole('button', { name: 'Показать ещё' }));
    await screen.findByText('показано 3 из 3');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['a', 'b', 'c']);
    expect(calls.map((c) => c.variables.after ?? null)).toEqual([null, 'c1']);
    expect(calls[1].variables.first).toBe(2);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Показать ещё' })).toBeNull());
  });
});
