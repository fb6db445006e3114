import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { TcpFaultProxy } from './tcp-fault-proxy';

/** An echo server that counts what it receives. */
interface Echo {
  port: number;
  received: number;
  accepted: number;
  close(): Promise<void>;
}

async function startEcho(): Promise<Echo> {
  const sockets = new Set<net.Socket>();
  const echo: Echo = { port: 0, received: 0, accepted: 0, close: async () => {} };
  const server = net.createServer((socket) => {
    echo.accepted++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (chunk) => (echo.received += chunk.length));
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  echo.port = (server.address() as net.AddressInfo).port;
  echo.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return echo;
}

const clients = new Set<net.Socket>();

function connect(port: number, timeoutMs = 2_000): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    clients.add(socket);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connect to ${port} timed out`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', reject);
      socket.on('error', () => {});
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Reads exactly `n` bytes (fails on timeout, extra bytes or close). */
function read(socket: net.Socket, n: number, timeoutMs = 5_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`read ${length} of ${n} bytes before the timeout`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length > n) {
        cleanup();
        reject(new Error(`read ${length} bytes, expected ${n}`));
      } else if (length === n) {
        cleanup();
        resolve(Buffer.concat(chunks));
      }
    };
    const onClose = () => {
      cleanup();
      reject(new Error(`closed after ${length} of ${n} bytes`));
    };
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

/** Resolves with the bytes that arrived within `ms` (none expected). */
function collectFor(socket: net.Socket, ms: number): Promise<number> {
  return new Promise((resolve) => {
    let length = 0;
    const onData = (chunk: Buffer) => (length += chunk.length);
    socket.on('data', onData);
    setTimeout(() => {
      socket.off('data', onData);
      resolve(length);
    }, ms);
  });
}

/**
 * Resolves with how the socket ended: an error code ('ECONNRESET'), 'end' (an orderly FIN arrived
 * first) or 'close' (closed without a FIN: an RST while not reading).
 */
function ended(socket: net.Socket, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return resolve('close');
    let sawEnd = false;
    const timer = setTimeout(() => reject(new Error('the socket is still open')), timeoutMs);
    socket.once('end', () => (sawEnd = true));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code ?? error.message);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(sawEnd ? 'end' : 'close');
    });
  });
}

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function roundTrip(socket: net.Socket, text: string): Promise<string> {
  const reply = read(socket, Buffer.byteLength(text));
  socket.write(text);
  return (await reply).toString();
}

describe('TcpFaultProxy', () => {
  let echo: Echo;
  let proxy: TcpFaultProxy;
  let port: number;

  beforeEach(async () => {
    echo = await startEcho();
    proxy = new TcpFaultProxy({ target: { host: '127.0.0.1', port: echo.port } });
    ({ port } = await proxy.start());
  });

  afterEach(async () => {
    for (const socket of clients) socket.destroy();
    clients.clear();
    await proxy.stop();
    await echo.close();
  });

  it('listens on loopback and forwards both ways in pass mode, counting connections and bytes', async () => {
    const client = await connect(port);
    expect(await roundTrip(client, 'hello')).toBe('hello');
    expect(await roundTrip(client, 'world!')).toBe('world!');
    expect(proxy.stats()).toEqual({ accepted: 1, active: 1, bytesUp: 11, bytesDown: 11, dropped: 0 });
    expect(proxy.mode).toBe('pass');

    const second = await connect(port);
    expect(await roundTrip(second, 'abc')).toBe('abc');
    expect(proxy.stats()).toMatchObject({ accepted: 2, active: 2, bytesUp: 14, bytesDown: 14 });

    client.end();
    await ended(client);
    await until(() => proxy.stats().active === 1);
  });

  it('delay(ms) holds every chunk in both directions, keeps byte order, and pass() lifts it on the same connection', async () => {
    const client = await connect(port);
    expect(await roundTrip(client, 'warm-up')).toBe('warm-up');

    await proxy.delay(200);
    expect(proxy.mode).toBe('delay');
    let started = performance.now();
    expect(await roundTrip(client, 'slow')).toBe('slow');
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);

    const expected = Array.from({ length: 100 }, (_, i) => `${i};`).join('');
    const reply = read(client, expected.length);
    started = performance.now();
    for (let i = 0; i < 100; i++) {
      client.write(`${i};`);
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 2)); // separate chunks
    }
    expect((await reply).toString()).toBe(expected);
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);

    await proxy.pass();
    started = performance.now();
    expect(await roundTrip(client, 'fast')).toBe('fast');
    expect(performance.now() - started).toBeLessThan(150);
  });

  it('dropResponses() forwards requests but loses every answer; pass() restores answers on the same connection', async () => {
    const client = await connect(port);
    expect(await roundTrip(client, 'ping')).toBe('ping');
    const before = echo.received;

    await proxy.dropResponses();
    const silence = collectFor(client, 300);
    client.write(Buffer.alloc(1_000, 'x'));
    await until(() => echo.received === before + 1_000); // the target got the request…
    expect(await silence).toBe(0); // …but the client never sees the answer
    await until(() => proxy.stats().dropped === 1_000);
    expect(client.destroyed).toBe(false);

    await proxy.pass();
    expect(await roundTrip(client, 'again')).toBe('again'); // exactly this: the dropped bytes are gone
    expect(proxy.stats()).toMatchObject({ bytesUp: 4 + 1_000 + 5, bytesDown: 4 + 5, dropped: 1_000 });
  });

  it('reset() aborts open connections and new ones with RST; pass() accepts again', async () => {
    const client = await connect(port);
    expect(await roundTrip(client, 'ping')).toBe('ping');
    const outcome = ended(client);
    await proxy.reset();
    expect(['ECONNRESET', 'close']).toContain(await outcome);
    await until(() => proxy.stats().active === 0);

    // New connection: the handshake completes, then the proxy resets it at once.
    const fresh = await connect(port).then(
      (socket) => ended(socket),
      (error: NodeJS.ErrnoException) => error.code ?? error.message,
    );
    expect(['ECONNRESET', 'close']).toContain(fresh);

    await proxy.pass();
    expect(await roundTrip(await connect(port), 'back')).toBe('back');
  });

  it('blackHole() accepts but never answers nor reaches the target; pass() delivers what was held', async () => {
    const existing = await connect(port);
    expect(await roundTrip(existing, 'ping')).toBe('ping');
    const acceptedByTarget = echo.accepted;
    const receivedByTarget = echo.received;

    await proxy.blackHole();
    const held = await connect(port); // the connection is accepted…
    const silentHeld = collectFor(held, 300);
    const silentExisting = collectFor(existing, 300);
    held.write('lost?');
    existing.write('anyone?');
    expect(await silentHeld).toBe(0); // …but nothing answers
    expect(await silentExisting).toBe(0);
    expect(echo.accepted).toBe(acceptedByTarget); // and the target never hears of it
    expect(echo.received).toBe(receivedByTarget);
    expect(held.destroyed || existing.destroyed).toBe(false);
    expect(proxy.stats()).toMatchObject({ active: 2, bytesUp: 4, bytesDown: 4 });

    const heldReply = read(held, 5);
    const existingReply = read(existing, 7);
    await proxy.pass();
    expect((await heldReply).toString()).toBe('lost?');
    expect((await existingReply).toString()).toBe('anyone?');
  });

  it('refuse() closes open connections and refuses new ones; pass() listens again on the same port', async () => {
    const client = await connect(port);
    expect(await roundTrip(client, 'ping')).toBe('ping');
    const outcome = ended(client);

    await proxy.refuse();
    expect(['ECONNRESET', 'end', 'close']).toContain(await outcome);
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await proxy.pass();
    const again = await connect(port);
    expect(again.remotePort).toBe(port);
    expect(await roundTrip(again, 'back')).toBe('back');
  });

  it('moves 1 MB intact with back-pressure in pass mode, and in order under a delay', async () => {
    const payload = randomBytes(1024 * 1024);
    const client = await connect(port);
    const reply = read(client, payload.length, 10_000);
    for (let offset = 0; offset < payload.length; offset += 64 * 1024) client.write(payload.subarray(offset, offset + 64 * 1024));
    expect((await reply).equals(payload)).toBe(true);
    expect(proxy.stats()).toMatchObject({ bytesUp: payload.length, bytesDown: payload.length });

    await proxy.delay(5);
    const delayedReply = read(client, payload.length, 10_000);
    client.write(payload);
    expect((await delayedReply).equals(payload)).toBe(true);
  });

  it('propagates back-pressure: a client that does not read stalls a fast target instead of filling memory', async () => {
    const CAP = 256 * 1024 * 1024;
    let written = 0;
    let stalledAt = 0;
    const chunk = Buffer.alloc(64 * 1024, 'f');
    const firehose = net.createServer((socket) => {
      socket.on('error', () => {});
      const started = performance.now();
      const pump = () => {
        while (written < CAP && performance.now() - started < 1_000) {
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        socket.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => firehose.listen(0, '127.0.0.1', resolve));
    const fast = new TcpFaultProxy({ target: { host: '127.0.0.1', port: (firehose.address() as net.AddressInfo).port } });
    const address = await fast.start();
    try {
      const client = await connect(address.port);
      client.pause();
      await new Promise((resolve) => setTimeout(resolve, 500));
      stalledAt = written;
      // Only socket buffers (a few MB each) may hold data: without back-pressure the target would write it all.
      expect(stalledAt).toBeLessThan(64 * 1024 * 1024);
      expect(fast.stats().bytesDown).toBeLessThan(64 * 1024 * 1024);

      let received = 0;
      client.on('data', (data: Buffer) => (received += data.length));
      const done = ended(client, 10_000);
      client.resume();
      await done;
      expect(received).toBe(written);
      expect(fast.stats().bytesDown).toBe(written);
    } finally {
      await fast.stop();
      await new Promise((resolve) => firehose.close(resolve));
    }
  });

  it('closes the client when the target is unreachable', async () => {
    const dead = new TcpFaultProxy({ target: { host: '127.0.0.1', port: echo.port } });
    const deadAddress = await dead.start();
    await echo.close(); // nothing listens behind it any more
    try {
      const client = await connect(deadAddress.port);
      expect(['ECONNRESET', 'end', 'close']).toContain(await ended(client));
      await until(() => dead.stats().active === 0);
    } finally {
      await dead.stop();
    }
  });

  it('stop() destroys every connection, stops listening and is idempotent', async () => {
    const first = await connect(port);
    const second = await connect(port);
    expect(await roundTrip(first, 'a')).toBe('a');
    await proxy.delay(1_000); // even with bytes queued
    first.write('queued');
    const outcomes = Promise.all([ended(first), ended(second)]);

    await proxy.stop();
    for (const outcome of await outcomes) expect(['ECONNRESET', 'end', 'close']).toContain(outcome);
    expect(proxy.stats().active).toBe(0);
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.stop();
    await proxy.pass(); // mode changes after stop do nothing
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
