import { Inject, Injectable } from '@nestjs/common';
import { instantFromText } from '@ooh/calendar';
import { unprocessable, type BlobStore, type ErrorDetail, type EvidenceRef } from '@ooh/eventing';
import { BLOB_STORE, PLATFORM_CONFIG, type PlatformConfig } from '@ooh/http-kit';
import { csvRows, readCsv, requireColumns } from '../shared/csv-file';
import { MAX_PROOFS_PER_BATCH, PROOF_OUTCOMES, PROOF_SOURCES, type ProofInput, type ProofOutcome, type ProofSource } from '@ooh/buying-domain';

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
    return this.fromRecords(await readCsv(this.blobs, file, MAX_PROOFS_PER_BATCH));
  }

  parse(text: string): ProofInput[] {
    return this.fromRecords(csvRows(text, MAX_PROOFS_PER_BATCH));
  }

  private fromRecords(records: Array<Record<string, string>>): ProofInput[] {
    requireColumns(records, ['unit_id', 'outcome']);
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
      throw unprocessable('FILE_INVALID', `${problems.length} problem(s) in the proof file; nothing was recorded`, problems.slice(0, 100));
    return rows;
  }
}
