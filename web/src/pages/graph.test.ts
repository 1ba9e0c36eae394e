import { describe, expect, it } from 'vitest';
import { filterEdges, merge } from './GraphPage';
import { concentration } from './AnalyticsPage';
import type { GraphEdgeFieldsFragment, GraphNodeFieldsFragment } from '../../../frontend-schema/generated/graphql';

const node = (id: string, hasMore: boolean, hop = 1): GraphNodeFieldsFragment => ({
  id,
  kind: 'SYSTEM',
  key: id,
  name: id,
  short: null,
  parent: null,
  owner: null,
  hop,
  in: 1,
  out: 1,
  hasMore,
});
const edge = (id: string, from: string, to: string, domain: string, deadline: string | null, map = 'm1'): GraphEdgeFieldsFragment => ({
  id,
  from,
  to,
  hop: 1,
  domain,
  dataNames: ['Данные'],
  deadline,
  deadlineText: '',
  status: 'PLANNED',
  map: { id: map, name: `Карта ${map}` },
  provider: { bodyText: '', systemText: '' },
  consumer: { bodyText: '', systemText: '' },
});

describe('graph page', () => {
  it('merges expansions: edges by id, an expanded node has nothing more to show', () => {
    const a = { nodes: [node('A', false, 0), node('B', true)], edges: [edge('1', 'B', 'A', 'Спорт', null)], partial: [] };
    const b = { nodes: [node('B', true, 0), node('C', true)], edges: [edge('1', 'B', 'A', 'Спорт', null), edge('2', 'C', 'B', 'Спорт', null)], partial: ['PER_NODE'] };
    const m = merge([a, b], new Set(['A', 'B']));
    expect(m.nodes.map((n) => [n.id, n.hasMore])).toEqual([
      ['A', false],
      ['B', false],
      ['C', true],
    ]);
    expect(m.edges.map((e) => e.id)).toEqual(['1', '2']);
    expect(m.partial).toEqual(['PER_NODE']);
  });
  it('filters by domain (any case) and deadline range', () => {
    const es = [edge('1', 'a', 'b', 'Спорт и туризм', '2025-11-30T00:00:00Z'), edge('2', 'a', 'b', 'Связь', '2025-10-01T00:00:00Z'), edge('3', 'a', 'b', 'Связь', null)];
    expect(filterEdges(es, 'спорт и туризм', '', '').map((e) => e.id)).toEqual(['1']);
    expect(filterEdges(es, '', '2025-10-15', '2025-12-31').map((e) => e.id)).toEqual(['1']);
    expect(filterEdges(es, '', '', '').map((e) => e.id)).toEqual(['1', '2', '3']);
  });
});

describe('analytics caveats', () => {
  it('finds the map most integrations come from', () => {
    const es = [...Array(31)].map((_, i) => edge(String(i), 'a', 'b', '', null, 'm1')).concat([edge('x', 'a', 'b', '', null, 'm2'), edge('y', 'a', 'b', '', null, 'm3')]);
    expect(concentration(es)).toEqual({ maps: 3, top: { name: 'Карта m1', n: 31 }, total: 33 });
  });
});
