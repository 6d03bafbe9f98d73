// An in-memory ApiClient for controller and kubelet tests: the store's memory
// log (resourceVersions, conflicts, watch) plus the registry's defaulting,
// bookkeeping and validation, and the API server's graceful pod deletion.
// It stands in for the server room's in-process client.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../src/cluster/clock.ts';
import {
  type ApiClient,
  ApiClientError,
  type ClientDeleteOptions,
  type ClientList,
  type ClientWatch,
  type ClientWatchEvent,
  type KubeObject,
  type PatchType,
  type Resource,
  timeString,
} from '../../../src/cluster/controllers/index.ts';
import { type ResourceStrategy, resources } from '../../../src/cluster/registry/index.ts';
import { openMemoryStore, type Store } from '../../../src/cluster/store/index.ts';

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function suffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

export class FakeApiClient implements ApiClient {
  readonly store: Store;
  /** Writes by resource ("pods", "replicasets.apps"...), for assertions and benchmarks. */
  readonly writes = new Map<string, number>();
  private readonly strategies = new Map<string, ResourceStrategy>();

  constructor(private readonly clock: Clock) {
    this.store = openMemoryStore({ clock });
    for (const s of resources()) {
      const key = `${s.info.group}/${s.info.version}/${s.info.plural}`;
      if (!this.strategies.has(key)) this.strategies.set(key, s);
    }
  }

  totalWrites(): number {
    let n = 0;
    for (const v of this.writes.values()) n += v;
    return n;
  }

  private strategy(r: Resource): ResourceStrategy {
    const s = this.strategies.get(`${r.group}/${r.version}/${r.resource}`);
    if (!s) throw new ApiClientError(404, 'NotFound', `the server could not find the requested resource`);
    return s;
  }

  private qualified(r: Resource): string {
    return r.group ? `${r.resource}.${r.group}` : r.resource;
  }

  private key(r: Resource, namespace: string | undefined, name: string) {
    const s = this.strategy(r);
    return s.info.namespaced
      ? { resource: this.qualified(r), namespace, name }
      : { resource: this.qualified(r), name };
  }

  private count(r: Resource): void {
    const q = this.qualified(r);
    this.writes.set(q, (this.writes.get(q) ?? 0) + 1);
  }

  private typed(r: Resource, obj: KubeObject): KubeObject {
    const s = this.strategy(r);
    return { ...obj, apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: s.info.kind };
  }

  async get(r: Resource, namespace: string | undefined, name: string): Promise<KubeObject> {
    return this.typed(r, (await this.store.get(this.key(r, namespace, name))) as KubeObject);
  }

  async list(r: Resource, namespace?: string): Promise<ClientList> {
    const result = await this.store.list(this.qualified(r), { namespace });
    return {
      items: result.items.map((i) => this.typed(r, i as KubeObject)),
      resourceVersion: result.resourceVersion,
    };
  }

  watch(r: Resource, namespace: string | undefined, resourceVersion: string): ClientWatch {
    const w = this.store.watch({ resource: this.qualified(r), namespace, resourceVersion });
    const typed = (obj: KubeObject) => this.typed(r, obj);
    return {
      stop: () => w.stop(),
      async *[Symbol.asyncIterator](): AsyncIterator<ClientWatchEvent> {
        for await (const e of w) yield { type: e.type, object: typed(e.object as KubeObject) };
      },
    };
  }

  async create(r: Resource, namespace: string | undefined, input: KubeObject): Promise<KubeObject> {
    const s = this.strategy(r);
    const obj = this.typed(r, structuredClone(input));
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${suffix()}`;
    if (s.info.namespaced) meta.namespace = namespace ?? meta.namespace ?? 'default';
    meta.uid = randomUUID();
    meta.creationTimestamp = timeString(this.clock.now());
    delete meta.resourceVersion;
    s.applyDefaults(obj);
    s.prepareForCreate(obj);
    this.validate(s, s.validateCreate(obj), meta.name);
    this.count(r);
    return this.typed(
      r,
      (await this.store.create(this.key(r, meta.namespace, meta.name), obj)) as KubeObject,
    );
  }

  private validate(s: ResourceStrategy, errors: { message: string }[], name: string): void {
    if (errors.length === 0) return;
    throw new ApiClientError(
      422,
      'Invalid',
      `${s.info.kind} "${name}" is invalid: ${errors.map((e) => e.message).join(', ')}`,
    );
  }

  private async write(r: Resource, input: KubeObject, subresource?: 'status'): Promise<KubeObject> {
    const s = this.strategy(r);
    const obj = this.typed(r, structuredClone(input));
    const meta = (obj.metadata ??= {});
    const key = this.key(r, meta.namespace, meta.name);
    const old = (await this.store.get(key)) as KubeObject;
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata?.resourceVersion) {
      throw new ApiClientError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${this.qualified(r)} "${meta.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    meta.uid = old.metadata?.uid;
    meta.creationTimestamp = old.metadata?.creationTimestamp;
    meta.resourceVersion = old.metadata?.resourceVersion;
    if (old.metadata?.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    }
    if (!subresource) s.applyDefaults(obj);
    s.prepareForUpdate(obj, old, subresource);
    if (!subresource) this.validate(s, s.validateUpdate(obj, old), meta.name);
    this.count(r);
    // The last finalizer of an object being deleted removed: the object goes.
    const hadFinalizers = ((old.metadata?.finalizers ?? []) as string[]).length > 0;
    const hasFinalizers = ((meta.finalizers ?? []) as string[]).length > 0;
    if (meta.deletionTimestamp && hadFinalizers && !hasFinalizers) {
      await this.store.delete(key);
      return obj;
    }
    return this.typed(r, (await this.store.update(key, obj)) as KubeObject);
  }

  update(r: Resource, _namespace: string | undefined, obj: KubeObject): Promise<KubeObject> {
    return this.write(r, obj);
  }

  updateStatus(r: Resource, _namespace: string | undefined, obj: KubeObject): Promise<KubeObject> {
    return this.write(r, obj, 'status');
  }

  async patch(
    r: Resource,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    subresource?: 'status',
  ): Promise<KubeObject> {
    if (type !== 'merge')
      throw new ApiClientError(415, 'UnsupportedMediaType', `the fake client only merges`);
    const current = await this.get(r, namespace, name);
    const next = mergePatch(current, patch) as KubeObject;
    const wanted = (patch as KubeObject).metadata?.resourceVersion;
    next.metadata!.resourceVersion = wanted ?? current.metadata?.resourceVersion;
    return this.write(r, next, subresource);
  }

  /** Deletes as the API server does: pods on a node get a grace period and a deletionTimestamp first. */
  async delete(
    r: Resource,
    namespace: string | undefined,
    name: string,
    options: ClientDeleteOptions = {},
  ): Promise<void> {
    const key = this.key(r, namespace, name);
    const current = (await this.store.get(key)) as KubeObject;
    const uid = options.preconditions?.uid;
    if (uid && uid !== current.metadata?.uid) {
      throw new ApiClientError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${this.qualified(r)} "${name}": Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata?.uid}`,
      );
    }
    this.count(r);
    // Orphan and Foreground propagation hold the object with a finalizer for the garbage collector.
    const finalizer =
      options.propagationPolicy === 'Orphan'
        ? 'orphan'
        : options.propagationPolicy === 'Foreground'
          ? 'foregroundDeletion'
          : undefined;
    const held = [...((current.metadata?.finalizers ?? []) as string[])];
    if (finalizer && !held.includes(finalizer)) held.push(finalizer);
    if (held.length > 0) {
      if (current.metadata?.deletionTimestamp) return;
      const marked = structuredClone(current);
      marked.metadata!.finalizers = held;
      marked.metadata!.deletionTimestamp = timeString(this.clock.now());
      marked.metadata!.deletionGracePeriodSeconds = 0;
      await this.store.update(key, marked);
      return;
    }
    if (r.group === '' && r.resource === 'pods') {
      const phase = current.status?.phase;
      const scheduled = !!current.spec?.nodeName;
      let grace = options.gracePeriodSeconds ?? current.spec?.terminationGracePeriodSeconds ?? 30;
      if (!scheduled || phase === 'Succeeded' || phase === 'Failed') grace = 0;
      const existing = current.metadata?.deletionGracePeriodSeconds;
      if (
        grace > 0 &&
        !(existing !== undefined && existing <= grace && current.metadata?.deletionTimestamp)
      ) {
        const marked = structuredClone(current);
        marked.metadata!.deletionTimestamp = timeString(this.clock.now() + grace * 1000);
        marked.metadata!.deletionGracePeriodSeconds = grace;
        await this.store.update(key, marked);
        return;
      }
      if (grace > 0) return;
    }
    await this.store.delete(key);
  }

  async bind(namespace: string, podName: string, nodeName: string): Promise<void> {
    const key = { resource: 'pods', namespace, name: podName };
    const now = timeString(this.clock.now());
    this.writes.set('pods/binding', (this.writes.get('pods/binding') ?? 0) + 1);
    await this.store.guaranteedUpdate(key, (current) => {
      const pod = current as KubeObject;
      if (pod.spec?.nodeName)
        throw new ApiClientError(
          409,
          'Conflict',
          `pod ${podName} is already assigned to node "${pod.spec.nodeName}"`,
        );
      const next = structuredClone(pod);
      next.spec.nodeName = nodeName;
      next.status ??= {};
      const conditions = ((next.status.conditions ?? []) as KubeObject[]).filter(
        (c) => c.type !== 'PodScheduled',
      );
      conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
      next.status.conditions = conditions;
      return next;
    });
  }
}
