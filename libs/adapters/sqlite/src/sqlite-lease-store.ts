import type { Lease, LeaseStore } from '@ooh/eventing';
import { openDatabase, type SqliteDatabase } from './open-database';

interface Row {
  name: string;
  owner: string;
  expires_at: number;
  term: number;
}

const toLease = (r: Row): Lease => ({ name: r.name, owner: r.owner, expiresAt: r.expires_at, term: r.term });

/** Leases in a table of the embedded read store; each change is one IMMEDIATE transaction (other processes on the file wait). */
export class SqliteLeaseStore implements LeaseStore {
  private readonly db: SqliteDatabase;
  private readonly select;
  constructor(options: { path: string } | { db: SqliteDatabase }) {
    this.db = 'db' in options ? options.db : openDatabase(options.path, 'normal');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL, term INTEGER NOT NULL) WITHOUT ROWID',
    );
    this.select = this.db.prepare<[string], Row>('SELECT name, owner, expires_at, term FROM leases WHERE name = ?');
  }

  async acquire(name: string, owner: string, ttlMs: number, nowMs: number): Promise<{ held: boolean; lease: Lease }> {
    const decide = this.db.transaction((): { held: boolean; lease: Lease } => {
      const current = this.select.get(name);
      if (!current) {
        this.db.prepare('INSERT INTO leases (name, owner, expires_at, term) VALUES (?, ?, ?, 1)').run(name, owner, nowMs + ttlMs);
      } else if (current.owner === owner) {
        this.db.prepare('UPDATE leases SET expires_at = ? WHERE name = ?').run(nowMs + ttlMs, name);
      } else if (current.expires_at <= nowMs) {
        this.db.prepare('UPDATE leases SET owner = ?, expires_at = ?, term = term + 1 WHERE name = ?').run(owner, nowMs + ttlMs, name);
      } else {
        return { held: false, lease: toLease(current) };
      }
      return { held: true, lease: toLease(this.select.get(name)!) };
    });
    return decide.immediate();
  }

  async takeOver(name: string, owner: string, from: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const changed = this.db
      .prepare('UPDATE leases SET owner = ?, expires_at = ?, term = term + 1 WHERE name = ? AND owner = ?')
      .run(owner, nowMs + ttlMs, name, from);
    return changed.changes === 1;
  }

  async release(name: string, owner: string): Promise<void> {
    this.db.prepare("UPDATE leases SET owner = '', expires_at = 0 WHERE name = ? AND owner = ?").run(name, owner);
  }

  async list(): Promise<Lease[]> {
    return this.db.prepare<[], Row>('SELECT name, owner, expires_at, term FROM leases ORDER BY name').all().map(toLease);
  }
}
