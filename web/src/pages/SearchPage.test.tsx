import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { RouterProvider } from '../router';
import { SearchPage } from './SearchPage';

const crumbs = [
  { id: 'm', type: 'Ministry', name: 'МТС' },
  { id: 'k', type: 'TransformationMap', name: 'Карта МТС' },
  { id: 's', type: 'Sphere', name: 'Физическая культура и спорт' },
];
const hit = (type: string, id: string, name: string, snippet: string) => ({
  type,
  key: `${type}/${id}`,
  name,
  field: 'name',
  snippet,
  score: 1,
  ministryKey: 'mts',
  ministryName: 'МТС',
  node: { __typename: type, id },
  breadcrumb: [...crumbs, { id, type, name }],
});

function mockSearch() {
  const calls: { query: string; variables: Record<string, unknown> }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      calls.push(body);
      return new Response(
        JSON.stringify({
          data: {
            search: {
              totalCount: 3,
              endCursor: null,
              hasNextPage: false,
              hits: [
                hit('Entity', 'e1', 'Спортсмен', '<mark>Спортсмен</mark>'),
                hit('ProcessGroup', 'g1', 'Регистрация спортсмена', 'Регистрация <mark>спортсмена</mark>'),
                hit('ProcessGroup', 'g2', 'Учёт спортсменов', 'Учёт <mark>спортсменов</mark>'),
              ],
              facets: {
                types: [
                  { key: 'Entity', name: 'Entity', count: 1 },
                  { key: 'ProcessGroup', name: 'ProcessGroup', count: 2 },
                ],
                ministries: [{ key: 'mts', name: 'Министерство туризма и спорта', shortName: 'МТС', count: 3 }],
              },
            },
          },
        }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      );
    }),
  );
  return calls;
}

function openSearch(url: string) {
  window.history.replaceState(null, '', url);
  const calls = mockSearch();
  render(
    <RouterProvider>
      <SearchPage />
    </RouterProvider>,
  );
  return calls;
}

window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SearchPage', () => {
  it('groups hits by type with snippets, breadcrumbs and facets, and moves through them with the arrow keys', async () => {
    const calls = openSearch('/search?q=спортсмены');
    await screen.findByText('Спортсмен', { selector: 'a' });
    expect(calls[0].variables).toMatchObject({ query: 'спортсмены', types: null, ministries: null });
    expect(screen.getByRole('heading', { name: /Сущность/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Группа процессов/ })).toBeTruthy();
    expect(document.querySelectorAll('mark')).toHaveLength(3);
    expect(screen.getAllByText('МТС › Карта МТС › Физическая культура и спорт')).toHaveLength(3);
    const link = screen.getByText('Спортсмен', { selector: 'a' });
    expect(link.getAttribute('href')).toBe('/entity/e1');

    const box = screen.getByLabelText('Что найти');
    expect(document.activeElement).toBe(box);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(link);
    fireEvent.keyDown(link, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Регистрация спортсмена');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(box);
  });

  it('filters by a facet through the URL', async () => {
    const calls = openSearch('/search?q=спортсмены');
    fireEvent.click(await screen.findByRole('checkbox', { name: /Группа процессов/ }));
    await waitFor(() => expect(calls.length).toBe(2));
    expect(calls[1].variables).toMatchObject({ types: ['ProcessGroup'] });
    expect(window.location.search).toContain('type=ProcessGroup');
  });
});
