// The embedded control plane's object store: one append-only log (kine's
// design) is both the truth and the watch source; resourceVersion is the
// log's sequence number.

import { LogStore, type LogStoreOptions } from './log-store.ts';
import { MemoryLog } from './memory.ts';
import { SqliteLog } from './sqlite.ts';
import type { Store } from './types.ts';

export type { Status, StatusDetails, StatusReason } from './errors.ts';
export { isStoreError, StoreError } from './errors.ts';
export type { KeyRange, LogBackend, LogRow } from './log.ts';
export type { CompactionPolicy, LogStoreOptions } from './log-store.ts';
export { LogStore } from './log-store.ts';
export { MemoryLog } from './memory.ts';
export { SqliteLog } from './sqlite.ts';
export type * from './types.ts';
export { initialEventsEndAnnotation } from './watch.ts';

export interface SqliteStoreOptions extends LogStoreOptions {
  /** A database file (created if missing), or ':memory:'. */
  path: string;
  /**
   * 'full' (default): each commit is fsynced, an acknowledged write survives
   * power loss. 'normal': it survives the process dying, not the machine.
   */
  synchronous?: 'full' | 'normal';
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  return new LogStore(new SqliteLog({ path: options.path, synchronous: options.synchronous }), options);
}

/** A store in process memory (Map-based log): for tests and throwaway clusters. */
export function openMemoryStore(options: LogStoreOptions = {}): Store {
  return new LogStore(new MemoryLog(), options);
}
