import { useState } from 'react';
import { MinistryListDocument, type MinistryListQuery } from '../../../frontend-schema/generated/graphql';
import { useQuery } from '../api/client';
import { Link } from '../router';
import { t } from '../i18n';
import { Async } from '../components/Async';
import { DataTable } from '../components/DataTable';
import { pageOf, sourceHref } from '../components/routes';

type Row = NonNullable<NonNullable<MinistryListQuery['ministries']['edges']>[number]>['node'] & {};

/** HomePage: the bodies that own a transformation map — the start of browsing. */
export function HomePage() {
  const [filter, setFilter] = useState('');
  const state = useQuery(MinistryListDocument, {
    first: 100,
    where: filter.trim() ? { and: [{ hasMaps: true }, { allNamesContainsFold: filter.trim() }] } : { hasMaps: true },
  });
  return (
    <section>
      <h1>{t('browse.title')}</h1>
      <p>
        <Link to="/search">{t('nav.search')}</Link> · <Link to="/analytics">{t('nav.analytics')}</Link> ·{' '}
        <Link to="/graph">{t('nav.graph')}</Link>
      </p>
      <label htmlFor="ministry-filter">{t('browse.filter')}</label>{' '}
      <input id="ministry-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <Async state={state}>
        {(data) => {
          const rows = (data.ministries.edges ?? []).flatMap((e) => (e?.node ? [e.node as Row] : []));
          return (
            <DataTable
              title={t('browse.title')}
              rows={rows}
              rowKey={(r) => r.id}
              columns={[
                { header: t('col.name'), value: (r) => r.name, render: (r) => <Link to={pageOf('Ministry', r.id)!}>{r.name}</Link> },
                { header: t('col.code'), value: (r) => r.shortName },
                {
                  header: t('browse.maps'),
                  value: (r) => (r.maps.edges ?? []).map((e) => e?.node?.title).join('; '),
                  render: (r) =>
                    (r.maps.edges ?? []).map((e) =>
                      e?.node ? (
                        <div key={e.node.id}>
                          <Link to={`${pageOf('Ministry', r.id)}?map=${encodeURIComponent(e.node.id)}`}>{e.node.title}</Link>{' '}
                          <span className="muted small">{e.node.period}</span>{' '}
                          <Link className="src" to={sourceHref(e.node.id)}>
                            {t('ministry.source')}
                          </Link>
                        </div>
                      ) : null,
                    ),
                },
                { header: t('browse.spheres'), value: (r) => r.spheres.totalCount, numeric: true },
              ]}
            />
          );
        }}
      </Async>
    </section>
  );
}
