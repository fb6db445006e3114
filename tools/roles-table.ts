import { renderRolesTable } from '@ooh/http-kit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Regenerates docs/roles.md from the all-in-one platform's OpenAPI document. */
async function main(): Promise<void> {
  // The built platform, loaded at run time (tools import no app at build time).
  const { createPlatform } = require(join(__dirname, '../apps/platform/src/bootstrap')) as typeof import('../apps/platform/src/bootstrap');
  const dataDir = mkdtempSync(join(tmpdir(), 'roles-'));
  const platform = await createPlatform({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, manualJobs: true });
  try {
    const document = (await platform.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const target = join(__dirname, '../../docs/roles.md');
    writeFileSync(target, renderRolesTable(document));
    process.stdout.write(`wrote ${target}\n`);
  } finally {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
