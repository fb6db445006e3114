import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
  raw?: Buffer;
}

/** A CSV export's rows keyed by its header, after checking it came as CSV. */
export function csvRecords(reply: Reply): Array<Record<string, string>> {
  if (reply.status !== 200 || !String(reply.headers['content-type']).startsWith('text/csv'))
    throw new Error(`not a CSV export: ${reply.status} ${String(reply.headers['content-type'])} ${JSON.stringify(reply.body)}`);
  return parse(reply.raw ?? String(reply.body), { columns: true }) as Array<Record<string, string>>;
}

/** Each sheet of an Excel export, opened with the library: its rows keyed by the header row. */
export async function workbookSheets(reply: Reply): Promise<Map<string, Array<Record<string, unknown>>>> {
  if (reply.status !== 200) throw new Error(`not a workbook: ${reply.status} ${JSON.stringify(reply.body)}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(reply.raw! as unknown as ArrayBuffer);
  const sheets = new Map<string, Array<Record<string, unknown>>>();
  book.eachSheet((sheet) => {
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Array<Record<string, unknown>> = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}
