import { contentMeter, type BlobPutMeta, type BlobRef, type BlobStore } from '@ooh/eventing';
import { GridFSBucket, ObjectId } from 'mongodb';
import type { Connection } from 'mongoose';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isDuplicateKey } from './connect';

const SHA256 = /^[a-f0-9]{64}$/;

interface RefDoc extends Omit<BlobRef, 'id' | 'storedAt'> {
  _id: string;
  fileId: ObjectId;
  storedAt: Date;
}

/**
 * Evidence in GridFS, content-addressed by sha256. Bytes stream into GridFS under a fresh file id while
 * being hashed; `blob_refs` then maps the hash to that file (the first upload of some content wins,
 * later identical uploads are dropped).
 */
export class GridFsBlobStore implements BlobStore {
  private readonly bucket: GridFSBucket;

  constructor(
    private readonly connection: Connection,
    bucketName = 'evidence',
  ) {
    this.bucket = new GridFSBucket(connection.db! as never, { bucketName });
  }

  private get refs() {
    return this.connection.db!.collection<RefDoc>('blob_refs');
  }

  async put(content: Readable | Buffer, meta: BlobPutMeta): Promise<BlobRef> {
    const meter = contentMeter(meta.maxBytes);
    const fileId = new ObjectId();
    const upload = this.bucket.openUploadStreamWithId(fileId, meta.filename ?? 'blob', { metadata: { contentType: meta.contentType } });
    try {
      await pipeline(Buffer.isBuffer(content) ? Readable.from([content]) : content, meter.stream, upload);
    } catch (error) {
      await this.bucket.delete(fileId).catch(() => undefined);
      throw error;
    }
    const sha256 = meter.sha256();
    const size = meter.size();
    const doc: RefDoc = {
      _id: sha256,
      sha256,
      size,
      contentType: meta.contentType,
      ...(meta.filename ? { filename: meta.filename } : {}),
      ...(meta.storedBy ? { storedBy: meta.storedBy } : {}),
      ...(meta.captured && Object.keys(meta.captured).length > 0 ? { captured: meta.captured } : {}),
      fileId,
      storedAt: meta.storedAt ? new Date(meta.storedAt) : new Date(),
    };
    try {
      await this.refs.insertOne(doc);
      return toRef(doc);
    } catch (error) {
      await this.bucket.delete(fileId).catch(() => undefined);
      if (!isDuplicateKey(error)) throw error;
      return (await this.head(sha256))!;
    }
  }

  private async findRef(id: string): Promise<RefDoc | undefined> {
    if (!SHA256.test(id)) return undefined;
    return (await this.refs.findOne({ _id: id })) ?? undefined;
  }

  async head(id: string): Promise<BlobRef | undefined> {
    const doc = await this.findRef(id);
    return doc && toRef(doc);
  }

  async list(options: { after?: string; limit: number }): Promise<BlobRef[]> {
    const docs = await this.refs
      .find(options.after ? { _id: { $gt: options.after } } : {})
      .sort({ _id: 1 })
      .limit(options.limit)
      .toArray();
    return docs.map(toRef);
  }

  async get(id: string): Promise<{ ref: BlobRef; content: Readable } | undefined> {
    const doc = await this.findRef(id);
    if (!doc) return undefined;
    return { ref: (await this.head(id))!, content: this.bucket.openDownloadStream(doc.fileId) };
  }

  async verify(id: string): Promise<boolean> {
    const doc = await this.findRef(id);
    if (!doc) return false;
    const hash = createHash('sha256');
    try {
      await pipeline(this.bucket.openDownloadStream(doc.fileId), hash);
    } catch {
      return false;
    }
    return hash.digest('hex') === doc.sha256;
  }

  /** The GridFS file behind a blob (tests use it to tamper with stored bytes). */
  async fileIdOf(id: string): Promise<ObjectId | undefined> {
    return (await this.findRef(id))?.fileId;
  }
}

function toRef(doc: RefDoc): BlobRef {
  return {
    id: doc._id,
    sha256: doc.sha256,
    size: doc.size,
    contentType: doc.contentType,
    ...(doc.filename ? { filename: doc.filename } : {}),
    storedAt: doc.storedAt.toISOString(),
    ...(doc.storedBy ? { storedBy: doc.storedBy } : {}),
    ...(doc.captured ? { captured: doc.captured } : {}),
  };
}
