import { EntityPageDocument, type EntityPageQuery } from '../../../frontend-schema/generated/graphql';
import { useQuery } from '../api/client';
import { Link } from '../router';
import { t } from '../i18n';
import { Async } from '../components/Async';
import { Breadcrumb } from '../components/Breadcrumb';
import { DataTable } from '../components/DataTable';
import { lineColumn, systemsColumn } from '../components/columns';
import { SourceLink, SourcesProvider, useSourcesMap } from '../components/Source';
import { Status } from '../components/Status';
import { pageOf } from '../components/routes';
import { edges } from './edges';

type Entity = Extract<NonNullable<EntityPageQuery['node']>, { __typename: 'Entity' }>;

function Body({ e }: { e: Entity }) {
  const src = useSourcesMap();
  return (
    <article>
      <Breadcrumb crumbs={e.breadcrumb} />
      <h1>
        {e.name} <SourceLink id={e.id} />
      </h1>
      <dl className="facts">
        <div>
          <dt>{t('col.kind')}</dt>
          <dd>{e.kindText ?? e.kind}</dd>
        </div>
        <div>
          <dt>{t('entity.count')}</dt>
          <dd>{e.countText ?? e.count ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('entity.digitization')}</dt>
          <dd>
            <Status value={e.digitization} text={e.digitizationText} /> {e.digitizationText}
          </dd>
        </div>
        {e.sphere && (
          <div>
            <dt>{t('col.sphere')}</dt>
            <dd>
              <Link to={pageOf('Sphere', e.sphere.id)!}>
                {e.sphere.number}. {e.sphere.name}
              </Link>
            </dd>
          </div>
        )}
      </dl>
      <DataTable
        title={t('entity.attributes')}
        rows={edges(e.attributes)}
        rowKey={(a) => a.id}
        columns={[
          { header: t('col.position'), value: (a) => a.position, numeric: true },
          { header: t('col.name'), value: (a) => a.name },
          lineColumn(src),
        ]}
      />
      <DataTable
        title={t('entity.groups')}
        rows={edges(e.processGroups)}
        rowKey={(g) => g.id}
        columns={[
          { header: t('col.code'), value: (g) => g.code },
          { header: t('col.name'), value: (g) => g.name, render: (g) => <Link to={pageOf('ProcessGroup', g.id)!}>{g.name}</Link> },
          { header: t('group.automation'), value: (g) => g.automation, render: (g) => <Status value={g.automation} /> },
          { header: t('group.reengineering'), value: (g) => g.reengineering, render: (g) => <Status value={g.reengineering} /> },
          systemsColumn(),
          lineColumn(src),
        ]}
      />
    </article>
  );
}

/** EntityPage: an entity with its attributes (document order), digitization and the process groups that keep it. */
export function EntityPage({ id }: { id: string }) {
  const state = useQuery(EntityPageDocument, { entity: id });
  return (
    <Async state={state}>
      {(data) => {
        if (data.node?.__typename !== 'Entity') return <p>{t('common.notFound')}</p>;
        const e = data.node;
        return (
          <SourcesProvider ids={[e.id, ...edges(e.attributes).map((a) => a.id), ...edges(e.processGroups).map((g) => g.id)]}>
            <Body e={e} />
          </SourcesProvider>
        );
      }}
    </Async>
  );
}
