import { describe, expect, it } from 'vitest';
import { fileName, toCSV, toJSON, type Column } from './export';

type Row = { name: string; n: number; note?: string | null };
const cols: Column<Row>[] = [
  { header: 'Наименование', value: (r) => r.name },
  { header: 'Количество', value: (r) => r.n },
  { header: 'Примечание', value: (r) => r.note },
];

describe('toCSV', () => {
  it('starts with a BOM, keeps Cyrillic, quotes commas, quotes and newlines, ends lines with CRLF', () => {
    const csv = toCSV(cols, [
      { name: 'Спортсмен', n: 17688 },
      { name: 'ГБД «Е-лицензирование», ИС', n: 1, note: 'строка 1\nстрока "2"' },
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Наименование,Количество,Примечание',
      'Спортсмен,17688,',
      '"ГБД «Е-лицензирование», ИС",1,"строка 1\nстрока ""2"""',
      '',
    ]);
  });
  it('neutralises text that a spreadsheet would run as a formula', () => {
    const csv = toCSV(cols, [{ name: '=HYPERLINK("x")', n: -5 }]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")",-5`);
  });
});

describe('toJSON', () => {
  it('keys every row by the column headers, null for missing values', () => {
    expect(JSON.parse(toJSON(cols, [{ name: 'Атрибут', n: 2 }]))).toEqual([{ Наименование: 'Атрибут', Количество: 2, Примечание: null }]);
  });
});

describe('fileName', () => {
  it('makes a readable file name from a Cyrillic title', () => {
    expect(fileName('Матрица интеграций: кто кому', 'csv')).toBe('матрица-интеграций-кто-кому.csv');
    expect(fileName('***', 'json')).toBe('karta.json');
  });
});
