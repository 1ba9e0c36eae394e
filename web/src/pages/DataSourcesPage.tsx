import { useEffect, useState } from 'react';
import { DataSourcesDocument, type DataSourcesQuery } from '../../../frontend-schema/generated/graphql';
import { usePages, type Pages } from '../api/pages';
import { ShowMore } from '../components/ShowMore';
import { Link, navigate, useLocation, withParams } from '../router';
import { t, type MessageKey } from '../i18n';
import { Async } from '../components/Async';
import { DataTable } from '../components/DataTable';
import { lineColumn } from '../components/columns';
import { IntegrationTable, type IntegrationRow } from '../components/IntegrationTable';
import { SourcesProvider, useSourcesMap } from '../components/Source';
import { pageOf } from '../components/routes';

type Group = DataSourcesQuery['dataSourcePage']['nodes'][number];
type Match = Group['matches'][number] & { holder: string; holderId: string };
type SystemRow = Group['systems'][number] & { holder: string };

const kindName: Record<string, MessageKey> = { ENTITY: 'type.Entity', ATTRIBUTE: 'type.Attribute', DATA_NAME: 'sources.dataName' };

const sum = (groups: Group[], n: (g: Group) => number) => groups.reduce((s, g) => s + n(g), 0);

function Results({ pages }: { pages: Pages<Group> }) {
  const groups = pages.nodes;
  const src = useSourcesMap();
  const matches: Match[] = groups.flatMap((g) => g.matches.map((m) => ({ ...m, holder: g.body.short || g.body.name, holderId: g.body.id })));
  const systems: SystemRow[] = groups.flatMap((g) => g.systems.map((s) => ({ ...s, holder: g.body.short || g.body.name })));
  const flows: IntegrationRow[] = groups.flatMap((g) =>
    g.integrations.map((i) => ({
      id: i.id,
      provider: i.provider.bodyText ?? '',
      providerSystem: i.provider.systemText ?? '',
      consumer: i.consumer.body?.short ?? i.consumer.bodyText ?? '',
      consumerSystem: i.consumer.systemText ?? '',
      data: i.dataNames.join('; '),
      domain: i.domain,
      deadline: i.deadlineText || (i.deadline?.slice(0, 10) ?? ''),
      status: i.status,
    })),
  );
  if (!groups.length) return <p>{t('sources.empty')}</p>;
  return (
    <>
      <ShowMore pages={pages} />
      <DataTable
        title={t('sources.matches')}
        rows={matches}
        total={sum(groups, (g) => g.matchCount)}
        rowKey={(m, i) => m.id + i}
        columns={[
          { header: t('col.holder'), value: (m) => m.holder, render: (m) => <Link to={pageOf('Ministry', m.holderId)!}>{m.holder}</Link> },
          { header: t('col.type'), value: (m) => (kindName[m.kind] ? t(kindName[m.kind]) : m.kind) },
          {
            header: t('col.name'),
            value: (m) => m.text,
            render: (m) => (m.entity ? <Link to={pageOf('Entity', m.entity.id)!}>{m.text}</Link> : m.text),
          },
          { header: t('type.Entity'), value: (m) => m.entity?.name ?? '' },
          { header: t('col.sphere'), value: (m) => m.sphere?.name ?? '' },
          { header: t('col.score'), value: (m) => Number(m.score.toFixed(2)), numeric: true },
          { header: t('col.evidence'), value: (m) => m.why },
          lineColumn(src),
        ]}
      />
      <DataTable
        title={t('sources.systems')}
        rows={systems}
        total={sum(groups, (g) => g.systemCount)}
        rowKey={(s, i) => s.system.id + i}
        columns={[
          { header: t('col.holder'), value: (s) => s.holder },
          { header: t('col.name'), value: (s) => s.system.name, render: (s) => <Link to={pageOf('InformationSystem', s.system.id)!}>{s.system.name}</Link> },
          { header: t('system.owner'), value: (s) => s.owner?.short ?? '' },
          { header: t('sphere.entities'), value: (s) => s.entities.map((e) => e.name).join('; ') },
          { header: t('col.groups'), value: (s) => s.processGroups.map((g) => `${g.ministry?.short ?? ''} ${g.code}. ${g.name}`).join('; ') },
          { header: t('graph.edges'), value: (s) => s.integrationIds.length, numeric: true },
          { header: t('col.evidence'), value: (s) => s.why.join('; ') },
        ]}
      />
      <IntegrationTable title={t('sources.integrations')} rows={flows} total={sum(groups, (g) => g.integrationCount)} />
    </>
  );
}

/** DataSourcesPage: "Who holds this data?" — a free-text need → bodies, entities, attributes, systems, integrations, evidence. */
export function DataSourcesPage() {
  const { params } = useLocation();
  const need = params.get('need') ?? '';
  const [text, setText] = useState(need);
  useEffect(() => setText(need), [need]);
  const state = usePages(DataSourcesDocument, { need, first: 20 }, (d) => d.dataSourcePage, !need.trim());
  const ids = (state.data?.nodes ?? []).flatMap((g) => [...g.matches.map((m) => m.id), ...g.integrations.map((i) => i.id)]);
  return (
    <section>
      <h1>{t('sources.title')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          navigate(withParams('/sources', { need: text.trim() }));
        }}
      >
        <label htmlFor="need-box">{t('sources.label')}</label>
        <div className="search-row">
          <input id="need-box" type="search" value={text} placeholder={t('sources.placeholder')} onChange={(e) => setText(e.target.value)} />
          <button type="submit">{t('sources.submit')}</button>
        </div>
      </form>
      {need.trim() && (
        <Async state={state}>
          {(data) => (
            <SourcesProvider ids={ids}>
              <Results pages={data} />
            </SourcesProvider>
          )}
        </Async>
      )}
    </section>
  );
}
