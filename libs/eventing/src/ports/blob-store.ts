import type { Readable } from 'node:stream';

/** A stored piece of evidence. The id is its sha256, so identical content is stored once. */
export interface BlobRef {
  id: string;
  sha256: string;
  size: number;
  contentType: string;
  filename?: string;
}

export interface BlobStore {
  put(content: Readable | Buffer, meta: { contentType: string; filename?: string; maxBytes?: number }): Promise<BlobRef>;
  head(id: string): Promise<BlobRef | undefined>;
  get(id: string): Promise<{ ref: BlobRef; content: Readable } | undefined>;
  /** Recomputes the hash of stored content: false if it was tampered with. */
  verify(id: string): Promise<boolean>;
}
