import type { BlobStore } from '@ooh/eventing';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

export interface BlobStoreFactory {
  create(): Promise<BlobStore>;
  /** Changes stored bytes behind the store's back, to prove tampering is detected. */
  tamper?(store: BlobStore, id: string): Promise<void>;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

export function blobStoreConformance(name: string, factory: BlobStoreFactory): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    beforeEach(async () => {
      store = await factory.create();
    });
    const bytes = Buffer.from('a photo of a posted light box with today\u2019s newspaper masthead');
    const sha = createHash('sha256').update(bytes).digest('hex');

    it('stores content addressed by its sha256 and returns it intact', async () => {
      const ref = await store.put(bytes, { contentType: 'image/jpeg', filename: 'posting.jpg' });
      expect(ref).toMatchObject({ id: sha, sha256: sha, size: bytes.length, contentType: 'image/jpeg' });
      const got = await store.get(ref.id);
      expect(await readAll(got!.content)).toEqual(bytes);
      expect(await store.head(ref.id)).toMatchObject({ sha256: sha });
      expect(await store.verify(ref.id)).toBe(true);
    });

    it('accepts streams, and identical content gets the same id', async () => {
      const a = await store.put(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]), { contentType: 'image/jpeg' });
      const b = await store.put(bytes, { contentType: 'image/jpeg' });
      expect(a.id).toBe(b.id);
    });

    it('keeps the first description of content uploaded again with another type or name', async () => {
      const first = await store.put(Buffer.from('same bytes, twice'), { contentType: 'image/jpeg', filename: 'a.jpg' });
      const again = await store.put(Buffer.from('same bytes, twice'), { contentType: 'application/pdf', filename: 'b.pdf' });
      expect(again).toEqual(first);
      expect(await store.head(first.id)).toEqual(first);
    });

    it('refuses content over the size limit and stores nothing', async () => {
      const big = Buffer.alloc(2048, 1);
      await expect(store.put(big, { contentType: 'application/pdf', maxBytes: 1024 })).rejects.toMatchObject({ code: 'BLOB_TOO_LARGE' });
      expect(await store.head(createHash('sha256').update(big).digest('hex'))).toBeUndefined();
    });

    it('records when and by whom content was first stored, and keeps it on a later upload', async () => {
      const captured = { at: '2026-11-24T23:10:00.000Z', offsetRecorded: true, latitude: 29.6076, longitude: 106.5502 };
      const first = await store.put(Buffer.from('uploaded once'), {
        contentType: 'image/jpeg',
        storedAt: '2026-11-25T01:00:00.000Z',
        storedBy: 'li',
        captured,
      });
      const again = await store.put(Buffer.from('uploaded once'), { contentType: 'image/jpeg', storedAt: '2026-11-26T01:00:00.000Z', storedBy: 'mei' });
      expect(first).toMatchObject({ storedAt: '2026-11-25T01:00:00.000Z', storedBy: 'li', captured });
      expect(await store.head(first.id)).toEqual(first);
      expect(again).toEqual(first);
    });

    it('lists stored blobs in id order, page after page', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 5; i++) ids.add((await store.put(Buffer.from(`listed ${i}`), { contentType: 'image/png' })).id);
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.list({ after, limit: 2 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...page.map((r) => r.id));
        after = page[page.length - 1].id;
      }
      expect(seen).toEqual([...seen].sort());
      expect(seen.filter((id) => ids.has(id)).sort()).toEqual([...ids].sort());
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('answers unknown or malformed ids with undefined', async () => {
      expect(await store.get('0'.repeat(64))).toBeUndefined();
      expect(await store.head('../../etc/passwd')).toBeUndefined();
      expect(await store.verify('0'.repeat(64))).toBe(false);
    });

    if (factory.tamper) {
      it('detects content changed after it was stored', async () => {
        const ref = await store.put(bytes, { contentType: 'image/jpeg' });
        await factory.tamper!(store, ref.id);
        expect(await store.verify(ref.id)).toBe(false);
      });
    }
  });
}
