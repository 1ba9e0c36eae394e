import { describe, expect, it } from 'vitest';
import { operations, parseOperation } from './operations';

describe('GraphiQL operation list', () => {
  it('reads the name and the first comment paragraph of an operation', () => {
    const op = parseOperation('x.graphql', '# Screen: a page\n# more words.\n#\n# Variables: none\nquery Xyz { a }\n', '{}');
    expect(op).toMatchObject({ name: 'Xyz', summary: 'Screen: a page more words.', variables: '{}' });
  });
  it('bundles every operation of frontend-schema/operations with its variables', () => {
    const names = operations.map((o) => o.name);
    expect(names).toContain('Search');
    expect(names).toContain('IntegrationMatrix');
    expect(operations.find((o) => o.name === 'Search')!.variables).toContain('спортсмены');
    expect(operations.every((o) => o.text.includes(`query ${o.name}`))).toBe(true);
  });
});
