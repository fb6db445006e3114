export * from './fs-blob-store';
