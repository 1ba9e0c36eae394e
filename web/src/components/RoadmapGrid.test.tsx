import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { RoadmapGrid, cellText, quartersOf } from './RoadmapGrid';

const rows = [
  {
    id: '1',
    name: 'Туризм',
    steps: [
      { year: 2025, quarter: 4, code: 'R', budgetDependent: false },
      { year: 2026, quarter: 2, code: 'F', budgetDependent: true },
      { year: 2026, quarter: 2, code: 'D', budgetDependent: false },
    ],
  },
];

describe('RoadmapGrid', () => {
  it('spans whole years of quarters and marks budget-dependent steps with *', () => {
    const qs = quartersOf(rows);
    expect(qs).toHaveLength(8);
    expect(qs[0]).toEqual({ year: 2025, quarter: 1 });
    expect(cellText(rows[0].steps, { year: 2026, quarter: 2 })).toBe('F* D');
    expect(cellText(rows[0].steps, { year: 2026, quarter: 1 })).toBe('');
  });
  it('renders one column per quarter with the codes in place', () => {
    render(<RoadmapGrid title="Дорожная карта" rows={rows} />);
    expect(screen.getAllByRole('columnheader')).toHaveLength(9);
    const cells = screen.getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['', '', '', 'R', '', 'F* D', '', '']);
    expect(screen.getByRole('button', { name: 'CSV' })).toBeTruthy();
  });
});
