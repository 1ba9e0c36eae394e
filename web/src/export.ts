// The one export helper: every table of the explorer downloads the rows it
// shows (same filters) as CSV — UTF-8 with a byte order mark so that Excel
// reads Cyrillic right, ";"-free RFC 4180 quoting with "," — or as JSON.

export interface Column<Row> {
  /** header shown on screen and written as the CSV header */
  header: string;
  /** the plain value exported for a row (and shown when no render is given) */
  value: (row: Row) => string | number | boolean | null | undefined;
}

const BOM = '\ufeff';

function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote when needed; guard against formula injection in spreadsheets.
  const safe = /^[=+@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** toCSV renders rows as CSV text with a BOM and CRLF line ends. */
export function toCSV<Row>(columns: Column<Row>[], rows: Row[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

/** toJSON renders rows as a JSON array of objects keyed by the column headers. */
export function toJSON<Row>(columns: Column<Row>[], rows: Row[]): string {
  const out = rows.map((r) => Object.fromEntries(columns.map((c) => [c.header, c.value(r) ?? null])));
  return JSON.stringify(out, null, 2) + '\n';
}

/** fileName makes a safe file name from a table title. */
export function fileName(title: string, ext: string): string {
  const base = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'karta'}.${ext}`;
}

/** download saves text as a file through a temporary object URL. */
export function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportCSV<Row>(title: string, columns: Column<Row>[], rows: Row[]) {
  download(fileName(title, 'csv'), toCSV(columns, rows), 'text/csv;charset=utf-8');
}

export function exportJSON<Row>(title: string, columns: Column<Row>[], rows: Row[]) {
  download(fileName(title, 'json'), toJSON(columns, rows), 'application/json;charset=utf-8');
}
