import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { drive, freePort, ServerProcess, type LoadResult } from './load';
import { INSPECTION_PATH, parseVariant, prepareSiteInspection, runScript, variantProcess, type Variant } from './platform-support';

/**
 * Section 1 alone, to compare a design change with what was there in one sitting:
 * `npm run -s bench:command -- [--rounds 3] [--seconds 10] [--variant NAME:KEY=VALUE,KEY=VALUE]...`
 * (a variant's environment for the platform; `MAIN=<built main.js>` runs another build, e.g. the code before a change).
 * Each round measures the reference and every platform variant (the default platform is always one)
 * in turn, each on a fresh data directory; the table gives each round and the median ratio.
 */
const REFERENCE_MAIN = join(__dirname, 'reference-server.js');
const CONNECTIONS = 50;
const SITE_ID = 'BENCH-LED-01';

async function measurePlatform(variant: Variant, seconds: number): Promise<LoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-command-'));
  const server = await variantProcess(variant, dataDir);
  try {
    await server.start();
    const request = await prepareSiteInspection(server.url, SITE_ID);
    return await load(server, request, seconds);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function load(server: ServerProcess, request: { headers: Record<string, string>; body: string }, seconds: number): Promise<LoadResult> {
  const options = { url: server.url, method: 'POST' as const, path: INSPECTION_PATH, ...request, connections: CONNECTIONS };
  await drive({ ...options, seconds: 2 });
  const result = await drive({ ...options, seconds });
  if (result.non2xx + result.errors + result.timeouts > 0) {
    throw new Error(`${server.name}: ${result.non2xx} non-2xx, ${result.errors} errors: ${JSON.stringify(result.statusCodes)} ${result.failures.join('\n')}`);
  }
  return result;
}

async function measureReference(request: { headers: Record<string, string>; body: string }, seconds: number): Promise<LoadResult> {
  const server = new ServerProcess('reference', REFERENCE_MAIN, await freePort());
  try {
    await server.start();
    return await load(server, request, seconds);
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

runScript(async () => {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '10' }, variant: { type: 'string', multiple: true, default: [] } },
  });
  const variants = [{ name: 'platform', env: {} }, ...values.variant!.map(parseVariant)];
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  // The reference takes any well-formed inspection; its body comes from a platform's preparation.
  const probe = variants[0];
  const results = new Map<string, LoadResult[]>(variants.map((v) => [v.name, []]));
  const references: LoadResult[] = [];
  let request: { headers: Record<string, string>; body: string } | undefined;
  for (let round = 1; round <= rounds; round++) {
    for (const variant of variants) {
      process.stderr.write(`[bench] round ${round}: ${variant.name}\n`);
      results.get(variant.name)!.push(await measurePlatform(variant, seconds));
    }
    if (!request) {
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-command-'));
      const server = await variantProcess(probe, dataDir);
      try {
        await server.start();
        request = await prepareSiteInspection(server.url, SITE_ID);
      } finally {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    process.stderr.write(`[bench] round ${round}: reference\n`);
    references.push(await measureReference(request, seconds));
  }
  console.log(`command path, ${CONNECTIONS} connections, ${seconds} s per run, ${rounds} rounds (node ${process.version})`);
  for (const variant of variants) {
    const runs = results.get(variant.name)!;
    const throughput = runs.map((r, i) => r.requestsPerSec / references[i].requestsPerSec);
    const p99 = runs.map((r, i) => r.p99Ms / references[i].p99Ms);
    const each = runs.map((r, i) => `${r.requestsPerSec.toFixed(0)}/${references[i].requestsPerSec.toFixed(0)} req/s p99 ${r.p99Ms}/${references[i].p99Ms} ms`);
    console.log(`${variant.name.padEnd(12)} throughput ${median(throughput).toFixed(2)}x  p99 ${median(p99).toFixed(2)}x   (${each.join('; ')})`);
  }
  return 0;
});
