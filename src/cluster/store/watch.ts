// A watch is a cursor over the log. It starts in one of two modes:
//   replay - reads rows after its position from the backend, a bounded
//            window at a time, until it reaches the head, then turns live;
//   live   - receives each committed change from LogStore as it commits.
// Both run synchronously against the backend, and LogStore dispatches a
// commit before any other code runs, so the switch from replay to live can
// neither miss nor repeat a change. A live watcher whose consumer falls too
// far behind drops back to replay (the log is the buffer, not memory); if
// compaction overtakes it meanwhile, it ends with 410 Expired, as a
// Kubernetes watch does.

import type { Clock, Timer } from '../clock.ts';
import { type StoreError, tooOldWatch } from './errors.ts';
import { inRange } from './keys.ts';
import type { KeyRange, LogBackend, LogRow } from './log.ts';
import type { StoredObject, Watch, WatchEvent, WatchOptions } from './types.ts';

/** One committed row, with its object (and the previous state) parsed on demand. */
export class Change {
  private parsed: StoredObject | undefined;
  private parsedPrev: StoredObject | undefined;

  constructor(
    readonly row: LogRow,
    private readonly prevValue: string | undefined,
  ) {}

  get object(): StoredObject {
    this.parsed ??= JSON.parse(this.row.value) as StoredObject;
    return this.parsed;
  }

  /** The state before this change; undefined for a creation. */
  prev(log: LogBackend): StoredObject | undefined {
    if (this.row.created) return undefined;
    if (this.parsedPrev === undefined) {
      const value =
        this.prevValue ?? (this.row.prevRv === null ? undefined : log.row(this.row.prevRv)?.value);
      if (value !== undefined) this.parsedPrev = JSON.parse(value) as StoredObject;
    }
    return this.parsedPrev;
  }
}

export interface WatchContext {
  log: LogBackend;
  clock: Clock;
  /** Live events buffered before the watcher falls back to replaying from the log. */
  queueLimit: number;
  bookmarkIntervalMs: number;
  /** Revisions read per replay step. */
  replayWindow: number;
  detach(watcher: LogWatcher): void;
}

interface Queued {
  event: WatchEvent;
  live: boolean;
}

export const initialEventsEndAnnotation = 'k8s.io/initial-events-end';

export class LogWatcher implements Watch {
  private mode: 'replay' | 'live' | 'ended' = 'live';
  /** Every change at or below this revision has been queued or filtered out. */
  private position = 0;
  private queue: Queued[] = [];
  private liveBacklog = 0;
  private waiters: ((event: WatchEvent | undefined) => void)[] = [];
  private bookmarkTimer: Timer | undefined;

  constructor(
    private readonly ctx: WatchContext,
    private readonly options: WatchOptions,
    private readonly range: KeyRange,
    /** Start position and whether to send the state at the start first. */
    start: { after: number; initialEvents: boolean } | { error: StoreError },
  ) {
    if ('error' in start) {
      this.end(start.error);
      return;
    }
    const head = ctx.log.revision();
    if (start.initialEvents) {
      this.position = head;
      this.sendSnapshot(head);
    } else {
      this.position = start.after;
      // A position ahead of the log waits for it (as an etcd watch does): live, skipping rows up to it.
      if (start.after < head) this.mode = 'replay';
    }
    if (options.allowBookmarks) {
      this.bookmarkTimer = ctx.clock
        .setInterval(() => this.requestBookmark(), ctx.bookmarkIntervalMs)
        .unref();
    }
  }

  /** False once stopped or failed. */
  get active(): boolean {
    return this.mode !== 'ended';
  }

  async next(): Promise<WatchEvent | undefined> {
    for (;;) {
      const queued = this.queue.shift();
      if (queued) {
        if (queued.live) this.liveBacklog--;
        return queued.event;
      }
      if (this.mode === 'ended') return undefined;
      if (this.mode === 'replay') {
        this.replayStep();
        continue;
      }
      return new Promise((resolve) => this.waiters.push(resolve));
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    try {
      for (;;) {
        const event = await this.next();
        if (!event) return;
        yield event;
      }
    } finally {
      this.stop();
    }
  }

  requestBookmark(): void {
    if (!this.options.allowBookmarks || this.mode !== 'live') return;
    this.push({ type: 'BOOKMARK', object: { metadata: { resourceVersion: String(this.position) } } }, false);
  }

  stop(): void {
    if (this.mode === 'ended' && this.waiters.length === 0 && !this.bookmarkTimer) return;
    this.mode = 'ended';
    this.queue = [];
    this.bookmarkTimer?.cancel();
    this.bookmarkTimer = undefined;
    this.ctx.detach(this);
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }

  /** Called by LogStore right after a commit, with every change of it in rv order. */
  deliver(changes: readonly Change[]): void {
    if (this.mode !== 'live') return;
    for (const change of changes) {
      if (change.row.rv <= this.position) continue;
      this.position = change.row.rv;
      const event = this.toEvent(change);
      if (!event) continue;
      this.push(event, true);
      if (this.liveBacklog > this.ctx.queueLimit) {
        // The rest of this commit, and what follows, is read back from the log.
        this.mode = 'replay';
        return;
      }
    }
  }

  private replayStep(): void {
    const { log } = this.ctx;
    const compacted = log.compactedRevision();
    if (this.position < compacted) {
      this.end(tooOldWatch(this.position, compacted));
      return;
    }
    const head = log.revision();
    const to = Math.min(head, this.position + this.ctx.replayWindow);
    for (const row of log.changes(this.position, to, this.range)) {
      const event = this.toEvent(new Change(row, undefined));
      if (event) this.push(event, false);
    }
    this.position = Math.max(this.position, to);
    if (to >= head) this.mode = 'live';
  }

  private sendSnapshot(atRev: number): void {
    const { log } = this.ctx;
    const predicate = this.options.predicate;
    let after = this.range.after;
    for (;;) {
      const rows = log.scan({ ...this.range, after }, atRev, 1000);
      for (const row of rows) {
        after = row.key;
        if (!this.wanted(row)) continue;
        const object = JSON.parse(row.value) as StoredObject;
        if (!predicate || predicate(object)) this.push({ type: 'ADDED', object }, false);
      }
      if (rows.length < 1000) break;
    }
    if (this.options.sendInitialEvents === true && this.options.allowBookmarks) {
      this.push(
        {
          type: 'BOOKMARK',
          object: {
            metadata: {
              resourceVersion: String(atRev),
              annotations: { [initialEventsEndAnnotation]: 'true' },
            },
          },
        },
        false,
      );
    }
  }

  private wanted(row: LogRow): boolean {
    if (!inRange(this.range, row.resource, row.key)) return false;
    if (this.options.name === undefined) return true;
    const slash = row.key.indexOf('/');
    return (slash < 0 ? row.key : row.key.slice(slash + 1)) === this.options.name;
  }

  /**
   * The event this watcher sees for a change. With a predicate, an object
   * moving into the selection is ADDED and one moving out is DELETED (with
   * its new state), as Kubernetes' filtered watches report.
   */
  private toEvent(change: Change): WatchEvent | undefined {
    const { row } = change;
    if (!this.wanted(row)) return undefined;
    const predicate = this.options.predicate;
    if (row.deleted) {
      return !predicate || predicate(change.object) ? { type: 'DELETED', object: change.object } : undefined;
    }
    if (row.created) {
      return !predicate || predicate(change.object) ? { type: 'ADDED', object: change.object } : undefined;
    }
    if (!predicate) return { type: 'MODIFIED', object: change.object };
    const now = predicate(change.object);
    const prev = change.prev(this.ctx.log);
    const before = prev !== undefined && predicate(prev);
    if (now && before) return { type: 'MODIFIED', object: change.object };
    if (now) return { type: 'ADDED', object: change.object };
    if (before) return { type: 'DELETED', object: change.object };
    return undefined;
  }

  private push(event: WatchEvent, live: boolean): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter(event);
      return;
    }
    this.queue.push({ event, live });
    if (live) this.liveBacklog++;
  }

  private end(error: StoreError): void {
    this.push({ type: 'ERROR', object: error.toStatus() as unknown as StoredObject }, false);
    this.mode = 'ended';
    this.bookmarkTimer?.cancel();
    this.bookmarkTimer = undefined;
    this.ctx.detach(this);
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }
}
