// Provenance: every fact links to the line of the source map it was read from.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { NodeSourcesDocument } from '../../../frontend-schema/generated/graphql';
import { request } from '../api/client';
import { Link } from '../router';
import { t } from '../i18n';
import { sourceHref } from './routes';

export interface Provenance {
  line: number;
  mapId: string;
  mapTitle: string;
}

type Sources = Map<string, Provenance>;

const SourcesContext = createContext<Sources>(new Map());

const PAGE = 100;

/** fetchSources asks NodeSources for the ids (in pages of 100) and keeps those with a map and a line. */
export async function fetchSources(ids: string[], signal?: AbortSignal): Promise<Sources> {
  const out: Sources = new Map();
  for (let i = 0; i < ids.length; i += PAGE) {
    const data = await request(NodeSourcesDocument, { ids: ids.slice(i, i + PAGE) }, signal);
    for (const n of data.nodes) {
      if (!n || !('sourceLine' in n) || !n.sourceLine) continue;
      const map = n.breadcrumb.find((c) => c.type === 'TransformationMap');
      if (map) out.set(n.id, { line: n.sourceLine, mapId: map.id, mapTitle: map.name });
    }
  }
  return out;
}

/** SourcesProvider loads the provenance of the given facts for the SourceLinks below it. */
export function SourcesProvider({ ids, children }: { ids: string[]; children: ReactNode }) {
  const key = useMemo(() => [...new Set(ids)].sort().join(','), [ids]);
  const [sources, setSources] = useState<Sources>(new Map());
  useEffect(() => {
    if (!key) return;
    const ctl = new AbortController();
    fetchSources(key.split(','), ctl.signal).then(setSources, () => {
      /* provenance is an extra: the page works without it */
    });
    return () => ctl.abort();
  }, [key]);
  return <SourcesContext.Provider value={sources}>{children}</SourcesContext.Provider>;
}

export function useProvenance(id: string | null | undefined): Provenance | undefined {
  const sources = useContext(SourcesContext);
  return id ? sources.get(id) : undefined;
}

/** SourceLink shows "map · line N" linking to that line of the source text. */
export function SourceLink({ id, mapId, line }: { id?: string | null; mapId?: string; line?: number | null }) {
  const p = useProvenance(id);
  const m = mapId ?? p?.mapId;
  const l = line ?? p?.line;
  if (!m || !l) return null;
  return (
    <Link className="src" to={sourceHref(m, l)} title={t('common.sourceTitle', { line: l }) + (p ? ` — ${p.mapTitle}` : '')}>
      {t('common.source', { line: l })}
    </Link>
  );
}

/** provenanceText is the exported form of a fact's provenance: "map title, line N". */
export function provenanceText(p: Provenance | undefined): string {
  return p ? `${p.mapTitle}, ${p.line}` : '';
}

export function useSourcesMap(): Sources {
  return useContext(SourcesContext);
}
