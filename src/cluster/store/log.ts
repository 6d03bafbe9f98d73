// The append-only log a store is built on (kine's design): every write
// appends one row; its rv (the row's sequence number) is the object's
// resourceVersion; reads at a revision take each key's latest row at or below
// it; watches replay rows after a revision. Backends only store and scan
// rows: every Kubernetes rule lives in LogStore.

export interface LogRow {
  rv: number;
  /** Group/resource, e.g. `deployments.apps`. */
  resource: string;
  /** `namespace/name`, or `name` for cluster-scoped objects: etcd's key order. */
  key: string;
  /** This row brings the key into existence (first write, or first after a delete). */
  created: boolean;
  /** A tombstone: value is the last state, stamped with this row's rv. */
  deleted: boolean;
  /** The key's previous row, if any (compaction removes it once this row is old enough). */
  prevRv: number | null;
  /** Clock time of the write (ms), for time-based retention. */
  ts: number;
  /** The object as JSON, metadata.resourceVersion = rv. */
  value: string;
}

export type NewLogRow = Omit<LogRow, 'rv'>;

/** Keys k with after < k < before, in one resource. */
export interface KeyRange {
  resource: string;
  after: string;
  before: string;
}

export interface LogBackend {
  /**
   * Runs fn atomically: either every append inside it is durable when it
   * returns, or (fn threw) none happened. Nests (inner failures roll back
   * only the inner part).
   */
  transaction<T>(fn: () => T): T;
  /** The highest rv ever assigned (0 when none); survives compaction of the row itself. */
  revision(): number;
  /** Rows at or below this rv may be gone. */
  compactedRevision(): number;
  /** Appends with rv = revision() + 1 and returns that rv. */
  append(row: NewLogRow, rv: number): void;
  /** The key's latest row at or below atRev (a tombstone included). */
  latest(resource: string, key: string, atRev: number): LogRow | undefined;
  /** A row by rv. */
  row(rv: number): LogRow | undefined;
  /** Each key's latest row at or below atRev, live keys only, in key order, at most limit. */
  scan(range: KeyRange, atRev: number, limit: number): LogRow[];
  /** How many live keys scan would return without a limit. */
  count(range: KeyRange, atRev: number): number;
  /** Rows with from < rv <= to in the range (any resource when range is undefined), in rv order. */
  changes(from: number, to: number, range: KeyRange | undefined): LogRow[];
  /** The highest rv in (from, to] written before `ts`, or `from` when none. */
  revisionBefore(ts: number, from: number, to: number): number;
  /**
   * Compacts (from, to]: removes every row a later row at or below `to`
   * supersedes, and tombstones; records `to` as compacted. Returns rows removed.
   */
  compactRange(from: number, to: number): number;
  close(): void;
}
