import { loadPlatformConfig } from '@ooh/http-kit';
import { EmbeddedBackups, loadInfrastructureConfig, openFileSources, restoreBackup, RestoreRefused } from '@ooh/runtime';
import { parseArgs } from 'node:util';

const USAGE = `usage:
  npm run -s backup                       back up DATA_DIR (the platform may be running) into BACKUP_DIR
  npm run -s backup -- --list             the complete backups in BACKUP_DIR, newest first
  npm run -s restore -- --from <backup> --to <new data dir> [--rebuild-read-models]
                                          restore and verify a backup into a fresh data directory
Settings as for the platform: DATA_DIR (./data), BACKUP_DIR (<DATA_DIR>-backups), BACKUP_KEEP (7).
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      list: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      'rebuild-read-models': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const [command = 'backup'] = positionals;
  if (values.help || !['backup', 'restore'].includes(command)) {
    process.stderr.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'restore') {
    if (!values.from || !values.to) {
      process.stderr.write(USAGE);
      return 2;
    }
    try {
      const report = await restoreBackup({ from: values.from, to: values.to, rebuildReadModels: values['rebuild-read-models'] });
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return 0;
    } catch (error) {
      if (!(error instanceof RestoreRefused)) throw error;
      process.stderr.write(`restore refused; nothing was written to ${values.to}:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return 1;
    }
  }

  const platform = loadPlatformConfig();
  const infrastructure = loadInfrastructureConfig('platform', platform.dataDir);
  const { sources, close } = openFileSources(infrastructure);
  try {
    const backups = new EmbeddedBackups(sources, { ...infrastructure.backup, everyMinutes: 0 });
    if (values.list) {
      process.stdout.write(JSON.stringify(await backups.list(), null, 2) + '\n');
      return 0;
    }
    const manifest = await backups.take('command-line', process.env.USER);
    const { ids: _ids, ...blobs } = manifest.blobs;
    process.stdout.write(JSON.stringify({ backupId: manifest.backupId, dir: infrastructure.backup.dir, events: manifest.events, blobs }, null, 2) + '\n');
    return manifest.blobs.damaged.length > 0 ? 1 : 0;
  } finally {
    close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
