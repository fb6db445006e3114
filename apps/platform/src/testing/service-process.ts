import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(__dirname, '../../../../dist/apps');
export const SERVICE_MAINS = {
  platform: join(DIST, 'platform/src/main.js'),
  operations: join(DIST, 'operations/src/main.js'),
  finance: join(DIST, 'finance/src/main.js'),
  planning: join(DIST, 'planning/src/main.js'),
  buying: join(DIST, 'buying/src/main.js'),
  production: join(DIST, 'production/src/main.js'),
  reporting: join(DIST, 'reporting/src/main.js'),
} as const;

/** A built service as a real OS process on loopback, for crash, restart and distributed tests. */
export class ServiceProcess {
  child?: ChildProcess;
  output = '';
  readonly url: string;

  constructor(
    readonly name: string,
    readonly main: string,
    readonly port: number,
    readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts the process and waits until `readyPath` answers 200 (`null`: does not wait, e.g. when it is meant to crash on start). */
  async start(readyPath: string | null = '/health/ready', timeoutMs = 30_000): Promise<void> {
    if (!existsSync(this.main)) throw new Error(`${this.main} is missing: run \`npm run build\` first`);
    this.output = '';
    this.child = spawn(process.execPath, [this.main], {
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    if (readyPath === null) return;
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited with ${this.child.exitCode}:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}${readyPath}`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} did not become ready:\n${this.output}`);
  }

  /** True between `pause` (SIGSTOP) and `resume` (SIGCONT): alive, but answering nothing. */
  paused = false;

  /** Freezes the process (SIGSTOP): it keeps its sockets and leases on paper, but renews nothing. */
  pause(): void {
    this.child?.kill('SIGSTOP');
    this.paused = true;
  }

  resume(): void {
    this.child?.kill('SIGCONT');
    this.paused = false;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal and resolves with the exit code (or signal name) once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
    const child = this.child;
    if (!child || !this.running) return child?.exitCode ?? 'not running';
    if (this.paused) this.resume();
    const exited = new Promise<number | string>((resolve) => child.once('exit', (code, sig) => resolve(code ?? sig ?? 'unknown')));
    child.kill(signal);
    return exited;
  }
}
