// The rollout arithmetic of upstream's deployment_util.go, as pure functions
// over Deployment and ReplicaSet objects: fenceposts, new-RS sizing,
// proportional scaling, revisions and annotations, conditions.

import type { KubeObject } from '../client.ts';

export const revisionAnnotation = 'deployment.kubernetes.io/revision';
export const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const changeCauseAnnotation = 'kubernetes.io/change-cause';
export const podTemplateHashLabel = 'pod-template-hash';
/** Upstream caps revision-history at this many characters. */
export const maxRevisionHistoryChars = 2000;

/** Annotations of a Deployment that are not copied to its ReplicaSets. */
const annotationsNotCopied = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  revisionAnnotation,
  revisionHistoryAnnotation,
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  'deprecated.deployment.rollback.to',
]);

export const reasons = {
  newReplicaSet: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  failedReplicaSetCreate: 'ReplicaSetCreateError',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

export type IntOrString = number | string;

/**
 * An int-or-percent scaled against `total` (GetScaledValueFromIntOrPercent):
 * "25%" of 10 is 3 rounding up, 2 rounding down.
 */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  if (!value.endsWith('%'))
    throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = value.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits))
    throw new Error(
      `invalid value for IntOrString: invalid value "${value}": strconv.Atoi: parsing "${digits}": invalid syntax`,
    );
  const scaled = (Number(digits) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** (maxSurge, maxUnavailable) for `desired` replicas; both zero would deadlock, so unavailable becomes 1. */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function replicasOf(obj: KubeObject | undefined): number {
  const r = obj?.spec?.replicas;
  return typeof r === 'number' ? r : 0;
}

function statusNumber(obj: KubeObject | undefined, field: string): number {
  const v = obj?.status?.[field];
  return typeof v === 'number' ? v : 0;
}

export function isRollingUpdate(d: KubeObject): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

function fenceposts(d: KubeObject): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  return resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicasOf(d));
}

export function maxSurge(d: KubeObject): number {
  if (!isRollingUpdate(d)) return 0;
  return fenceposts(d).surge;
}

export function maxUnavailable(d: KubeObject): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}

export function minAvailable(d: KubeObject): number {
  return replicasOf(d) - maxUnavailable(d);
}

export function sumReplicas(rss: (KubeObject | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
}

export function sumActualReplicas(rss: (KubeObject | undefined)[]): number {
  return rss.reduce((n, rs) => n + statusNumber(rs, 'replicas'), 0);
}

export function sumReadyReplicas(rss: (KubeObject | undefined)[]): number {
  return rss.reduce((n, rs) => n + statusNumber(rs, 'readyReplicas'), 0);
}

/**
 * GetTerminatingReplicaCountForReplicaSets: the sum of the ReplicaSets'
 * status.terminatingReplicas, unknown (undefined) while any ReplicaSet has not
 * reported it yet.
 */
export function sumTerminatingReplicas(rss: (KubeObject | undefined)[]): number | undefined {
  let sum = 0;
  for (const rs of rss) {
    if (!rs) continue;
    const n = rs.status?.terminatingReplicas;
    if (typeof n !== 'number') return undefined;
    sum += n;
  }
  return sum;
}

export function sumAvailableReplicas(rss: (KubeObject | undefined)[]): number {
  return rss.reduce((n, rs) => n + statusNumber(rs, 'availableReplicas'), 0);
}

export function availableReplicasOf(rs: KubeObject | undefined): number {
  return statusNumber(rs, 'availableReplicas');
}

/** How many replicas the new ReplicaSet should have now (NewRSNewReplicas). */
export function newRSNewReplicas(d: KubeObject, allRSs: KubeObject[], newRS: KubeObject): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const desired = replicasOf(d);
  const currentPodCount = sumReplicas(allRSs);
  const maxTotalPods = desired + maxSurge(d);
  if (currentPodCount >= maxTotalPods) return replicasOf(newRS);
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, desired - replicasOf(newRS));
  return replicasOf(newRS) + scaleUpCount;
}

export function activeReplicaSets(rss: (KubeObject | undefined)[]): KubeObject[] {
  return rss.filter((rs): rs is KubeObject => rs !== undefined && replicasOf(rs) > 0);
}

function creationMs(obj: KubeObject): number {
  const t = obj.metadata?.creationTimestamp;
  return t ? Date.parse(t) : 0;
}

/** Oldest first; ties by name (ReplicaSetsByCreationTimestamp). */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const d = creationMs(a) - creationMs(b);
  if (d !== 0) return d;
  return String(a.metadata?.name).localeCompare(String(b.metadata?.name));
}

/** Largest first, ties older first (ReplicaSetsBySizeOlder). */
export function bySizeOlder(a: KubeObject, b: KubeObject): number {
  if (replicasOf(a) === replicasOf(b)) return byCreation(a, b);
  return replicasOf(b) - replicasOf(a);
}

/** Largest first, ties newer first (ReplicaSetsBySizeNewer). */
export function bySizeNewer(a: KubeObject, b: KubeObject): number {
  if (replicasOf(a) === replicasOf(b)) return byCreation(b, a);
  return replicasOf(b) - replicasOf(a);
}

/** By revision ascending, ties by creation (ReplicaSetsByRevision). */
export function byRevision(a: KubeObject, b: KubeObject): number {
  const d = revisionOf(a) - revisionOf(b);
  return d !== 0 ? d : byCreation(a, b);
}

/** The ReplicaSet to scale when only one is active, or the newest when none is (FindActiveOrLatest). */
export function findActiveOrLatest(
  newRS: KubeObject | undefined,
  oldRSs: KubeObject[],
): KubeObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}

function annotationNumber(rs: KubeObject, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

export function desiredReplicasAnnotationOf(rs: KubeObject): number | undefined {
  return annotationNumber(rs, desiredReplicasAnnotation);
}

export function isSaturated(d: KubeObject, rs: KubeObject | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotationOf(rs);
  if (desired === undefined) return false;
  return (
    desired === replicasOf(d) && replicasOf(rs) === replicasOf(d) && availableReplicasOf(rs) === replicasOf(d)
  );
}

/** The change in size that would give `rs` its share of the deployment's new size (getReplicaSetFraction). */
function replicaSetFraction(rs: KubeObject, d: KubeObject): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const annotated = annotationNumber(rs, maxReplicasAnnotation) ?? statusNumber(d, 'replicas');
  // Go's math.Round: halves away from zero.
  const newSize =
    Math.sign((replicasOf(rs) * deploymentReplicas) / annotated) *
    Math.round(Math.abs((replicasOf(rs) * deploymentReplicas) / annotated));
  return newSize - replicasOf(rs);
}

/** How many replicas `rs` gains or loses in a proportional scale (GetProportion). */
export function proportion(rs: KubeObject, d: KubeObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * New sizes for the active ReplicaSets when a Deployment is resized during a
 * rollout: each keeps its share, the leftover goes to the largest (newest
 * first when growing, oldest first when shrinking).
 */
export function proportionalSizes(d: KubeObject, activeRSs: KubeObject[]): Map<KubeObject, number> {
  const total = sumReplicas(activeRSs);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - total;
  const ordered = [...activeRSs];
  if (toAdd > 0) ordered.sort(bySizeNewer);
  else if (toAdd < 0) ordered.sort(bySizeOlder);
  const sizes = new Map<KubeObject, number>();
  let added = 0;
  for (const rs of ordered) {
    if (toAdd !== 0) {
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs, replicasOf(rs) + p);
      added += p;
    } else sizes.set(rs, replicasOf(rs));
  }
  if (toAdd !== 0 && ordered.length > 0) {
    const first = ordered[0];
    sizes.set(first, Math.max(0, sizes.get(first)! + (toAdd - added)));
  }
  return sizes;
}

/** The revision annotation as a number; 0 when absent or malformed (Revision()). */
export function revisionOf(rs: KubeObject): number {
  const v = rs.metadata?.annotations?.[revisionAnnotation];
  if (typeof v !== 'string' || !/^\d+$/.test(v)) return 0;
  return Number(v);
}

export function maxRevision(rss: KubeObject[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** Copies the Deployment's annotations (except the controller's own) onto the ReplicaSet; true when any changed. */
export function copyDeploymentAnnotations(d: KubeObject, rs: KubeObject): boolean {
  rs.metadata ??= {};
  rs.metadata.annotations ??= {};
  let changed = false;
  for (const [k, v] of Object.entries((d.metadata?.annotations ?? {}) as Record<string, string>)) {
    if (annotationsNotCopied.has(k) || rs.metadata.annotations[k] === v) continue;
    rs.metadata.annotations[k] = v;
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations;
  if (!a) return true;
  return a[desiredReplicasAnnotation] !== String(desired) || a[maxReplicasAnnotation] !== String(max);
}

export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  rs.metadata ??= {};
  rs.metadata.annotations ??= {};
  const a = rs.metadata.annotations;
  let updated = false;
  if (a[desiredReplicasAnnotation] !== String(desired)) {
    a[desiredReplicasAnnotation] = String(desired);
    updated = true;
  }
  if (a[maxReplicasAnnotation] !== String(max)) {
    a[maxReplicasAnnotation] = String(max);
    updated = true;
  }
  return updated;
}

/**
 * Annotations of the new ReplicaSet (SetNewReplicaSetAnnotations): the
 * Deployment's, the new revision, and, when an existing ReplicaSet is
 * reused by a rollback, its former revisions in revision-history.
 */
export function setNewReplicaSetAnnotations(
  d: KubeObject,
  rs: KubeObject,
  newRevision: number,
  exists: boolean,
  historyLimitChars = maxRevisionHistoryChars,
): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = rs.metadata!.annotations as Record<string, string>;
  const oldRevision = a[revisionAnnotation];
  const hadRevision = oldRevision !== undefined;
  let oldRevisionNumber = 0;
  if (hadRevision && oldRevision !== '') {
    if (!/^\d+$/.test(oldRevision)) return false;
    oldRevisionNumber = Number(oldRevision);
  }
  if (oldRevisionNumber < newRevision) {
    a[revisionAnnotation] = String(newRevision);
    changed = true;
  }
  if (hadRevision && oldRevisionNumber < newRevision) {
    const history = a[revisionHistoryAnnotation] ?? '';
    const olds = history.split(',');
    if (olds[0].length === 0) a[revisionHistoryAnnotation] = oldRevision;
    else {
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > historyLimitChars && start < olds.length) {
        totalLen -= olds[start].length + 1;
        start++;
      }
      if (totalLen <= historyLimitChars)
        a[revisionHistoryAnnotation] = [...olds.slice(start), oldRevision].join(',');
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

// --- conditions ---------------------------------------------------------------------------

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export function newCondition(
  type: string,
  status: Condition['status'],
  reason: string,
  message: string,
  now: string,
): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(status: KubeObject | undefined, type: string): Condition | undefined {
  const conditions = status?.conditions as Condition[] | undefined;
  return conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: same status and reason changes nothing; the same
 * status keeps lastTransitionTime; the condition moves to the end of the list.
 */
export function setCondition(status: KubeObject, condition: Condition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [
    ...((status.conditions as Condition[] | undefined) ?? []).filter((c) => c.type !== condition.type),
    next,
  ];
}

export function removeCondition(status: KubeObject, type: string): void {
  if (!status.conditions) return;
  status.conditions = (status.conditions as Condition[]).filter((c) => c.type !== type);
}

export function hasProgressDeadline(d: KubeObject): boolean {
  const p = d.spec?.progressDeadlineSeconds;
  return typeof p === 'number' && p !== 2147483647;
}

/** Every replica updated, present and available, and the spec observed (DeploymentComplete). */
export function deploymentComplete(d: KubeObject, status: KubeObject): boolean {
  const r = replicasOf(d);
  return (
    (status.updatedReplicas ?? 0) === r &&
    (status.replicas ?? 0) === r &&
    (status.availableReplicas ?? 0) === r &&
    (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** Any progress since the stored status (DeploymentProgressing). */
export function deploymentProgressing(d: KubeObject, status: KubeObject): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** The Progressing condition's last update is older than the deadline (DeploymentTimedOut). */
export function deploymentTimedOut(d: KubeObject, status: KubeObject, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(status, 'Progressing');
  if (!c) return false;
  if (c.reason === reasons.newReplicaSetAvailable) return false;
  if (c.reason === reasons.timedOut) return true;
  const from = Date.parse(c.lastUpdateTime);
  return from + d.spec.progressDeadlineSeconds * 1000 < nowMs;
}
