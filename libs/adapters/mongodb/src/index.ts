export * from './connect';
export * from './mongo-read-model-store';
export * from './mongo-stores';
export * from './gridfs-blob-store';
export * from './mongo-lease-store';
