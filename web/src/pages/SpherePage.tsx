import { SpherePageDocument, type SpherePageQuery } from '../../../frontend-schema/generated/graphql';
import { useQuery } from '../api/client';
import { Link } from '../router';
import { t } from '../i18n';
import { Async } from '../components/Async';
import { Breadcrumb } from '../components/Breadcrumb';
import { DataTable } from '../components/DataTable';
import { lineColumn, systemsColumn } from '../components/columns';
import { RoadmapGrid } from '../components/RoadmapGrid';
import { SourceLink, SourcesProvider, useSourcesMap } from '../components/Source';
import { Status } from '../components/Status';
import { pageOf } from '../components/routes';
import { edges } from './edges';

type Sphere = Extract<NonNullable<SpherePageQuery['node']>, { __typename: 'Sphere' }>;

function Paragraphs({ title, items }: { title: string; items?: string[] | null }) {
  if (!items?.length) return null;
  return (
    <section>
      <h2>{title}</h2>
      {items.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </section>
  );
}

function Body({ s }: { s: Sphere }) {
  const src = useSourcesMap();
  const entities = edges(s.entities);
  const groups = edges(s.processGroups);
  const items = edges(s.roadmapItems);
  return (
    <article>
      <Breadcrumb crumbs={s.breadcrumb} />
      <h1>
        {s.number}. {s.name} <SourceLink id={s.id} />
      </h1>
      {s.heading && s.heading !== s.name && <p className="muted">{s.heading}</p>}
      <Paragraphs title={t('sphere.overview')} items={s.overview} />
      <Paragraphs title={t('sphere.problems')} items={s.problems} />
      {edges(s.experiences).length > 0 && (
        <section>
          <h2>{t('sphere.experience')}</h2>
          {edges(s.experiences).map((x) => (
            <p key={x.id}>
              {x.country && <strong>{x.country}: </strong>}
              {x.text} <SourceLink id={x.id} />
            </p>
          ))}
        </section>
      )}
      <DataTable
        title={t('sphere.entities')}
        rows={entities}
        rowKey={(e) => e.id}
        columns={[
          { header: t('col.name'), value: (e) => e.name, render: (e) => <Link to={pageOf('Entity', e.id)!}>{e.name}</Link> },
          { header: t('col.kind'), value: (e) => e.kindText ?? e.kind },
          { header: t('entity.count'), value: (e) => e.countText ?? e.count ?? '' },
          { header: t('entity.digitization'), value: (e) => e.digitization, render: (e) => <Status value={e.digitization} text={e.digitizationText} /> },
          { header: t('col.attributes'), value: (e) => e.attributes.totalCount, numeric: true },
          { header: t('col.groups'), value: (e) => e.processGroups.totalCount, numeric: true },
          lineColumn(src),
        ]}
      />
      <DataTable
        title={t('sphere.groups')}
        rows={groups}
        rowKey={(g) => g.id}
        columns={[
          { header: t('col.code'), value: (g) => g.code },
          { header: t('col.name'), value: (g) => g.name, render: (g) => <Link to={pageOf('ProcessGroup', g.id)!}>{g.name}</Link> },
          { header: t('group.automation'), value: (g) => g.automation, render: (g) => <Status value={g.automation} text={g.automationText} /> },
          { header: t('group.reengineering'), value: (g) => g.reengineering, render: (g) => <Status value={g.reengineering} text={g.reengineeringText} /> },
          { header: t('group.ai'), value: (g) => (g.hasAi ? t('common.yes') : t('common.no')) },
          systemsColumn(),
          lineColumn(src),
        ]}
      />
      {items.length > 0 && (
        <RoadmapGrid
          title={t('sphere.roadmap')}
          rows={items.map((r) => ({
            id: r.id,
            name: (r.fragmentary ? '… ' : '') + (r.processGroup ? `${r.processGroup.code}. ${r.processGroup.name}` : r.processGroupName),
            groupId: r.processGroup?.id,
            steps: edges(r.steps),
          }))}
        />
      )}
      {s.illegible && s.illegible.length > 0 && <Paragraphs title={t('sphere.illegible')} items={s.illegible} />}
    </article>
  );
}

/** SpherePage: overview, problems, experience, entities, process groups and the roadmap of one sphere. */
export function SpherePage({ id }: { id: string }) {
  const state = useQuery(SpherePageDocument, { sphere: id });
  return (
    <Async state={state}>
      {(data) => {
        if (data.node?.__typename !== 'Sphere') return <p>{t('common.notFound')}</p>;
        const s = data.node;
        const ids = [s.id, ...edges(s.entities).map((e) => e.id), ...edges(s.processGroups).map((g) => g.id), ...edges(s.roadmapItems).map((r) => r.id), ...edges(s.experiences).map((x) => x.id)];
        return (
          <SourcesProvider ids={ids}>
            <Body s={s} />
          </SourcesProvider>
        );
      }}
    </Async>
  );
}
