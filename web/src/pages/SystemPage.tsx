import { InformationSystemPageDocument, type SystemIntegrationFragment } from '../../../frontend-schema/generated/graphql';
import { useQuery } from '../api/client';
import { Link } from '../router';
import { t } from '../i18n';
import { Async } from '../components/Async';
import { Breadcrumb } from '../components/Breadcrumb';
import { DataTable } from '../components/DataTable';
import { IntegrationTable, type IntegrationRow } from '../components/IntegrationTable';
import { SourcesProvider } from '../components/Source';
import { Status } from '../components/Status';
import { graphHref, pageOf } from '../components/routes';
import { edges } from './edges';

const short = (b?: { name: string; shortName?: string | null } | null) => (b ? b.shortName || b.name : '');

/** integrationRow turns an Integration of the API into a table row. */
export function integrationRow(i: SystemIntegrationFragment): IntegrationRow {
  return {
    id: i.id,
    provider: short(i.providerBody) || (i.providerBodyText ?? ''),
    providerSystem: i.providerSystem?.name ?? i.providerSystemText ?? '',
    providerSystemId: i.providerSystem?.id,
    consumer: short(i.consumerBody) || (i.consumerBodyText ?? ''),
    consumerSystem: i.consumerSystem?.name ?? i.consumerSystemText ?? '',
    consumerSystemId: i.consumerSystem?.id,
    data: i.dataNames?.length ? i.dataNames.join('; ') : (i.dataText ?? ''),
    domain: i.domain,
    deadline: i.deadlineText || (i.deadline?.slice(0, 10) ?? ''),
    status: i.status,
    mapId: i.map.id,
    map: i.map.title,
  };
}

/** SystemPage: owner, aliases, the process groups it automates across ministries, its integrations both ways. */
export function SystemPage({ id }: { id: string }) {
  const state = useQuery(InformationSystemPageDocument, { system: id });
  return (
    <Async state={state}>
      {(data) => {
        if (data.node?.__typename !== 'InformationSystem') return <p>{t('common.notFound')}</p>;
        const s = data.node;
        const consumed = edges(s.consumedIntegrations).map(integrationRow);
        const provided = edges(s.providedIntegrations).map(integrationRow);
        const groups = edges(s.processGroups);
        return (
          <SourcesProvider ids={[...consumed, ...provided].map((r) => r.id).concat(groups.map((g) => g.id))}>
            <article>
              <Breadcrumb crumbs={s.breadcrumb} />
              <h1>{s.name}</h1>
              <dl className="facts">
                <div>
                  <dt>{t('system.owner')}</dt>
                  <dd>{s.owner ? <Link to={pageOf('Ministry', s.owner.id)!}>{s.owner.name}</Link> : '—'}</dd>
                </div>
                <div>
                  <dt>{t('system.aliases')}</dt>
                  <dd>{s.aliases?.length ? s.aliases.join(' · ') : '—'}</dd>
                </div>
              </dl>
              <p>
                <Link to={graphHref(s.name)} className="button">
                  {t('system.graph')}
                </Link>
              </p>
              <DataTable
                title={t('system.groups')}
                rows={groups}
                rowKey={(g) => g.id}
                columns={[
                  { header: t('col.ministry'), value: (g) => short(g.sphere.ministry) },
                  { header: t('col.sphere'), value: (g) => g.sphere.name, render: (g) => <Link to={pageOf('Sphere', g.sphere.id)!}>{g.sphere.name}</Link> },
                  { header: t('col.code'), value: (g) => g.code },
                  { header: t('col.name'), value: (g) => g.name, render: (g) => <Link to={pageOf('ProcessGroup', g.id)!}>{g.name}</Link> },
                  { header: t('group.automation'), value: (g) => g.automation, render: (g) => <Status value={g.automation} /> },
                ]}
              />
              <IntegrationTable title={t('system.incoming')} rows={consumed} />
              <IntegrationTable title={t('system.outgoing')} rows={provided} />
              {(edges(s.needs).length > 0 || edges(s.icebreakers).length > 0) && (
                <section>
                  <h2>{t('system.needs')}</h2>
                  <ul>
                    {edges(s.needs).map((n) => (
                      <li key={n.id}>
                        {n.number}. {n.text}
                      </li>
                    ))}
                    {edges(s.icebreakers).map((n) => (
                      <li key={n.id}>«{n.name}»</li>
                    ))}
                  </ul>
                </section>
              )}
            </article>
          </SourcesProvider>
        );
      }}
    </Async>
  );
}
