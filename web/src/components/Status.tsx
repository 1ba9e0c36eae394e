import { statusName } from '../i18n';

/** Status is an enum value as a labelled badge (colour plus text, never colour alone). */
export function Status({ value, text }: { value: string | null | undefined; text?: string | null }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className={`badge badge-${value.toLowerCase()}`} title={text ?? undefined}>
      {statusName(value)}
    </span>
  );
}
