import { renderCatalogue } from '@ooh/contracts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Regenerates docs/integration-events.md from the contracts' schemas. */
const target = join(__dirname, '../../docs/integration-events.md');
writeFileSync(target, renderCatalogue());
process.stdout.write(`wrote ${target}\n`);
