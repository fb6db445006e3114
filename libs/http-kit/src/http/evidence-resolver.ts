import { Inject, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { AppError, type BlobStore, type EvidenceRef } from '@ooh/eventing';
import { BLOB_STORE } from '../runtime/tokens';
import { EvidenceInputDto } from './evidence-input.dto';

/**
 * Commands name evidence by blob id; the server fills in the hash and type from the blob store,
 * so an event can only reference evidence that was really uploaded, with its true sha256.
 */
@Injectable()
export class EvidenceResolver {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  /** `field` names the item in an error (`photos.0`); what else the item says (caption, masthead) is kept. */
  async resolveOne(item: EvidenceInputDto, field: string): Promise<EvidenceRef> {
    const ref = await this.blobs.head(item.blobId);
    if (!ref) {
      throw new AppError('rule-violated', 'EVIDENCE_NOT_FOUND', `Evidence ${item.blobId} was never uploaded`, [
        { field: `${field}.blobId`, message: 'unknown blob id: upload it to /api/evidence first' },
      ]);
    }
    const { blobId: _id, ...described } = item as EvidenceInputDto & Record<string, unknown>;
    const kept = Object.fromEntries(Object.entries(described).filter(([, v]) => v !== undefined && v !== '' && v !== false));
    return {
      blobId: ref.id,
      sha256: ref.sha256,
      contentType: ref.contentType,
      ...(ref.storedAt ? { storedAt: ref.storedAt } : {}),
      ...(ref.captured && Object.keys(ref.captured).length > 0 ? { captured: ref.captured } : {}),
      ...kept,
    };
  }
}

/**
 * Runs after validation on every request body: each evidence item (an EvidenceInputDto, wherever it
 * is nested) becomes the EvidenceRef the commands record, so DTOs declare those fields as EvidenceRef.
 */
@Injectable()
export class ResolveEvidencePipe implements PipeTransform {
  constructor(private readonly resolver: EvidenceResolver) {}

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body') return value;
    return this.walk(value, '');
  }

  private async walk(value: unknown, path: string): Promise<unknown> {
    if (value instanceof EvidenceInputDto) return this.resolver.resolveOne(value, path);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const [index, item] of value.entries()) out.push(await this.walk(item, path ? `${path}.${index}` : String(index)));
      return out;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date) return value;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = await this.walk(record[key], path ? `${path}.${key}` : key);
    return value;
  }
}
