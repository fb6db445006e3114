import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';

const HOST = '127.0.0.1';
const running = new Set<ChildProcess>();
// Whatever happens to the benchmark, its servers do not outlive it.
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A built server (a .js file) run as its own OS process on 127.0.0.1; ready once `GET /health` answers 200. */
export class ServerProcess {
  readonly url: string;
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly name: string,
    private readonly script: string,
    readonly port: number,
    private readonly env: Record<string, string> = {},
  ) {
    this.url = `http://${HOST}:${port}`;
  }

  /** `readyPath`: what must answer 200 (`/health/ready` waits for the platform's subscriptions thread too). */
  async start(timeoutMs = 30_000, readyPath = '/health'): Promise<void> {
    const child = spawn(process.execPath, [this.script], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}${readyPath}`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.stop();
    throw new Error(`${this.name} did not answer GET ${readyPath} within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. Resolves with the exit code (or signal) once it is gone. */
  async stop(graceMs = 15_000): Promise<number | string | undefined> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child ? (child.exitCode ?? child.signalCode ?? undefined) : undefined;
    const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  /** The OS process id once started (for /proc/<pid>/status). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Its last log lines (stdout and stderr), for error reports. */
  log(): string {
    return this.output;
  }
}

export interface LoadOptions {
  url: string;
  method: 'POST' | 'GET';
  path: string;
  headers: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** Each request with an Idempotency-Key of its own, as an integrator retrying safely sends it. */
  idempotencyKeys?: boolean;
}

export interface LoadResult {
  /** Completed requests divided by the measured duration. */
  requestsPerSec: number;
  completed: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The first few non-2xx answers, `status body`. */
  failures: string[];
}

/** Sends the same request from `connections` keep-alive connections for `seconds` (autocannon, in this process). */
export async function drive(options: LoadOptions): Promise<LoadResult> {
  const failures: string[] = [];
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests: [
      {
        method: options.method,
        path: options.path,
        headers: options.headers,
        body: options.body,
        ...(options.idempotencyKeys ? { setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } }) } : {}),
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && failures.length < 5) failures.push(`${status} ${body.slice(0, 500)}`);
        },
      },
    ],
  });
  return {
    requestsPerSec: result.requests.total / result.duration,
    completed: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    failures,
  };
}
