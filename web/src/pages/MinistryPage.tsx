import {
  MapKpisDocument,
  MinistryMapTreeDocument,
  type MapKpisQuery,
  type MinistryMapTreeQuery,
} from '../../../frontend-schema/generated/graphql';
import { useQuery } from '../api/client';
import { Link, useLocation, withParams } from '../router';
import { fmt, t } from '../i18n';
import { Async } from '../components/Async';
import { Breadcrumb } from '../components/Breadcrumb';
import { DataTable } from '../components/DataTable';
import { SourceLink } from '../components/Source';
import { graphHref, pageOf, sourceHref } from '../components/routes';

type Ministry = Extract<NonNullable<MinistryMapTreeQuery['node']>, { __typename: 'Ministry' }>;
type Map = NonNullable<NonNullable<Ministry['maps']['edges']>[number]>['node'] & {};
type Kpi = NonNullable<NonNullable<Extract<NonNullable<MapKpisQuery['node']>, { __typename: 'TransformationMap' }>['kpis']['edges']>[number]>['node'] & {};

import { edges } from './edges';

function Passport({ m }: { m: Map }) {
  return (
    <section aria-labelledby={`passport-${m.id}`}>
      <h2 id={`passport-${m.id}`}>{t('ministry.passport')}</h2>
      <p>
        <strong>{m.title}</strong> <SourceLink mapId={m.id} line={m.passportFields?.[0]?.line ?? 1} />
      </p>
      {m.truncated && <p className="warn">{t('ministry.truncated')}</p>}
      <dl className="passport">
        {(m.passportFields ?? []).map((f) => (
          <div key={f.line + f.label}>
            <dt>{f.label}</dt>
            <dd>
              {f.value} <SourceLink mapId={m.id} line={f.line} />
            </dd>
          </div>
        ))}
      </dl>
      <p>
        {t('ministry.source')}: <Link to={sourceHref(m.id)}>{m.sourceDocument}</Link>
      </p>
    </section>
  );
}

function Kpis({ mapId }: { mapId: string }) {
  const state = useQuery(MapKpisDocument, { map: mapId });
  return (
    <Async state={state}>
      {(data) => {
        if (data.node?.__typename !== 'TransformationMap') return null;
        const kpis = edges<Kpi>(data.node.kpis);
        const years = [...new Set(kpis.flatMap((k) => edges(k.targets).map((x) => x.year)))].sort();
        const target = (k: Kpi, y: number) => edges(k.targets).find((x) => x.year === y)?.text ?? '';
        return (
          <DataTable
            title={t('ministry.kpis')}
            rows={kpis}
            rowKey={(k) => k.id}
            columns={[
              { header: t('col.position'), value: (k) => k.number },
              { header: t('col.name'), value: (k) => k.name, render: (k) => <>{k.name} {k.group && <span className="muted small">({k.group})</span>}</> },
              { header: t('col.unit'), value: (k) => k.unit },
              ...years.map((y) => ({ header: String(y), value: (k: Kpi) => target(k, y) })),
              { header: t('col.line'), value: (k) => k.sourceLine, render: (k) => <SourceLink mapId={mapId} line={k.sourceLine} /> },
            ]}
          />
        );
      }}
    </Async>
  );
}

/** MinistryPage: the ministry's map(s) — passport, KPIs with yearly targets, the spheres with their counts. */
export function MinistryPage({ id }: { id: string }) {
  const { params } = useLocation();
  const state = useQuery(MinistryMapTreeDocument, { ministry: id });
  return (
    <Async state={state}>
      {(data) => {
        if (data.node?.__typename !== 'Ministry') return <p>{t('common.notFound')}</p>;
        const min = data.node;
        const maps = edges<Map>(min.maps);
        const m = maps.find((x) => x.id === params.get('map')) ?? maps[0];
        const counts = new globalThis.Map(data.sphereSummaries.map((s) => [s.id, s]));
        const spheres = m ? edges(m.spheres) : [];
        return (
          <article>
            <Breadcrumb crumbs={min.breadcrumb} />
            <h1>
              {min.name} {min.shortName && <span className="muted">({min.shortName})</span>}
            </h1>
            <p>
              <Link to={graphHref(min.shortName || min.name)}>{t('ministry.graph')}</Link>
            </p>
            {maps.length > 1 && (
              <nav aria-label={t('browse.maps')}>
                <ul className="inline">
                  {maps.map((x) => (
                    <li key={x.id}>
                      <Link to={withParams(pageOf('Ministry', id)!, { map: x.id })} aria-current={x.id === m?.id ? 'page' : undefined}>
                        {x.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            {m && <Passport m={m} />}
            {m && (
              <DataTable
                title={t('ministry.spheres')}
                rows={spheres}
                rowKey={(s) => s.id}
                columns={[
                  { header: t('col.position'), value: (s) => s.number },
                  { header: t('col.name'), value: (s) => s.name, render: (s) => <Link to={pageOf('Sphere', s.id)!}>{s.name}</Link> },
                  { header: t('sphere.entities'), value: (s) => counts.get(s.id)?.entities ?? 0, numeric: true },
                  { header: t('sphere.groups'), value: (s) => counts.get(s.id)?.processGroups ?? 0, numeric: true },
                  {
                    header: t('group.automation'),
                    value: (s) => (counts.get(s.id)?.groupsByAutomation ?? []).map((c) => `${c.status}: ${c.count}`).join(', '),
                  },
                  { header: t('col.systems'), value: (s) => counts.get(s.id)?.systems ?? 0, numeric: true },
                  { header: 'KPI', value: (s) => counts.get(s.id)?.kpis ?? 0, numeric: true },
                ]}
              />
            )}
            {m && <Kpis mapId={m.id} />}
            {m && (
              <p className="muted small">
                KPI: {fmt(m.kpis.totalCount)} · {t('graph.edges')}: {fmt(m.integrations.totalCount)}
              </p>
            )}
          </article>
        );
      }}
    </Async>
  );
}
