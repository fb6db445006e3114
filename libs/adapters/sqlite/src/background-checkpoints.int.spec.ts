import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkpointInBackground } from './background-checkpoints';
import { openDatabase } from './open-database';

const walSize = (path: string) => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

describe('WAL checkpoints in a worker thread', () => {
  it('keeps the WAL near its limit under a steady stream of commits, which passive checkpoints alone never finish', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wal-')), 'busy.db');
    const db = openDatabase(path, 'normal');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const limit = 256 * 1024;
    const stop = checkpointInBackground(db, path, { intervalMs: 10, walLimitBytes: limit });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    const body = 'x'.repeat(1000);
    let written = 0;
    let largest = 0;
    // About 5 MB/s, a rebuild's pace, in commits 2 ms apart: never a pause long enough for a passive
    // checkpoint to reach the last frame.
    const until = Date.now() + 5000;
    while (Date.now() < until && written < 40 * limit) {
      db.transaction(() => {
        for (let i = 0; i < 20; i++) insert.run(body);
      })();
      written += 20 * body.length;
      largest = Math.max(largest, walSize(path));
      await sleep(2);
    }
    await stop();
    expect(written).toBeGreaterThanOrEqual(32 * limit);
    expect(largest).toBeLessThan(16 * limit);
    expect((db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(written / 1000);
    db.close();
  });
});
