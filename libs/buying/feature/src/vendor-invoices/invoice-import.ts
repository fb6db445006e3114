import { Inject, Injectable } from '@nestjs/common';
import { instantFromText, isCalendarDate } from '@ooh/calendar';
import { unprocessable, type BlobStore, type ErrorDetail, type EvidenceRef } from '@ooh/eventing';
import { BLOB_STORE, MAX_AMOUNT_FEN, PLATFORM_CONFIG, type PlatformConfig } from '@ooh/http-kit';
import { MAX_INVOICE_LINES, type InvoiceLineInput } from '@ooh/buying-domain';
import { csvRows, readCsv, requireColumns } from '../shared/csv-file';

const int = (text: string | undefined, min: number, max: number): number | null => {
  if (text === undefined || text === '') return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : NaN;
};

/** Reads a vendor invoice's lines from an uploaded CSV file; every row is checked before anything is recorded. */
@Injectable()
export class InvoiceImport {
  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async lines(file: EvidenceRef): Promise<InvoiceLineInput[]> {
    return this.fromRecords(await readCsv(this.blobs, file, MAX_INVOICE_LINES));
  }

  parse(text: string): InvoiceLineInput[] {
    return this.fromRecords(csvRows(text, MAX_INVOICE_LINES));
  }

  private fromRecords(records: Array<Record<string, string>>): InvoiceLineInput[] {
    requireColumns(records, ['date', 'rate_fen', 'amount_fen']);
    const problems: ErrorDetail[] = [];
    const lines = records.map((r, n): InvoiceLineInput => {
      const at = (column: string, message: string) => problems.push({ field: `rows[${n + 1}].${column}`, message });
      const lineNo = int(r.line_no, 1, 1_000_000) ?? n + 1;
      if (Number.isNaN(lineNo)) at('line_no', 'a whole number from 1');
      if (!isCalendarDate(r.date)) at('date', 'a calendar date YYYY-MM-DD');
      let airedAt: string | null = null;
      if (r.aired_at) {
        airedAt = instantFromText(r.aired_at, this.config.timeZone) ?? null;
        if (airedAt === null) at('aired_at', 'an instant: 2027-01-05 20:30 (operator time) or ISO 8601 with an offset');
      }
      const lengthSeconds = int(r.length_seconds, 1, 3600);
      if (Number.isNaN(lengthSeconds)) at('length_seconds', 'whole seconds from 1 to 3600');
      const rateFen = int(r.rate_fen, 0, MAX_AMOUNT_FEN);
      if (rateFen === null || Number.isNaN(rateFen)) at('rate_fen', 'whole fen');
      const quantity = int(r.quantity, 1, 100_000) ?? 1;
      if (Number.isNaN(quantity)) at('quantity', 'a whole number from 1');
      const amountFen = int(r.amount_fen, 0, MAX_AMOUNT_FEN);
      if (amountFen === null || Number.isNaN(amountFen)) at('amount_fen', 'whole fen');
      const unitId = r.unit_id ? r.unit_id : null;
      if (unitId !== null && unitId.length > 64) at('unit_id', 'at most 64 characters');
      return { lineNo, unitId, date: r.date, airedAt, lengthSeconds, rateFen: rateFen ?? 0, quantity, amountFen: amountFen ?? 0 };
    });
    if (problems.length > 0)
      throw unprocessable('FILE_INVALID', `${problems.length} problem(s) in the invoice file; nothing was recorded`, problems.slice(0, 100));
    return lines;
  }
}
