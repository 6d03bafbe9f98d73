/**
 * Records in this process only: `helm install --dry-run` (client) and tests. Like Helm's
 * memory driver it keeps records by namespace and answers queries by label.
 */
import type { Release } from '../record.ts';
import { type Driver, ReleaseExistsError, ReleaseNotFoundError, storageLabels } from './driver.ts';

interface Entry {
  release: Release;
  labels: Record<string, string>;
}

export class MemoryDriver implements Driver {
  readonly name = 'Memory';
  private readonly byNamespace = new Map<string, Map<string, Entry>>();

  /** `namespace` '' sees every namespace, as Helm's memory driver does for -A. */
  constructor(
    private readonly namespace = 'default',
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  private entries(): Entry[] {
    if (this.namespace) return [...(this.byNamespace.get(this.namespace)?.values() ?? [])];
    return [...this.byNamespace.values()].flatMap((m) => [...m.values()]);
  }

  private table(ns: string): Map<string, Entry> {
    let t = this.byNamespace.get(ns);
    if (!t) this.byNamespace.set(ns, (t = new Map()));
    return t;
  }

  async get(key: string): Promise<Release> {
    const e = this.table(this.namespace || 'default').get(key);
    if (!e) throw new ReleaseNotFoundError();
    return structuredClone(e.release);
  }

  async list(filter: (r: Release) => boolean): Promise<Release[]> {
    return this.entries()
      .map((e) => structuredClone(e.release))
      .filter(filter);
  }

  async query(labels: Record<string, string>): Promise<Release[]> {
    const found = this.entries()
      .filter((e) => Object.entries(labels).every(([k, v]) => e.labels[k] === v))
      .map((e) => ({ ...structuredClone(e.release), labels: { ...e.labels } }));
    if (found.length === 0) throw new ReleaseNotFoundError();
    return found;
  }

  async create(key: string, r: Release): Promise<void> {
    const t = this.table(r.namespace || this.namespace || 'default');
    if (t.has(key)) throw new ReleaseExistsError();
    t.set(key, { release: structuredClone(r), labels: storageLabels(r, 'createdAt', this.now()) });
  }

  async update(key: string, r: Release): Promise<void> {
    const t = this.table(r.namespace || this.namespace || 'default');
    if (!t.has(key)) throw new ReleaseNotFoundError();
    t.set(key, { release: structuredClone(r), labels: storageLabels(r, 'modifiedAt', this.now()) });
  }

  async delete(key: string): Promise<Release> {
    const t = this.table(this.namespace || 'default');
    const e = t.get(key);
    if (!e) throw new ReleaseNotFoundError();
    t.delete(key);
    return e.release;
  }
}
