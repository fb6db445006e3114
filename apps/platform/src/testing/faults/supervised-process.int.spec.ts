import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SupervisedProcess } from './supervised-process';

const HTTP_SERVER = (onSigterm: string) => `
const http = require('node:http');
process.on('SIGTERM', () => { ${onSigterm} });
const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/ready' ? 200 : 404);
  res.end(req.url);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
`;

const SCRIPTS = {
  server: HTTP_SERVER(`console.log('got SIGTERM'); setTimeout(() => process.exit(0), 100);`),
  stubborn: HTTP_SERVER(`console.log('ignoring SIGTERM');`),
  crash: `console.log('starting'); console.error('boom: no configuration'); process.exit(3);`,
  idle: `console.log('idle'); setInterval(() => {}, 1000);`,
  chatty: `
const line = 'x'.repeat(90) + '\\n';
let text = '';
for (let i = 0; i < 4000; i++) text += i + ' ' + line;
process.stdout.write(text + 'END\\n');
setInterval(() => {}, 1000);
`,
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether the process exists and is not a zombie waiting to be reaped by an orphan's new parent. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no procfs: trust kill(0)
  }
}

describe('SupervisedProcess', () => {
  let dir: string;
  const started: SupervisedProcess[] = [];
  const script = (name: keyof typeof SCRIPTS) => join(dir, `${name}.js`);

  async function launch(name: keyof typeof SCRIPTS, withReady = true, timeoutMs = 10_000) {
    const port = await freePort();
    const child = new SupervisedProcess(name, script(name), { PORT: String(port) });
    started.push(child);
    const url = `http://127.0.0.1:${port}`;
    await child.start(withReady ? `${url}/ready` : undefined, timeoutMs);
    return { child, url };
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'supervised-process-'));
    for (const [name, source] of Object.entries(SCRIPTS)) writeFileSync(join(dir, `${name}.js`), source);
  });

  afterEach(async () => {
    for (const child of started.splice(0)) if (child.running) await child.kill();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the script and waits until the ready URL answers 200, collecting its output', async () => {
    const { child, url } = await launch('server');
    expect(child.running).toBe(true);
    expect(child.exitCode).toBeNull();
    expect(child.pid).toEqual(expect.any(Number));
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect(child.output).toContain('listening on');
  });

  it('pause() freezes the process so requests time out, resume() makes it answer again', async () => {
    const { child, url } = await launch('server');
    child.pause();
    expect(child.running).toBe(true);
    await expect(fetch(`${url}/ready`, { signal: AbortSignal.timeout(300) })).rejects.toMatchObject({ name: 'TimeoutError' });
    child.resume();
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
    expect(response.status).toBe(200);
  });

  it('terminate() sends SIGTERM and reports the clean exit and how long it took', async () => {
    const { child } = await launch('server');
    const result = await child.terminate(5_000);
    expect(result).toMatchObject({ code: 0, signal: null, killed: false });
    expect(result.ms).toBeGreaterThanOrEqual(90); // the script waits 100 ms before exiting
    expect(result.ms).toBeLessThan(5_000);
    expect(child.running).toBe(false);
    expect(child.exitCode).toBe(0);
    expect(child.output).toContain('got SIGTERM');
    expect(await child.terminate()).toMatchObject({ code: 0, ms: 0, killed: false }); // already gone
  });

  it('terminate() also ends a paused process', async () => {
    const { child } = await launch('server');
    child.pause();
    expect(await child.terminate(5_000)).toMatchObject({ code: 0, killed: false });
  });

  it('kill() SIGKILLs and waits for the exit', async () => {
    const { child } = await launch('server');
    expect(await child.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(child.running).toBe(false);
    expect(child.exitCode).toBeNull();
    expect(child.signal).toBe('SIGKILL');
    expect(isAlive(child.pid!)).toBe(false);
  });

  it('SIGKILLs a process that ignores SIGTERM after the grace period and reports it', async () => {
    const { child } = await launch('stubborn');
    const result = await child.terminate(300);
    expect(result).toMatchObject({ code: null, signal: 'SIGKILL', killed: true });
    expect(result.ms).toBeGreaterThanOrEqual(295);
    expect(result.ms).toBeLessThan(3_000);
    expect(child.output).toContain('ignoring SIGTERM');
    expect(child.output).toContain('sending SIGKILL');
  });

  it('start() without a ready URL only spawns', async () => {
    const { child } = await launch('idle', false);
    expect(child.running).toBe(true);
    await until(() => child.output.includes('idle'));
    await child.kill();
  });

  it('start() fails with the output when the child exits before it is ready', async () => {
    const error = await launch('crash').then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/crash exited before it was ready \(code 3/);
    expect(error?.message).toContain('boom: no configuration');
    expect(started.at(-1)!.exitCode).toBe(3);
  });

  it('start() fails and kills the child when it is not ready in time', async () => {
    const before = performance.now();
    await expect(launch('idle', true, 600)).rejects.toThrow(/idle did not answer 200 on .* within 600 ms[^]*idle/);
    expect(performance.now() - before).toBeLessThan(3_000);
    const child = started.at(-1)!;
    expect(child.running).toBe(false);
    expect(child.signal).toBe('SIGKILL');
  });

  it('keeps only the last 200 KB of output', async () => {
    const { child } = await launch('chatty', false);
    await until(() => child.output.includes('END'));
    const output = child.output;
    expect(Buffer.byteLength(output)).toBeLessThanOrEqual(200 * 1024);
    expect(Buffer.byteLength(output)).toBeGreaterThan(190 * 1024);
    expect(output.endsWith('3999 ' + 'x'.repeat(90) + '\nEND\n')).toBe(true);
    expect(output).not.toContain('\n0 x');
  });

  it('no child outlives its parent process, even when the parent crashes', async () => {
    // A parent Node process (outside Jest) that loads this module, starts a long-lived child, then crashes.
    const parent = join(dir, 'parent.js');
    const modulePath = join(__dirname, 'supervised-process.ts');
    writeFileSync(
      parent,
      `
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { code } = require(${JSON.stringify(require.resolve('@swc/core'))}).transformSync(readFileSync(${JSON.stringify(modulePath)}, 'utf8'), {
  filename: ${JSON.stringify(modulePath)},
  jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  module: { type: 'commonjs' },
});
const loaded = new Module(${JSON.stringify(modulePath)});
loaded.filename = ${JSON.stringify(modulePath)};
loaded._compile(code, ${JSON.stringify(modulePath)});
const child = new loaded.exports.SupervisedProcess('orphan', ${JSON.stringify(script('idle'))}, {});
child.start().then(() => {
  console.log('CHILD ' + child.pid);
  setTimeout(() => { throw new Error('the parent crashes'); }, 50);
});
`,
    );
    const run = spawn(process.execPath, [parent], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    run.stdout.on('data', (d) => (stdout += d));
    run.stderr.on('data', (d) => (stderr += d));
    const exitCode = await new Promise<number | null>((resolve) => run.once('close', (code) => resolve(code)));
    const pid = Number(/CHILD (\d+)/.exec(stdout)?.[1]);
    try {
      expect(exitCode).toBe(1);
      expect(stderr).toContain('the parent crashes');
      expect(pid).toBeGreaterThan(0);
      await until(() => !isAlive(pid), 2_000);
    } finally {
      if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
