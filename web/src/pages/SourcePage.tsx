import { useEffect, useMemo } from 'react';
import { SourceMapDocument } from '../../../frontend-schema/generated/graphql';
import { useQuery, useText } from '../api/client';
import { useLocation } from '../router';
import { fmt, t } from '../i18n';
import { Async } from '../components/Async';
import { Breadcrumb } from '../components/Breadcrumb';

/** lineOf reads the line number of a "#L123" anchor (0 when there is none). */
export function lineOf(hash: string): number {
  const m = /^#L(\d+)$/.exec(hash);
  return m ? Number(m[1]) : 0;
}

/** SourcePage: the imported text of a map with numbered lines; #L123 scrolls to and marks line 123. */
export function SourcePage({ id }: { id: string }) {
  const { hash } = useLocation();
  const meta = useQuery(SourceMapDocument, { map: id });
  const text = useText(`/maps/${encodeURIComponent(id)}/source`);
  const lines = useMemo(() => (text.data ? text.data.replace(/\n$/, '').split('\n') : []), [text.data]);
  const target = lineOf(hash || window.location.hash);
  useEffect(() => {
    if (!lines.length || !target) return;
    const el = document.getElementById(`L${target}`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus({ preventScroll: true });
  }, [lines.length, target]);
  return (
    <article>
      <Async state={meta}>
        {(data) =>
          data.node?.__typename === 'TransformationMap' ? (
            <>
              <Breadcrumb crumbs={data.node.breadcrumb} />
              <h1>{t('source.title')}</h1>
              <p>
                <strong>{data.node.sourceDocument}</strong> — {data.node.title}{' '}
                {lines.length > 0 && <span className="muted">({t('source.lines', { n: fmt(lines.length) })})</span>}
              </p>
            </>
          ) : (
            <p>{t('common.notFound')}</p>
          )
        }
      </Async>
      <Async state={text}>
        {() =>
          lines.length === 0 ? (
            <p className="warn">{t('source.missing')}</p>
          ) : (
            <div className="source" role="region" aria-label={t('source.title')}>
              {lines.map((l, i) => (
                <div key={i} id={`L${i + 1}`} className={i + 1 === target ? 'line target' : 'line'} tabIndex={i + 1 === target ? -1 : undefined}>
                  <a href={`#L${i + 1}`} className="ln" aria-label={t('common.source', { line: i + 1 })}>
                    {i + 1}
                  </a>
                  <span className="lt">{l || ' '}</span>
                </div>
              ))}
            </div>
          )
        }
      </Async>
    </article>
  );
}
