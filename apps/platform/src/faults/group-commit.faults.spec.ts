import { DEV_JWT_SECRET } from '@ooh/http-kit';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, eventually } from '../testing/api-client';
import { readLog } from '../testing/oracle';
import { freePort } from '../testing/platform-process';
import { SERVICE_MAINS, ServiceProcess } from '../testing/service-process';

jest.setTimeout(120_000);

/**
 * The group commit answers many concurrent commands with one transaction. Killed after such a commit
 * is durable and before any of its commands is answered: every command answered before the crash is
 * in the log once, the log is consistent, and the commands the crash left unanswered are there at
 * most once (committed, never doubled).
 */
describe('a crash inside the group commit under concurrent commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  const api = new ApiClient(() => platform.url, DEV_JWT_SECRET);
  const siteId = 'GROUP-LED-01';
  let platform: ServiceProcess;
  let port: number;

  const start = async (env: Record<string, string> = {}) => {
    platform = new ServiceProcess('platform', SERVICE_MAINS.platform, port, { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', ...env });
    await platform.start();
  };

  beforeAll(async () => {
    port = await freePort();
    await start();
    const site = await api.as('mei', 'ops-manager').post('/api/operations/sites', {
      siteId,
      city: 'Chongqing',
      station: 'North',
      location: 'Hall',
      kind: 'led-screen',
      faces: ['A'],
      landlordAuthority: 'CRM',
    });
    expect(site.status).toBe(201);
    await platform.stop('SIGTERM');
  });
  afterAll(async () => {
    await platform?.stop('SIGKILL');
  });

  it('loses no acknowledged command and doubles none', async () => {
    // The 40th commit after start dies before answering: earlier commits have been answered.
    await start({ OOH_CRASH_POINT: 'after-group-commit', OOH_CRASH_AFTER: '40' });
    const staff = api.as('wu', 'ops-staff');
    const blobId = await staff.upload('\xff\xd8 group commit');
    const acknowledged: string[] = [];
    let unanswered = 0;
    const notes = new Set<string>();
    const writer = async (w: number) => {
      for (let i = 0; platform.running; i++) {
        const note = `writer ${w} request ${i}`;
        notes.add(note);
        const reply = await staff
          .post('/api/operations/inspections', {
            siteId,
            performedAt: new Date().toISOString(),
            checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
            notes: note,
            photos: [{ blobId }],
          })
          .catch(() => undefined);
        if (!reply) {
          unanswered += 1;
          return;
        }
        expect(reply.status).toBe(201);
        acknowledged.push(reply.body.id as string);
      }
    };
    await Promise.all(Array.from({ length: 25 }, (_, w) => writer(w)));
    await eventually(
      'the platform to die at its crash point',
      async () => !platform.running,
      30_000,
      () => platform.output,
    );
    expect(platform.output).toContain('crash point after-group-commit reached');
    expect(acknowledged.length).toBeGreaterThan(25);
    expect(unanswered).toBeGreaterThan(0);

    const events = readLog(join(dataDir, 'events.db'));
    const recorded = events.filter((e) => e.type === 'InspectionRecorded');
    const ids = recorded.map((e) => (e.data as { inspectionId: string }).inspectionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    for (const id of acknowledged) expect(ids).toContain(id);
    // The crashed commit held requests nobody was answered for: stored once each, at most one per request sent.
    const recordedNotes = recorded.map((e) => (e.data as { notes: string }).notes);
    expect(new Set(recordedNotes).size).toBe(recordedNotes.length);
    expect(recorded.length).toBeGreaterThan(acknowledged.length);
    expect(recorded.length).toBeLessThanOrEqual(notes.size);
    const db = new Database(join(dataDir, 'events.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    // Restarted: the inspections the crash left unanswered are in the read model too, once each.
    await start();
    const inReadModel = async () => {
      const seen: string[] = [];
      let cursor = '';
      do {
        const page = await api.as('mei', 'ops-manager').get(`/api/operations/inspections?siteId=${siteId}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((i: { inspectionId: string }) => i.inspectionId));
        cursor = page.body.nextCursor ?? '';
      } while (cursor);
      return seen;
    };
    let last: string[] = [];
    await eventually(
      'every recorded inspection in the read model',
      async () => (last = await inReadModel()).length === recorded.length,
      30_000,
      () => `${last.length} of ${recorded.length}`,
    );
    expect(new Set(last)).toEqual(new Set(ids));
  });
});
