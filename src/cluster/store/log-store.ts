// LogStore: the Kubernetes storage rules over an append-only log backend.
//
// Writes are queued and committed in groups: every write issued before the
// next microtask shares one transaction (one fsync), each inside its own
// savepoint so one failing write does not undo the others. A promise
// resolves only after its transaction committed, and the group's changes
// are dispatched to watchers in the same synchronous step as the commit.
//
// The store stamps metadata.resourceVersion and nothing else: uid,
// creationTimestamp, generation and deletion are the registry's business
// (as in Kubernetes, where the etcd3 storage layer only versions objects).

import { type Clock, RealClock, type Timer } from '../clock.ts';
import { decodeContinue, encodeContinue } from './continue-token.ts';
import {
  alreadyExists,
  badRequest,
  conflict,
  isStoreError,
  notFound,
  optimisticLockMessage,
  preconditionFailed,
  StoreError,
  tooLargeResourceVersion,
  tooOldContinue,
  tooOldList,
  tooOldWatch,
} from './errors.ts';
import { keyRange, storageKey } from './keys.ts';
import type { LogBackend, LogRow } from './log.ts';
import type {
  CompactionResult,
  DeleteOptions,
  GetOptions,
  GuaranteedUpdateOptions,
  ListOptions,
  ListResult,
  ObjectKey,
  Preconditions,
  Store,
  StoredObject,
  TryUpdate,
  UpdateOptions,
  Watch,
  WatchOptions,
  WriteOp,
} from './types.ts';
import { Change, LogWatcher, type WatchContext } from './watch.ts';

export interface CompactionPolicy {
  /** How often the background job runs (clock time). Default 60s. */
  intervalMs?: number;
  /** History younger than this is kept. Default 5 minutes (Kubernetes compacts etcd every 5 minutes). */
  retentionMs?: number;
  /** Keep at least this many newest revisions whatever their age. Default 0. */
  minRetainedRevisions?: number;
  /** Revisions compacted per transaction, so writers wait for at most one batch. Default 1000. */
  batchRevisions?: number;
  /** Batches per run: the bound on one run's work. Default 20. */
  maxBatchesPerRun?: number;
}

export interface LogStoreOptions {
  clock?: Clock;
  /** false: no background compaction (compact() still works). */
  compaction?: CompactionPolicy | false;
  /** Live events a watcher may have unread before it falls back to replaying from the log. Default 10000. */
  watchQueueLimit?: number;
  /** Bookmark period for watches that allow them. Default 60s (Kubernetes sends one about every minute). */
  bookmarkIntervalMs?: number;
}

const top = Number.MAX_SAFE_INTEGER;

interface PendingWrite {
  apply(changes: Change[]): unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

function parseResourceVersion(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw badRequest(
      `resourceVersion: Invalid value: "${value}": strconv.ParseUint: parsing "${value}": invalid syntax`,
    );
  }
  return Number(value);
}

function stamp(object: StoredObject, rv: number): StoredObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } };
}

/** Deep equality of JSON values, key order ignored (Go compares re-encoded, key-sorted bytes). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameJson(x, bs[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  if (keys.length !== Object.keys(bo).filter((k) => bo[k] !== undefined).length) return false;
  return keys.every((k) => Object.hasOwn(bo, k) && sameJson(ao[k], bo[k]));
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class LogStore implements Store {
  private readonly clock: Clock;
  private readonly watchers = new Set<LogWatcher>();
  private readonly watchContext: WatchContext;
  private readonly policy: Required<CompactionPolicy>;
  private pending: PendingWrite[] = [];
  private flushScheduled = false;
  private compactionTimer: Timer | undefined;
  private compacting: Promise<CompactionResult> | undefined;
  private closed = false;

  constructor(
    private readonly log: LogBackend,
    options: LogStoreOptions = {},
  ) {
    this.clock = options.clock ?? new RealClock();
    const policy = options.compaction || {};
    this.policy = {
      intervalMs: policy.intervalMs ?? 60_000,
      retentionMs: policy.retentionMs ?? 300_000,
      minRetainedRevisions: policy.minRetainedRevisions ?? 0,
      batchRevisions: policy.batchRevisions ?? 1000,
      maxBatchesPerRun: policy.maxBatchesPerRun ?? 20,
    };
    this.watchContext = {
      log,
      clock: this.clock,
      queueLimit: options.watchQueueLimit ?? 10_000,
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
      replayWindow: 1000,
      detach: (watcher) => this.watchers.delete(watcher),
    };
    if (options.compaction !== false) {
      this.compactionTimer = this.clock
        .setInterval(() => {
          this.compact().catch(() => {
            // A failed run leaves the log as it was; the next run retries.
          });
        }, this.policy.intervalMs)
        .unref();
    }
  }

  currentRevision(): number {
    return this.log.revision();
  }

  create(key: ObjectKey, object: StoredObject): Promise<StoredObject> {
    return this.submit((changes) => this.applyCreate(key, object, changes)) as Promise<StoredObject>;
  }

  async get(key: ObjectKey, options: GetOptions = {}): Promise<StoredObject> {
    this.assertOpen();
    const rv = parseResourceVersion(options.resourceVersion);
    const current = this.log.revision();
    if (rv !== undefined && rv > current) throw tooLargeResourceVersion(rv, current);
    const row = this.log.latest(key.resource, storageKey(key), top);
    if (!row || row.deleted) throw notFound(key.resource, key.name);
    return JSON.parse(row.value) as StoredObject;
  }

  async list(resource: string, options: ListOptions = {}): Promise<ListResult> {
    this.assertOpen();
    const range = keyRange(resource, options.namespace);
    const limit = options.limit && options.limit > 0 ? options.limit : Number.POSITIVE_INFINITY;
    const { atRev, afterKey } = this.listRevision(options, limit);
    const predicate = options.predicate;
    // Without a predicate one scan of limit+1 rows tells whether more remain;
    // with one, scan in chunks until limit+1 objects matched.
    const chunk = predicate ? Math.max(500, Math.min(limit + 1, 10_000)) : Math.min(limit + 1, top);
    const items: StoredObject[] = [];
    let cursor = afterKey ?? range.after;
    let lastKey: string | undefined;
    let more = false;
    scanning: for (;;) {
      const rows = this.log.scan({ ...range, after: cursor }, atRev, chunk);
      for (const row of rows) {
        cursor = row.key;
        const object = JSON.parse(row.value) as StoredObject;
        if (predicate && !predicate(object)) continue;
        if (items.length === limit) {
          more = true;
          break scanning;
        }
        items.push(object);
        lastKey = row.key;
      }
      if (rows.length < chunk) break;
    }
    const result: ListResult = { items, resourceVersion: String(atRev) };
    if (more && lastKey !== undefined) {
      result.continue = encodeContinue({ rv: atRev, afterKey: lastKey });
      if (!predicate) result.remainingItemCount = this.log.count({ ...range, after: lastKey }, atRev);
    }
    return result;
  }

  update(key: ObjectKey, object: StoredObject, options: UpdateOptions = {}): Promise<StoredObject> {
    const expected = parseResourceVersion(object.metadata?.resourceVersion);
    return this.submit((changes) =>
      this.applyUpdate(key, object, expected, options.preconditions, changes),
    ) as Promise<StoredObject>;
  }

  delete(key: ObjectKey, options: DeleteOptions = {}): Promise<StoredObject> {
    return this.submit((changes) =>
      this.applyDelete(key, options.preconditions, changes),
    ) as Promise<StoredObject>;
  }

  async guaranteedUpdate(
    key: ObjectKey,
    tryUpdate: TryUpdate,
    options: GuaranteedUpdateOptions = {},
  ): Promise<StoredObject> {
    for (;;) {
      this.assertOpen();
      const row = this.log.latest(key.resource, storageKey(key), top);
      const live = row && !row.deleted ? row : undefined;
      if (!live && !options.ignoreNotFound) throw notFound(key.resource, key.name);
      const current = live && (JSON.parse(live.value) as StoredObject);
      if (current) this.checkPreconditions(key, current, options.preconditions);
      const next = await tryUpdate(live && (JSON.parse(live.value) as StoredObject));
      // Kubernetes skips the write (and keeps the resourceVersion) when nothing changed.
      if (current && sameJson(stamp(next, live!.rv), current)) return current;
      try {
        if (!live) {
          return (await this.submit((changes) => this.applyCreate(key, next, changes, true))) as StoredObject;
        }
        return (await this.submit((changes) =>
          this.applyUpdate(key, next, live.rv, options.preconditions, changes),
        )) as StoredObject;
      } catch (err) {
        const raced =
          (isStoreError(err, 'Conflict') && err.message.endsWith(optimisticLockMessage)) ||
          (!live && isStoreError(err, 'AlreadyExists'));
        if (!raced) throw err;
      }
    }
  }

  batch(ops: WriteOp[]): Promise<StoredObject[]> {
    return this.submit((changes) =>
      ops.map((op) => {
        switch (op.op) {
          case 'create':
            return this.applyCreate(op.key, op.object, changes);
          case 'update':
            return this.applyUpdate(
              op.key,
              op.object,
              parseResourceVersion(op.object.metadata?.resourceVersion),
              op.preconditions,
              changes,
            );
          default:
            return this.applyDelete(op.key, op.preconditions, changes);
        }
      }),
    ) as Promise<StoredObject[]>;
  }

  watch(options: WatchOptions): Watch {
    this.assertOpen();
    const range = keyRange(options.resource, options.namespace);
    let start: { after: number; initialEvents: boolean } | { error: StoreError };
    try {
      const rv = parseResourceVersion(options.resourceVersion);
      const initialEvents = options.sendInitialEvents ?? (rv === undefined || rv === 0);
      const compacted = this.log.compactedRevision();
      if (!initialEvents && rv !== undefined && rv !== 0 && rv < compacted) {
        start = { error: tooOldWatch(rv, compacted) };
      } else {
        start = { after: rv || this.log.revision(), initialEvents };
      }
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      start = { error: err };
    }
    const watcher = new LogWatcher(this.watchContext, options, range, start);
    if (watcher.active) this.watchers.add(watcher);
    return watcher;
  }

  /**
   * Compacts history. With a revision: everything superseded at or below it
   * (capped at the head). Without: one bounded run of the retention policy,
   * the same the background job does.
   */
  compact(revision?: number): Promise<CompactionResult> {
    this.assertOpen();
    if (this.compacting) {
      return this.compacting.then(() => this.compact(revision));
    }
    const run = this.runCompaction(revision).finally(() => {
      this.compacting = undefined;
    });
    this.compacting = run;
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.compactionTimer?.cancel();
    await this.compacting?.catch(() => undefined);
    if (this.pending.length > 0) this.flush();
    this.closed = true;
    for (const watcher of [...this.watchers]) watcher.stop();
    this.log.close();
  }

  private async runCompaction(revision: number | undefined): Promise<CompactionResult> {
    const head = this.log.revision();
    let from = this.log.compactedRevision();
    let target: number;
    if (revision !== undefined) {
      target = Math.min(revision, head);
    } else {
      const bound = Math.min(
        head - this.policy.minRetainedRevisions,
        from + this.policy.batchRevisions * this.policy.maxBatchesPerRun,
      );
      target =
        bound <= from
          ? from
          : this.log.revisionBefore(this.clock.now() - this.policy.retentionMs, from, bound);
    }
    let removedRows = 0;
    while (from < target && !this.closed) {
      const to = Math.min(from + this.policy.batchRevisions, target);
      removedRows += this.log.compactRange(from, to);
      from = to;
      // Let queued writes commit between batches.
      if (from < target) await settle();
    }
    return { compactedRevision: this.log.compactedRevision(), removedRows };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('object store is closed');
  }

  private submit(apply: (changes: Change[]) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new Error('object store is closed'));
        return;
      }
      this.pending.push({ apply, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        queueMicrotask(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const writes = this.pending;
    this.pending = [];
    if (writes.length === 0) return;
    const outcomes: ({ ok: true; value: unknown; changes: Change[] } | { ok: false; error: unknown })[] = [];
    try {
      this.log.transaction(() => {
        for (const write of writes) {
          const changes: Change[] = [];
          try {
            const value = this.log.transaction(() => write.apply(changes));
            outcomes.push({ ok: true, value, changes });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of this group is acknowledged.
      for (const write of writes) write.reject(error);
      return;
    }
    const committed: Change[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) {
        committed.push(...outcome.changes);
        writes[i].resolve(outcome.value);
      } else {
        writes[i].reject(outcome.error);
      }
    });
    if (committed.length > 0) for (const watcher of this.watchers) watcher.deliver(committed);
  }

  private append(
    key: ObjectKey,
    row: Omit<LogRow, 'rv' | 'resource' | 'key' | 'ts' | 'value'>,
    object: StoredObject,
    prevValue: string | undefined,
    changes: Change[],
  ): StoredObject {
    const rv = this.log.revision() + 1;
    const stamped = stamp(object, rv);
    const full: LogRow = {
      ...row,
      rv,
      resource: key.resource,
      key: storageKey(key),
      ts: this.clock.now(),
      value: JSON.stringify(stamped),
    };
    this.log.append(full, rv);
    changes.push(new Change(full, prevValue));
    return JSON.parse(full.value) as StoredObject;
  }

  private applyCreate(
    key: ObjectKey,
    object: StoredObject,
    changes: Change[],
    ignoreVersion = false,
  ): StoredObject {
    if (!ignoreVersion && object.metadata?.resourceVersion) {
      throw badRequest('resourceVersion should not be set on objects to be created');
    }
    const latest = this.log.latest(key.resource, storageKey(key), top);
    if (latest && !latest.deleted) throw alreadyExists(key.resource, key.name);
    return this.append(
      key,
      { created: true, deleted: false, prevRv: latest?.rv ?? null },
      object,
      undefined,
      changes,
    );
  }

  private applyUpdate(
    key: ObjectKey,
    object: StoredObject,
    expectedRv: number | undefined,
    preconditions: Preconditions | undefined,
    changes: Change[],
  ): StoredObject {
    const latest = this.log.latest(key.resource, storageKey(key), top);
    if (!latest || latest.deleted) throw notFound(key.resource, key.name);
    if (expectedRv !== undefined && expectedRv !== latest.rv) throw conflict(key.resource, key.name);
    const current = JSON.parse(latest.value) as StoredObject;
    this.checkPreconditions(key, current, preconditions);
    if (sameJson(stamp(object, latest.rv), current)) return current;
    return this.append(
      key,
      { created: false, deleted: false, prevRv: latest.rv },
      object,
      latest.value,
      changes,
    );
  }

  private applyDelete(
    key: ObjectKey,
    preconditions: Preconditions | undefined,
    changes: Change[],
  ): StoredObject {
    const latest = this.log.latest(key.resource, storageKey(key), top);
    if (!latest || latest.deleted) throw notFound(key.resource, key.name);
    const current = JSON.parse(latest.value) as StoredObject;
    this.checkPreconditions(key, current, preconditions);
    this.append(key, { created: false, deleted: true, prevRv: latest.rv }, current, latest.value, changes);
    return current;
  }

  private checkPreconditions(
    key: ObjectKey,
    current: StoredObject,
    preconditions: Preconditions | undefined,
  ): void {
    if (!preconditions) return;
    const { uid, resourceVersion } = preconditions;
    const actualUid = String(current.metadata?.uid ?? '');
    if (uid !== undefined && uid !== actualUid) {
      throw preconditionFailed(key.resource, key.namespace ?? '', key.name, 'UID', uid, actualUid);
    }
    const actualRv = current.metadata?.resourceVersion ?? '';
    if (resourceVersion !== undefined && resourceVersion !== actualRv) {
      throw preconditionFailed(
        key.resource,
        key.namespace ?? '',
        key.name,
        'ResourceVersion',
        resourceVersion,
        actualRv,
      );
    }
  }

  /** The revision a list reads at, per Kubernetes' resourceVersion/resourceVersionMatch rules. */
  private listRevision(options: ListOptions, limit: number): { atRev: number; afterKey?: string } {
    const current = this.log.revision();
    const compacted = this.log.compactedRevision();
    if (options.continue) {
      if (options.resourceVersion && options.resourceVersion !== '0') {
        throw badRequest('specifying resource version is not allowed when using continue');
      }
      const position = decodeContinue(options.continue);
      if (position.rv < compacted) {
        throw tooOldContinue(encodeContinue({ rv: current, afterKey: position.afterKey }));
      }
      return { atRev: position.rv, afterKey: position.afterKey };
    }
    const match = options.resourceVersionMatch;
    const rv = parseResourceVersion(options.resourceVersion);
    if (match !== undefined) {
      if (match !== 'Exact' && match !== 'NotOlderThan') {
        throw badRequest(
          `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan", ""`,
        );
      }
      if (rv === undefined)
        throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
      if (match === 'Exact' && rv === 0)
        throw badRequest('resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
    }
    if (rv === undefined) return { atRev: current };
    // Without a match, a non-zero resourceVersion with a limit reads exactly
    // at it (the legacy rule Kubernetes keeps); without a limit, not older than.
    const exact =
      match === 'Exact' || (match === undefined && rv !== 0 && limit !== Number.POSITIVE_INFINITY);
    if (rv > current) throw tooLargeResourceVersion(rv, current);
    if (!exact) return { atRev: current };
    if (rv < compacted) throw tooOldList();
    return { atRev: rv };
  }
}
