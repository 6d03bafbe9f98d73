// Recreate (recreate.go): scale every old ReplicaSet to zero, wait until none
// of their pods is left (terminating ones included), then bring up the new one.

import type { KubeObject } from '../client.ts';
import type { DeploymentController } from './controller.ts';
import { syncRolloutStatus } from './progress.ts';
import { activeReplicaSets, deploymentComplete, replicasOf, sumActualReplicas } from './util.ts';

/** Old pods still around, in any phase but Succeeded or Failed (oldPodsRunning). */
export function oldPodsRunning(
  newRS: KubeObject | undefined,
  oldRSs: KubeObject[],
  podsByRS: Map<string, KubeObject[]>,
): boolean {
  if (sumActualReplicas(oldRSs) > 0) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && newRS.metadata?.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}

export async function rolloutRecreate(
  dc: DeploymentController,
  d: KubeObject,
  rsList: KubeObject[],
  podsByRS: Map<string, KubeObject[]>,
): Promise<void> {
  let { newRS, oldRSs } = await dc.allReplicaSetsAndSyncRevision(d, rsList, false);
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if ((await dc.scaleReplicaSetAndRecordEvent(rs, 0, d)).scaled) scaledDown = true;
  }
  if (scaledDown) {
    await syncRolloutStatus(dc, [...oldRSs, newRS], newRS, d);
    return;
  }
  if (oldPodsRunning(newRS, oldRSs, podsByRS)) {
    await syncRolloutStatus(dc, [...oldRSs, newRS], newRS, d);
    return;
  }
  if (!newRS) ({ newRS, oldRSs } = await dc.allReplicaSetsAndSyncRevision(d, rsList, true));
  if (replicasOf(newRS) !== replicasOf(d)) await dc.scaleReplicaSetAndRecordEvent(newRS!, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) await dc.cleanupDeployment(oldRSs, d);
  await syncRolloutStatus(dc, [...oldRSs, newRS], newRS, d);
}
