import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { pagesOf, tableCsv, tablesWorkbook, type ReportTable } from './table-export';

const read = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
};

interface Row {
  id: number;
  amountFen: number;
}
const table = (rows: Iterable<Row> | AsyncIterable<Row>): ReportTable<Row> => ({
  name: 'Rows 行',
  rows,
  columns: [
    { key: 'id', header: 'Id', value: (r) => r.id },
    { key: 'amount_fen', header: 'Amount 金额', money: true, value: (r) => r.amountFen },
  ],
});

describe('report tables as files', () => {
  it('reads a paged query page after page until the last, asking for each next page with the cursor it was given', async () => {
    const asked: Array<string | undefined> = [];
    const pages: Record<string, { items: Row[]; nextCursor?: string }> = {
      first: { items: [{ id: 1, amountFen: 100 }], nextCursor: 'c2' },
      c2: { items: [{ id: 2, amountFen: 250 }], nextCursor: 'c3' },
      c3: { items: [{ id: 3, amountFen: 1 }] },
    };
    const rows: Row[] = [];
    for await (const row of pagesOf((cursor) => (asked.push(cursor), Promise.resolve(pages[cursor ?? 'first'])))) rows.push(row);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'c2', 'c3']);
  });

  it('writes CSV with the columns’ keys and money in fen, and a workbook with their headings and money in yuan', async () => {
    const paged = () =>
      pagesOf((cursor) => Promise.resolve(cursor ? { items: [{ id: 2, amountFen: 250 }] } : { items: [{ id: 1, amountFen: 100 }], nextCursor: 'next' }));
    const csv = tableCsv(table(paged()), 'rows.csv');
    expect(csv.getHeaders()).toMatchObject({ type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="rows.csv"' });
    expect(parse(await read(csv.getStream()), { columns: true })).toEqual([
      { id: '1', amount_fen: '100' },
      { id: '2', amount_fen: '250' },
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await read(tablesWorkbook([table(paged())], 'rows.xlsx').getStream())) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Rows 行')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Id', 'Amount 金额']);
    expect([sheet.getRow(2).values, sheet.getRow(3).values]).toEqual([
      [undefined, 1, 1],
      [undefined, 2, 2.5],
    ]);
  });

  it('names the file with safe characters only, whatever the query put in it', () => {
    expect(tableCsv(table([]), 'spend-\u00c6"\n\u0097.csv').getHeaders().disposition).toBe('attachment; filename="spend-____.csv"');
    expect(tablesWorkbook([table([])], 'a b/c.xlsx').getHeaders().disposition).toBe('attachment; filename="a_b_c.xlsx"');
  });

  it('ends the file with an error when a page cannot be read, rather than a short file', async () => {
    const failing = pagesOf<Row>(() => Promise.reject(new Error('store down')));
    await expect(read(tableCsv(table(failing), 'rows.csv').getStream())).rejects.toThrow('store down');
  });
});
