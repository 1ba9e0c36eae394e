// The operations of frontend-schema/operations/, bundled at build time so
// that GraphiQL can list them offline.
const texts = import.meta.glob('../../../frontend-schema/operations/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const vars = import.meta.glob('../../../frontend-schema/operations/*.vars.json', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface Operation {
  file: string;
  name: string;
  summary: string;
  text: string;
  variables: string;
}

/** parseOperation reads the operation name and the first comment paragraph. */
export function parseOperation(file: string, text: string, variables: string): Operation {
  const name = /^(?:query|mutation|subscription)\s+(\w+)/m.exec(text)?.[1] ?? file;
  const summary = text
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => l.replace(/^#\s?/, ''))
    .join('\n')
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, ' ')
    .trim();
  return { file, name, summary, text, variables };
}

export const operations: Operation[] = Object.keys(texts)
  .sort()
  .map((path) => {
    const file = path.split('/').pop()!;
    const v = vars[path.replace(/\.graphql$/, '.vars.json')] ?? '';
    return parseOperation(file, texts[path], v);
  });
