import { Inject, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { instantFromText } from '@ooh/calendar';
import { unprocessable, type BlobStore, type ErrorDetail, type EvidenceRef } from '@ooh/eventing';
import { BLOB_STORE, PLATFORM_CONFIG, type PlatformConfig } from '@ooh/http-kit';
import { MAX_PROOFS_PER_BATCH, PROOF_OUTCOMES, PROOF_SOURCES, type ProofInput, type ProofOutcome, type ProofSource } from '@ooh/buying-domain';

/** The columns of a vendor's proof file, in any order (a header row names them; extra columns are ignored). */
export const PROOF_COLUMNS = ['unit_id', 'outcome', 'aired_at', 'aired_length_seconds', 'source', 'note'] as const;
/** At most this many bytes of a proof file are read (far above 5,000 rows). */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Reads a vendor's proof of airing from an uploaded CSV file: one row per unit. Every row is checked
 * before anything is recorded; the problems name the row and column (`rows[3].aired_at`).
 */
@Injectable()
export class ProofImport {
  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async rows(file: EvidenceRef): Promise<ProofInput[]> {
    if (file.contentType !== 'text/csv')
      throw unprocessable('PROOF_FILE_NOT_CSV', `The proof file is ${file.contentType}: upload it as text/csv`, [{ field: 'file', message: 'not text/csv' }]);
    const blob = await this.blobs.get(file.blobId);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of blob!.content) {
      size += (chunk as Buffer).length;
      if (size > MAX_BYTES)
        throw unprocessable('PROOF_FILE_TOO_LARGE', `A proof file has at most ${MAX_BYTES} bytes`, [{ field: 'file', message: 'too large' }]);
      chunks.push(chunk as Buffer);
    }
    return this.parse(Buffer.concat(chunks).toString('utf8'));
  }

  parse(text: string): ProofInput[] {
    let records: Array<Record<string, string>>;
    try {
      records = parse(text.replace(/^\uFEFF/, ''), {
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      });
    } catch (error) {
      throw unprocessable('PROOF_FILE_UNREADABLE', `The proof file is not CSV: ${(error as Error).message}`, [{ field: 'file', message: 'not CSV' }]);
    }
    if (records.length === 0) throw unprocessable('PROOF_FILE_EMPTY', 'The proof file has no rows', [{ field: 'file', message: 'no rows' }]);
    if (records.length > MAX_PROOFS_PER_BATCH)
      throw unprocessable('PROOF_FILE_TOO_LARGE', `A proof file has at most ${MAX_PROOFS_PER_BATCH} rows`, [{ field: 'file', message: 'too many rows' }]);
    const missing = ['unit_id', 'outcome'].filter((c) => !(c in records[0]));
    if (missing.length > 0)
      throw unprocessable(
        'PROOF_FILE_COLUMNS',
        `The proof file lacks the column(s) ${missing.join(', ')}`,
        missing.map((c) => ({ field: `file.${c}`, message: 'missing column' })),
      );
    const problems: ErrorDetail[] = [];
    const rows = records.map((r, n) => {
      const at = (column: string, message: string) => problems.push({ field: `rows[${n + 1}].${column}`, message });
      const outcome = (r.outcome ?? '').toLowerCase() as ProofOutcome;
      if (!PROOF_OUTCOMES.includes(outcome)) at('outcome', `one of ${PROOF_OUTCOMES.join(', ')}`);
      const source = ((r.source ?? '') || 'affidavit').toLowerCase() as ProofSource;
      if (!PROOF_SOURCES.includes(source)) at('source', `one of ${PROOF_SOURCES.join(', ')}`);
      const unitId = r.unit_id ?? '';
      if (unitId === '' || unitId.length > 64) at('unit_id', 'required, at most 64 characters');
      let airedAt: string | null = null;
      if (r.aired_at) {
        airedAt = instantFromText(r.aired_at, this.config.timeZone) ?? null;
        if (airedAt === null) at('aired_at', 'an instant: 2027-01-05 20:30 (operator time) or ISO 8601 with an offset');
      }
      let length: number | null = null;
      if (r.aired_length_seconds) {
        length = Number(r.aired_length_seconds);
        if (!Number.isInteger(length) || length < 1 || length > 3600) at('aired_length_seconds', 'whole seconds from 1 to 3600');
      }
      const note = r.note ?? '';
      if (note.length > 2000) at('note', 'at most 2000 characters');
      return { unitId, outcome, airedAt, airedLengthSeconds: length, source, evidence: [], note };
    });
    if (problems.length > 0)
      throw unprocessable('PROOF_FILE_INVALID', `${problems.length} problem(s) in the proof file; nothing was recorded`, problems.slice(0, 100));
    return rows;
  }
}
