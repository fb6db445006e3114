import type { CaptureFacts } from './ports/blob-store';

/** Evidence (photo, signed document) attached to a fact: a blob-store reference plus its hash. */
export interface EvidenceRef {
  blobId: string;
  sha256: string;
  contentType: string;
  caption?: string;
  /** When it was uploaded, and when and where it was taken (EXIF), recorded with the fact. */
  storedAt?: string;
  captured?: CaptureFacts;
}

const SHA256 = /^[a-f0-9]{64}$/;

export const isEvidenceRef = (value: unknown): value is EvidenceRef => {
  const v = value as Partial<EvidenceRef> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.blobId === 'string' &&
    typeof v.sha256 === 'string' &&
    SHA256.test(v.sha256) &&
    typeof v.contentType === 'string'
  );
};

/** Every piece of evidence an event's data references, wherever it sits (photos, receipts, creative files, nested lines), once each. */
export function evidenceIn(data: unknown): EvidenceRef[] {
  const found = new Map<string, EvidenceRef>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (isEvidenceRef(value)) {
      if (!found.has(value.blobId)) found.set(value.blobId, value);
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child, depth + 1);
  };
  visit(data, 0);
  return [...found.values()];
}
