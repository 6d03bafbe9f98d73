// Where timelines outlive the process. The object store keeps its SQLite
// handle to itself and is versioned per object (a timeline written there
// would append a whole copy to the log on every sample and move the global
// resourceVersion), so timelines get their own SQLite file next to the
// store's: `<dataDir>/timeline.db`, rows per sample and per event.
// better-sqlite3 is loaded only when a file is opened, so readers of the
// model (the CLI) do not load the native module.

import type { Sample, TimelineEvent, WorkloadRef } from './model.ts';
import type { RestoredTimeline, TimelineUpdate, WorkloadMemory } from './series.ts';

export interface TimelinePersistence {
  /** Every stored timeline. */
  load(): RestoredTimeline[];
  /** Applies the updates in one transaction. */
  write(updates: TimelineUpdate[], removed: string[]): void;
  close(): void;
}

/** Keeps nothing: timelines of an in-memory cluster. */
export const noPersistence: TimelinePersistence = {
  load: () => [],
  write: () => {},
  close: () => {},
};

const schema = `
CREATE TABLE IF NOT EXISTS timeline_workloads (
  key TEXT PRIMARY KEY,
  ref TEXT NOT NULL,
  memory TEXT NOT NULL,
  truncated INTEGER NOT NULL,
  first_sample INTEGER NOT NULL,
  first_event INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS timeline_samples (
  key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (key, seq)
);
CREATE TABLE IF NOT EXISTS timeline_events (
  key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (key, seq)
);
`;

interface WorkloadRow {
  key: string;
  ref: string;
  memory: string;
  truncated: number;
  first_sample: number;
  first_event: number;
}

/** Opens (creating if needed) a timeline database file. */
export async function openSqliteTimelines(path: string): Promise<TimelinePersistence> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // A timeline is a diagnostic: losing its last samples to a power cut is acceptable, an fsync per sample is not.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(schema);
  const stmt = {
    workloads: db.prepare<[], WorkloadRow>(`SELECT * FROM timeline_workloads`),
    samples: db.prepare<[string], { body: string }>(
      `SELECT body FROM timeline_samples WHERE key = ? ORDER BY seq`,
    ),
    events: db.prepare<[string], { body: string }>(
      `SELECT body FROM timeline_events WHERE key = ? ORDER BY seq`,
    ),
    putWorkload: db.prepare<[string, string, string, number, number, number]>(
      `INSERT OR REPLACE INTO timeline_workloads (key, ref, memory, truncated, first_sample, first_event) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    putSample: db.prepare<[string, number, string]>(
      `INSERT OR REPLACE INTO timeline_samples (key, seq, body) VALUES (?, ?, ?)`,
    ),
    putEvent: db.prepare<[string, number, string]>(
      `INSERT OR REPLACE INTO timeline_events (key, seq, body) VALUES (?, ?, ?)`,
    ),
    trimSamples: db.prepare<[string, number, number]>(
      `DELETE FROM timeline_samples WHERE key = ? AND (seq < ? OR seq >= ?)`,
    ),
    trimEvents: db.prepare<[string, number, number]>(
      `DELETE FROM timeline_events WHERE key = ? AND (seq < ? OR seq >= ?)`,
    ),
    dropWorkload: db.prepare<[string]>(`DELETE FROM timeline_workloads WHERE key = ?`),
    dropSamples: db.prepare<[string]>(`DELETE FROM timeline_samples WHERE key = ?`),
    dropEvents: db.prepare<[string]>(`DELETE FROM timeline_events WHERE key = ?`),
  };
  const writeAll = db.transaction((updates: TimelineUpdate[], removed: string[]) => {
    for (const key of removed) {
      stmt.dropWorkload.run(key);
      stmt.dropSamples.run(key);
      stmt.dropEvents.run(key);
    }
    for (const u of updates) {
      stmt.putWorkload.run(
        u.key,
        JSON.stringify(u.ref),
        JSON.stringify(u.memory),
        u.truncated ? 1 : 0,
        u.firstSample,
        u.firstEvent,
      );
      stmt.trimSamples.run(u.key, u.firstSample, u.sampleEnd);
      stmt.trimEvents.run(u.key, u.firstEvent, u.eventEnd);
      for (const { seq, sample } of u.samples) stmt.putSample.run(u.key, seq, JSON.stringify(sample));
      for (const { seq, event } of u.events) stmt.putEvent.run(u.key, seq, JSON.stringify(event));
    }
  });
  return {
    load() {
      return stmt.workloads.all().map((row) => ({
        key: row.key,
        ref: JSON.parse(row.ref) as WorkloadRef,
        memory: JSON.parse(row.memory) as WorkloadMemory,
        truncated: row.truncated === 1,
        firstSample: row.first_sample,
        samples: stmt.samples.all(row.key).map((r) => JSON.parse(r.body) as Sample),
        firstEvent: row.first_event,
        events: stmt.events.all(row.key).map((r) => JSON.parse(r.body) as TimelineEvent),
      }));
    },
    write(updates, removed) {
      if (updates.length === 0 && removed.length === 0) return;
      writeAll(updates, removed);
    },
    close() {
      db.close();
    },
  };
}
