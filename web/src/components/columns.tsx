// Columns that several tables share: the source line of a row and a list of
// information systems.
import { Link } from '../router';
import { t } from '../i18n';
import type { TableColumn } from './DataTable';
import { SourceLink, provenanceText, type Provenance } from './Source';
import { pageOf } from './routes';
import { edges } from '../pages/edges';

/** lineColumn shows a row's provenance link; the export holds "map title, line". */
export function lineColumn(sources: Map<string, Provenance>): TableColumn<{ id: string }> {
  return { header: t('col.line'), value: (r) => provenanceText(sources.get(r.id)), render: (r) => <SourceLink id={r.id} /> };
}

type WithSystems = { informationSystems: Parameters<typeof edges<{ id: string; name: string }>>[0] };

/** systemsColumn lists a row's information systems as links to their pages. */
export function systemsColumn(): TableColumn<WithSystems> {
  const systems = (r: WithSystems) => edges(r.informationSystems);
  return {
    header: t('col.systems'),
    value: (r) =>
      systems(r)
        .map((x) => x.name)
        .join('; '),
    render: (r) =>
      systems(r).map((x, i) => (
        <span key={x.id}>
          {i > 0 && ', '}
          <Link to={pageOf('InformationSystem', x.id)!}>{x.name}</Link>
        </span>
      )),
  };
}
