// The garbage collector's dependency graph (upstream's uidToNode): one node
// per observed object, keyed by uid, holding only what collection needs —
// its identity, owner references, finalizers, whether it is being deleted —
// and the uids of the objects that name it as an owner.

import type { KubeObject } from '../client.ts';
import type { OwnerReference } from '../owner.ts';
import type { TrackedResource } from './resources.ts';

export const orphanFinalizer = 'orphan';
export const foregroundFinalizer = 'foregroundDeletion';

export interface GraphNode {
  uid: string;
  tracked: TrackedResource;
  namespace: string | undefined;
  name: string;
  resourceVersion: string | undefined;
  owners: OwnerReference[];
  finalizers: string[];
  beingDeleted: boolean;
  /** uids of the observed objects whose ownerReferences name this one */
  dependents: Set<string>;
}

export function nodeOf(obj: KubeObject, tracked: TrackedResource, dependents = new Set<string>()): GraphNode {
  const m = obj.metadata ?? {};
  return {
    uid: m.uid,
    tracked,
    namespace: m.namespace || undefined,
    name: m.name,
    resourceVersion: m.resourceVersion,
    owners: ((m.ownerReferences ?? []) as OwnerReference[]).filter((r) => r?.uid),
    finalizers: (m.finalizers ?? []) as string[],
    beingDeleted: !!m.deletionTimestamp,
    dependents,
  };
}

/** Deleted with propagationPolicy=Foreground and not yet released: its blocking dependents go first. */
export function isDeletingDependents(node: GraphNode): boolean {
  return node.beingDeleted && node.finalizers.includes(foregroundFinalizer);
}

/** Deleted with propagationPolicy=Orphan: its dependents lose their reference to it first. */
export function isOrphaningDependents(node: GraphNode): boolean {
  return node.beingDeleted && node.finalizers.includes(orphanFinalizer);
}

/** What an update changed that concerns collection (upstream's processTransitions and referencesDiffs). */
export interface NodeChange {
  /** owner uids no longer referenced, or referenced without blockOwnerDeletion any more */
  releasedOwners: string[];
  /** owner references that are new */
  addedOwners: OwnerReference[];
  startedDeletingDependents: boolean;
  startedOrphaning: boolean;
}

export function diffNodes(old: GraphNode | undefined, next: GraphNode): NodeChange {
  const oldOwners = old?.owners ?? [];
  const released: string[] = [];
  for (const ref of oldOwners) {
    const now = next.owners.find((r) => r.uid === ref.uid);
    if (!now || (ref.blockOwnerDeletion && !now.blockOwnerDeletion)) released.push(ref.uid);
  }
  return {
    releasedOwners: released,
    addedOwners: next.owners.filter((r) => !oldOwners.some((o) => o.uid === r.uid)),
    startedDeletingDependents: isDeletingDependents(next) && !(old && isDeletingDependents(old)),
    startedOrphaning: isOrphaningDependents(next) && !(old && isOrphaningDependents(old)),
  };
}

export class DependencyGraph {
  private readonly nodes = new Map<string, GraphNode>();
  /** Dependents of owners not (yet) observed: owner uid -> dependent uids. */
  private readonly pending = new Map<string, Set<string>>();

  get size(): number {
    return this.nodes.size;
  }

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  /** Inserts or replaces a node, re-linking it under its owners; returns the node it replaced. */
  upsert(node: GraphNode): GraphNode | undefined {
    const old = this.nodes.get(node.uid);
    if (old) {
      node.dependents = old.dependents;
      this.unlinkOwners(old);
    } else {
      const waiting = this.pending.get(node.uid);
      if (waiting) {
        node.dependents = waiting;
        this.pending.delete(node.uid);
      }
    }
    this.nodes.set(node.uid, node);
    for (const ref of node.owners) this.dependentsOf(ref.uid).add(node.uid);
    return old;
  }

  /** Removes a node; its dependents stay linked to its uid, so they can be found again. */
  remove(uid: string): GraphNode | undefined {
    const node = this.nodes.get(uid);
    if (!node) return undefined;
    this.nodes.delete(uid);
    this.unlinkOwners(node);
    if (node.dependents.size > 0) this.pending.set(uid, node.dependents);
    return node;
  }

  /** The observed objects naming `uid` as an owner. */
  dependents(uid: string): GraphNode[] {
    const set = this.nodes.get(uid)?.dependents ?? this.pending.get(uid);
    const out: GraphNode[] = [];
    for (const d of set ?? []) {
      const node = this.nodes.get(d);
      if (node) out.push(node);
    }
    return out;
  }

  private dependentsOf(uid: string): Set<string> {
    const node = this.nodes.get(uid);
    if (node) return node.dependents;
    let set = this.pending.get(uid);
    if (!set) {
      set = new Set();
      this.pending.set(uid, set);
    }
    return set;
  }

  private unlinkOwners(node: GraphNode): void {
    for (const ref of node.owners) {
      const owner = this.nodes.get(ref.uid);
      if (owner) owner.dependents.delete(node.uid);
      else {
        const set = this.pending.get(ref.uid);
        set?.delete(node.uid);
        if (set?.size === 0) this.pending.delete(ref.uid);
      }
    }
  }
}
