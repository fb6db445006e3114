import { SqliteEventStore } from '@ooh/adapter-sqlite';
import { FsBlobStore } from '@ooh/adapter-fs-blob';
import { deterministicId, newId, type Actor, type DomainEvent, type EvidenceRef, type NewEvent } from '@ooh/eventing';
import {
  decideFault,
  decideInspection,
  decideMaintenance,
  decideSite,
  evolveFault,
  evolveSite,
  faultStream,
  initialFaultState,
  initialInspectionState,
  initialMaintenanceState,
  initialSiteState,
  inspectionStream,
  maintenanceStream,
  siteStream,
  type FaultCommand,
  type SiteCommand,
  type SiteEvent,
  type SiteKind,
} from '@ooh/operations-domain';
import { performance } from 'node:perf_hooks';

/*
 * Writes realistic operations events straight into an events.db through SqliteEventStore.appendToStream,
 * so rows are exactly what the platform stores. Every event comes out of the domain's own deciders
 * (valid for the projections and reactors), with the platform's defaults: time zone Asia/Shanghai,
 * SLA 8 h (minor) / 48 h (major).
 */

/** The bytes the benchmark uploads as its photo (bench/run.ts): same bytes, same content-addressed blob id. */
export const BENCH_PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(' bench photo')]);

const TIME_ZONE = 'Asia/Shanghai';
const SLA = { minorHours: 8, majorHours: 48 };
const DAY_MS = 86_400_000;
const STAFF: Actor[] = Array.from({ length: 20 }, (_, i) => ({ userId: `seed-staff-${i}`, role: 'ops-staff' }));
const MANAGER: Actor = { userId: 'seed-manager', role: 'ops-manager' };
const CITIES = ['Chongqing', 'Chengdu', 'Shanghai', 'Beijing', 'Guangzhou'];

export const seedSiteId = (i: number) => `SEED-${String(i).padStart(5, '0')}`;
/** One site per 500 events, between 10 and 2,000 sites. */
export const seedSiteCount = (totalEvents: number) => Math.max(10, Math.min(2000, Math.ceil(totalEvents / 500)));
const kindOf = (i: number): SiteKind => (i % 4 === 3 ? 'light-box' : 'led-screen');

export interface SeedResult {
  /** Events appended by this call. */
  appended: number;
  /** The log's head afterwards. */
  head: number;
  seconds: number;
  eventsPerSec: number;
}

export interface SeedOptions {
  /** Grow the log (whatever it holds already) to at least this many events. */
  totalEvents: number;
  /** The platform's blob directory (DATA_DIR/blobs): the photo is stored there so that every reference resolves. */
  blobDir?: string;
  /** Appends queued per event-loop turn, i.e. per group commit (one transaction). */
  inFlight?: number;
  progress?: (message: string) => void;
}

interface Append {
  streamId: string;
  events: NewEvent[];
}

/** The reference the platform's EvidenceResolver writes for the bench photo (stored in `blobDir` when given). */
export async function benchPhotoRef(blobDir?: string): Promise<EvidenceRef> {
  if (blobDir) {
    const ref = await new FsBlobStore(blobDir).put(BENCH_PHOTO, { contentType: 'image/jpeg', filename: 'photo.jpg' });
    return { blobId: ref.id, sha256: ref.sha256, contentType: ref.contentType };
  }
  const { createHash } = await import('node:crypto');
  const sha256 = createHash('sha256').update(BENCH_PHOTO).digest('hex');
  return { blobId: sha256, sha256, contentType: 'image/jpeg' };
}

function envelope(event: DomainEvent, actor: Actor, occurredAt: string, ids?: { eventId: string; correlationId: string; causationId: string }): NewEvent {
  const correlationId = ids?.correlationId ?? newId();
  return {
    eventId: ids?.eventId ?? newId(),
    type: event.type,
    data: event.data,
    metadata: { correlationId, causationId: ids?.causationId ?? correlationId, actor, occurredAt, schemaVersion: 1 },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

function registration(siteId: string, i: number, at: string, photo: EvidenceRef): Append {
  const [event] = decideSite(
    {
      type: 'RegisterSite',
      data: {
        siteId,
        city: CITIES[i % CITIES.length],
        station: `Station ${i % 37}`,
        location: `Concourse ${String.fromCharCode(65 + (i % 6))}, exit ${1 + (i % 9)}`,
        kind: kindOf(i),
        faces: i % 3 === 0 ? ['A'] : ['A', 'B'],
        landlordAuthority: 'Chengdu Railway Media',
        photos: [photo],
        at,
        by: MANAGER,
      },
    },
    initialSiteState(),
  );
  return { streamId: siteStream(siteId), events: [envelope(event, MANAGER, at)] };
}

/**
 * Unit `k` of the mix, on site `site` (50 events per 46 units): 40 inspections with every check
 * passed, 5 weekly maintenance records, and 1 inspection with a problem followed by its fault,
 * opened exactly as the platform's reactor does (derived ids), acknowledged, resolved within SLA
 * and closed by a second person, so no scheduler or reactor has anything left to do.
 */
interface Context {
  now: number;
  /** `now` as ISO: the application clock's reading in every command. */
  at: string;
  photo: EvidenceRef;
  /** Decider outputs by instant and variant, so that the calendar arithmetic runs once per instant. */
  decided: Map<string, DomainEvent>;
}

function decideOnce(ctx: Context, key: string, decide: () => DomainEvent): DomainEvent {
  let event = ctx.decided.get(key);
  if (!event) ctx.decided.set(key, (event = decide()));
  return event;
}

function unit(k: number, site: { id: string; kind: SiteKind }, ctx: Context): Append[] {
  const { at, photo } = ctx;
  const staff = STAFF[k % STAFF.length];
  // One of 12 hours on one of 365 days, at least a day ago, so every deadline and power cycle lies in the past.
  const performed = ctx.now - DAY_MS - ((k * 7919) % 365) * DAY_MS - ((k * 104_729) % 12) * 3600_000;
  const performedAt = iso(performed);
  const snapshot = { status: 'in-service' as const, kind: site.kind };
  const slot = k % 46;
  if (slot >= 41) {
    const maintenanceId = newId();
    const decided = decideOnce(ctx, `m|${performed}|${site.kind}`, () => {
      const powerCycle = site.kind === 'light-box' ? undefined : { offAt: iso(performed - 11 * 3600_000), onAt: iso(performed - 3600_000) };
      const data = {
        maintenanceId: '',
        siteId: '',
        site: snapshot,
        performedAt,
        at,
        timeZone: TIME_ZONE,
        powerCycle,
        cleaning: 'done' as const,
        photos: [photo],
        by: staff,
      };
      return decideMaintenance({ type: 'RecordMaintenance', data }, initialMaintenanceState())[0];
    });
    // The decider copies ids, site and person verbatim: set them per event (same keys, same order).
    const event = { type: decided.type, data: { ...(decided.data as object), maintenanceId, siteId: site.id, by: staff } };
    return [{ streamId: maintenanceStream(maintenanceId), events: [envelope(event, staff, performedAt)] }];
  }
  const problem = slot === 40;
  const inspectionId = newId();
  const decided = decideOnce(ctx, `i|${performed}|${problem}`, () => {
    const data = {
      inspectionId: '',
      siteId: '',
      site: snapshot,
      performedAt,
      at,
      timeZone: TIME_ZONE,
      checks: { deviceRunning: !problem, adsCorrect: true, safetyHazardFound: false, clean: true },
      problems: problem ? [{ description: 'screen dark on the left half', severity: 'minor' as const }] : [],
      photos: [photo],
      by: staff,
    };
    return decideInspection({ type: 'RecordInspection', data }, initialInspectionState())[0];
  });
  const notes = k % 10 === 0 ? 'glass slightly dusty' : null;
  const inspected = { type: decided.type, data: { ...(decided.data as object), inspectionId, siteId: site.id, notes, by: staff } };
  const inspection = envelope(inspected, staff, performedAt);
  const appends: Append[] = [{ streamId: inspectionStream(inspectionId), events: [inspection] }];
  if (!problem) return appends;

  // As FaultAutomation.openFaultsFor: faultIdForProblem(inspectionId, 0), event ids derived from the inspection event.
  const faultId = deterministicId('inspection-fault', inspectionId, '0');
  const fixer = STAFF[(k + 1) % STAFF.length];
  const commands: Array<{ command: FaultCommand; actor: Actor; at: string }> = [
    {
      command: {
        type: 'OpenFault',
        data: {
          faultId,
          siteId: site.id,
          site: snapshot,
          severity: 'minor',
          description: 'screen dark on the left half',
          photos: [photo],
          source: { kind: 'inspection', inspectionId, problemIndex: 0 },
          at: performedAt,
          sla: SLA,
          by: staff,
        },
      },
      actor: staff,
      at: performedAt,
    },
    { command: { type: 'AcknowledgeFault', data: { faultId, at: iso(performed + 3600_000), by: fixer } }, actor: fixer, at: iso(performed + 3600_000) },
    {
      command: { type: 'ResolveFault', data: { faultId, action: 'replaced the power supply', photos: [photo], at: iso(performed + 2 * 3600_000), by: fixer } },
      actor: fixer,
      at: iso(performed + 2 * 3600_000),
    },
    { command: { type: 'CloseFault', data: { faultId, at: iso(performed + 3 * 3600_000), by: MANAGER } }, actor: MANAGER, at: iso(performed + 3 * 3600_000) },
  ];
  let state = initialFaultState();
  const faultEvents: NewEvent[] = [];
  for (const [i, { command, actor, at: occurredAt }] of commands.entries()) {
    for (const event of decideFault(command, state)) {
      state = evolveFault(state, event);
      const ids =
        i === 0
          ? { eventId: deterministicId(inspection.eventId, faultId, '0'), correlationId: inspection.metadata.correlationId, causationId: inspection.eventId }
          : undefined;
      faultEvents.push(envelope(event, actor, occurredAt, ids));
    }
  }
  appends.push({ streamId: faultStream(faultId), events: faultEvents });
  return appends;
}

/** Every append queued in the same turn (one group commit), then awaited together. */
async function commit(store: SqliteEventStore, appends: Append[]): Promise<number> {
  const results = await Promise.all(appends.map((a) => store.appendToStream(a.streamId, a.events, 'no_stream')));
  return results.reduce((n, r) => n + r.events.length, 0);
}

/** How many seeded sites the log holds already (they are registered in order). */
async function existingSites(store: SqliteEventStore): Promise<number> {
  let n = 0;
  while ((await store.readStream(siteStream(seedSiteId(n)))).length > 0) n++;
  return n;
}

/**
 * Grows the log at `path` to at least `totalEvents` (from whatever it holds): first the seeded sites
 * its size calls for (`seedSiteCount`), then the mix of `unit` round-robin over those sites.
 */
export async function seedLog(path: string, options: SeedOptions): Promise<SeedResult> {
  const inFlight = options.inFlight ?? 2000;
  const photo = await benchPhotoRef(options.blobDir);
  const store = new SqliteEventStore({ path });
  const started = performance.now();
  let appended = 0;
  try {
    let head = await store.headPosition();
    const now = Date.now();
    const sites = seedSiteCount(options.totalEvents);
    const have = await existingSites(store);
    const registrations: Append[] = [];
    for (let i = have; i < sites; i++) registrations.push(registration(seedSiteId(i), i, iso(now - 400 * DAY_MS), photo));
    const ctx: Context = { now, at: iso(now), photo, decided: new Map() };
    for (let i = 0; i < registrations.length; i += inFlight) appended += await commit(store, registrations.slice(i, i + inFlight));
    head += appended;

    let k = head; // continues the mix where the previous call left it
    let lastReport = performance.now();
    while (head < options.totalEvents) {
      const batch: Append[] = [];
      let events = 0;
      while (batch.length < inFlight && head + events < options.totalEvents) {
        const site = k % sites;
        const next = unit(k++, { id: seedSiteId(site), kind: kindOf(site) }, ctx);
        const size = next.reduce((n, a) => n + a.events.length, 0);
        // A fault lifecycle would overshoot the target: take a one-event unit instead.
        if (head + events + size > options.totalEvents && size > 1) continue;
        batch.push(...next);
        events += size;
      }
      const n = await commit(store, batch);
      appended += n;
      head += n;
      if (options.progress && performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        options.progress(`seeding: ${head.toLocaleString('en-US')} / ${options.totalEvents.toLocaleString('en-US')} events`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return { appended, head: await store.headPosition(), seconds, eventsPerSec: appended / seconds };
  } finally {
    await store.close();
  }
}

/**
 * One site whose own stream holds `n` events: registered (unless it is already), then details
 * updates (the location alternating), with a faulty / back-in-service round trip every 100 events.
 * Each event is decided on the folded state, so the stream is valid; the site ends in service.
 */
export async function seedLongStream(path: string, siteId: string, n: number, options: { blobDir?: string } = {}): Promise<SeedResult> {
  const photo = await benchPhotoRef(options.blobDir);
  const store = new SqliteEventStore({ path });
  const started = performance.now();
  try {
    const existing = await store.readStream(siteStream(siteId));
    let state = existing.reduce((s, e) => evolveSite(s, { type: e.type, data: e.data } as SiteEvent), initialSiteState());
    let revision = existing.length - 1;
    const now = Date.now();
    const at = (j: number) => iso(now - (n - j) * 60_000);
    const pending: NewEvent[] = [];
    const take = (event: SiteEvent, j: number) => {
      state = evolveSite(state, event);
      pending.push(envelope(event, MANAGER, at(j)));
    };
    if (state.status === 'unregistered') {
      const [registered] = registration(siteId, 0, at(0), photo).events;
      take({ type: 'SiteRegistered', data: registered.data } as SiteEvent, 0);
    }
    for (let j = existing.length + pending.length; existing.length + pending.length < n; j++) {
      const command: SiteCommand =
        state.status !== 'in-service'
          ? { type: 'ReturnSiteToService', data: { siteId, note: 'repaired', at: at(j), by: MANAGER } }
          : j % 100 === 98 && j < n - 1
            ? { type: 'TakeSiteOutOfService', data: { siteId, reason: 'faulty', note: 'screen dark', at: at(j), by: MANAGER } }
            : { type: 'UpdateSite', data: { siteId, changes: { location: `Concourse ${j % 2 ? 'A' : 'B'}, exit 2` }, at: at(j), by: MANAGER } };
      for (const event of decideSite(command, state)) take(event, j);
    }
    if (state.status !== 'in-service') throw new Error(`${siteId} would not end in service (${state.status})`);
    let appended = 0;
    for (let i = 0; i < pending.length; i += 1000) {
      const chunk = pending.slice(i, i + 1000);
      const result = await store.appendToStream(siteStream(siteId), chunk, revision < 0 ? 'no_stream' : revision);
      revision = result.nextExpectedRevision;
      appended += chunk.length;
    }
    const seconds = (performance.now() - started) / 1000;
    return { appended, head: await store.headPosition(), seconds, eventsPerSec: appended / seconds };
  } finally {
    await store.close();
  }
}
