// Where each node type has its page, and how a crumb or a reference links to it.
import { withParams } from '../router';

export interface Crumb {
  id: string;
  type: string;
  name: string;
}

const pages: Record<string, string> = {
  Ministry: '/ministry/',
  Sphere: '/sphere/',
  Entity: '/entity/',
  ProcessGroup: '/group/',
  InformationSystem: '/system/',
};

/** pageOf is the URL of a node's own page, or null when its type has none. */
export function pageOf(type: string, id: string): string | null {
  const p = pages[type];
  return p ? p + encodeURIComponent(id) : null;
}

/**
 * hrefOf is where a node links: its own page, else the page of its nearest
 * ancestor in the breadcrumb that has one (a map opens its ministry's page
 * on that map; an attribute its entity; a KPI its sphere or ministry).
 */
export function hrefOf(type: string, id: string, crumbs: Crumb[] = []): string {
  const own = pageOf(type, id);
  if (own) return own;
  if (type === 'TransformationMap') {
    const m = [...crumbs].reverse().find((c) => c.type === 'Ministry');
    if (m) return withParams(pageOf('Ministry', m.id)!, { map: id });
  }
  for (let i = crumbs.length - 1; i >= 0; i--) {
    const c = crumbs[i];
    if (c.id === id) continue;
    const p = c.type === 'TransformationMap' ? hrefOf(c.type, c.id, crumbs.slice(0, i)) : pageOf(c.type, c.id);
    if (p) return p;
  }
  return '/';
}

export const sourceHref = (mapId: string, line?: number | null) =>
  `/source/${encodeURIComponent(mapId)}${line ? `#L${line}` : ''}`;
export const graphHref = (start: string) => withParams('/graph', { start });
