// Facts about pods the controllers share (podutil and controller_utils.go):
// readiness, availability after minReadySeconds, activity, and the ranking
// that picks which pods go first when a ReplicaSet scales down.

import type { KubeObject } from './client.ts';

export const podDeletionCostAnnotation = 'controller.kubernetes.io/pod-deletion-cost';

function readyCondition(pod: KubeObject): { status?: string; lastTransitionTime?: string } | undefined {
  const conditions = pod.status?.conditions as
    | { type: string; status?: string; lastTransitionTime?: string }[]
    | undefined;
  return conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the pod became ready, in ms; undefined when not ready. */
export function podReadyTime(pod: KubeObject): number | undefined {
  const c = readyCondition(pod);
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  return Date.parse(c.lastTransitionTime);
}

/** Ready for at least minReadySeconds (strictly after, as upstream's Before). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadyTime(pod);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/** The instant the pod becomes available, for requeueing (undefined when not ready). */
export function podAvailableAt(pod: KubeObject, minReadySeconds: number): number | undefined {
  const since = podReadyTime(pod);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}

/** Not terminal and not being deleted (FilterActivePods). */
export function isPodActive(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function isPodTerminating(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !!pod.metadata?.deletionTimestamp;
}

const phaseOrdinal: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: KubeObject): number {
  const v = pod.metadata?.annotations?.[podDeletionCostAnnotation];
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) return 0;
  return Number(v);
}

function maxRestarts(pod: KubeObject): number {
  const statuses = (pod.status?.containerStatuses ?? []) as { restartCount?: number }[];
  return statuses.reduce((m, s) => Math.max(m, s.restartCount ?? 0), 0);
}

function timeMs(t: string | undefined): number {
  return t ? Date.parse(t) : 0;
}

/** afterOrZero: a zero time sorts first, then the later time. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** The difference of floor(log2(age in ns)) of two instants: ages of the same order of magnitude tie. */
function logarithmicRankDiff(t1: number, t2: number, nowMs: number): number {
  const rank = (t: number) => {
    const ns = (nowMs - t) * 1e6;
    return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
  };
  return rank(t1) - rank(t2);
}

export interface RankedPod {
  pod: KubeObject;
  /** How many related pods share its node (doubled-up pods go first). */
  rank: number;
}

/**
 * True when `a` should be deleted before `b` (ActivePodsWithRanks.Less, with
 * pod deletion cost and logarithmic scale-down, both on by default).
 */
export function deleteBefore(a: RankedPod, b: RankedPod, nowMs: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const nodeA = pa.spec?.nodeName ?? '';
  const nodeB = pb.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '';
  const oa = phaseOrdinal[pa.status?.phase] ?? 0;
  const ob = phaseOrdinal[pb.status?.phase] ?? 0;
  if (oa !== ob) return oa < ob;
  if (isPodReady(pa) !== isPodReady(pb)) return !isPodReady(pa);
  const ca = deletionCost(pa);
  const cb = deletionCost(pb);
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (isPodReady(pa) && isPodReady(pb)) {
    const ra = podReadyTime(pa) ?? 0;
    const rb = podReadyTime(pb) ?? 0;
    if (ra !== rb) {
      if (ra === 0 || rb === 0) return afterOrZero(ra, rb);
      const diff = logarithmicRankDiff(ra, rb, nowMs);
      if (diff === 0) return String(pa.metadata?.uid) < String(pb.metadata?.uid);
      return diff < 0;
    }
  }
  if (maxRestarts(pa) !== maxRestarts(pb)) return maxRestarts(pa) > maxRestarts(pb);
  const ta = timeMs(pa.metadata?.creationTimestamp);
  const tb = timeMs(pb.metadata?.creationTimestamp);
  if (ta !== tb) {
    if (ta === 0 || tb === 0) return afterOrZero(ta, tb);
    const diff = logarithmicRankDiff(ta, tb, nowMs);
    if (diff === 0) return String(pa.metadata?.uid) < String(pb.metadata?.uid);
    return diff < 0;
  }
  return false;
}

/**
 * The `count` pods to delete first (getPodsToDelete): ranked by how many of
 * `related` (the pods of every ReplicaSet of the same owner) share their node.
 */
export function podsToDelete(
  pods: KubeObject[],
  related: KubeObject[],
  count: number,
  nowMs: number,
): KubeObject[] {
  if (count >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked: RankedPod[] = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  // A stable sort with Less, as sort.Sort's result for a strict weak order.
  ranked.sort((x, y) => (deleteBefore(x, y, nowMs) ? -1 : deleteBefore(y, x, nowMs) ? 1 : 0));
  return ranked.slice(0, count).map((r) => r.pod);
}
