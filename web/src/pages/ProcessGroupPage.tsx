import { ProcessGroupPageDocument, type ProcessGroupPageQuery } from '../../../frontend-schema/generated/graphql';
import { useQuery } from '../api/client';
import { Link } from '../router';
import { t } from '../i18n';
import { Async } from '../components/Async';
import { Breadcrumb } from '../components/Breadcrumb';
import { DataTable } from '../components/DataTable';
import { lineColumn } from '../components/columns';
import { RoadmapGrid } from '../components/RoadmapGrid';
import { SourceLink, SourcesProvider, useProvenance, useSourcesMap } from '../components/Source';
import { Status } from '../components/Status';
import { pageOf } from '../components/routes';
import { edges } from './edges';

type Group = Extract<NonNullable<ProcessGroupPageQuery['node']>, { __typename: 'ProcessGroup' }>;
const body = (b?: { name: string; shortName?: string | null } | null) => (b ? b.shortName || b.name : '');

function Body({ g }: { g: Group }) {
  const src = useSourcesMap();
  const own = useProvenance(g.id);
  return (
    <article>
      <Breadcrumb crumbs={g.breadcrumb} />
      <h1>
        {g.code}. {g.name} <SourceLink id={g.id} />
      </h1>
      <dl className="facts">
        <div>
          <dt>{t('group.automation')}</dt>
          <dd>
            <Status value={g.automation} text={g.automationText} /> {g.automationText}
          </dd>
        </div>
        <div>
          <dt>{t('group.reengineering')}</dt>
          <dd>
            <Status value={g.reengineering} text={g.reengineeringText} /> {g.reengineeringText}
          </dd>
        </div>
        <div>
          <dt>{t('group.ai')}</dt>
          <dd>{g.hasAi ? t('common.yes') : t('common.no')}</dd>
        </div>
        {(g.technologies ?? []).length > 0 && (
          <div>
            <dt>{t('group.technologies')}</dt>
            <dd>{(g.technologies ?? []).join(', ')}</dd>
          </div>
        )}
      </dl>
      <DataTable
        title={t('group.systems')}
        rows={edges(g.informationSystems)}
        rowKey={(s) => s.id}
        columns={[
          { header: t('col.name'), value: (s) => s.name, render: (s) => <Link to={pageOf('InformationSystem', s.id)!}>{s.name}</Link> },
          { header: t('system.owner'), value: (s) => body(s.owner), render: (s) => (s.owner ? <Link to={pageOf('Ministry', s.owner.id)!}>{body(s.owner)}</Link> : '—') },
        ]}
      />
      <DataTable
        title={t('group.processes')}
        rows={edges(g.processes)}
        rowKey={(p) => p.id}
        columns={[
          { header: t('col.name'), value: (p) => p.name },
          lineColumn(src),
        ]}
      />
      <DataTable
        title={t('group.units')}
        rows={edges(g.units)}
        rowKey={(u) => u.id}
        columns={[
          { header: t('col.code'), value: (u) => u.code },
          { header: t('col.name'), value: (u) => u.name },
          { header: t('col.ministry'), value: (u) => body(u.ministry) },
        ]}
      />
      <DataTable
        title={t('group.services')}
        rows={edges(g.services)}
        rowKey={(s) => s.id}
        columns={[
          { header: t('col.code'), value: (s) => s.code },
          { header: t('col.name'), value: (s) => s.name },
        ]}
      />
      <DataTable
        title={t('group.functions')}
        rows={edges(g.functions)}
        rowKey={(f) => f.id}
        columns={[
          { header: t('col.name'), value: (f) => f.text },
          { header: t('col.ministry'), value: (f) => body(f.ministry) },
        ]}
      />
      <DataTable
        title={t('group.entities')}
        rows={edges(g.entities)}
        rowKey={(e) => e.id}
        columns={[
          { header: t('col.name'), value: (e) => e.name, render: (e) => <Link to={pageOf('Entity', e.id)!}>{e.name}</Link> },
          { header: t('col.kind'), value: (e) => e.kind },
          { header: t('entity.digitization'), value: (e) => e.digitization, render: (e) => <Status value={e.digitization} /> },
        ]}
      />
      {edges(g.roadmapItems).length > 0 && (
        <RoadmapGrid
          title={t('sphere.roadmap')}
          rows={edges(g.roadmapItems).map((r) => ({ id: r.id, name: (r.fragmentary ? '… ' : '') + r.processGroupName, steps: edges(r.steps) }))}
        />
      )}
      {(g.fields ?? []).length > 0 && (
        <section>
          <h2>{t('group.fields')}</h2>
          <dl className="passport">
            {(g.fields ?? []).map((f) => (
              <div key={f.line + f.label}>
                <dt>{f.label}</dt>
                <dd>
                  {f.value} {own && <SourceLink mapId={own.mapId} line={f.line} />}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <DataTable
        title={t('group.needs')}
        rows={edges(g.needs)}
        rowKey={(n) => n.id}
        columns={[
          { header: t('col.position'), value: (n) => n.number },
          { header: t('col.name'), value: (n) => n.text },
          { header: t('col.ministry'), value: (n) => n.bodyText ?? edges(n.bodies).map(body).join('; ') },
          lineColumn(src),
        ]}
      />
    </article>
  );
}

/** ProcessGroupPage: processes, units, functions, services, systems, entities, roadmap and reengineering of a group. */
export function ProcessGroupPage({ id }: { id: string }) {
  const state = useQuery(ProcessGroupPageDocument, { group: id });
  return (
    <Async state={state}>
      {(data) => {
        if (data.node?.__typename !== 'ProcessGroup') return <p>{t('common.notFound')}</p>;
        const g = data.node;
        const ids = [g.id, ...edges(g.processes).map((p) => p.id), ...edges(g.roadmapItems).map((r) => r.id), ...edges(g.needs).map((n) => n.id)];
        return (
          <SourcesProvider ids={ids}>
            <Body g={g} />
          </SourcesProvider>
        );
      }}
    </Async>
  );
}
