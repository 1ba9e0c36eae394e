import { Link } from '../router';
import { t } from '../i18n';
import { DataTable } from './DataTable';
import { lineColumn } from './columns';
import { useSourcesMap } from './Source';
import { Status } from './Status';
import { pageOf } from './routes';

/** IntegrationRow is one integration as every table of the explorer shows it. */
export interface IntegrationRow {
  id: string;
  provider: string;
  providerSystem: string;
  providerSystemId?: string | null;
  consumer: string;
  consumerSystem: string;
  consumerSystemId?: string | null;
  data: string;
  domain?: string | null;
  deadline: string;
  status?: string | null;
  mapId?: string | null;
  map?: string | null;
}

const sys = (name: string, id?: string | null) => (id ? <Link to={pageOf('InformationSystem', id)!}>{name}</Link> : name);

/** IntegrationTable: provider → consumer, data, deadline, status and the source line of each integration. */
export function IntegrationTable({ title, rows, empty, total }: { title: string; rows: IntegrationRow[]; empty?: string; total?: number }) {
  const src = useSourcesMap();
  return (
    <DataTable
      title={title}
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      total={total}
      columns={[
        { header: t('col.provider'), value: (r) => r.provider },
        { header: t('col.providerSystem'), value: (r) => r.providerSystem, render: (r) => sys(r.providerSystem, r.providerSystemId) },
        { header: t('col.consumer'), value: (r) => r.consumer },
        { header: t('col.consumerSystem'), value: (r) => r.consumerSystem, render: (r) => sys(r.consumerSystem, r.consumerSystemId) },
        { header: t('col.data'), value: (r) => r.data },
        { header: t('col.domain'), value: (r) => r.domain ?? '' },
        { header: t('col.deadline'), value: (r) => r.deadline },
        { header: t('col.status'), value: (r) => r.status ?? '', render: (r) => <Status value={r.status} /> },
        { header: t('col.map'), value: (r) => r.map ?? '' },
        lineColumn(src),
      ]}
    />
  );
}
