/** Evidence (photo, signed document) attached to a fact: a blob-store reference plus its hash. */
export interface EvidenceRef {
  blobId: string;
  sha256: string;
  contentType: string;
  caption?: string;
}
