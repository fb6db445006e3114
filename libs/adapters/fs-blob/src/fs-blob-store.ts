import { contentMeter, type BlobPutMeta, type BlobRef, type BlobStore } from '@ooh/eventing';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const SHA256 = /^[a-f0-9]{64}$/;

/**
 * Evidence on the filesystem, content-addressed by sha256: `<root>/ab/cdef…` holds the bytes and
 * `…json` the metadata. Writes go to a temp file first and are renamed into place.
 */
export class FsBlobStore implements BlobStore {
  /** Content never changes under its hash, so metadata can be remembered (bounded). */
  private readonly known = new Map<string, BlobRef>();

  constructor(private readonly root: string) {}

  private remember(ref: BlobRef): BlobRef {
    if (this.known.size >= 10_000) this.known.delete(this.known.keys().next().value as string);
    this.known.set(ref.id, ref);
    return ref;
  }

  async put(content: Readable | Buffer, meta: BlobPutMeta): Promise<BlobRef> {
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    const tmp = join(this.root, 'tmp', `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const meter = contentMeter(meta.maxBytes);
    try {
      await pipeline(Buffer.isBuffer(content) ? Readable.from([content]) : content, meter.stream, createWriteStream(tmp));
      const sha256 = meter.sha256();
      const size = meter.size();
      const ref: BlobRef = {
        id: sha256,
        sha256,
        size,
        contentType: meta.contentType,
        ...(meta.filename ? { filename: meta.filename } : {}),
        storedAt: meta.storedAt ?? new Date().toISOString(),
        ...(meta.storedBy ? { storedBy: meta.storedBy } : {}),
        ...(meta.captured && Object.keys(meta.captured).length > 0 ? { captured: meta.captured } : {}),
      };
      // The same bytes uploaded again keep their first description: earlier references stay true.
      const stored = await this.head(sha256);
      if (stored) return stored;
      const path = this.path(sha256);
      await mkdir(join(path, '..'), { recursive: true });
      await rename(tmp, path);
      await writeFile(`${path}.json`, JSON.stringify(ref), { flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      return this.remember((await this.head(sha256)) ?? ref);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async head(id: string): Promise<BlobRef | undefined> {
    if (!SHA256.test(id)) return undefined;
    const known = this.known.get(id);
    if (known) return known;
    try {
      return this.remember(JSON.parse(await readFile(`${this.path(id)}.json`, 'utf8')) as BlobRef);
    } catch {
      return undefined;
    }
  }

  async get(id: string): Promise<{ ref: BlobRef; content: Readable } | undefined> {
    const ref = await this.head(id);
    if (!ref) return undefined;
    return { ref, content: createReadStream(this.path(id)) };
  }

  async verify(id: string): Promise<boolean> {
    const ref = await this.head(id);
    if (!ref) return false;
    try {
      await stat(this.path(id));
    } catch {
      return false;
    }
    const hash = createHash('sha256');
    await pipeline(createReadStream(this.path(id)), hash);
    const digest = hash.digest('hex');
    return digest === id && ref.sha256 === id;
  }

  /** Removes a blob (a copy found damaged); evidence in service is never removed. */
  async remove(id: string): Promise<void> {
    if (!SHA256.test(id)) return;
    this.known.delete(id);
    await rm(this.path(id), { force: true });
    await rm(`${this.path(id)}.json`, { force: true });
  }

  /** Every stored blob's id (its sha256) in order, from after `after`. */
  async *ids(after = ''): AsyncGenerator<string> {
    const dirs = await readdir(this.root).catch(() => [] as string[]);
    for (const dir of dirs.filter((d) => /^[a-f0-9]{2}$/.test(d) && d >= after.slice(0, 2)).sort()) {
      for (const name of (await readdir(join(this.root, dir))).sort()) {
        if (/^[a-f0-9]{62}$/.test(name) && dir + name > after) yield dir + name;
      }
    }
  }

  async list(options: { after?: string; limit: number }): Promise<BlobRef[]> {
    const refs: BlobRef[] = [];
    for await (const id of this.ids(options.after)) {
      if (refs.length >= options.limit) break;
      const ref = await this.head(id);
      if (ref) refs.push(ref);
    }
    return refs;
  }

  /**
   * Copies one blob, bytes and description, into another store. Content never changes under its
   * hash, so when `linkFrom` (an earlier copy) holds it, the bytes are hard-linked from there instead
   * of copied (a copy where the filesystem cannot link). Answers whether the bytes were linked.
   */
  async copyTo(id: string, target: FsBlobStore, linkFrom?: FsBlobStore): Promise<{ linked: boolean }> {
    if (!SHA256.test(id)) throw new Error(`not a blob id: ${id}`);
    const to = target.path(id);
    await mkdir(join(to, '..'), { recursive: true });
    await copyFile(`${this.path(id)}.json`, `${to}.json`);
    if (linkFrom) {
      const linked = await link(linkFrom.path(id), to).then(
        () => true,
        () => false,
      );
      if (linked) return { linked };
    }
    await copyFile(this.path(id), to);
    return { linked: false };
  }

  private path(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }
}
