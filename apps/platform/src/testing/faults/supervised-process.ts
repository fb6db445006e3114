import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';

/** How much of the child's stdout + stderr is kept (the most recent bytes). */
const OUTPUT_LIMIT = 200 * 1024;

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface TerminateResult extends ProcessExit {
  /** How long the process took to exit after SIGTERM. */
  ms: number;
  /** True when it did not exit within the grace period and had to be SIGKILLed. */
  killed: boolean;
}

/**
 * The real `process`. Inside Jest the global `process` is a sandbox copy whose 'exit' event never
 * fires, so the safety hook is registered on the object of the main context instead.
 */
function hostProcess(): NodeJS.Process {
  try {
    const real = vm.runInThisContext('process') as NodeJS.Process | undefined;
    if (real && typeof real.once === 'function') return real;
  } catch {
    // fall back to the global below
  }
  return process;
}

const liveChildren = new Set<ChildProcess>();
let exitHookRegistered = false;

/** Whatever happens to the test process, no child outlives it. */
function registerExitHook(): void {
  if (exitHookRegistered) return;
  exitHookRegistered = true;
  hostProcess().once('exit', () => {
    for (const child of liveChildren) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A Node script as a real child process that fault tests can kill, freeze and terminate. */
export class SupervisedProcess {
  private child?: ChildProcess;
  private exitInfo?: ProcessExit;
  private exited?: Promise<ProcessExit>;
  private closed?: Promise<void>;
  private chunks: Buffer[] = [];
  private outputBytes = 0;
  private paused = false;

  constructor(
    readonly name: string,
    readonly script: string,
    readonly env: Record<string, string>,
  ) {}

  /** The last 200 KB of stdout and stderr, interleaved as they arrived. */
  get output(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && !this.exitInfo;
  }

  /** The exit code, or null while running or when it was ended by a signal. */
  get exitCode(): number | null {
    return this.exitInfo?.code ?? null;
  }

  /** The signal that ended the process, if any. */
  get signal(): NodeJS.Signals | null {
    return this.exitInfo?.signal ?? null;
  }

  /**
   * Spawns `node script` and, when `readyUrl` is given, waits until it answers 200. Throws (with the
   * output) if the child exits first or is not ready within `timeoutMs`; in the latter case it is killed.
   */
  async start(readyUrl?: string, timeoutMs = 30_000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running (pid ${this.child!.pid})`);
    this.chunks = [];
    this.outputBytes = 0;
    this.exitInfo = undefined;
    this.paused = false;
    registerExitHook();

    const child = spawn(process.execPath, [this.script], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    liveChildren.add(child);
    child.stdout!.on('data', (chunk: Buffer) => this.collect(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.collect(chunk));
    this.exited = new Promise<ProcessExit>((resolve) => {
      const done = (info: ProcessExit) => {
        liveChildren.delete(child);
        if (this.child === child && !this.exitInfo) this.exitInfo = info;
        resolve(info);
      };
      child.once('exit', (code, signal) => done({ code, signal }));
      child.once('error', (error) => {
        // spawn failed: there is no process and no 'exit' will come
        if (child.pid === undefined) {
          this.collect(Buffer.from(`spawn failed: ${error.message}\n`));
          done({ code: null, signal: null });
        }
      });
    });
    this.closed = new Promise<void>((resolve) => {
      child.once('close', () => resolve());
      void this.exited!.then(() => child.pid === undefined && resolve());
    });

    if (!readyUrl) return;
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (this.exitInfo) throw await this.failure('exited before it was ready');
      const remaining = deadline - performance.now();
      if (remaining <= 0) break;
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(Math.max(1, Math.min(1_000, remaining))) });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await Promise.race([sleep(50), this.exited]);
    }
    if (this.exitInfo) throw await this.failure('exited before it was ready');
    await this.kill();
    throw new Error(`${this.name} did not answer 200 on ${readyUrl} within ${timeoutMs} ms (killed it):\n${this.output}`);
  }

  /** SIGKILL, resolved once the process is gone. */
  async kill(): Promise<ProcessExit> {
    const child = this.child;
    if (!child || !this.exited) throw new Error(`${this.name} was never started`);
    if (this.running) child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGSTOP: the process is frozen (its sockets stay open but nothing answers). */
  pause(): void {
    this.signalChild('SIGSTOP');
    this.paused = true;
  }

  /** SIGCONT after `pause()`. */
  resume(): void {
    this.signalChild('SIGCONT');
    this.paused = false;
  }

  /**
   * SIGTERM and wait for the exit; SIGKILL after `graceMs` if it is still running (reported as
   * `killed: true`). A paused process is continued so that it can handle the SIGTERM.
   */
  async terminate(graceMs = 15_000): Promise<TerminateResult> {
    const child = this.child;
    if (!child || !this.exited) throw new Error(`${this.name} was never started`);
    if (!this.running) return { ...(await this.exited), ms: 0, killed: false };
    const started = performance.now();
    let killed = false;
    child.kill('SIGTERM');
    if (this.paused) this.resume();
    const timer = setTimeout(() => {
      if (!this.running) return;
      killed = true;
      this.collect(Buffer.from(`\n[${this.name}: still running ${graceMs} ms after SIGTERM, sending SIGKILL]\n`));
      child.kill('SIGKILL');
    }, graceMs);
    try {
      const exit = await this.exited;
      return { ...exit, ms: Math.round(performance.now() - started), killed };
    } finally {
      clearTimeout(timer);
    }
  }

  private signalChild(signal: NodeJS.Signals): void {
    if (!this.running) throw new Error(`${this.name} is not running`);
    this.child!.kill(signal);
  }

  private collect(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.outputBytes += chunk.length;
    while (this.outputBytes > OUTPUT_LIMIT && this.chunks.length > 0) {
      const excess = this.outputBytes - OUTPUT_LIMIT;
      const first = this.chunks[0];
      if (first.length <= excess) {
        this.chunks.shift();
        this.outputBytes -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.outputBytes -= excess;
      }
    }
  }

  private async failure(what: string): Promise<Error> {
    // Let the pipes drain so that the last words of the child are in the message.
    await Promise.race([this.closed, sleep(1_000)]);
    const { code, signal } = this.exitInfo ?? { code: null, signal: null };
    return new Error(`${this.name} ${what} (code ${code}, signal ${signal}):\n${this.output}`);
  }
}
