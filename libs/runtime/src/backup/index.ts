export * from './backup-manifest';
export * from './embedded-backups';
export * from './restore-backup';
export * from './file-sources';
