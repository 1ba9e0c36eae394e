import {
  DuplicateCandidatesDocument,
  IntegrationGraphDocument,
  IntegrationMatrixDocument,
  RoadmapDocument,
  SharedSystemsDocument,
  SummariesDocument,
  type IntegrationGraphQuery,
  type IntegrationMatrixQuery,
  type RoadmapQuery,
} from '../../../frontend-schema/generated/graphql';
import { useQuery } from '../api/client';
import { usePages } from '../api/pages';
import { ShowMore } from '../components/ShowMore';
import { Link, useLocation, withParams } from '../router';
import { plural, t, type MessageKey } from '../i18n';
import { Async } from '../components/Async';
import { DataTable, ExportButtons } from '../components/DataTable';
import { StackedBar } from '../components/Bars';
import { pageOf } from '../components/routes';
import type { Column } from '../export';

type Matrix = IntegrationMatrixQuery['integrationMatrix'];
type Edge = IntegrationGraphQuery['integrationGraph']['edges'][number];

/**
 * Below this many maps a cross-map figure describes a few bodies' plans, not
 * the state as a whole (there are some twenty ministries): the page says so.
 */
const FEW_MAPS = 5;

/** concentration: how much of the integrations come from the largest single map. */
export function concentration(edges: Pick<Edge, 'map'>[]): { maps: number; top?: { name: string; n: number }; total: number } {
  const by = new Map<string, { name: string; n: number }>();
  for (const e of edges) {
    const c = by.get(e.map.id) ?? { name: e.map.name, n: 0 };
    c.n++;
    by.set(e.map.id, c);
  }
  const top = [...by.values()].sort((a, b) => b.n - a.n)[0];
  return { maps: by.size, top, total: edges.length };
}

/** Caveat says when a figure rests on few maps or mostly on one. */
export function Caveat({ edges }: { edges: Pick<Edge, 'map'>[] }) {
  const c = concentration(edges);
  const out: string[] = [];
  if (c.top && c.total > 0 && c.top.n / c.total >= 0.5 && c.maps > 0)
    out.push(t('analytics.concentration', { n: c.top.n, total: c.total, pct: Math.round((100 * c.top.n) / c.total), map: c.top.name }));
  if (c.maps > 0 && c.maps < FEW_MAPS) out.push(t('analytics.fewMaps', { n: c.maps, maps: plural(c.maps, 'карты', 'карт', 'карт') }));
  if (!out.length) return null;
  return (
    <div className="warn" role="note">
      {out.map((x) => (
        <p key={x}>{x}</p>
      ))}
    </div>
  );
}

interface MatrixRow {
  provider: string;
  providerId: string;
  counts: number[];
}

function MatrixView({ m, edges }: { m: Matrix; edges: Edge[] }) {
  const bodies = m.bodies;
  const idx = new Map(bodies.map((b, i) => [b.id, i]));
  const rows: MatrixRow[] = bodies.map((b) => ({ provider: b.short || b.name, providerId: b.id, counts: bodies.map(() => 0) }));
  for (const c of m.cells) {
    const p = idx.get(c.provider.id);
    const q = idx.get(c.consumer.id);
    if (p !== undefined && q !== undefined) rows[p].counts[q] = c.count;
  }
  const used = rows.filter((r) => r.counts.some((n) => n > 0));
  const cols = bodies.map((b, i) => ({ b, i })).filter(({ i }) => rows.some((r) => r.counts[i] > 0));
  const max = Math.max(1, ...m.cells.map((c) => c.count));
  const columns: Column<MatrixRow>[] = [
    { header: `${t('col.provider')} \\ ${t('col.consumer')}`, value: (r) => r.provider },
    ...cols.map(({ b, i }) => ({ header: b.short || b.name, value: (r: MatrixRow) => r.counts[i] })),
  ];
  const total = m.cells.reduce((s, c) => s + c.count, 0);
  return (
    <section aria-labelledby="matrix-h">
      <div className="table-head">
        <h2 id="matrix-h">{t('analytics.matrix')}</h2>
        <span className="muted">{t('common.total', { n: total })}</span>
        <ExportButtons title={t('analytics.matrixTable')} columns={columns} rows={used} />
      </div>
      <p className="muted small">{t('analytics.matrixNote')}</p>
      <Caveat edges={edges} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('analytics.matrixTable')}>
        <table className="matrix">
          <thead>
            <tr>
              <th scope="col">{columns[0].header}</th>
              {cols.map(({ b }) => (
                <th key={b.id} scope="col" title={b.name}>
                  <Link to={pageOf('Ministry', b.id)!}>{b.short || b.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {used.map((r) => (
              <tr key={r.providerId}>
                <th scope="row">
                  <Link to={pageOf('Ministry', r.providerId)!}>{r.provider}</Link>
                </th>
                {cols.map(({ b, i }) => {
                  const n = r.counts[i];
                  const level = n ? Math.min(5, Math.ceil((5 * n) / max)) : 0;
                  return (
                    <td key={b.id} className={`heat heat-${level}`} title={`${r.provider} → ${b.short || b.name}: ${n}`}>
                      {n || ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {m.unattributed > 0 && <p className="muted small">{t('analytics.unattributed', { n: m.unattributed })}</p>}
    </section>
  );
}

function Matrix() {
  const m = useQuery(IntegrationMatrixDocument, { rollup: true });
  const g = useQuery(IntegrationGraphDocument, {});
  return <Async state={m}>{(data) => <MatrixView m={data.integrationMatrix} edges={g.data?.integrationGraph.edges ?? []} />}</Async>;
}

function Shared() {
  const state = useQuery(SharedSystemsDocument, { minMinistries: 2 });
  return (
    <Async state={state}>
      {(data) => (
        <DataTable
          title={t('analytics.shared')}
          rows={data.sharedSystems}
          rowKey={(s) => s.system.id}
          columns={[
            { header: t('col.name'), value: (s) => s.system.name, render: (s) => <Link to={pageOf('InformationSystem', s.system.id)!}>{s.system.name}</Link> },
            { header: t('system.owner'), value: (s) => s.owner?.short ?? s.owner?.name ?? '' },
            { header: t('col.ministry'), value: (s) => s.ministries.map((x) => x.body.short || x.body.name).join(', ') },
            { header: t('col.groups'), value: (s) => s.ministries.reduce((n, x) => n + x.processGroups, 0), numeric: true },
            { header: t('graph.edges'), value: (s) => s.ministries.reduce((n, x) => n + x.integrations, 0), numeric: true },
          ]}
        />
      )}
    </Async>
  );
}

function Summaries() {
  const state = useQuery(SummariesDocument, { ministry: null });
  return (
    <Async state={state}>
      {(data) => {
        const rows = data.ministrySummaries;
        const count = (xs: { status: string; count: number }[], s: string) => xs.find((x) => x.status === s)?.count ?? 0;
        return (
          <section aria-labelledby="sum-h">
            <h2 id="sum-h">{t('analytics.summaries')}</h2>
            {rows.length < FEW_MAPS && <p className="warn">{t('analytics.fewMaps', { n: rows.length, maps: plural(rows.length, 'карты', 'карт', 'карт') })}</p>}
            <div className="charts">
              <figure>
                <figcaption>{t('analytics.digitization')}</figcaption>
                {rows.map((r) => (
                  <StackedBar key={r.id} label={r.name} parts={r.entitiesByDigitization} />
                ))}
              </figure>
              <figure>
                <figcaption>{t('analytics.automation')}</figcaption>
                {rows.map((r) => (
                  <StackedBar key={r.id} label={r.name} parts={r.groupsByAutomation} />
                ))}
              </figure>
            </div>
            <DataTable
              title={t('analytics.summaries')}
              rows={rows}
              rowKey={(r) => r.id}
              columns={[
                { header: t('col.ministry'), value: (r) => r.name, render: (r) => <Link to={pageOf('Ministry', r.id)!}>{r.name}</Link> },
                { header: t('browse.spheres'), value: (r) => r.spheres, numeric: true },
                { header: t('sphere.entities'), value: (r) => r.entities, numeric: true },
                ...['FULL', 'PARTIAL', 'NONE'].map((s) => ({ header: `${t('entity.digitization')}: ${t(`status.${s}` as MessageKey)}`, value: (r: (typeof rows)[number]) => count(r.entitiesByDigitization, s), numeric: true })),
                { header: t('sphere.groups'), value: (r) => r.processGroups, numeric: true },
                ...['AUTOMATED', 'PARTIAL', 'NONE'].map((s) => ({ header: `${t('group.automation')}: ${t(`status.${s}` as MessageKey)}`, value: (r: (typeof rows)[number]) => count(r.groupsByAutomation, s), numeric: true })),
                { header: t('group.ai'), value: (r) => r.groupsWithAI, numeric: true },
                { header: t('col.systems'), value: (r) => r.systems, numeric: true },
                { header: 'KPI', value: (r) => r.kpis, numeric: true },
              ]}
            />
          </section>
        );
      }}
    </Async>
  );
}

type Quarter = RoadmapQuery['roadmap']['quarters'][number];
interface RoadRow {
  id: string;
  name: string;
  cells: Map<string, Map<string, number>>;
}

function RoadmapAcross() {
  const state = useQuery(RoadmapDocument, {});
  return (
    <Async state={state}>
      {(data) => {
        const quarters: Quarter[] = data.roadmap.quarters;
        const qk = (q: Quarter) => `${q.year} Q${q.quarter}${q.budgetDependent ? '*' : ''}`;
        const keys = [...new Set(quarters.map(qk))];
        const rows = new Map<string, RoadRow>();
        for (const q of quarters)
          for (const s of q.steps) {
            const id = s.ministry?.id ?? '';
            const r = rows.get(id) ?? { id, name: s.ministry?.short || s.ministry?.name || '—', cells: new Map() };
            const cell = r.cells.get(qk(q)) ?? new Map<string, number>();
            cell.set(s.code, (cell.get(s.code) ?? 0) + 1);
            r.cells.set(qk(q), cell);
            rows.set(id, r);
          }
        const text = (r: RoadRow, k: string) =>
          [...(r.cells.get(k) ?? new Map())]
            .sort()
            .map(([c, n]) => `${c}×${n}`)
            .join(' ');
        return (
          <DataTable
            title={t('analytics.roadmap')}
            rows={[...rows.values()]}
            rowKey={(r) => r.id}
            note={<p className="muted small">{t('sphere.roadmapLegend')} {t('common.total', { n: data.roadmap.total })}</p>}
            columns={[
              { header: t('col.ministry'), value: (r) => r.name },
              ...keys.map((k) => ({ header: k, value: (r: RoadRow) => text(r, k) })),
            ]}
          />
        );
      }}
    </Async>
  );
}

function Duplicates() {
  const state = usePages(DuplicateCandidatesDocument, { first: 20 }, (d) => d.duplicateCandidatePage);
  return (
    <Async state={state}>
      {(pages) => (
        <DataTable
          title={t('analytics.duplicates')}
          note={<p className="muted small">{t('analytics.duplicatesNote')}</p>}
          rows={pages.nodes}
          total={pages.total}
          footer={<ShowMore pages={pages} />}
          rowKey={(d, i) => d.key + i}
          columns={[
            { header: t('col.data'), value: (d) => d.key },
            {
              header: t('col.holder'),
              value: (d) => d.holdings.map((h) => `${h.ministry?.short ?? ''}: ${h.name}`).join('; '),
              render: (d) => (
                <ul className="plain">
                  {d.holdings.map((h, i) => (
                    <li key={i}>
                      <strong>{h.ministry?.short ?? h.ministry?.name}</strong>: {h.entityId ? <Link to={pageOf('Entity', h.entityId)!}>{h.name}</Link> : h.name}
                      {h.sphereName && <span className="muted small"> ({h.sphereName})</span>}
                    </li>
                  ))}
                  {d.holdingCount > d.holdings.length && <li className="muted small">{t('common.andMore', { n: d.holdingCount - d.holdings.length })}</li>}
                </ul>
              ),
            },
            { header: t('col.systems'), value: (d) => d.systems.map((s) => s.name).join('; ') },
          ]}
        />
      )}
    </Async>
  );
}

const tabs: [string, MessageKey, () => React.ReactNode][] = [
  ['matrix', 'analytics.matrix', () => <Matrix />],
  ['shared', 'analytics.shared', () => <Shared />],
  ['summaries', 'analytics.summaries', () => <Summaries />],
  ['roadmap', 'analytics.roadmap', () => <RoadmapAcross />],
  ['duplicates', 'analytics.duplicates', () => <Duplicates />],
];

/** AnalyticsPage: the cross-map figures, one tab (and URL) each. */
export function AnalyticsPage() {
  const { params } = useLocation();
  const tab = tabs.find(([k]) => k === params.get('tab')) ?? tabs[0];
  return (
    <section>
      <h1>{t('analytics.title')}</h1>
      <nav aria-label={t('analytics.title')}>
        <ul className="tabs">
          {tabs.map(([k, label]) => (
            <li key={k}>
              <Link to={withParams('/analytics', { tab: k })} aria-current={k === tab[0] ? 'page' : undefined}>
                {t(label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab[2]()}
    </section>
  );
}
