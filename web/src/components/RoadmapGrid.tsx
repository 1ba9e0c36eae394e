import { Link } from '../router';
import { t } from '../i18n';
import { ExportButtons } from './DataTable';
import { SourceLink } from './Source';
import { pageOf } from './routes';
import type { Column } from '../export';

export interface GridStep {
  year: number;
  quarter?: number | null;
  code: string;
  budgetDependent: boolean;
  text?: string | null;
}

export interface GridRow {
  id: string;
  name: string;
  groupId?: string | null;
  fragmentary?: boolean;
  steps: GridStep[];
}

export interface Quarter {
  year: number;
  quarter: number;
}

/** quartersOf lists every quarter from the first to the last year the steps mention. */
export function quartersOf(rows: GridRow[]): Quarter[] {
  const years = rows.flatMap((r) => r.steps.map((s) => s.year));
  if (!years.length) return [];
  const out: Quarter[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) for (let q = 1; q <= 4; q++) out.push({ year: y, quarter: q });
  return out;
}

/** cellText is what a quarter shows: the step codes (R, F, D), "*" when budget-dependent. */
export function cellText(steps: GridStep[], q: Quarter): string {
  return steps
    .filter((s) => s.year === q.year && (s.quarter ?? 0) === q.quarter)
    .map((s) => s.code + (s.budgetDependent ? '*' : ''))
    .join(' ');
}

/** RoadmapGrid: one row per roadmap item, one column per quarter, R/F/D with "*" for budget-dependent steps. */
export function RoadmapGrid({ title, rows }: { title: string; rows: GridRow[] }) {
  const quarters = quartersOf(rows);
  const columns: Column<GridRow>[] = [
    { header: t('col.name'), value: (r) => r.name },
    ...quarters.map((q) => ({ header: `${q.year} Q${q.quarter}`, value: (r: GridRow) => cellText(r.steps, q) })),
  ];
  return (
    <div className="table-block">
      <div className="table-head">
        <h3>{title}</h3>
        <ExportButtons title={title} columns={columns} rows={rows} />
      </div>
      <p className="muted small">{t('sphere.roadmapLegend')}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('col.name')}</th>
              {quarters.map((q) => (
                <th key={`${q.year}-${q.quarter}`} scope="col" className="q">
                  {q.quarter === 1 ? <strong>{q.year}</strong> : null} Q{q.quarter}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.groupId ? <Link to={pageOf('ProcessGroup', r.groupId)!}>{r.name}</Link> : r.name} <SourceLink id={r.id} />
                </th>
                {quarters.map((q) => {
                  const text = cellText(r.steps, q);
                  const steps = r.steps.filter((s) => s.year === q.year && (s.quarter ?? 0) === q.quarter);
                  return (
                    <td key={`${q.year}-${q.quarter}`} className={text ? `step step-${steps[0].code.toLowerCase()}` : 'q'} title={steps.map((s) => s.text).filter(Boolean).join('\n') || undefined}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
