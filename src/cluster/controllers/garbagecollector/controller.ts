// The garbage collector (pkg/controller/garbagecollector): a graph of every
// object of every served resource that supports list, watch and delete,
// linked by ownerReferences (metadata-only informers, started on demand, CRD
// resources included as their CRDs come and go). A dependent whose owners
// are all gone (checked by uid) is deleted in the background; an owner
// deleted with the `orphan` finalizer first has its dependents released; one
// deleted with `foregroundDeletion` first has its dependents deleted (those
// with dependents of their own in the foreground too) and keeps the finalizer
// while a dependent with blockOwnerDeletion remains.

import { isConflict, isNotFound, type KubeObject } from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import type { OwnerReference } from '../owner.ts';
import { WorkQueue } from '../queue.ts';
import {
  DependencyGraph,
  diffNodes,
  foregroundFinalizer,
  type GraphNode,
  isDeletingDependents,
  isOrphaningDependents,
  nodeOf,
  orphanFinalizer,
} from './graph.ts';
import {
  builtinTrackedResources,
  crdResource,
  crdTrackedResource,
  type TrackedResource,
} from './resources.ts';

/** How often a read-modify-write of ownerReferences or finalizers is retried on a conflict. */
const conflictRetries = 5;

type OwnerState = 'solid' | 'dangling' | 'waiting';

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function resourceKey(t: TrackedResource): string {
  return `${t.resource.group}/${t.resource.resource}`;
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  private readonly queue: WorkQueue;
  readonly graph = new DependencyGraph();
  /** Tracked resources by group/plural, and by group/Kind for resolving owner references. */
  private readonly tracked = new Map<string, TrackedResource>();
  private readonly byKind = new Map<string, TrackedResource>();
  /** CRD name -> the resource it serves, to stop watching it when the CRD goes. */
  private readonly crdServed = new Map<string, TrackedResource>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (uid) => this.process(uid),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    // At start, after every controller has asked for its informers, so shared ones are reused.
    ctx.informers.onStart(() => {
      const crds = ctx.informers.for(crdResource);
      crds.addHandlers({
        add: (crd) => this.crdChanged(crd),
        update: (_old, crd) => this.crdChanged(crd),
        delete: (crd) => this.crdGone(crd),
      });
      for (const t of builtinTrackedResources()) this.track(t);
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  /** The resources whose objects are in the graph (for tests and diagnostics). */
  trackedResources(): TrackedResource[] {
    return [...this.tracked.values()];
  }

  private track(t: TrackedResource): void {
    const key = resourceKey(t);
    if (this.tracked.has(key)) return;
    this.tracked.set(key, t);
    this.byKind.set(`${t.resource.group}/${t.kind}`, t);
    this.ctx.informers.forMetadata(t.resource).addHandlers({
      add: (obj) => this.observe(obj, t),
      update: (_old, obj) => this.observe(obj, t),
      delete: (obj) => this.observeDeletion(obj),
    });
  }

  private crdChanged(crd: KubeObject): void {
    const name = crd.metadata?.name as string;
    const served = crdTrackedResource(crd);
    const previous = this.crdServed.get(name);
    if (previous && (!served || resourceKey(previous) !== resourceKey(served))) this.crdGone(crd);
    if (!served || this.tracked.has(resourceKey(served))) return;
    this.crdServed.set(name, served);
    this.track(served);
  }

  private crdGone(crd: KubeObject): void {
    const name = crd.metadata?.name as string;
    const served = this.crdServed.get(name);
    if (!served) return;
    this.crdServed.delete(name);
    this.tracked.delete(resourceKey(served));
    this.byKind.delete(`${served.resource.group}/${served.kind}`);
    this.ctx.informers.remove(served.resource);
  }

  private observe(obj: KubeObject, tracked: TrackedResource): void {
    const uid = obj.metadata?.uid;
    if (!uid) return;
    const node = nodeOf(obj, tracked);
    const old = this.graph.upsert(node);
    const change = diffNodes(old, node);
    // A new owner may be gone, going, or unable to own this object: look.
    if (change.addedOwners.some((r) => this.ownerInDoubt(r, node))) this.queue.add(uid);
    for (const released of change.releasedOwners) {
      const owner = this.graph.get(released);
      if (owner && isDeletingDependents(owner)) this.queue.add(released);
    }
    if (change.startedOrphaning) this.queue.add(uid);
    if (change.startedDeletingDependents) {
      this.queue.add(uid);
      for (const dep of this.graph.dependents(uid)) this.queue.add(dep.uid);
    }
    // Being deleted with a finalizer of ours still set: keep working on it.
    if (!old && (isOrphaningDependents(node) || isDeletingDependents(node))) this.queue.add(uid);
  }

  private ownerInDoubt(ref: OwnerReference, dependent: GraphNode): boolean {
    const owner = this.graph.get(ref.uid);
    if (!owner) return true;
    return owner.beingDeleted || (owner.tracked.namespaced && owner.namespace !== dependent.namespace);
  }

  private observeDeletion(obj: KubeObject): void {
    const uid = obj.metadata?.uid;
    const node = uid && this.graph.remove(uid);
    if (!node) return;
    // Its dependents may now be orphans.
    for (const dep of this.graph.dependents(uid)) this.queue.add(dep.uid);
    // An owner waiting for its dependents may now be free to go.
    for (const ref of node.owners) {
      const owner = this.graph.get(ref.uid);
      if (owner && isDeletingDependents(owner)) this.queue.add(ref.uid);
    }
  }

  private async process(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    if (!node) return;
    if (node.beingDeleted) {
      if (isOrphaningDependents(node)) await this.orphanDependents(node);
      if (isDeletingDependents(node)) await this.processDeletingDependents(node);
      return;
    }
    await this.attemptToDelete(node);
  }

  /** attemptToDeleteItem: deletes a dependent whose owners are all gone or deleting it in the foreground. */
  private async attemptToDelete(node: GraphNode): Promise<void> {
    if (node.owners.length === 0) return;
    const states = await Promise.all(node.owners.map((r) => this.ownerState(r, node)));
    const solid = node.owners.filter((_, i) => states[i] === 'solid');
    const released = node.owners.filter((_, i) => states[i] !== 'solid');
    if (solid.length > 0) {
      if (released.length === 0) return;
      // Live owners keep it; references to owners gone or deleting it are dropped.
      const drop = new Set(released.map((r) => r.uid));
      await this.rewrite(node, (obj) => {
        const refs = ((obj.metadata?.ownerReferences ?? []) as OwnerReference[]).filter(
          (r) => !drop.has(r.uid),
        );
        return { ownerReferences: refs.length > 0 ? refs : null };
      });
      return;
    }
    const waiting = states.includes('waiting');
    const dependents = this.graph.dependents(node.uid);
    if (waiting && dependents.length > 0) {
      // A dependent already deleting its own dependents could close a cycle: stop it blocking us.
      if (dependents.some(isDeletingDependents)) {
        await this.rewrite(node, (obj) => ({
          ownerReferences: ((obj.metadata?.ownerReferences ?? []) as OwnerReference[]).map((r) =>
            states[node.owners.findIndex((o) => o.uid === r.uid)] === 'waiting'
              ? { ...r, blockOwnerDeletion: false }
              : r,
          ),
        }));
      }
      await this.deleteNode(node, 'Foreground');
      return;
    }
    const policy = node.finalizers.includes(orphanFinalizer)
      ? 'Orphan'
      : node.finalizers.includes(foregroundFinalizer)
        ? 'Foreground'
        : 'Background';
    await this.deleteNode(node, policy);
  }

  /**
   * An owner is solid while it exists with the referenced uid, waiting when
   * it is being deleted in the foreground, dangling when it is gone (or the
   * reference cannot name it: another namespace, a namespaced owner of a
   * cluster-scoped object). Owners not in the graph are looked up by name
   * and checked by uid, as upstream's isDangling does.
   */
  private async ownerState(ref: OwnerReference, dependent: GraphNode): Promise<OwnerState> {
    const known = this.graph.get(ref.uid);
    if (known) {
      if (known.tracked.namespaced && known.namespace !== dependent.namespace) return 'dangling';
      return isDeletingDependents(known) ? 'waiting' : 'solid';
    }
    const tracked = this.byKind.get(`${groupOf(ref.apiVersion ?? '')}/${ref.kind}`);
    // A kind this server does not serve: upstream cannot resolve it and retries; keep the dependent.
    if (!tracked) return 'solid';
    if (tracked.namespaced && !dependent.namespace) return 'dangling';
    let owner: KubeObject;
    try {
      owner = await this.ctx.client.get(
        tracked.resource,
        tracked.namespaced ? dependent.namespace : undefined,
        ref.name,
      );
    } catch (err) {
      if (isNotFound(err)) return 'dangling';
      throw err;
    }
    if (owner.metadata?.uid !== ref.uid) return 'dangling';
    const finalizers = (owner.metadata?.finalizers ?? []) as string[];
    return owner.metadata?.deletionTimestamp && finalizers.includes(foregroundFinalizer)
      ? 'waiting'
      : 'solid';
  }

  /** processDeletingDependentsItem: the owner goes once no dependent blocks it. */
  private async processDeletingDependents(owner: GraphNode): Promise<void> {
    const dependents = this.graph
      .dependents(owner.uid)
      .filter((d) => d.owners.some((r) => r.uid === owner.uid));
    const blocking = dependents.filter((d) =>
      d.owners.some((r) => r.uid === owner.uid && r.blockOwnerDeletion),
    );
    if (blocking.length === 0) {
      await this.rewrite(owner, (obj) => {
        const finalizers = ((obj.metadata?.finalizers ?? []) as string[]).filter(
          (f) => f !== foregroundFinalizer,
        );
        return { finalizers: finalizers.length > 0 ? finalizers : null };
      });
      return;
    }
    for (const d of blocking) if (!isDeletingDependents(d)) this.queue.add(d.uid);
  }

  /** orphanDependents: every dependent loses its reference to the owner, then the owner its finalizer. */
  private async orphanDependents(owner: GraphNode): Promise<void> {
    for (const dep of this.graph.dependents(owner.uid)) {
      if (!dep.owners.some((r) => r.uid === owner.uid)) continue;
      await this.rewrite(dep, (obj) => {
        const refs = ((obj.metadata?.ownerReferences ?? []) as OwnerReference[]).filter(
          (r) => r.uid !== owner.uid,
        );
        return { ownerReferences: refs.length > 0 ? refs : null };
      });
    }
    await this.rewrite(owner, (obj) => {
      const finalizers = ((obj.metadata?.finalizers ?? []) as string[]).filter((f) => f !== orphanFinalizer);
      return { finalizers: finalizers.length > 0 ? finalizers : null };
    });
  }

  private async deleteNode(node: GraphNode, propagationPolicy: 'Orphan' | 'Foreground' | 'Background') {
    try {
      await this.ctx.client.delete(node.tracked.resource, node.namespace, node.name, {
        preconditions: { uid: node.uid },
        propagationPolicy,
      });
    } catch (err) {
      // Gone already, or another object now holds the name.
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }

  /**
   * Merge-patches metadata computed from the current object, guarded by its
   * uid and resourceVersion, re-reading it on a conflict.
   */
  private async rewrite(
    node: GraphNode,
    change: (obj: KubeObject) => Record<string, unknown>,
  ): Promise<void> {
    const { client } = this.ctx;
    const { resource } = node.tracked;
    for (let attempt = 0; ; attempt++) {
      let obj: KubeObject;
      try {
        obj = await client.get(resource, node.namespace, node.name);
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      if (obj.metadata?.uid !== node.uid) return;
      const metadata = change(obj);
      const unchanged = Object.entries(metadata).every(
        ([k, v]) => JSON.stringify(obj.metadata?.[k] ?? null) === JSON.stringify(v),
      );
      if (unchanged) return;
      try {
        await client.patch(resource, node.namespace, node.name, 'merge', {
          metadata: { ...metadata, resourceVersion: obj.metadata?.resourceVersion },
        });
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err) || attempt >= conflictRetries) throw err;
      }
    }
  }
}
