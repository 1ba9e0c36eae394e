import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { DataTable } from './DataTable';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** captureDownloads records the files the export helper hands to the browser. */
function captureDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  URL.createObjectURL = vi.fn((b: Blob) => {
    const url = `blob:test/${n++}`;
    blobs.set(url, b);
    return url;
  }) as typeof URL.createObjectURL;
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    files.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return files;
}

/** bytes reads a Blob through FileReader (jsdom's Blob has no arrayBuffer()). */
function bytes(b: Blob): Promise<Uint8Array> {
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onload = () => ok(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => fail(r.error);
    r.readAsArrayBuffer(b);
  });
}

const rows = [
  { id: '1', name: 'Спортсмен', n: 10 },
  { id: '2', name: 'Тренер, судья', n: 4 },
];

describe('DataTable', () => {
  it('shows the rows and exports exactly them as CSV (BOM) and JSON', async () => {
    const files = captureDownloads();
    render(
      <DataTable
        title="Сущности сферы"
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Наименование', value: (r) => r.name, render: (r) => <a href={`/entity/${r.id}`}>{r.name}</a> },
          { header: 'Атрибуты', value: (r) => r.n, numeric: true },
        ]}
      />,
    );
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('link', { name: 'Спортсмен' }).getAttribute('href')).toBe('/entity/1');
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'JSON' }));
    expect(files.map((f) => f.name)).toEqual(['сущности-сферы.csv', 'сущности-сферы.json']);
    const csv = await bytes(files[0].blob);
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csv.slice(3))).toBe('Наименование,Атрибуты\r\nСпортсмен,10\r\n"Тренер, судья",4\r\n');
    expect(JSON.parse(new TextDecoder().decode(await bytes(files[1].blob)))).toEqual([
      { Наименование: 'Спортсмен', Атрибуты: 10 },
      { Наименование: 'Тренер, судья', Атрибуты: 4 },
    ]);
  });
  it('says when there is nothing to show and disables the export', () => {
    render(<DataTable title="Пусто" rows={[] as typeof rows} rowKey={(r) => r.id} columns={[{ header: 'A', value: (r) => r.name }]} empty="ничего" />);
    expect(screen.getByText('ничего')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
