// The garbage collector (pkg/controller/garbagecollector), for the kinds the
// controllers own: a dependent whose owners are all gone is deleted
// (background propagation); an owner being deleted with the `orphan`
// finalizer first has its dependents released, with `foregroundDeletion` first
// has its dependents deleted, and then loses the finalizer.

import {
  controllerRevisionsResource,
  daemonSetsResource,
  deploymentsResource,
  isConflict,
  isNotFound,
  type KubeObject,
  persistentVolumeClaimsResource,
  podsResource,
  type Resource,
  replicaSetsResource,
  statefulSetsResource,
} from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import type { Informer } from '../informer.ts';
import type { OwnerReference } from '../owner.ts';
import { WorkQueue } from '../queue.ts';

const orphanFinalizer = 'orphan';
const foregroundFinalizer = 'foregroundDeletion';

interface Tracked {
  resource: Resource;
  kind: string;
  apiVersion: string;
}

const tracked: Tracked[] = [
  { resource: deploymentsResource, kind: 'Deployment', apiVersion: 'apps/v1' },
  { resource: replicaSetsResource, kind: 'ReplicaSet', apiVersion: 'apps/v1' },
  { resource: daemonSetsResource, kind: 'DaemonSet', apiVersion: 'apps/v1' },
  { resource: statefulSetsResource, kind: 'StatefulSet', apiVersion: 'apps/v1' },
  { resource: controllerRevisionsResource, kind: 'ControllerRevision', apiVersion: 'apps/v1' },
  { resource: podsResource, kind: 'Pod', apiVersion: 'v1' },
  { resource: persistentVolumeClaimsResource, kind: 'PersistentVolumeClaim', apiVersion: 'v1' },
];

function refsOf(obj: KubeObject): OwnerReference[] {
  return (obj.metadata?.ownerReferences ?? []) as OwnerReference[];
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  private readonly queue: WorkQueue;
  private readonly informers = new Map<string, Informer>();
  /** Every tracked object by uid, with the index of its kind in `tracked`. */
  private readonly byUid = new Map<string, { obj: KubeObject; kind: number }>();
  /** owner uid -> uids of its dependents */
  private readonly dependents = new Map<string, Set<string>>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (uid) => this.process(uid),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    tracked.forEach((t, kind) => {
      const informer = ctx.informers.for(t.resource);
      this.informers.set(t.kind, informer);
      informer.addHandlers({
        add: (obj) => this.observe(obj, kind),
        update: (old, obj) => {
          this.unindex(old);
          this.observe(obj, kind);
        },
        delete: (obj) => {
          this.unindex(obj);
          this.byUid.delete(obj.metadata?.uid);
          // Its dependents may now be orphans.
          for (const dep of this.dependents.get(obj.metadata?.uid) ?? []) this.queue.add(dep);
        },
      });
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private observe(obj: KubeObject, kind: number): void {
    const uid = obj.metadata?.uid;
    this.byUid.set(uid, { obj, kind });
    for (const ref of refsOf(obj)) {
      if (!this.dependents.has(ref.uid)) this.dependents.set(ref.uid, new Set());
      this.dependents.get(ref.uid)!.add(uid);
    }
    if (refsOf(obj).length > 0) this.queue.add(uid);
    const finalizers = (obj.metadata?.finalizers ?? []) as string[];
    if (
      obj.metadata?.deletionTimestamp &&
      (finalizers.includes(orphanFinalizer) || finalizers.includes(foregroundFinalizer))
    )
      this.queue.add(uid);
    // An owner changing (e.g. being deleted in the foreground) concerns its dependents.
    for (const dep of this.dependents.get(uid) ?? []) this.queue.add(dep);
  }

  private unindex(obj: KubeObject): void {
    for (const ref of refsOf(obj)) this.dependents.get(ref.uid)?.delete(obj.metadata?.uid);
  }

  private async process(uid: string): Promise<void> {
    const entry = this.byUid.get(uid);
    if (!entry) return;
    await this.processOwner(entry.obj, entry.kind);
    const current = this.byUid.get(uid);
    if (current) await this.processDependent(current.obj, current.kind);
  }

  /** Whether the owner a reference names still exists (looked up through the API for untracked kinds). */
  private async ownerState(
    ref: OwnerReference,
    namespace: string | undefined,
  ): Promise<'alive' | 'gone' | 'foreground' | 'orphaning'> {
    let owner = this.byUid.get(ref.uid)?.obj;
    if (!owner) {
      const t = tracked.find((x) => x.kind === ref.kind && x.apiVersion === ref.apiVersion);
      // Owners of kinds this collector does not track are assumed alive.
      if (!t) return 'alive';
      try {
        owner = await this.ctx.client.get(t.resource, namespace, ref.name);
      } catch (err) {
        if (isNotFound(err)) return 'gone';
        throw err;
      }
      if (owner.metadata?.uid !== ref.uid) return 'gone';
    }
    const finalizers = (owner.metadata?.finalizers ?? []) as string[];
    if (owner.metadata?.deletionTimestamp) {
      if (finalizers.includes(foregroundFinalizer)) return 'foreground';
      if (finalizers.includes(orphanFinalizer)) return 'orphaning';
    }
    return 'alive';
  }

  private async processDependent(obj: KubeObject, kind: number): Promise<void> {
    const refs = refsOf(obj);
    if (refs.length === 0 || obj.metadata?.deletionTimestamp) return;
    const namespace = obj.metadata?.namespace;
    const states = await Promise.all(refs.map((r) => this.ownerState(r, namespace)));
    const keep = refs.filter((_, i) => states[i] === 'alive');
    const deleteNow = states.every((s) => s === 'gone' || s === 'foreground');
    const { client } = this.ctx;
    const t = tracked[kind];
    try {
      if (deleteNow) {
        await client.delete(t.resource, namespace, obj.metadata!.name, {
          preconditions: { uid: obj.metadata?.uid },
          propagationPolicy: 'Background',
        });
      } else if (keep.length < refs.length && !states.includes('foreground')) {
        // Drop references to owners that are gone or orphaning this object.
        await client.patch(t.resource, namespace, obj.metadata!.name, 'merge', {
          metadata: {
            ownerReferences: keep.length > 0 ? keep : null,
            resourceVersion: obj.metadata?.resourceVersion,
          },
        });
      }
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }

  /** An owner deleted with orphan or foreground propagation loses its finalizer once its dependents are handled. */
  private async processOwner(owner: KubeObject, kind: number): Promise<void> {
    const finalizers = (owner.metadata?.finalizers ?? []) as string[];
    if (!owner.metadata?.deletionTimestamp) return;
    const mode = finalizers.includes(foregroundFinalizer)
      ? foregroundFinalizer
      : finalizers.includes(orphanFinalizer)
        ? orphanFinalizer
        : undefined;
    if (!mode) return;
    const uid = owner.metadata?.uid;
    const remaining = [...(this.dependents.get(uid) ?? [])]
      .map((d) => this.byUid.get(d)?.obj)
      .filter((d): d is KubeObject => d !== undefined && refsOf(d).some((r) => r.uid === uid));
    const blocking =
      mode === foregroundFinalizer
        ? remaining.filter((d) => refsOf(d).some((r) => r.uid === uid && r.blockOwnerDeletion))
        : remaining;
    if (blocking.length > 0) {
      for (const d of blocking) this.queue.add(d.metadata?.uid);
      return;
    }
    const t = tracked[kind];
    try {
      await this.ctx.client.patch(t.resource, owner.metadata?.namespace, owner.metadata!.name, 'merge', {
        metadata: {
          finalizers: finalizers.filter((f) => f !== mode),
          resourceVersion: owner.metadata?.resourceVersion,
        },
      });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }
}
