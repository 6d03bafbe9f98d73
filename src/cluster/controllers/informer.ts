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

export class Informer {
  private readonly cache = new Map<string, KubeObject>();
  private readonly handlers: InformerHandlers[] = [];
  private watch: ClientWatch | undefined;
  private stopped = false;
  private relistDelayMs = 100;

  constructor(
    private readonly client: ApiClient,
    readonly resource: Resource,
    private readonly clock: Clock,
  ) {}

  addHandlers(handlers: InformerHandlers): void {
    this.handlers.push(handlers);
    for (const obj of this.cache.values()) handlers.add?.(obj);
  }

  /** Lists, fills the cache, and starts watching; resolves once the cache holds the listed state. */
  async start(): Promise<void> {
    const rv = await this.relist();
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
    for (const item of listed.items) {
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

  private apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject): void {
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

/** One informer per resource, shared by every controller that reads it. */
export class InformerFactory {
  private readonly informers = new Map<string, Informer>();

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {}

  for(resource: Resource): Informer {
    const key = `${resource.group}/${resource.version}/${resource.resource}`;
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new Informer(this.client, resource, this.clock);
      this.informers.set(key, informer);
    }
    return informer;
  }

  async start(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.start()));
  }

  stop(): void {
    for (const i of this.informers.values()) i.stop();
  }
}
