import { DEV_JWT_SECRET } from '@ooh/http-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureHandoffs, sameProcess, type HandoffSeries } from './handoffs';
import { parseVariant, runScript, variantProcess, type Variant } from './platform-support';

/**
 * The hand-offs of section 1 alone, to compare a change with what was there in one sitting:
 * `npm run -s bench:handoffs -- [--count 30] [--rounds 2] [--variant NAME:KEY=VALUE,...] [--samples]` (`MAIN=<built
 * main.js>` runs another build). Each round measures every variant on a fresh embedded platform.
 */
async function measure(variant: Variant, count: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-handoffs-'));
  const server = await variantProcess(variant, dataDir);
  try {
    // Its subscriptions thread started (on an empty log "caught up" holds before it has): otherwise the first hand-off waits for it.
    await server.start(60_000, '/health/ready');
    return await measureHandoffs(sameProcess(server.url), DEV_JWT_SECRET, count);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const line = (s: HandoffSeries) =>
  `p50 ${s.lagP50Ms.toFixed(1)} ms, p99 ${s.lagP99Ms.toFixed(1)} ms, command p99 ${s.commandP99Ms.toFixed(1)} ms (${(s.lagP99Ms / s.commandP99Ms).toFixed(2)}x)`;

runScript(async () => {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '30' },
      rounds: { type: 'string', default: '2' },
      variant: { type: 'string', multiple: true, default: [] },
      samples: { type: 'boolean', default: false },
    },
  });
  const variants = [{ name: 'platform', env: {} }, ...values.variant!.map(parseVariant)];
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const variant of variants) {
      const result = await measure(variant, Number(values.count));
      console.log(`round ${round} ${variant.name.padEnd(10)} booking -> receivable ${line(result.bookingToReceivable)}`);
      console.log(`round ${round} ${variant.name.padEnd(10)} plan -> buying        ${line(result.planToBuying)}`);
      if (values.samples)
        for (const [flow, s] of Object.entries(result))
          console.log(
            `  ${flow} lags in order (ms): ${s.lagMs.map((ms: number) => ms.toFixed(0)).join(' ')}; commands: ${s.commandMs.map((ms: number) => ms.toFixed(0)).join(' ')}`,
          );
    }
  }
  return 0;
});
