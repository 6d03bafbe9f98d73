// The few facts the recorder keeps of each watched object: enough to tell
// which workload and revision a pod belongs to and what state it is in,
// without holding whole objects in memory.

import type { StoredObject } from '../store/index.ts';
import type { PodState, WorkloadKind } from './model.ts';

type Obj = Record<string, any>;

export const deploymentRevisionAnnotation = 'deployment.kubernetes.io/revision';
export const controllerRevisionHashLabel = 'controller-revision-hash';

export interface OwnerFacts {
  kind: string;
  name: string;
}

export interface PodFacts {
  owner?: OwnerFacts;
  /** controller-revision-hash (DaemonSet, StatefulSet pods). */
  hash?: string;
  /** Undefined for pods that finished (Succeeded, Failed): they no longer count, as for the controllers. */
  state?: PodState;
}

export interface ReplicaSetFacts {
  /** The Deployment controlling it. */
  deployment?: string;
  /** 0 when the annotation is missing or not a number. */
  revision: number;
}

export interface ControllerRevisionFacts {
  owner?: OwnerFacts;
  name: string;
  hash?: string;
  revision: number;
}

export interface ConditionFacts {
  status: string;
  reason: string;
  message: string;
}

export interface WorkloadFacts {
  kind: WorkloadKind;
  /** spec.replicas as the user set it (DaemonSets: undefined). */
  replicas?: number;
  /** Pods wanted: replicas, or a DaemonSet's desiredNumberScheduled. */
  desired: number;
  paused: boolean;
  conditions: Record<string, ConditionFacts>;
}

/** The controller owner reference (the one with controller: true). */
export function controllerOf(obj: StoredObject): OwnerFacts | undefined {
  const refs = ((obj as Obj).metadata?.ownerReferences ?? []) as Obj[];
  const ref = refs.find((r) => r?.controller === true);
  return ref && typeof ref.kind === 'string' && typeof ref.name === 'string'
    ? { kind: ref.kind, name: ref.name }
    : undefined;
}

function conditionTrue(pod: Obj, type: string): boolean {
  const conditions = (pod.status?.conditions ?? []) as Obj[];
  return conditions.some((c) => c?.type === type && c?.status === 'True');
}

/** Where a pod is in its life (see PodState). */
export function podState(pod: StoredObject): PodState | undefined {
  const p = pod as Obj;
  if (p.metadata?.deletionTimestamp) return 'terminating';
  const phase = p.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  if (conditionTrue(p, 'Ready')) return 'ready';
  if (phase === 'Running') return 'running';
  return 'starting';
}

export function podFacts(pod: StoredObject): PodFacts {
  return {
    owner: controllerOf(pod),
    hash: (pod as Obj).metadata?.labels?.[controllerRevisionHashLabel],
    state: podState(pod),
  };
}

function revisionNumber(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 0;
}

export function replicaSetFacts(rs: StoredObject): ReplicaSetFacts {
  const owner = controllerOf(rs);
  return {
    deployment: owner?.kind === 'Deployment' ? owner.name : undefined,
    revision: revisionNumber((rs as Obj).metadata?.annotations?.[deploymentRevisionAnnotation]),
  };
}

export function controllerRevisionFacts(cr: StoredObject): ControllerRevisionFacts {
  const o = cr as Obj;
  return {
    owner: controllerOf(cr),
    name: String(o.metadata?.name ?? ''),
    hash: o.metadata?.labels?.[controllerRevisionHashLabel],
    revision: revisionNumber(o.revision),
  };
}

/** Whether a pod's controller-revision-hash label names this ControllerRevision (DaemonSets use the hash, StatefulSets the name). */
export function revisionMatches(cr: ControllerRevisionFacts, podHash: string): boolean {
  return cr.name === podHash || (cr.hash !== undefined && cr.hash === podHash);
}

export function workloadFacts(kind: WorkloadKind, obj: StoredObject): WorkloadFacts {
  const o = obj as Obj;
  const replicas =
    kind === 'DaemonSet' ? undefined : typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
  const desired =
    kind === 'DaemonSet'
      ? typeof o.status?.desiredNumberScheduled === 'number'
        ? o.status.desiredNumberScheduled
        : 0
      : replicas!;
  const conditions: Record<string, ConditionFacts> = {};
  for (const c of (o.status?.conditions ?? []) as Obj[]) {
    if (typeof c?.type !== 'string') continue;
    conditions[c.type] = {
      status: String(c.status ?? ''),
      reason: String(c.reason ?? ''),
      message: String(c.message ?? ''),
    };
  }
  return { kind, replicas, desired, paused: o.spec?.paused === true, conditions };
}
