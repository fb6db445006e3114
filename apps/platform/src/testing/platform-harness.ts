import Database from 'better-sqlite3';
import { FixedClock } from '@ooh/eventing';
import { DEV_JWT_SECRET, TokenService } from '@ooh/http-kit';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createPlatform, type RunningPlatform } from '../bootstrap';

export interface Reply<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  /** The bytes as sent (a spreadsheet, a file). */
  raw?: Buffer;
}

/**
 * An embedded platform in the test process, on a temporary data directory and a clock the test
 * moves. Requests go through Fastify's injector: the full HTTP pipeline, no sockets.
 */
export class PlatformHarness {
  readonly clock = new FixedClock(new Date('2026-11-25T01:00:00.000Z'));
  readonly tokens = new TokenService(DEV_JWT_SECRET);
  platform!: RunningPlatform;

  constructor(readonly dataDir = mkdtempSync(join(tmpdir(), 'platform-'))) {}

  async start(config: Record<string, unknown> = {}): Promise<this> {
    this.platform = await createPlatform({
      env: { DATA_DIR: this.dataDir, TIME_ZONE: 'Asia/Shanghai' },
      config,
      clock: this.clock,
      logger: pino({ level: 'silent' }),
      manualJobs: true,
    });
    return this;
  }

  token(sub: string, ...roles: string[]): string {
    return this.tokens.mint({ sub, roles });
  }

  as(sub: string, ...roles: string[]) {
    const auth = { authorization: `Bearer ${this.token(sub, ...roles)}` };
    return {
      get: (url: string, headers: Record<string, string> = {}) => this.request('GET', url, undefined, { ...auth, ...headers }),
      post: (url: string, body: unknown = {}, headers: Record<string, string> = {}) => this.request('POST', url, body, { ...auth, ...headers }),
      patch: (url: string, body: unknown = {}, headers: Record<string, string> = {}) => this.request('PATCH', url, body, { ...auth, ...headers }),
      put: (url: string, body: unknown = {}, headers: Record<string, string> = {}) => this.request('PUT', url, body, { ...auth, ...headers }),
      upload: (content: Buffer, contentType = 'image/jpeg', filename = 'photo.jpg') => this.upload(content, contentType, filename, auth),
    };
  }

  async request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'OPTIONS' | 'TRACE' | 'QUERY',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const res = await this.platform.app.inject({
      method: method as 'GET',
      url,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const type = String(res.headers['content-type'] ?? '');
    return {
      status: res.statusCode,
      headers: res.headers,
      body: type.includes('json') && res.body ? JSON.parse(res.body) : res.body,
      raw: res.rawPayload,
    };
  }

  async upload(content: Buffer, contentType: string, filename: string, headers: Record<string, string>): Promise<Reply> {
    const boundary = '----ooh' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await this.platform.app.inject({
      method: 'POST',
      url: '/api/evidence',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
  }

  /** Waits until every projection and reactor has handled everything appended so far (twice: reactors append). */
  async settle(): Promise<void> {
    await this.platform.subscriptions.catchUp();
    await this.platform.subscriptions.catchUp();
  }

  async runJobs(): Promise<void> {
    await this.platform.subscriptions.runJobs();
    await this.settle();
  }

  async stop(): Promise<void> {
    await this.platform?.close();
  }

  /**
   * Restarts the platform with every consumer group back at the bus's first message and its record of
   * processed messages forgotten: the bus delivers everything again (a redelivery test).
   */
  async restartRedeliveringEverything(config: Record<string, unknown> = {}): Promise<void> {
    await this.stop();
    const bus = new Database(join(this.dataDir, 'bus.db'));
    bus.exec('DELETE FROM bus_processed; UPDATE bus_offsets SET offset = 0;');
    bus.close();
    await this.start(config);
  }
}

let photoCounter = 0;
/** Distinct bytes each call, so each upload is a different blob. */
export function fakePhoto(label = 'photo'): Buffer {
  photoCounter += 1;
  // Starts with the JPEG signature as bytes (latin1: one character, one byte).
  return Buffer.from(`\xff\xd8\xff\xe0 fake JPEG ${label} #${photoCounter} ${Date.now()}`, 'latin1');
}
