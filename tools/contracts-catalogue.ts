import { renderCatalogue, renderSchemas, renderTopics } from '@ooh/contracts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Regenerates docs/integration-events.md and its JSON Schemas from the contracts' definitions. */
const target = join(__dirname, '../../docs/integration-events.md');
writeFileSync(target, renderCatalogue());
const schemas = join(__dirname, '../../docs/integration-events.schema.json');
writeFileSync(schemas, renderSchemas());
const topics = join(__dirname, '../../deploy/kafka/topics.txt');
writeFileSync(topics, renderTopics());
process.stdout.write(`wrote ${target}, ${schemas} and ${topics}\n`);
