import { describe, expect, it } from 'vitest';
import { hrefOf, sourceHref } from './routes';

const crumbs = [
  { id: '1', type: 'Ministry', name: 'МТС' },
  { id: '2', type: 'TransformationMap', name: 'Карта' },
  { id: '3', type: 'Sphere', name: 'Спорт' },
  { id: '4', type: 'Entity', name: 'Спортсмен' },
  { id: '5', type: 'Attribute', name: 'Разряд' },
];

describe('hrefOf', () => {
  it('links a node to its own page', () => {
    expect(hrefOf('Entity', '4', crumbs.slice(0, 4))).toBe('/entity/4');
    expect(hrefOf('InformationSystem', '9')).toBe('/system/9');
  });
  it('links a node without a page to its nearest ancestor with one', () => {
    expect(hrefOf('Attribute', '5', crumbs)).toBe('/entity/4');
    expect(hrefOf('KPI', '7', [...crumbs.slice(0, 2), { id: '7', type: 'KPI', name: 'k' }])).toBe('/ministry/1?map=2');
  });
  it('links a map to its ministry page on that map', () => {
    expect(hrefOf('TransformationMap', '2', crumbs.slice(0, 2))).toBe('/ministry/1?map=2');
  });
  it('builds source links with a line anchor', () => {
    expect(sourceHref('2', 123)).toBe('/source/2#L123');
    expect(sourceHref('2')).toBe('/source/2');
  });
});
