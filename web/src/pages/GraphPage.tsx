import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import {
  IntegrationGraphDocument,
  IntegrationTraversalDocument,
  type GraphEdgeFieldsFragment,
  type GraphNodeFieldsFragment,
} from '../../../frontend-schema/generated/graphql';
import { request } from '../api/client';
import { Link, navigate, useLocation, withParams } from '../router';
import { fmt, t } from '../i18n';
import { DataTable } from '../components/DataTable';
import { IntegrationTable, type IntegrationRow } from '../components/IntegrationTable';
import { SourcesProvider } from '../components/Source';
import { pageOf } from '../components/routes';

const GraphCanvas = lazy(() => import('../components/GraphCanvas'));

type Node = GraphNodeFieldsFragment;
type Edge = GraphEdgeFieldsFragment;

export interface GraphData {
  nodes: Node[];
  edges: Edge[];
  partial: string[];
}

/** merge joins traversals: nodes and edges by id, counts and hasMore from the latest answer that expanded a node. */
export function merge(parts: GraphData[], expanded: Set<string>): GraphData {
  const nodes = new Map<string, Node>();
  const edges = new Map<string, Edge>();
  const partial = new Set<string>();
  for (const p of parts) {
    for (const n of p.nodes) {
      const old = nodes.get(n.id);
      // A node that was expanded has no more to show at depth 1.
      nodes.set(n.id, { ...(old ?? n), ...n, hasMore: expanded.has(n.id) || expanded.has(n.key) ? false : (old?.hasMore ?? true) && n.hasMore });
    }
    for (const e of p.edges) edges.set(e.id, e);
    p.partial.forEach((x) => partial.add(x));
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], partial: [...partial] };
}

/** filterEdges keeps the integrations of the domain (case-insensitive) whose deadline is in [from, to]. */
export function filterEdges(edges: Edge[], domain: string, from: string, to: string): Edge[] {
  const d = domain.trim().toLowerCase();
  return edges.filter((e) => {
    if (d && (e.domain ?? '').toLowerCase() !== d) return false;
    const dl = e.deadline?.slice(0, 10) ?? '';
    if ((from || to) && !dl) return false;
    if (from && dl < from) return false;
    if (to && dl > to) return false;
    return true;
  });
}

const nodeName = (n: Node) => n.short || n.name;

function edgeRow(e: Edge, byId: Map<string, Node>): IntegrationRow {
  const p = byId.get(e.from);
  const c = byId.get(e.to);
  const owner = (n?: Node) => (n ? (n.kind === 'SYSTEM' ? (n.owner?.short ?? n.owner?.name ?? '') : nodeName(n)) : '');
  return {
    id: e.id,
    provider: e.provider.bodyText || owner(p),
    providerSystem: e.provider.systemText || (p?.kind === 'SYSTEM' ? p.name : ''),
    providerSystemId: p?.kind === 'SYSTEM' ? p.id : null,
    consumer: e.consumer.bodyText || owner(c),
    consumerSystem: e.consumer.systemText || (c?.kind === 'SYSTEM' ? c.name : ''),
    consumerSystemId: c?.kind === 'SYSTEM' ? c.id : null,
    data: e.dataNames.join('; '),
    domain: e.domain,
    deadline: e.deadlineText || (e.deadline?.slice(0, 10) ?? ''),
    status: e.status,
    mapId: e.map.id,
    map: e.map.name,
  };
}

function useGraph(start: string, direction: string, expanded: string[], domain: string, from: string, to: string) {
  const [state, setState] = useState<{ data?: GraphData; error?: Error; loading: boolean }>({ loading: false });
  const key = JSON.stringify([start, direction, expanded, domain, from, to]);
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const dir = (direction || 'BOTH') as 'BOTH' | 'UPSTREAM' | 'DOWNSTREAM';
    const run = async (): Promise<GraphData> => {
      if (!start) {
        if (!domain && !from && !to) return { nodes: [], edges: [], partial: [] };
        const g = await request(
          IntegrationGraphDocument,
          { domain: domain || null, deadlineFrom: from ? `${from}T00:00:00Z` : null, deadlineTo: to ? `${to}T00:00:00Z` : null },
          ctl.signal,
        );
        return { nodes: g.integrationGraph.nodes, edges: g.integrationGraph.edges, partial: [] };
      }
      const parts = await Promise.all(
        [start, ...expanded].map((s) =>
          request(IntegrationTraversalDocument, { start: s, direction: dir, depth: 1 }, ctl.signal).then((r) => ({
            nodes: r.integrationTraversal.nodes,
            edges: r.integrationTraversal.edges,
            partial: r.integrationTraversal.isPartial ? r.integrationTraversal.limits : [],
          })),
        ),
      );
      return merge(parts, new Set([start, ...expanded]));
    };
    run().then(
      (data) => setState({ data, loading: false }),
      (error: Error) => {
        if (!ctl.signal.aborted) setState({ error, loading: false });
      },
    );
    return () => ctl.abort();
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}

/** GraphPage: the integration network around a system or body, expanding on click, with the same data as tables. */
export default function GraphPage() {
  const { params } = useLocation();
  const start = params.get('start') ?? '';
  const direction = params.get('direction') ?? 'BOTH';
  const expanded = params.getAll('x');
  const domain = params.get('domain') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [text, setText] = useState(start);
  useEffect(() => setText(start), [start]);
  const state = useGraph(start, direction, expanded, domain, from, to);
  const set = (p: Record<string, string | string[] | null>) =>
    navigate(withParams('/graph', { start, direction: direction === 'BOTH' ? null : direction, x: expanded, domain, from, to, ...p }));

  const data = state.data;
  const shownEdges = useMemo(() => (data ? filterEdges(data.edges, domain, from, to) : []), [data, domain, from, to]);
  const byId = useMemo(() => new Map((data?.nodes ?? []).map((n) => [n.id, n])), [data]);
  const shownNodes = useMemo(() => {
    if (!data) return [];
    const used = new Set(shownEdges.flatMap((e) => [e.from, e.to]));
    return data.nodes.filter((n) => used.has(n.id) || n.hop === 0);
  }, [data, shownEdges]);
  const domains = useMemo(() => [...new Set((data?.edges ?? []).map((e) => e.domain).filter((d): d is string => !!d))].sort(), [data]);
  const rows = shownEdges.map((e) => edgeRow(e, byId));
  const canvasNodes = useMemo(
    () =>
      shownNodes.map((n) => ({
        id: n.id,
        kind: n.kind,
        start: n.hop === 0 && (n.id === start || n.key === start || !expanded.includes(n.id)),
        hasMore: n.hasMore,
        label: `${nodeName(n)}${n.hasMore ? ' +' : ''}\n↓${n.in} ↑${n.out}`,
      })),
    [shownNodes, start, expanded],
  );
  const canvasEdges = useMemo(
    () => shownEdges.map((e) => ({ id: e.id, from: e.from, to: e.to, label: e.dataNames.slice(0, 1).join(''), planned: e.status === 'PLANNED' })),
    [shownEdges],
  );
  const expand = (id: string) => {
    if (id === start || expanded.includes(id)) return;
    set({ x: [...expanded, id] });
  };

  return (
    <section>
      <h1>{t('graph.title')}</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          set({ start: text.trim(), x: [] });
        }}
      >
        <label>
          {t('graph.start')}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="ГБД ЕЛ" />
        </label>
        <label>
          {t('graph.direction')}
          <select value={direction} onChange={(e) => set({ direction: e.target.value === 'BOTH' ? null : e.target.value })}>
            <option value="BOTH">{t('graph.both')}</option>
            <option value="UPSTREAM">{t('graph.upstream')}</option>
            <option value="DOWNSTREAM">{t('graph.downstream')}</option>
          </select>
        </label>
        <label>
          {t('graph.domain')}
          <select value={domain} onChange={(e) => set({ domain: e.target.value })}>
            <option value="">—</option>
            {[...new Set([...domains, ...(domain ? [domain] : [])])].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('graph.deadlineFrom')}
          <input type="date" value={from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          {t('graph.deadlineTo')}
          <input type="date" value={to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <button type="submit">{t('graph.show')}</button>
      </form>
      {!start && !domain && !from && !to && <p>{t('graph.startHint')}</p>}
      {state.error && (
        <p role="alert" className="error">
          {t('common.error', { message: state.error.message })}
        </p>
      )}
      {state.loading && <p className="muted" role="status">{t('common.loading')}</p>}
      {data && (start || domain || from || to) && (
        <>
          <p role="status">
            {t('graph.summary', { nodes: fmt(shownNodes.length), edges: fmt(shownEdges.length) })}.{' '}
            {data.partial.length > 0 ? (
              <strong className="partial">⚠ {t('graph.partial', { limits: data.partial.join(', ') })}</strong>
            ) : (
              <span className="muted">{t('graph.complete')}</span>
            )}
          </p>
          {shownEdges.length === 0 ? (
            <p>
              {t('graph.empty')}{' '}
              {shownNodes
                .filter((n) => n.hop === 0)
                .map((n) => (
                  <Link key={n.id} to={pageOf(n.kind === 'SYSTEM' ? 'InformationSystem' : 'Ministry', n.id)!}>
                    {n.name}
                  </Link>
                ))}
            </p>
          ) : (
            <div className="graph-layout">
              <div>
                <p className="muted small">{t('graph.hint')}</p>
                <Suspense fallback={<p className="muted">{t('graph.loadingLib')}</p>}>
                  <GraphCanvas nodes={canvasNodes} edges={canvasEdges} onPick={expand} label={t('graph.title')} />
                </Suspense>
              </div>
              <SourcesProvider ids={shownEdges.map((e) => e.id)}>
                <DataTable
                  title={t('graph.nodes')}
                  rows={shownNodes}
                  rowKey={(n) => n.id}
                  columns={[
                    {
                      header: t('col.name'),
                      value: (n) => n.name,
                      render: (n) => <Link to={pageOf(n.kind === 'SYSTEM' ? 'InformationSystem' : 'Ministry', n.id)!}>{n.name}</Link>,
                    },
                    { header: t('col.type'), value: (n) => (n.kind === 'SYSTEM' ? t('type.InformationSystem') : t('type.Ministry')) },
                    { header: t('system.owner'), value: (n) => n.owner?.short ?? n.parent?.short ?? '' },
                    { header: t('col.in'), value: (n) => n.in, numeric: true },
                    { header: t('col.out'), value: (n) => n.out, numeric: true },
                    {
                      header: t('graph.expand'),
                      value: (n) => (n.hasMore ? '+' : ''),
                      render: (n) =>
                        n.hasMore ? (
                          <button type="button" onClick={() => expand(n.id)} aria-label={`${t('graph.expand')}: ${n.name}`}>
                            +
                          </button>
                        ) : (
                          ''
                        ),
                    },
                  ]}
                />
                <IntegrationTable title={t('graph.edges')} rows={rows} />
              </SourcesProvider>
            </div>
          )}
        </>
      )}
    </section>
  );
}
