import type { ReactNode } from 'react';
import { exportCSV, exportJSON, type Column } from '../export';
import { t } from '../i18n';

export interface TableColumn<Row> extends Column<Row> {
  /** what the cell shows; the exported value when left out */
  render?: (row: Row) => ReactNode;
  /** right-align numbers */
  numeric?: boolean;
}

/** ExportButtons download rows as CSV and JSON through the one export helper. */
export function ExportButtons<Row>({ title, columns, rows }: { title: string; columns: Column<Row>[]; rows: Row[] }) {
  return (
    <span className="export" role="group" aria-label={t('export.label', { name: title })}>
      <button type="button" onClick={() => exportCSV(title, columns, rows)} disabled={!rows.length}>
        {t('export.csv')}
      </button>
      <button type="button" onClick={() => exportJSON(title, columns, rows)} disabled={!rows.length}>
        {t('export.json')}
      </button>
    </span>
  );
}

/** DataTable shows rows with a caption and CSV/JSON export of exactly these rows. */
export function DataTable<Row>({
  title,
  columns,
  rows,
  rowKey,
  empty,
  note,
  total,
  footer,
}: {
  title: string;
  columns: TableColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row, i: number) => string;
  empty?: string;
  note?: ReactNode;
  /** The size of the whole answer when rows are a page of it. */
  total?: number;
  /** Below the table (e.g. ShowMore). */
  footer?: ReactNode;
}) {
  return (
    <div className="table-block">
      <div className="table-head">
        <h3>{title}</h3>
        <span className="muted">{total !== undefined && total !== rows.length ? t('common.shownOf', { shown: rows.length, total }) : t('common.total', { n: total ?? rows.length })}</span>
        <ExportButtons title={title} columns={columns} rows={rows} />
      </div>
      {note}
      {rows.length === 0 ? (
        <p className="muted">{empty ?? t('common.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
          <table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={rowKey(r, i)}>
                  {columns.map((c) => (
                    <td key={c.header} className={c.numeric ? 'num' : undefined}>
                      {c.render ? c.render(r) : (c.value(r) ?? '')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {footer}
    </div>
  );
}
