// The arithmetic of a PodDisruptionBudget's status (pkg/controller/disruption): how many pods are
// expected and must stay healthy, which recorded disruptions still count, and how many healthy
// pods there are. Pure functions; the controller feeds them from its caches.

import type { KubeObject } from '../client.ts';
import { isPodReady } from '../pods.ts';

type Obj = Record<string, any>;

/** How long a pod the eviction handler approved is counted as going (DeletionTimeout). */
export const deletionTimeoutMs = 2 * 60 * 1000;

/** intstr.GetScaledValueFromIntOrPercent(value, total, roundUp=true). */
export function scaledValue(value: unknown, total: number): number {
  if (typeof value === 'number') return value;
  const m = /^(-?\d+)%$/.exec(String(value));
  if (!m) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  return Math.ceil((Number(m[1]) * total) / 100);
}

export interface Expectation {
  expectedCount: number;
  desiredHealthy: number;
  /** Pods without a controller, when the budget needed their controllers' scale. */
  unmanagedPods: string[];
}

/**
 * getExpectedPodCount: an integer minAvailable counts the pods themselves; a percentage or
 * maxUnavailable needs the controllers' scale (`scaleOf` throws for a pod it cannot account for).
 */
export function expectation(
  pdb: KubeObject,
  pods: KubeObject[],
  scaleOf: (pod: KubeObject) => { uid: string; replicas: number } | undefined,
): Expectation {
  const spec: Obj = pdb.spec ?? {};
  const expectedScale = (): { count: number; unmanaged: string[] } => {
    const byController = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const scale = scaleOf(pod);
      if (!scale) unmanaged.push(String(pod.metadata?.name));
      else byController.set(scale.uid, scale.replicas);
    }
    let count = 0;
    for (const n of byController.values()) count += n;
    return { count, unmanaged };
  };
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const { count, unmanaged } = expectedScale();
    const maxUnavailable = scaledValue(spec.maxUnavailable, count);
    return {
      expectedCount: count,
      desiredHealthy: Math.max(0, count - maxUnavailable),
      unmanagedPods: unmanaged,
    };
  }
  if (typeof spec.minAvailable === 'number')
    return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
  if (typeof spec.minAvailable === 'string') {
    const { count, unmanaged } = expectedScale();
    return {
      expectedCount: count,
      desiredHealthy: scaledValue(spec.minAvailable, count),
      unmanagedPods: unmanaged,
    };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}

export interface DisruptedPods {
  /** The entries still counted as going: pod name -> approval time. */
  pods: Record<string, string>;
  /** Entries past their deadline whose pod is still there (upstream warns with NotDeleted). */
  overdue: string[];
  /** When the earliest counted entry expires (the budget is looked at again then). */
  recheckAtMs?: number;
}

/** buildDisruptedPodMap: entries whose pod is gone or already deleting are dropped. */
export function disruptedPods(pdb: KubeObject, pods: KubeObject[], nowMs: number): DisruptedPods {
  const recorded: Record<string, string> = pdb.status?.disruptedPods ?? {};
  const out: DisruptedPods = { pods: {}, overdue: [] };
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const name = String(pod.metadata?.name);
    const at = recorded[name];
    if (at === undefined) continue;
    const expires = Date.parse(at) + deletionTimeoutMs;
    if (expires < nowMs) {
      out.overdue.push(name);
      continue;
    }
    out.pods[name] = at;
    if (out.recheckAtMs === undefined || expires < out.recheckAtMs) out.recheckAtMs = expires;
  }
  return out;
}

/** countHealthyPods: ready pods that are neither deleting nor about to be. */
export function countHealthy(pods: KubeObject[], disrupted: Record<string, string>, nowMs: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const at = disrupted[String(pod.metadata?.name)];
    if (at !== undefined && Date.parse(at) + deletionTimeoutMs > nowMs) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/** disruptionsAllowed: none while no pod is expected (a budget that just met its first pods stays safe). */
export function disruptionsAllowed(
  currentHealthy: number,
  desiredHealthy: number,
  expectedCount: number,
): number {
  const n = currentHealthy - desiredHealthy;
  return expectedCount <= 0 || n <= 0 ? 0 : n;
}
