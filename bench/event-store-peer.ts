import { openDatabase, SqliteEventStore } from '@ooh/adapter-sqlite';
import { loadAggregate, newId, type Decider, type DomainEvent, type EventMetadata, type NewEvent } from '@ooh/eventing';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { atLeast, atLeastRatio, atMost, ratio, table, type Row } from './table';

/*
 * Our embedded event store (SqliteEventStore over better-sqlite3) against @event-driven-io/emmett-sqlite
 * (over sqlite3), side by side in one run, each scenario on a fresh database file per side:
 * sequential appends, 50 concurrent writers, folding a 50-event stream.
 * `node dist/bench/event-store-peer.js [--quick]`; the peer lives in bench/peer (see its install.sh).
 */

const MODES = {
  quick: { sequentialEvents: 300, concurrentSeconds: 3, foldSeconds: 1 },
  full: { sequentialEvents: 1000, concurrentSeconds: 5, foldSeconds: 3 },
};
const WRITERS = 50;
const FOLDED_EVENTS = 50;
const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

// --- the part of the peer's API used here (its own types are in bench/peer/node_modules, outside the type-check)
interface PeerEvent {
  type: string;
  data: InspectionData;
  metadata?: Record<string, unknown>;
}
interface PeerStore {
  appendToStream(streamName: string, events: PeerEvent[], options?: { expectedStreamVersion?: bigint }): Promise<{ nextExpectedStreamVersion: bigint }>;
  readStream(streamName: string): Promise<{ currentStreamVersion: bigint; events: PeerEvent[] }>;
  aggregateStream<S>(
    streamName: string,
    options: { evolve(state: S, event: PeerEvent): S; initialState(): S },
  ): Promise<{ currentStreamVersion: bigint; state: S }>;
  schema: { migrate(): Promise<void> };
}
interface EmmettSqlite {
  getSQLiteEventStore(options: { fileName: string }): PeerStore;
  /** What its connection pool opens for every operation on a file. */
  sqliteConnection(options: { fileName: string }): { querySingle<T>(sql: string): Promise<T | null>; close(): void };
}

interface InspectionData {
  siteId: string;
  face: string;
  performedAt: string;
  inspectorId: string;
  checks: { deviceRunning: boolean; adsCorrect: boolean; safetyHazardFound: boolean; clean: boolean };
  photos: Array<{ blobId: string; contentType: string }>;
  notes: string;
  problems: string[];
  /** Position of the event in its stream, so that a lost, doubled or reordered event shows. */
  sequence: number;
}

interface Durability {
  journalMode: string;
  synchronous: string;
  busyTimeoutMs: number;
}

export interface PeerComparisonOptions {
  workDir: string;
  quick: boolean;
  progress(msg: string): void;
}

// --- the same events on both sides
const PERFORMED_AT = '2026-11-25T08:30:00.000Z';

function inspection(site: number, sequence: number): InspectionData {
  return {
    siteId: `BENCH-LED-${String(site).padStart(2, '0')}`,
    face: 'A',
    performedAt: PERFORMED_AT,
    inspectorId: 'staff-zhang-wei',
    checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
    photos: [{ blobId: '9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8', contentType: 'image/jpeg' }],
    notes: 'Screen even, no dead pixels; cabinet locked.',
    problems: [],
    sequence,
  };
}

function metadata(): EventMetadata {
  const correlationId = newId();
  return { correlationId, causationId: correlationId, actor: { userId: 'bench-staff', role: 'ops-staff' }, occurredAt: PERFORMED_AT, schemaVersion: 1 };
}

const ourEvent = (site: number, sequence: number): NewEvent<InspectionData> => ({
  eventId: newId(),
  type: 'InspectionRecorded',
  data: inspection(site, sequence),
  metadata: metadata(),
});
const peerEvent = (site: number, sequence: number): PeerEvent => ({ type: 'InspectionRecorded', data: inspection(site, sequence), metadata: metadata() });
const streamName = (name: string | number) => `bench.inspection-${name}`;

// --- the fold: one evolve for both sides
interface Folded {
  events: number;
  sequenceSum: number;
  photos: number;
}
const initialState = (): Folded => ({ events: 0, sequenceSum: 0, photos: 0 });
const evolve = (state: Folded, event: { data: InspectionData }): Folded => ({
  events: state.events + 1,
  sequenceSum: state.sequenceSum + event.data.sequence,
  photos: state.photos + event.data.photos.length,
});
const decider: Decider<never, DomainEvent<'InspectionRecorded', InspectionData>, Folded> = { initialState, evolve, decide: () => [] };

// --- the peer, installed on demand
function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'bench/peer/package.json'))) return dir;
  }
  throw new Error(`bench/peer/package.json not found above ${__dirname}`);
}

function loadPeer(progress: (msg: string) => void) {
  const peerDir = join(repoRoot(), 'bench/peer');
  const peerRequire = createRequire(join(peerDir, 'package.json'));
  // The package is dual (ESM and CJS); its CJS build is loaded.
  const load = () => ({
    emmett: peerRequire('@event-driven-io/emmett-sqlite') as EmmettSqlite,
    sqliteVersion: (peerRequire('sqlite3') as { VERSION: string }).VERSION,
    version: (JSON.parse(readFileSync(join(peerDir, 'node_modules/@event-driven-io/emmett-sqlite/package.json'), 'utf8')) as { version: string }).version,
  });
  try {
    return load();
  } catch {
    progress('peer not installed: running bench/peer/install.sh (builds sqlite3 from source, a few minutes)');
    progress(execFileSync('bash', [join(peerDir, 'install.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim());
    return load();
  }
}

// --- durability as each side's own connection sees it
function ourDurability(path: string): Durability {
  const db = openDatabase(path); // how SqliteEventStore opens its file
  try {
    return {
      journalMode: String(db.pragma('journal_mode', { simple: true })),
      synchronous: SYNCHRONOUS[Number(db.pragma('synchronous', { simple: true }))],
      busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
    };
  } finally {
    db.close();
  }
}

async function peerDurability(emmett: EmmettSqlite, path: string): Promise<Durability> {
  const connection = emmett.sqliteConnection({ fileName: path });
  try {
    const value = async (pragma: string) => Object.values((await connection.querySingle<Record<string, string | number>>(`PRAGMA ${pragma}`)) ?? {})[0];
    return {
      journalMode: String(await value('journal_mode')),
      synchronous: SYNCHRONOUS[Number(await value('synchronous'))],
      busyTimeoutMs: Number(await value('busy_timeout')),
    };
  } finally {
    connection.close();
  }
}

function assertSameDurability(ours: Durability, peer: Durability): void {
  for (const [side, d] of Object.entries({ ours, peer })) {
    if (d.journalMode !== 'wal' || d.synchronous !== 'FULL')
      throw new Error(`${side}: journal_mode=${d.journalMode}, synchronous=${d.synchronous}; both sides must run WAL with synchronous=FULL`);
  }
}

// --- measurement helpers
interface Errors {
  total: number;
  kinds: Record<string, number>;
}
const noErrors = (): Errors => ({ total: 0, kinds: {} });

function countError(errors: Errors, error: unknown): void {
  const kind = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 120);
  errors.total += 1;
  errors.kinds[kind] = (errors.kinds[kind] ?? 0) + 1;
}

const MAX_ATTEMPTS = 5;

/** One operation, a failure counted and retried a few times (the peer fails now and then under load). */
async function withRetries<T>(errors: Errors, operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      countError(errors, error);
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

const isSqliteError = (error: unknown) => error instanceof Error && String((error as { code?: unknown }).code).startsWith('SQLITE_');

/**
 * Runs one peer scenario with two of emmett-sqlite's habits contained. It console.logs the error of every
 * failed transaction, then rolls back (when BEGIN itself failed, the rollback fails too, and that is the
 * error thrown): the logged errors, the causes, are counted instead of printed. And it runs
 * `PRAGMA journal_mode = WAL` on every new connection without a callback: when that fails (SQLITE_BUSY),
 * sqlite3 emits an 'error' event that nobody listens to, which would end the process; counted too.
 */
async function asPeer<T extends object>(scenario: () => Promise<T>): Promise<T & { loggedErrors: Errors; unhandledErrors: Errors }> {
  const loggedErrors = noErrors();
  const unhandledErrors = noErrors();
  const log = console.log;
  const onUncaught = (error: Error) => {
    if (!isSqliteError(error)) {
      console.error(error);
      process.exit(1);
    }
    countError(unhandledErrors, error);
  };
  console.log = (error: unknown) => countError(loggedErrors, error);
  process.on('uncaughtException', onUncaught);
  try {
    return { ...(await scenario()), loggedErrors, unhandledErrors };
  } finally {
    console.log = log;
    process.off('uncaughtException', onUncaught);
  }
}

function checkSequences(side: string, stream: string, sequences: number[], expected: number): void {
  const ok = sequences.length === expected && sequences.every((s, i) => s === i);
  if (!ok)
    throw new Error(
      `${side}: ${stream} holds ${sequences.length} events (sequences ${sequences.slice(0, 10).join(',')}...), expected exactly 0..${expected - 1} in order`,
    );
}

async function sequential(count: number, append: (sequence: number) => Promise<void>) {
  const errors = noErrors();
  const started = performance.now();
  for (let sequence = 0; sequence < count; sequence++) await withRetries(errors, () => append(sequence));
  const seconds = (performance.now() - started) / 1000;
  return { events: count, seconds, eventsPerSec: count / seconds, errors };
}

/** Each writer appends single events to its own stream until the time is up; a failed append is counted and retried. */
async function concurrent(seconds: number, append: (writer: number, sequence: number) => Promise<void>) {
  const acknowledged = new Array<number>(WRITERS).fill(0);
  const errors = noErrors();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    acknowledged.map(async (_, writer) => {
      while (performance.now() < deadline) {
        try {
          await append(writer, acknowledged[writer]);
          acknowledged[writer] += 1;
        } catch (error) {
          countError(errors, error);
        }
      }
    }),
  );
  // Until the last append in flight at the deadline has settled.
  const elapsed = (performance.now() - started) / 1000;
  const events = acknowledged.reduce((a, b) => a + b, 0);
  return { windowSeconds: seconds, events, seconds: elapsed, eventsPerSec: events / elapsed, errors, acknowledged };
}

async function folds(seconds: number, fold: () => Promise<Folded>) {
  const errors = noErrors();
  const checkedFold = async () => {
    const state = await withRetries(errors, fold);
    if (state.events !== FOLDED_EVENTS || state.sequenceSum !== (FOLDED_EVENTS * (FOLDED_EVENTS - 1)) / 2) {
      throw new Error(`a fold saw ${state.events} events (sequence sum ${state.sequenceSum}), expected ${FOLDED_EVENTS}`);
    }
  };
  for (let i = 0; i < 20; i++) await checkedFold(); // warm-up
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  for (; performance.now() < deadline; count++) await checkedFold();
  const elapsed = (performance.now() - started) / 1000;
  return { folds: count, seconds: elapsed, foldsPerSec: count / elapsed, errors };
}

// --- one scenario per side, each on its own fresh file
function ourStore(workDir: string, name: string) {
  return new SqliteEventStore({ path: join(workDir, `ours-${name}.db`) });
}

async function peerStore(emmett: EmmettSqlite, workDir: string, name: string) {
  const store = emmett.getSQLiteEventStore({ fileName: join(workDir, `peer-${name}.db`) });
  await store.schema.migrate(); // otherwise created lazily by the first, timed, operation
  return store;
}

const ourAppend = (store: SqliteEventStore, stream: string, site: number, sequence: number) =>
  store.appendToStream(stream, [ourEvent(site, sequence)], sequence === 0 ? 'no_stream' : sequence - 1);
const peerAppend = (store: PeerStore, stream: string, site: number, sequence: number) =>
  store.appendToStream(stream, [peerEvent(site, sequence)], { expectedStreamVersion: BigInt(sequence) });
const ourSequences = async (store: SqliteEventStore, stream: string) => (await store.readStream(stream)).map((e) => (e.data as InspectionData).sequence);
const peerSequences = async (store: PeerStore, stream: string) => (await store.readStream(stream)).events.map((e) => e.data.sequence);

async function ourSequential(workDir: string, count: number) {
  const store = ourStore(workDir, 'sequential');
  try {
    const stream = streamName('sequential');
    const result = await sequential(count, async (sequence) => void (await ourAppend(store, stream, 0, sequence)));
    checkSequences('ours', stream, await ourSequences(store, stream), count);
    return result;
  } finally {
    await store.close();
  }
}

async function peerSequential(emmett: EmmettSqlite, workDir: string, count: number) {
  const store = await peerStore(emmett, workDir, 'sequential');
  const stream = streamName('sequential');
  const result = await sequential(count, async (sequence) => void (await peerAppend(store, stream, 0, sequence)));
  checkSequences('peer', stream, await peerSequences(store, stream), count);
  return result;
}

async function ourConcurrent(workDir: string, seconds: number) {
  const store = ourStore(workDir, 'concurrent');
  try {
    const result = await concurrent(seconds, async (writer, sequence) => void (await ourAppend(store, streamName(writer), writer, sequence)));
    for (const [writer, count] of result.acknowledged.entries())
      checkSequences('ours', streamName(writer), await ourSequences(store, streamName(writer)), count);
    return result;
  } finally {
    await store.close();
  }
}

async function peerConcurrent(emmett: EmmettSqlite, workDir: string, seconds: number) {
  const store = await peerStore(emmett, workDir, 'concurrent');
  const result = await concurrent(seconds, async (writer, sequence) => void (await peerAppend(store, streamName(writer), writer, sequence)));
  for (const [writer, count] of result.acknowledged.entries())
    checkSequences('peer', streamName(writer), await peerSequences(store, streamName(writer)), count);
  return result;
}

async function ourFold(workDir: string, seconds: number) {
  const store = ourStore(workDir, 'fold');
  try {
    const stream = streamName('fold');
    for (let sequence = 0; sequence < FOLDED_EVENTS; sequence++) await ourAppend(store, stream, 0, sequence);
    return await folds(seconds, async () => (await loadAggregate(store, decider, stream)).state);
  } finally {
    await store.close();
  }
}

async function peerFold(emmett: EmmettSqlite, workDir: string, seconds: number) {
  const store = await peerStore(emmett, workDir, 'fold');
  const stream = streamName('fold');
  const seeding = noErrors();
  for (let sequence = 0; sequence < FOLDED_EVENTS; sequence++) await withRetries(seeding, () => peerAppend(store, stream, 0, sequence));
  return { ...(await folds(seconds, async () => (await store.aggregateStream(stream, { evolve, initialState })).state)), seedingErrors: seeding };
}

export async function compareEventStores(options: PeerComparisonOptions): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const { workDir, progress } = options;
  const mode = MODES[options.quick ? 'quick' : 'full'];
  const peer = loadPeer(progress);
  const { emmett } = peer;

  // Durability: ours opens its file with WAL and synchronous=FULL (open-database.ts). emmett-sqlite opens
  // a new sqlite3 connection per operation and sets only journal_mode=WAL on it; synchronous stays at
  // SQLite's default, FULL in the sqlite3 build. Both are read back from such connections, not assumed.
  // The busy timeouts differ (ours 5 s, the peer sqlite3's default 1 s) and are left as each ships.
  const probe = await asPeer(async () => {
    await peerAppend(await peerStore(emmett, workDir, 'probe'), streamName('probe'), 0, 0);
    return { durability: await peerDurability(emmett, join(workDir, 'peer-probe.db')) };
  });
  const durability = { ours: ourDurability(join(workDir, 'ours-probe.db')), peer: probe.durability };
  assertSameDurability(durability.ours, durability.peer);

  progress(`sequential appends: ${mode.sequentialEvents} single events, one awaited at a time, per side`);
  const sequentialOurs = await ourSequential(workDir, mode.sequentialEvents);
  const sequentialPeer = await asPeer(() => peerSequential(emmett, workDir, mode.sequentialEvents));

  progress(`concurrent appends: ${WRITERS} writers on ${WRITERS} streams for ${mode.concurrentSeconds} s per side`);
  const concurrentOurs = await ourConcurrent(workDir, mode.concurrentSeconds);
  const concurrentPeer = await asPeer(() => peerConcurrent(emmett, workDir, mode.concurrentSeconds));

  progress(`folding a ${FOLDED_EVENTS}-event stream for ${mode.foldSeconds} s per side`);
  const foldOurs = await ourFold(workDir, mode.foldSeconds);
  const foldPeer = await asPeer(() => peerFold(emmett, workDir, mode.foldSeconds));

  const ref = ' (ref: emmett-sqlite)';
  const rows: Row[] = [
    {
      figure: `event store: sequential single-event appends${ref}`,
      unit: 'events/s',
      value: sequentialOurs.eventsPerSec,
      reference: sequentialPeer.eventsPerSec,
      ratio: ratio(sequentialOurs.eventsPerSec, sequentialPeer.eventsPerSec),
      target: atLeastRatio(10),
    },
    {
      figure: `event store: ${WRITERS} concurrent writers${ref}`,
      unit: 'events/s',
      value: concurrentOurs.eventsPerSec,
      reference: concurrentPeer.eventsPerSec,
      ratio: ratio(concurrentOurs.eventsPerSec, concurrentPeer.eventsPerSec),
      target: atLeast(15_000, 'events/s'),
    },
    {
      figure: `event store: ${WRITERS} concurrent writers, failed appends${ref}`,
      unit: 'errors',
      value: concurrentOurs.errors.total,
      reference: concurrentPeer.errors.total,
      ratio: null,
      target: atMost(0, 'errors'),
    },
    {
      figure: `event store: fold a ${FOLDED_EVENTS}-event stream${ref}`,
      unit: 'folds/s',
      value: foldOurs.foldsPerSec,
      reference: foldPeer.foldsPerSec,
      ratio: ratio(foldOurs.foldsPerSec, foldPeer.foldsPerSec),
      target: atLeastRatio(4),
    },
  ];
  const sample = ourEvent(0, 0);
  const omitAcknowledged = <T extends { acknowledged: number[] }>({ acknowledged, ...rest }: T) => ({
    ...rest,
    perWriter: { min: Math.min(...acknowledged), max: Math.max(...acknowledged) },
  });
  const details = {
    mode: options.quick ? 'quick' : 'full',
    ours: { store: 'SqliteEventStore (@ooh/adapter-sqlite), better-sqlite3, one connection, group commit per event-loop turn', durability: durability.ours },
    peer: {
      store: `@event-driven-io/emmett-sqlite@${peer.version} (getSQLiteEventStore, default pool: a new sqlite3 connection per operation), SQLite ${peer.sqliteVersion}`,
      durability: durability.peer,
    },
    payload: {
      type: sample.type,
      dataBytes: Buffer.byteLength(JSON.stringify(sample.data)),
      metadataBytes: Buffer.byteLength(JSON.stringify(sample.metadata)),
    },
    expectedVersions: 'every append passes the expected revision of its stream, on both sides',
    sequential: { ours: sequentialOurs, peer: sequentialPeer },
    concurrent: { writers: WRITERS, ours: omitAcknowledged(concurrentOurs), peer: omitAcknowledged(concurrentPeer) },
    fold: { streamEvents: FOLDED_EVENTS, ours: foldOurs, peer: foldPeer },
  };
  return { rows, details };
}

/**
 * The comparison in a process of its own (the peer's native sqlite3, its console and uncaught-error
 * handling stay out of the benchmark's process): rows come back as JSON, targets as text and verdict.
 */
export function compareEventStoresApart(options: { quick: boolean; progress(msg: string): void }): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--json', ...(options.quick ? ['--quick'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((line) => options.progress(line.replace(/^\[bench:peer\] /, ''))),
    );
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the event-store comparison exited with ${code}`));
      const parsed = JSON.parse(out.trim().split('\n').pop() ?? '') as {
        rows: Array<Omit<Row, 'target'> & { target?: { text: string; passed: boolean } }>;
        details: Record<string, unknown>;
      };
      const rows = parsed.rows.map(({ target, ...row }) => ({ ...row, ...(target ? { target: { text: target.text, pass: () => target.passed } } : {}) }));
      resolve({ rows, details: parsed.details });
    });
  });
}

if (require.main === module) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  const workDir = mkdtempSync(join(tmpdir(), 'ooh-bench-peer-'));
  compareEventStores({ workDir, quick: values.quick, progress: (msg) => process.stderr.write(`[bench:peer] ${msg}\n`) })
    .then(
      ({ rows, details }) => {
        if (values.json) {
          const portable = rows.map(({ target, ...row }) => ({
            ...row,
            ...(target ? { target: { text: target.text, passed: target.pass({ ...row, target }) } } : {}),
          }));
          process.stdout.write(`\n${JSON.stringify({ rows: portable, details })}\n`);
          return;
        }
        console.log(table(rows));
        console.log(`\n${JSON.stringify(details, null, 2)}`);
      },
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    )
    .finally(() => rmSync(workDir, { recursive: true, force: true }));
}
