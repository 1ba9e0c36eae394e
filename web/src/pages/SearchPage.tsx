import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { SearchDocument, type SearchQuery } from '../../../frontend-schema/generated/graphql';
import { useQuery } from '../api/client';
import { Link, navigate, useLocation, withParams } from '../router';
import { fieldName, fmt, t, typeName } from '../i18n';
import { Snippet } from '../components/Snippet';
import { hrefOf } from '../components/routes';
import { ExportButtons } from '../components/DataTable';
import type { Column } from '../export';

type Hit = SearchQuery['search']['hits'][number];

const plain = (html: string) => html.replace(/<\/?mark>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

const exportColumns: Column<Hit>[] = [
  { header: t('col.type'), value: (h) => typeName(h.type) },
  { header: t('col.name'), value: (h) => h.name },
  { header: t('col.snippet'), value: (h) => plain(h.snippet) },
  { header: t('col.path'), value: (h) => h.breadcrumb.map((c) => c.name).join(' › ') },
  { header: t('col.ministry'), value: (h) => h.ministryName ?? '' },
  { header: t('col.score'), value: (h) => Number(h.score.toFixed(3)) },
];

/** moveFocus moves between the result links with the arrow keys. */
function moveFocus(e: KeyboardEvent<HTMLElement>, from: 'box' | 'list') {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('a.hit-link'));
  if (!links.length) return;
  e.preventDefault();
  if (from === 'box') {
    if (e.key === 'ArrowDown') links[0].focus();
    return;
  }
  const i = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (e.key === 'ArrowDown') links[Math.min(i + 1, links.length - 1)].focus();
  else if (i <= 0) document.getElementById('search-box')?.focus();
  else links[i - 1].focus();
}

export function SearchPage() {
  const { params } = useLocation();
  const q = params.get('q') ?? '';
  const types = params.getAll('type');
  const ministries = params.getAll('ministry');
  const [text, setText] = useState(q);
  const [first, setFirst] = useState(20);
  const box = useRef<HTMLInputElement>(null);

  useEffect(() => setText(q), [q]);
  useEffect(() => box.current?.focus(), []);
  useEffect(() => setFirst(20), [q, types.join(), ministries.join()]);

  // Search while typing (the URL follows, so the page can be shared).
  useEffect(() => {
    if (text === q) return;
    const id = setTimeout(() => navigate(withParams('/search', { q: text.trim() ? text : null, type: types, ministry: ministries }), true), 300);
    return () => clearTimeout(id);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  const state = useQuery(
    SearchDocument,
    { query: q, types: types.length ? types : null, ministries: ministries.length ? ministries : null, first },
    !q.trim(),
  );
  const toggle = (key: 'type' | 'ministry', value: string) => {
    const cur = key === 'type' ? types : ministries;
    const next = cur.includes(value) ? cur.filter((x) => x !== value) : [...cur, value];
    navigate(withParams('/search', { q, type: key === 'type' ? next : types, ministry: key === 'ministry' ? next : ministries }));
  };

  const result = state.data?.search;
  const groups = new Map<string, Hit[]>();
  for (const h of result?.hits ?? []) groups.set(h.type, [...(groups.get(h.type) ?? []), h]);

  return (
    <section className="search-page">
      <h1>{t('search.title')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(withParams('/search', { q: text, type: types, ministry: ministries }));
        }}
      >
        <label htmlFor="search-box">{t('search.label')}</label>
        <div className="search-row">
          <input
            id="search-box"
            ref={box}
            type="search"
            value={text}
            autoComplete="off"
            placeholder={t('search.placeholder')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => moveFocus(e, 'box')}
          />
          <button type="submit">{t('search.submit')}</button>
        </div>
        <p className="muted small">{t('search.hint')}</p>
      </form>
      {state.error && (
        <p role="alert" className="error">
          {t('common.error', { message: state.error.message })}
        </p>
      )}
      {result && (
        <div className="search-layout">
          <aside aria-label={t('search.facets')} className="facets">
            <h2>{t('search.facets')}</h2>
            <fieldset>
              <legend>{t('search.facetTypes')}</legend>
              {result.facets.types.map((f) => (
                <label key={f.key} className="facet">
                  <input type="checkbox" checked={types.includes(f.key)} onChange={() => toggle('type', f.key)} />
                  {typeName(f.key)} <span className="muted">{fmt(f.count)}</span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('search.facetMinistries')}</legend>
              {result.facets.ministries.map((f) => (
                <label key={f.key} className="facet">
                  <input type="checkbox" checked={ministries.includes(f.key)} onChange={() => toggle('ministry', f.key)} />
                  <abbr title={f.name}>{f.shortName || f.name}</abbr> <span className="muted">{fmt(f.count)}</span>
                </label>
              ))}
            </fieldset>
            {(types.length > 0 || ministries.length > 0) && (
              <button type="button" onClick={() => navigate(withParams('/search', { q }))}>
                {t('search.reset')}
              </button>
            )}
          </aside>
          <div className="results" onKeyDown={(e) => moveFocus(e, 'list')}>
            <div className="table-head">
              <p role="status">
                {result.totalCount ? t('search.results', { n: fmt(result.totalCount) }) : t('search.empty', { q })}
              </p>
              <ExportButtons title={`${t('search.table')} ${q}`} columns={exportColumns} rows={result.hits} />
            </div>
            {[...groups].map(([type, hits]) => (
              <section key={type} aria-labelledby={`g-${type}`}>
                <h2 id={`g-${type}`}>
                  {typeName(type)} <span className="muted">{hits.length}</span>
                </h2>
                <ol className="hits">
                  {hits.map((h) => (
                    <li key={h.key}>
                      <Link className="hit-link" to={hrefOf(h.type, h.node?.id ?? h.breadcrumb[h.breadcrumb.length - 1]?.id ?? '', h.breadcrumb)}>
                        {h.name}
                      </Link>
                      <p className="snippet">
                        <Snippet html={h.snippet} /> <span className="muted small">{t('search.field', { field: fieldName(h.field) })}</span>
                      </p>
                      <p className="path small">{h.breadcrumb.slice(0, -1).map((c) => c.name).join(' › ')}</p>
                    </li>
                  ))}
                </ol>
              </section>
            ))}
            {result.hasNextPage && first < 100 && (
              <button type="button" onClick={() => setFirst(Math.min(first + 20, 100))}>
                {t('common.more')}
              </button>
            )}
          </div>
        </div>
      )}
      {state.loading && !result && <p className="muted">{t('common.loading')}</p>}
    </section>
  );
}
