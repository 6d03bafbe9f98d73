// In-process informers (client-go's shape): list, then watch from the list's
// resourceVersion, keeping a cache the controllers read instead of the API
// server, and telling handlers what changed. A broken watch relists and
// reports the difference, so handlers stay level-triggered.

import type { Clock } from '../clock.ts';
import type { ApiClient, ClientWatch, KubeObject, Resource } from './client.ts';

export interface InformerHandlers {
  add?(obj: KubeObject): void;
  update?(oldObj: KubeObject, newObj: KubeObject): void;
  delete?(obj: KubeObject): void;
}

export function objectKeyOf(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name}` : String(obj.metadata?.name);
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: undefined, name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** What a metadata-only informer keeps of an object (client-go's PartialObjectMetadata). */
export function metadataOnly(obj: KubeObject): KubeObject {
  const m = obj.metadata ?? {};
  const metadata: Record<string, unknown> = { name: m.name, uid: m.uid, resourceVersion: m.resourceVersion };
  if (m.namespace) metadata.namespace = m.namespace;
  if (m.ownerReferences) metadata.ownerReferences = m.ownerReferences;
  if (m.finalizers) metadata.finalizers = m.finalizers;
  if (m.deletionTimestamp) metadata.deletionTimestamp = m.deletionTimestamp;
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata };
}

export class Informer {
  private readonly cache = new Map<string, KubeObject>();
  private readonly handlers: InformerHandlers[] = [];
  private watch: ClientWatch | undefined;
  private stopped = false;
  private relistDelayMs = 100;
  private startedOnce = false;

  /** `transform` shrinks each object before it is cached and handed to handlers (client-go's SetTransform). */
  constructor(
    private readonly client: ApiClient,
    readonly resource: Resource,
    private readonly clock: Clock,
    private readonly transform?: (obj: KubeObject) => KubeObject,
  ) {}

  get started(): boolean {
    return this.startedOnce;
  }

  addHandlers(handlers: InformerHandlers): void {
    this.handlers.push(handlers);
    for (const obj of this.cache.values()) handlers.add?.(obj);
  }

  /** Lists, fills the cache, and starts watching; resolves once the cache holds the listed state. */
  async start(): Promise<void> {
    if (this.startedOnce) return;
    this.startedOnce = true;
    let rv: string;
    try {
      rv = await this.relist();
    } catch (err) {
      if (this.stopped) return;
      throw err;
    }
    this.pump(rv);
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  list(namespace?: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const obj of this.cache.values()) {
      if (namespace === undefined || obj.metadata?.namespace === namespace) out.push(obj);
    }
    return out;
  }

  private async relist(): Promise<string> {
    const listed = await this.client.list(this.resource);
    const seen = new Set<string>();
    for (const listedItem of listed.items) {
      const item = this.transform ? this.transform(listedItem) : listedItem;
      const key = objectKeyOf(item);
      seen.add(key);
      const old = this.cache.get(key);
      this.cache.set(key, item);
      if (!old) this.emit((h) => h.add?.(item));
      else if (old.metadata?.resourceVersion !== item.metadata?.resourceVersion)
        this.emit((h) => h.update?.(old, item));
    }
    for (const [key, old] of [...this.cache]) {
      if (seen.has(key)) continue;
      this.cache.delete(key);
      this.emit((h) => h.delete?.(old));
    }
    return listed.resourceVersion;
  }

  private pump(resourceVersion: string): void {
    let rv = resourceVersion;
    const run = async () => {
      while (!this.stopped) {
        this.watch = this.client.watch(this.resource, undefined, rv);
        try {
          for await (const event of this.watch) {
            if (this.stopped) return;
            if (event.type === 'ERROR') break;
            const newRv = event.object.metadata?.resourceVersion;
            if (newRv) rv = String(newRv);
            if (event.type === 'BOOKMARK') continue;
            this.apply(event.type, event.object);
          }
        } catch {
          // a broken stream: relist below
        }
        if (this.stopped) return;
        await this.clock.sleep(this.relistDelayMs);
        try {
          rv = await this.relist();
        } catch {
          // the next round retries
        }
      }
    };
    void run();
  }

  private apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', received: KubeObject): void {
    const obj = this.transform ? this.transform(received) : received;
    const key = objectKeyOf(obj);
    const old = this.cache.get(key);
    if (type === 'DELETED') {
      this.cache.delete(key);
      this.emit((h) => h.delete?.(obj));
      return;
    }
    this.cache.set(key, obj);
    if (old) this.emit((h) => h.update?.(old, obj));
    else this.emit((h) => h.add?.(obj));
  }

  private emit(call: (h: InformerHandlers) => void): void {
    for (const h of this.handlers) call(h);
  }
}

function resourceKey(resource: Resource): string {
  return `${resource.group}/${resource.version}/${resource.resource}`;
}

/**
 * One informer per resource, shared by every controller that reads it.
 * Informers asked for after start() start at once (on demand).
 */
export class InformerFactory {
  private readonly informers = new Map<string, Informer>();
  /** Metadata-only informers, for resources no controller needs whole (the garbage collector's). */
  private readonly metadataInformers = new Map<string, Informer>();
  private readonly beforeStart: (() => void)[] = [];
  private started = false;
  /** Starts still under way (the on-demand ones), so callers can wait for their caches. */
  private readonly starting = new Set<Promise<void>>();

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {}

  for(resource: Resource): Informer {
    const key = resourceKey(resource);
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new Informer(this.client, resource, this.clock);
      this.informers.set(key, informer);
      if (this.started) this.startOne(informer);
    }
    return informer;
  }

  /**
   * An informer caching only metadata (name, namespace, uid, resourceVersion,
   * ownerReferences, finalizers, deletionTimestamp): the full one when some
   * controller already asked for it, so a resource is never watched twice.
   */
  forMetadata(resource: Resource): Informer {
    const key = resourceKey(resource);
    const full = this.informers.get(key);
    if (full) return full;
    let informer = this.metadataInformers.get(key);
    if (!informer) {
      informer = new Informer(this.client, resource, this.clock, metadataOnly);
      this.metadataInformers.set(key, informer);
      if (this.started) this.startOne(informer);
    }
    return informer;
  }

  /** Stops and forgets the informers of a resource no longer served (a deleted CRD's). */
  remove(resource: Resource): void {
    const key = resourceKey(resource);
    for (const map of [this.informers, this.metadataInformers]) {
      map.get(key)?.stop();
      map.delete(key);
    }
  }

  /** Runs `fn` at start(), before the informers start: the last moment to ask for informers that start with the rest. */
  onStart(fn: () => void): void {
    if (this.started) fn();
    else this.beforeStart.push(fn);
  }

  /** True while an on-demand informer is still filling its cache. */
  busy(): boolean {
    return this.starting.size > 0;
  }

  async start(): Promise<void> {
    for (const fn of this.beforeStart.splice(0)) fn();
    this.started = true;
    await Promise.all([...this.informers.values(), ...this.metadataInformers.values()].map((i) => i.start()));
  }

  private startOne(informer: Informer): void {
    const started = informer
      .start()
      .catch(() => {
        // the resource went away before it was listed; nothing to watch
      })
      .finally(() => this.starting.delete(started));
    this.starting.add(started);
  }

  stop(): void {
    for (const i of [...this.informers.values(), ...this.metadataInformers.values()]) i.stop();
  }
}
