// RollingUpdate (rolling.go): grow the new ReplicaSet up to replicas +
// maxSurge pods in total, shrink the old ones while at least replicas -
// maxUnavailable stay available (unhealthy old pods go first).

import type { KubeObject } from '../client.ts';
import type { DeploymentController } from './controller.ts';
import { syncRolloutStatus } from './progress.ts';
import {
  activeReplicaSets,
  availableReplicasOf,
  byCreation,
  deploymentComplete,
  maxUnavailable,
  newRSNewReplicas,
  replicasOf,
  sumAvailableReplicas,
  sumReplicas,
} from './util.ts';

export async function rolloutRolling(
  dc: DeploymentController,
  d: KubeObject,
  rsList: KubeObject[],
): Promise<void> {
  const { newRS, oldRSs } = await dc.allReplicaSetsAndSyncRevision(d, rsList, true);
  const allRSs = [...oldRSs, newRS!];
  if (await reconcileNewReplicaSet(dc, allRSs, newRS!, d)) {
    await syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  if (await reconcileOldReplicaSets(dc, allRSs, activeReplicaSets(oldRSs), newRS!, d)) {
    await syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  if (deploymentComplete(d, d.status ?? {})) await dc.cleanupDeployment(oldRSs, d);
  await syncRolloutStatus(dc, allRSs, newRS, d);
}

async function reconcileNewReplicaSet(
  dc: DeploymentController,
  allRSs: KubeObject[],
  newRS: KubeObject,
  d: KubeObject,
): Promise<boolean> {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d))
    return (await dc.scaleReplicaSetAndRecordEvent(newRS, replicasOf(d), d)).scaled;
  return (await dc.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(d, allRSs, newRS), d)).scaled;
}

/**
 * How far the old ReplicaSets may shrink now: all pods, less the minimum
 * available, less the new ReplicaSet's pods that are not yet available.
 */
export function maxOldScaleDown(d: KubeObject, allRSs: KubeObject[], newRS: KubeObject): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailable = replicasOf(newRS) - availableReplicasOf(newRS);
  return sumReplicas(allRSs) - minAvailable - newRSUnavailable;
}

/**
 * Unhealthy old replicas to remove first, oldest ReplicaSet first, at most
 * `maxCleanup` (cleanupUnhealthyReplicas): the new sizes per ReplicaSet.
 */
export function unhealthyCleanup(oldRSs: KubeObject[], maxCleanup: number): Map<KubeObject, number> {
  const sizes = new Map<KubeObject, number>();
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const replicas = replicasOf(rs);
    if (replicas === 0 || replicas === availableReplicasOf(rs)) continue;
    const count = Math.min(maxCleanup - total, replicas - availableReplicasOf(rs));
    sizes.set(rs, replicas - count);
    total += count;
  }
  return sizes;
}

/**
 * Available old replicas to remove while keeping replicas - maxUnavailable
 * available (scaleDownOldReplicaSetsForRollingUpdate): new sizes, oldest first.
 */
export function availableScaleDown(
  d: KubeObject,
  allRSs: KubeObject[],
  oldRSs: KubeObject[],
): Map<KubeObject, number> {
  const sizes = new Map<KubeObject, number>();
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = sumAvailableReplicas(allRSs);
  if (available <= minAvailable) return sizes;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= toScaleDown) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), toScaleDown - total);
    sizes.set(rs, replicasOf(rs) - count);
    total += count;
  }
  return sizes;
}

async function reconcileOldReplicaSets(
  dc: DeploymentController,
  allRSs: KubeObject[],
  oldRSs: KubeObject[],
  newRS: KubeObject,
  d: KubeObject,
): Promise<boolean> {
  if (sumReplicas(oldRSs) === 0) return false;
  const maxScaledDown = maxOldScaleDown(d, allRSs, newRS);
  if (maxScaledDown <= 0) return false;
  let scaledDown = 0;
  for (const [rs, size] of unhealthyCleanup(oldRSs, maxScaledDown)) {
    scaledDown += replicasOf(rs) - size;
    await dc.scaleReplicaSetAndRecordEvent(rs, size, d);
  }
  const remaining = [...oldRSs, newRS];
  for (const [rs, size] of availableScaleDown(d, remaining, oldRSs)) {
    scaledDown += replicasOf(rs) - size;
    await dc.scaleReplicaSetAndRecordEvent(rs, size, d);
  }
  return scaledDown > 0;
}
