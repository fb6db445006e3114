import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';

/** One column of a report table: its CSV name, its heading in both languages, and whether it is money in fen. */
export interface Column<Row> {
  key: string;
  header: string;
  // A method, so that a table of any rows is a table of unknown rows.
  value(row: Row): string | number | boolean | null;
  money?: boolean;
  width?: number;
}

/** A report as a table: a sheet of a workbook, or a CSV file. */
export interface ReportTable<Row> {
  name: string;
  columns: Array<Column<Row>>;
  /** A list, or pages read one after another (a large export never holds every row). */
  rows: Iterable<Row> | AsyncIterable<Row>;
}

const YUAN = '#,##0.00';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const safeName = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');
/** A file name any header carries: what a query put in it (a brief id, a date) reduced to safe characters. */
const attachment = (filename: string) => `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`;

/** A table as CSV, streamed row by row: the header is the columns' keys, money stays in fen. */
export function tableCsv<Row>(table: ReportTable<Row>, filename: string): StreamableFile {
  const csv = stringify({ header: true, columns: table.columns.map((c) => c.key) });
  const rows = Readable.from(
    (async function* () {
      for await (const row of table.rows) yield Object.fromEntries(table.columns.map((c) => [c.key, c.value(row)]));
    })(),
  );
  rows.on('error', (e) => csv.destroy(e));
  rows.pipe(csv);
  return new StreamableFile(csv, { type: 'text/csv; charset=utf-8', disposition: attachment(filename) });
}

/** Tables as the sheets of one workbook, written as a stream (each row committed as it is added); money in yuan to the fen. */
export function tablesWorkbook(tables: Array<ReportTable<unknown>>, filename: string): StreamableFile {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = 'OOH agency platform';
  const write = async () => {
    for (const table of tables) {
      const sheet = workbook.addWorksheet(table.name.slice(0, 31));
      sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16, style: c.money ? { numFmt: YUAN } : {} }));
      for await (const row of table.rows) {
        const values = Object.fromEntries(
          table.columns.map((c) => {
            const v = c.value(row);
            return [c.key, c.money && typeof v === 'number' ? v / 100 : v];
          }),
        );
        sheet.addRow(values).commit();
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((e: Error) => out.destroy(e));
  return new StreamableFile(out, { type: XLSX_TYPE, disposition: attachment(filename) });
}

/** Documents an export route: CSV, streamed. */
export const CsvExport = (description: string) =>
  applyDecorators(
    ApiProduces('text/csv'),
    ApiOkResponse({ description: `${description} (CSV, money in fen)`, content: { 'text/csv': { schema: { type: 'string' } } } }),
  );

/** Documents an export route: an Excel workbook, streamed. */
export const XlsxExport = (description: string) =>
  applyDecorators(
    ApiProduces(XLSX_TYPE),
    ApiOkResponse({
      description: `${description} (Excel workbook, money in yuan to the fen)`,
      content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
    }),
  );

/** Every row of a paged read model query, page after page: for exports that must not hold them all. */
export async function* pagesOf<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>): AsyncIterable<T> {
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
