import net from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A TCP proxy for fault tests: put it between a client (the platform) and a server (Kafka, FerretDB)
 * and switch it between normal forwarding and a network fault. Loopback only, no dependencies.
 *
 * Every mode setter applies to the connections already open and to new ones. The setters return a
 * promise that resolves once the mode is fully in effect; only `refuse()` and leaving it (re-listening)
 * need to be awaited, the other modes are in effect synchronously.
 */
export type FaultMode = 'pass' | 'delay' | 'dropResponses' | 'reset' | 'blackHole' | 'refuse';

export interface TcpFaultProxyOptions {
  target: { host: string; port: number };
  /** Where the proxy listens: 127.0.0.1 on any free port unless told otherwise. */
  listen?: { host?: string; port?: number };
}

export interface TcpFaultProxyStats {
  /** Connections accepted since start (including those reset on accept). */
  accepted: number;
  /** Connections currently open (either side not closed yet). */
  active: number;
  /** Bytes forwarded client → target. */
  bytesUp: number;
  /** Bytes forwarded target → client. */
  bytesDown: number;
  /** Bytes from the target discarded by `dropResponses()`. */
  dropped: number;
}

/** Bytes read but not yet forwarded (a `delay()` backlog) above which the source is paused. */
const QUEUE_HIGH_WATER = 1024 * 1024;

interface Core {
  mode(): FaultMode;
  delayMs(): number;
  readonly target: { host: string; port: number };
  readonly counters: TcpFaultProxyStats;
  finished(connection: Connection): void;
}

/** A chunk, or the end of the stream: `end` is a FIN (half-close), `destroy` an abortive close. */
type Item = { at: number; chunk: Buffer; eof?: undefined } | { at: number; chunk?: undefined; eof: 'end' | 'destroy' };

const forwards = (mode: FaultMode): boolean => mode === 'pass' || mode === 'delay' || mode === 'dropResponses';

/**
 * One direction of a connection. A single FIFO queue per direction keeps byte order whatever the mode
 * does; the mode is read each time the queue is pumped, so a mode change also applies to queued bytes.
 */
class Direction {
  private readonly queue: Item[] = [];
  private queuedBytes = 0;
  private timer?: NodeJS.Timeout;
  private awaitingDrain = false;
  /** The end of the stream has been read from the source. */
  sawEof = false;
  /** The end of the stream has been passed on; anything after it is ignored. */
  private done = false;

  constructor(
    private readonly core: Core,
    private readonly connection: Connection,
    private readonly kind: 'up' | 'down',
  ) {}

  private get src(): net.Socket | undefined {
    return this.kind === 'up' ? this.connection.client : this.connection.upstream;
  }

  private get dst(): net.Socket | undefined {
    return this.kind === 'up' ? this.connection.upstream : this.connection.client;
  }

  push(item: Item): void {
    if (this.done || this.sawEof) return;
    if (item.eof) this.sawEof = true;
    this.queue.push(item);
    if (item.chunk) this.queuedBytes += item.chunk.length;
    this.pump();
  }

  /** Forwards, holds, delays or discards what is queued, according to the current mode. */
  pump(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const mode = this.core.mode();
    while (this.queue.length > 0 && !this.done) {
      if (!forwards(mode)) break; // blackHole holds everything; reset/refuse are tearing down
      const dst = this.dst;
      if (!dst) break; // the upstream connection is not opened yet
      const head = this.queue[0];
      if (this.kind === 'down' && mode === 'dropResponses') {
        if (!head.chunk) break; // keep the connection looking open: the end is held, not dropped
        this.queue.shift();
        this.queuedBytes -= head.chunk.length;
        this.core.counters.dropped += head.chunk.length;
        continue;
      }
      if (this.awaitingDrain) break;
      const wait = mode === 'delay' ? head.at + this.core.delayMs() - performance.now() : 0;
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), Math.ceil(wait));
        break;
      }
      this.queue.shift();
      if (head.chunk) {
        this.queuedBytes -= head.chunk.length;
        if (dst.destroyed || dst.writableEnded) {
          // The other side is gone: nothing can be delivered any more.
          this.connection.destroy();
          return;
        }
        this.core.counters[this.kind === 'up' ? 'bytesUp' : 'bytesDown'] += head.chunk.length;
        if (!dst.write(head.chunk)) {
          this.awaitingDrain = true;
          dst.once('drain', () => {
            this.awaitingDrain = false;
            this.pump();
          });
        }
      } else {
        this.done = true;
        this.queue.length = 0;
        this.queuedBytes = 0;
        if (head.eof === 'end') {
          if (!dst.destroyed) dst.end();
        } else {
          dst.destroy();
        }
      }
    }
    this.updateFlow();
  }

  /** Back-pressure: reads from the source only while the bytes can go somewhere. */
  private updateFlow(): void {
    const src = this.src;
    if (!src || src.destroyed) return;
    const mode = this.core.mode();
    const discarding = this.kind === 'down' && mode === 'dropResponses';
    const hold = !forwards(mode) || !this.dst || (!discarding && (this.awaitingDrain || this.queuedBytes >= QUEUE_HIGH_WATER));
    if (hold) src.pause();
    else src.resume();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.done = true;
  }
}

class Connection {
  upstream?: net.Socket;
  private readonly up: Direction;
  private readonly down: Direction;
  private clientClosed = false;
  private upstreamClosed = false;
  private isFinished = false;
  private resolveClosed!: () => void;
  readonly closed = new Promise<void>((resolve) => (this.resolveClosed = resolve));

  constructor(
    private readonly core: Core,
    readonly client: net.Socket,
  ) {
    this.up = new Direction(core, this, 'up');
    this.down = new Direction(core, this, 'down');
    client.setNoDelay(true);
    client.on('error', () => {}); // ECONNRESET, EPIPE…: 'close' follows and tears down
    client.on('data', (chunk: Buffer) => this.up.push({ at: performance.now(), chunk }));
    client.on('end', () => this.up.push({ at: performance.now(), eof: 'end' }));
    client.on('close', () => {
      this.clientClosed = true;
      this.up.push({ at: performance.now(), eof: 'destroy' }); // ignored after a FIN
      this.maybeFinish();
    });
  }

  /** Called when the mode changes: opens the upstream connection if needed and re-pumps. */
  update(): void {
    if (this.isFinished) return;
    if (!this.upstream && !this.clientClosed && forwards(this.core.mode())) this.connectUpstream();
    this.up.pump();
    this.down.pump();
  }

  private connectUpstream(): void {
    const upstream = net.connect({ host: this.core.target.host, port: this.core.target.port, allowHalfOpen: true });
    this.upstream = upstream;
    upstream.setNoDelay(true);
    upstream.on('error', () => {}); // ECONNREFUSED, ECONNRESET, EPIPE…: 'close' follows
    upstream.on('data', (chunk: Buffer) => this.down.push({ at: performance.now(), chunk }));
    upstream.on('end', () => this.down.push({ at: performance.now(), eof: 'end' }));
    upstream.on('close', () => {
      this.upstreamClosed = true;
      this.down.push({ at: performance.now(), eof: 'destroy' });
      this.maybeFinish();
    });
  }

  /** Aborts both sides with a TCP RST. */
  reset(): void {
    for (const socket of [this.client, this.upstream]) {
      if (!socket || socket.destroyed) continue;
      if (socket.connecting) socket.destroy();
      else socket.resetAndDestroy();
    }
    this.dispose();
  }

  destroy(): void {
    this.client.destroy();
    this.upstream?.destroy();
    this.dispose();
  }

  private dispose(): void {
    this.up.dispose();
    this.down.dispose();
  }

  private maybeFinish(): void {
    if (this.isFinished || !this.clientClosed || (this.upstream && !this.upstreamClosed)) return;
    this.isFinished = true;
    this.dispose();
    this.core.finished(this);
    this.resolveClosed();
  }
}

export class TcpFaultProxy {
  private currentMode: FaultMode = 'pass';
  private currentDelayMs = 0;
  private state: 'new' | 'started' | 'stopped' = 'new';
  private server?: net.Server;
  private address?: { host: string; port: number };
  private readonly connections = new Set<Connection>();
  private readonly counters: TcpFaultProxyStats = { accepted: 0, active: 0, bytesUp: 0, bytesDown: 0, dropped: 0 };
  /** Listening changes run one after the other, each against the mode current when it runs. */
  private transition: Promise<void> = Promise.resolve();
  private readonly core: Core;

  constructor(private readonly options: TcpFaultProxyOptions) {
    this.core = {
      mode: () => this.currentMode,
      delayMs: () => this.currentDelayMs,
      target: options.target,
      counters: this.counters,
      finished: (connection) => this.connections.delete(connection),
    };
  }

  get mode(): FaultMode {
    return this.currentMode;
  }

  get delayMs(): number {
    return this.currentDelayMs;
  }

  /** Listens and resolves with the address clients should connect to. */
  async start(): Promise<{ host: string; port: number }> {
    if (this.state !== 'new') throw new Error(`TcpFaultProxy cannot start: it is ${this.state}`);
    this.state = 'started';
    const host = this.options.listen?.host ?? '127.0.0.1';
    this.server = await this.listen(host, this.options.listen?.port ?? 0);
    this.address = { host, port: (this.server.address() as net.AddressInfo).port };
    if (this.currentMode === 'refuse') await this.syncListening();
    return { ...this.address };
  }

  /** Closes the listener and destroys every connection. Idempotent. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    await this.transition.catch(() => {});
    const connections = [...this.connections];
    for (const connection of connections) connection.destroy();
    const server = this.server;
    this.server = undefined;
    await Promise.all([
      ...connections.map((connection) => connection.closed),
      new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve())),
    ]);
  }

  /** Normal forwarding. */
  pass(): Promise<void> {
    return this.setMode('pass');
  }

  /** Forwards every chunk, in both directions and in order, `ms` after it was read. */
  delay(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`delay must be a non-negative number of ms, got ${ms}`);
    this.currentDelayMs = ms;
    return this.setMode('delay');
  }

  /**
   * Forwards client → target but silently discards target → client (lost acknowledgements). The
   * connection stays open: even the target closing it is held back until the mode changes.
   */
  dropResponses(): Promise<void> {
    return this.setMode('dropResponses');
  }

  /** Aborts every connection with a TCP RST, and new ones as soon as they are accepted. */
  reset(): Promise<void> {
    return this.setMode('reset');
  }

  /**
   * An unreachable / hung peer: connections are accepted and kept open, but nothing is read or
   * forwarded either way (clients see TCP back-pressure once the kernel buffers are full). New
   * connections are not even opened to the target. What was held is delivered when the mode changes
   * back, as TCP retransmission would after a partition heals.
   */
  blackHole(): Promise<void> {
    return this.setMode('blackHole');
  }

  /**
   * Stops listening (new connections get ECONNREFUSED) and destroys the current ones. Any other
   * mode listens again on the same port: await it before connecting.
   */
  refuse(): Promise<void> {
    return this.setMode('refuse');
  }

  stats(): TcpFaultProxyStats {
    return { ...this.counters, active: this.connections.size };
  }

  private setMode(mode: FaultMode): Promise<void> {
    if (this.state === 'stopped') return Promise.resolve();
    this.currentMode = mode;
    for (const connection of [...this.connections]) {
      if (mode === 'reset') connection.reset();
      else if (mode === 'refuse') connection.destroy();
      else connection.update();
    }
    const next = this.transition.catch(() => {}).then(() => this.syncListening());
    this.transition = next;
    return next;
  }

  /** Opens or closes the listener to match the current mode. */
  private async syncListening(): Promise<void> {
    if (this.state !== 'started' || !this.address) return;
    const wanted = this.currentMode !== 'refuse';
    if (!wanted && this.server) {
      // Closing the listening handle is synchronous: from here on connecting gets ECONNREFUSED.
      this.server.close();
      this.server = undefined;
    } else if (wanted && !this.server) {
      this.server = await this.listen(this.address.host, this.address.port);
      // stop() or refuse() may have come while listening
      if (this.state !== 'started' || this.currentMode === 'refuse') {
        this.server.close();
        this.server = undefined;
      }
    }
  }

  private async listen(host: string, port: number): Promise<net.Server> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
          server.once('error', reject);
          server.listen({ host, port }, () => {
            server.off('error', reject);
            server.on('error', () => {});
            resolve(server);
          });
        });
      } catch (error) {
        // Re-binding a port just released can race with the kernel: retry for a moment.
        if (port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  private accept(client: net.Socket): void {
    this.counters.accepted++;
    client.on('error', () => {});
    if (this.state !== 'started' || this.currentMode === 'refuse') {
      client.destroy();
      return;
    }
    if (this.currentMode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const connection = new Connection(this.core, client);
    this.connections.add(connection);
    connection.update();
  }
}
