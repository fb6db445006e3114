import { blobStoreConformance } from '@ooh/eventing-testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsBlobStore } from './fs-blob-store';

const roots = new WeakMap<object, string>();
blobStoreConformance('filesystem', {
  async create() {
    const root = mkdtempSync(join(tmpdir(), 'blobs-'));
    const store = new FsBlobStore(root);
    roots.set(store, root);
    return store;
  },
  async tamper(store, id) {
    writeFileSync(join(roots.get(store)!, id.slice(0, 2), id.slice(2)), 'photoshopped');
  },
});
