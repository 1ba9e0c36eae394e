import { statusName } from '../i18n';

export interface BarPart {
  status: string;
  count: number;
}

/** StackedBar draws counts by status as one bar with a text legend (values readable without colour). */
export function StackedBar({ label, parts }: { label: string; parts: BarPart[] }) {
  const total = parts.reduce((s, p) => s + p.count, 0);
  const text = parts.map((p) => `${statusName(p.status)}: ${p.count}`).join(', ');
  return (
    <div className="bar-row">
      <span className="bar-label">{label}</span>
      <span className="bar" role="img" aria-label={`${label}: ${text}`}>
        {parts
          .filter((p) => p.count > 0)
          .map((p) => (
            <span key={p.status} className={`seg seg-${p.status.toLowerCase()}`} style={{ flexGrow: p.count }} title={`${statusName(p.status)}: ${p.count}`}>
              {p.count}
            </span>
          ))}
        {total === 0 && <span className="muted">0</span>}
      </span>
      <span className="bar-legend small">{text}</span>
    </div>
  );
}
