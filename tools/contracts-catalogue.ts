import { renderCatalogue, renderSchemas } from '@ooh/contracts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Regenerates docs/integration-events.md and its JSON Schemas from the contracts' definitions. */
const target = join(__dirname, '../../docs/integration-events.md');
writeFileSync(target, renderCatalogue());
const schemas = join(__dirname, '../../docs/integration-events.schema.json');
writeFileSync(schemas, renderSchemas());
process.stdout.write(`wrote ${target} and ${schemas}\n`);
