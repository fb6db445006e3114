import { runScript } from './platform-support';
import { rawScan } from './rebuild';

/** `node dist/bench/raw-scan.js <events.db> [until]`: the raw scan in a process of its own; prints its result as JSON. */
runScript(async () => {
  const [path, until] = process.argv.slice(2);
  console.log(JSON.stringify(await rawScan(path, until ? Number(until) : undefined)));
  return 0;
});
