import { parse } from 'csv-parse/sync';
import { unprocessable, type BlobStore, type EvidenceRef } from '@ooh/eventing';

/** At most this many bytes of an imported file are read (far above 5,000 rows). */
const MAX_BYTES = 2 * 1024 * 1024;

/** An uploaded CSV file's rows, keyed by its header's lower-case column names; problems name `file`. */
export async function readCsv(blobs: BlobStore, file: EvidenceRef, maxRows: number): Promise<Array<Record<string, string>>> {
  if (file.contentType !== 'text/csv')
    throw unprocessable('FILE_NOT_CSV', `The file is ${file.contentType}: upload it as text/csv`, [{ field: 'file', message: 'not text/csv' }]);
  const blob = await blobs.get(file.blobId);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of blob!.content) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw unprocessable('FILE_TOO_LARGE', `An imported file has at most ${MAX_BYTES} bytes`, [{ field: 'file', message: 'too large' }]);
    chunks.push(chunk as Buffer);
  }
  return csvRows(Buffer.concat(chunks).toString('utf8'), maxRows);
}

export function csvRows(text: string, maxRows: number): Array<Record<string, string>> {
  let records: Array<Record<string, string>>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw unprocessable('FILE_UNREADABLE', `The file is not CSV: ${(error as Error).message}`, [{ field: 'file', message: 'not CSV' }]);
  }
  if (records.length === 0) throw unprocessable('FILE_EMPTY', 'The file has no rows', [{ field: 'file', message: 'no rows' }]);
  if (records.length > maxRows)
    throw unprocessable('FILE_TOO_LARGE', `An imported file has at most ${maxRows} rows`, [{ field: 'file', message: 'too many rows' }]);
  return records;
}

/** Refuses a file without the columns it needs. */
export function requireColumns(records: Array<Record<string, string>>, columns: string[]): void {
  const missing = columns.filter((c) => !(c in records[0]));
  if (missing.length > 0)
    throw unprocessable(
      'FILE_COLUMNS',
      `The file lacks the column(s) ${missing.join(', ')}`,
      missing.map((c) => ({ field: `file.${c}`, message: 'missing column' })),
    );
}
