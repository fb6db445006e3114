import type { Readable } from 'node:stream';

/** A stored piece of evidence. The id is its sha256, so identical content is stored once. */
export interface BlobRef {
  id: string;
  sha256: string;
  size: number;
  contentType: string;
  filename?: string;
  /** When the content was first uploaded, and by whom (a later upload of the same bytes changes neither). */
  storedAt?: string;
  storedBy?: string;
  /** When and where a photo was taken, as its own metadata (EXIF) says: kept beside the upload time. */
  captured?: CaptureFacts;
}

export interface CaptureFacts {
  /** The instant, when the file says when it was taken. */
  at?: string;
  /** False when the file gave a local time without its offset: read in the operator's time zone. */
  offsetRecorded?: boolean;
  latitude?: number;
  longitude?: number;
  altitudeMeters?: number;
}

export interface BlobPutMeta {
  contentType: string;
  filename?: string;
  maxBytes?: number;
  storedAt?: string;
  storedBy?: string;
  captured?: CaptureFacts;
}

export interface BlobStore {
  put(content: Readable | Buffer, meta: BlobPutMeta): Promise<BlobRef>;
  head(id: string): Promise<BlobRef | undefined>;
  get(id: string): Promise<{ ref: BlobRef; content: Readable } | undefined>;
  /** Recomputes the hash of stored content: false if it was tampered with. */
  verify(id: string): Promise<boolean>;
  /** Stored blobs in id order, the page after `after` (an id). */
  list(options: { after?: string; limit: number }): Promise<BlobRef[]>;
}
