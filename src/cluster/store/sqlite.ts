// The SQLite log: one table, rv = INTEGER PRIMARY KEY AUTOINCREMENT (so a
// revision is never reused, even after compaction removes the newest row),
// an index on (resource, key, rv) for point reads and snapshot scans.
//
// Durability: WAL journal. synchronous=FULL (the default here) fsyncs the WAL
// on every commit, so an acknowledged write survives a power loss;
// synchronous=NORMAL skips that fsync (it syncs at checkpoints only): a
// write survives the process being killed but the last commits can be lost
// if the machine goes down. Writes arriving together are grouped into one
// transaction by LogStore, which amortizes the fsync.

import Database from 'better-sqlite3';
import type { KeyRange, LogBackend, LogRow, NewLogRow } from './log.ts';

export interface SqliteLogOptions {
  /** A file path, or ':memory:'. */
  path: string;
  synchronous?: 'full' | 'normal';
}

interface RawRow {
  rv: number;
  resource: string;
  key: string;
  created: number;
  deleted: number;
  prev_rv: number | null;
  ts: number;
  value: string;
}

const schema = `
CREATE TABLE IF NOT EXISTS log (
  rv INTEGER PRIMARY KEY AUTOINCREMENT,
  resource TEXT NOT NULL,
  key TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  prev_rv INTEGER,
  ts INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS log_resource_key_rv ON log (resource, key, rv);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

function toRow(raw: RawRow): LogRow {
  return {
    rv: raw.rv,
    resource: raw.resource,
    key: raw.key,
    created: raw.created === 1,
    deleted: raw.deleted === 1,
    prevRv: raw.prev_rv,
    ts: raw.ts,
    value: raw.value,
  };
}

export class SqliteLog implements LogBackend {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly runInTransaction: <T>(fn: () => T) => T;

  constructor(options: SqliteLogOptions) {
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
    const db = this.db;
    this.stmt = {
      revision: db.prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'log'`),
      compacted: db.prepare<[], { value: number }>(`SELECT value FROM meta WHERE name = 'compacted'`),
      setCompacted: db.prepare<[number]>(
        `INSERT INTO meta (name, value) VALUES ('compacted', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      ),
      append: db.prepare<[number, string, string, number, number, number | null, number, string]>(
        `INSERT INTO log (rv, resource, key, created, deleted, prev_rv, ts, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      latest: db.prepare<[string, string, number], RawRow>(
        `SELECT * FROM log WHERE resource = ? AND key = ? AND rv <= ? ORDER BY rv DESC LIMIT 1`,
      ),
      row: db.prepare<[number], RawRow>(`SELECT * FROM log WHERE rv = ?`),
      // The inner query walks the (resource, key, rv) index once, taking each
      // key's newest rv at or below the snapshot; the join fetches those rows.
      scan: db.prepare<[string, string, string, number, number], RawRow>(
        `SELECT l.* FROM (
           SELECT MAX(rv) AS top FROM log WHERE resource = ? AND key > ? AND key < ? AND rv <= ? GROUP BY key
         ) m JOIN log l ON l.rv = m.top WHERE l.deleted = 0 ORDER BY l.key LIMIT ?`,
      ),
      count: db.prepare<[string, string, string, number], { n: number }>(
        `SELECT COUNT(*) AS n FROM (
           SELECT MAX(rv) AS top FROM log WHERE resource = ? AND key > ? AND key < ? AND rv <= ? GROUP BY key
         ) m JOIN log l ON l.rv = m.top WHERE l.deleted = 0`,
      ),
      changesIn: db.prepare<[number, number, string, string, string], RawRow>(
        `SELECT * FROM log WHERE rv > ? AND rv <= ? AND resource = ? AND key > ? AND key < ? ORDER BY rv`,
      ),
      changesAll: db.prepare<[number, number], RawRow>(
        `SELECT * FROM log WHERE rv > ? AND rv <= ? ORDER BY rv`,
      ),
      revisionBefore: db.prepare<[number, number, number], { top: number | null }>(
        `SELECT MAX(rv) AS top FROM log WHERE rv > ? AND rv <= ? AND ts < ?`,
      ),
      deleteSuperseded: db.prepare<[number, number]>(
        `DELETE FROM log WHERE rv IN (SELECT prev_rv FROM log WHERE rv > ? AND rv <= ? AND prev_rv IS NOT NULL)`,
      ),
      deleteTombstones: db.prepare<[number, number]>(
        `DELETE FROM log WHERE rv > ? AND rv <= ? AND deleted = 1`,
      ),
    };
    const tx = db.transaction((fn: () => unknown) => fn());
    // IMMEDIATE takes the write lock up front, so revision() read inside the
    // transaction cannot be raced by another connection to the same file.
    this.runInTransaction = <T>(fn: () => T): T => (db.inTransaction ? tx(fn) : tx.immediate(fn)) as T;
  }

  transaction<T>(fn: () => T): T {
    return this.runInTransaction(fn);
  }

  revision(): number {
    return this.stmt.revision.get()?.seq ?? 0;
  }

  compactedRevision(): number {
    return this.stmt.compacted.get()?.value ?? 0;
  }

  append(row: NewLogRow, rv: number): void {
    this.stmt.append.run(
      rv,
      row.resource,
      row.key,
      row.created ? 1 : 0,
      row.deleted ? 1 : 0,
      row.prevRv,
      row.ts,
      row.value,
    );
  }

  latest(resource: string, key: string, atRev: number): LogRow | undefined {
    const raw = this.stmt.latest.get(resource, key, atRev);
    return raw && toRow(raw);
  }

  row(rv: number): LogRow | undefined {
    const raw = this.stmt.row.get(rv);
    return raw && toRow(raw);
  }

  scan(range: KeyRange, atRev: number, limit: number): LogRow[] {
    return this.stmt.scan.all(range.resource, range.after, range.before, atRev, limit).map(toRow);
  }

  count(range: KeyRange, atRev: number): number {
    return this.stmt.count.get(range.resource, range.after, range.before, atRev)?.n ?? 0;
  }

  changes(from: number, to: number, range: KeyRange | undefined): LogRow[] {
    const raws = range
      ? this.stmt.changesIn.all(from, to, range.resource, range.after, range.before)
      : this.stmt.changesAll.all(from, to);
    return raws.map(toRow);
  }

  revisionBefore(ts: number, from: number, to: number): number {
    return this.stmt.revisionBefore.get(from, to, ts)?.top ?? from;
  }

  compactRange(from: number, to: number): number {
    return this.transaction(() => {
      const removed =
        this.stmt.deleteSuperseded.run(from, to).changes + this.stmt.deleteTombstones.run(from, to).changes;
      this.stmt.setCompacted.run(to);
      return removed;
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
