import { Inject, Injectable } from '@nestjs/common';
import { AppError, type BlobStore, type EvidenceRef } from '@ooh/eventing';
import { BLOB_STORE } from '../runtime/tokens';

/**
 * Commands name evidence by blob id; the server fills in the hash and type from the blob store,
 * so an event can only reference evidence that was really uploaded, with its true sha256.
 */
@Injectable()
export class EvidenceResolver {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  async resolve(field: string, items: Array<{ blobId: string; caption?: string }> = []): Promise<EvidenceRef[]> {
    const refs: EvidenceRef[] = [];
    for (const [index, item] of items.entries()) {
      const ref = await this.blobs.head(item.blobId);
      if (!ref) {
        throw new AppError('rule-violated', 'EVIDENCE_NOT_FOUND', `Evidence ${item.blobId} was never uploaded`, [
          { field: `${field}.${index}.blobId`, message: 'unknown blob id: upload it to /api/evidence first' },
        ]);
      }
      refs.push({ blobId: ref.id, sha256: ref.sha256, contentType: ref.contentType, ...(item.caption ? { caption: item.caption } : {}) });
    }
    return refs;
  }
}
