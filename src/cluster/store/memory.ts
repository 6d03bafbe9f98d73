// A Map-based log: the same rows as the SQLite table, kept in process memory.
// Nothing is durable; it exists so the contract suite checks LogStore's rules
// against a second, independent backend (and for fast unit tests elsewhere).

import type { KeyRange, LogBackend, LogRow, NewLogRow } from './log.ts';

interface Undo {
  revision: number;
  appended: LogRow[];
}

export class MemoryLog implements LogBackend {
  private rows = new Map<number, LogRow>();
  /** resource -> key -> rvs of that key, ascending. */
  private byKey = new Map<string, Map<string, number[]>>();
  private top = 0;
  private compacted = 0;
  private undoStack: Undo[] = [];

  transaction<T>(fn: () => T): T {
    const undo: Undo = { revision: this.top, appended: [] };
    this.undoStack.push(undo);
    try {
      const result = fn();
      this.undoStack.pop();
      this.undoStack.at(-1)?.appended.push(...undo.appended);
      return result;
    } catch (err) {
      this.undoStack.pop();
      for (const row of undo.appended.reverse()) this.unlink(row);
      this.top = undo.revision;
      throw err;
    }
  }

  revision(): number {
    return this.top;
  }

  compactedRevision(): number {
    return this.compacted;
  }

  append(row: NewLogRow, rv: number): void {
    if (rv <= this.top) throw new Error(`log rv ${rv} is not after ${this.top}`);
    const full: LogRow = { ...row, rv };
    this.rows.set(rv, full);
    this.keyRvs(row.resource, row.key, true)!.push(rv);
    this.top = rv;
    this.undoStack.at(-1)?.appended.push(full);
  }

  latest(resource: string, key: string, atRev: number): LogRow | undefined {
    const rvs = this.keyRvs(resource, key, false);
    if (!rvs) return undefined;
    for (let i = rvs.length - 1; i >= 0; i--) {
      if (rvs[i] <= atRev) return this.rows.get(rvs[i]);
    }
    return undefined;
  }

  row(rv: number): LogRow | undefined {
    return this.rows.get(rv);
  }

  scan(range: KeyRange, atRev: number, limit: number): LogRow[] {
    const out: LogRow[] = [];
    for (const key of this.keysIn(range)) {
      if (out.length >= limit) break;
      const row = this.latest(range.resource, key, atRev);
      if (row && !row.deleted) out.push(row);
    }
    return out;
  }

  count(range: KeyRange, atRev: number): number {
    return this.scan(range, atRev, Number.POSITIVE_INFINITY).length;
  }

  changes(from: number, to: number, range: KeyRange | undefined): LogRow[] {
    const out: LogRow[] = [];
    for (let rv = from + 1; rv <= Math.min(to, this.top); rv++) {
      const row = this.rows.get(rv);
      if (!row) continue;
      if (range && (row.resource !== range.resource || row.key <= range.after || row.key >= range.before))
        continue;
      out.push(row);
    }
    return out;
  }

  revisionBefore(ts: number, from: number, to: number): number {
    let found = from;
    for (let rv = from + 1; rv <= Math.min(to, this.top); rv++) {
      const row = this.rows.get(rv);
      if (row && row.ts < ts) found = rv;
    }
    return found;
  }

  compactRange(from: number, to: number): number {
    let removed = 0;
    const doomed: LogRow[] = [];
    for (let rv = from + 1; rv <= to; rv++) {
      const row = this.rows.get(rv);
      if (!row) continue;
      const prev = row.prevRv === null ? undefined : this.rows.get(row.prevRv);
      if (prev) doomed.push(prev);
      if (row.deleted) doomed.push(row);
    }
    for (const row of doomed) {
      if (this.rows.has(row.rv)) {
        this.unlink(row);
        removed++;
      }
    }
    this.compacted = Math.max(this.compacted, to);
    return removed;
  }

  close(): void {
    this.rows.clear();
    this.byKey.clear();
  }

  private keyRvs(resource: string, key: string, create: boolean): number[] | undefined {
    let keys = this.byKey.get(resource);
    if (!keys) {
      if (!create) return undefined;
      this.byKey.set(resource, (keys = new Map()));
    }
    let rvs = keys.get(key);
    if (!rvs && create) keys.set(key, (rvs = []));
    return rvs;
  }

  private keysIn(range: KeyRange): string[] {
    const keys = this.byKey.get(range.resource);
    if (!keys) return [];
    // Byte order of UTF-8 equals code point order; JS sorts by UTF-16 units,
    // which agrees for the ASCII that Kubernetes names are made of.
    return [...keys.keys()].filter((k) => k > range.after && k < range.before).sort();
  }

  private unlink(row: LogRow): void {
    this.rows.delete(row.rv);
    const rvs = this.keyRvs(row.resource, row.key, false);
    if (!rvs) return;
    const at = rvs.indexOf(row.rv);
    if (at >= 0) rvs.splice(at, 1);
    if (rvs.length === 0) this.byKey.get(row.resource)!.delete(row.key);
  }
}
