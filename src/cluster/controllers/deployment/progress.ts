// Deployment status and the Progressing/Available conditions (sync.go's
// calculateStatus and progress.go's syncRolloutStatus), and the requeue that
// notices a deadline passing without progress.

import type { KubeObject } from '../client.ts';
import type { DeploymentController } from './controller.ts';
import {
  type Condition,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  maxUnavailable,
  newCondition,
  reasons,
  removeCondition,
  replicasOf,
  setCondition,
  sumActualReplicas,
  sumAvailableReplicas,
  sumReadyReplicas,
  sumReplicas,
  sumTerminatingReplicas,
} from './util.ts';

/** omitempty: zero counts go, except terminatingReplicas (a pointer: 0 is a value). */
function omitZero(status: Record<string, unknown>): KubeObject {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status)) {
    if (v === undefined || v === null || (v === 0 && k !== 'terminatingReplicas')) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

export function calculateStatus(
  allRSs: (KubeObject | undefined)[],
  newRS: KubeObject | undefined,
  d: KubeObject,
  now: string,
): KubeObject {
  const available = sumAvailableReplicas(allRSs);
  const total = sumReplicas(allRSs);
  const status: KubeObject = {
    observedGeneration: d.metadata?.generation,
    replicas: sumActualReplicas(allRSs),
    updatedReplicas: sumActualReplicas([newRS]),
    readyReplicas: sumReadyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    terminatingReplicas: sumTerminatingReplicas(allRSs),
    collisionCount: d.status?.collisionCount,
    conditions: ((d.status?.conditions ?? []) as Condition[]).map((c) => ({ ...c })),
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(
      status,
      newCondition(
        'Available',
        'True',
        reasons.minimumReplicasAvailable,
        'Deployment has minimum availability.',
        now,
      ),
    );
  } else {
    setCondition(
      status,
      newCondition(
        'Available',
        'False',
        reasons.minimumReplicasUnavailable,
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  }
  return status;
}

function normalize(status: KubeObject): KubeObject {
  const out = omitZero(status);
  if (status.collisionCount === 0) out.collisionCount = 0;
  return out;
}

/** Status without the rollout conditions (paused deployments, scaling events). */
export async function syncDeploymentStatus(
  dc: DeploymentController,
  allRSs: (KubeObject | undefined)[],
  newRS: KubeObject | undefined,
  d: KubeObject,
): Promise<void> {
  const status = normalize(calculateStatus(allRSs, newRS, d, dc.now()));
  if (dc.statusEqual(normalize(d.status ?? {}), status)) return;
  d.status = status;
  await dc.updateStatus(d);
}

export function rolloutStatus(
  d: KubeObject,
  allRSs: (KubeObject | undefined)[],
  newRS: KubeObject | undefined,
  nowMs: number,
  now: string,
): KubeObject {
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete =
    status.replicas === status.updatedReplicas && current?.reason === reasons.newReplicaSetAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const rsName = newRS?.metadata?.name;
    if (deploymentComplete(d, status)) {
      const msg = newRS
        ? `ReplicaSet "${rsName}" has successfully progressed.`
        : `Deployment "${d.metadata?.name}" has successfully progressed.`;
      setCondition(status, newCondition('Progressing', 'True', reasons.newReplicaSetAvailable, msg, now));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS
        ? `ReplicaSet "${rsName}" is progressing.`
        : `Deployment "${d.metadata?.name}" is progressing.`;
      const condition = newCondition('Progressing', 'True', reasons.replicaSetUpdated, msg, now);
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, nowMs)) {
      const msg = newRS
        ? `ReplicaSet "${rsName}" has timed out progressing.`
        : `Deployment "${d.metadata?.name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', reasons.timedOut, msg, now));
    }
  }
  removeCondition(status, 'ReplicaFailure');
  return normalize(status);
}

export async function syncRolloutStatus(
  dc: DeploymentController,
  allRSs: (KubeObject | undefined)[],
  newRS: KubeObject | undefined,
  d: KubeObject,
): Promise<void> {
  const status = rolloutStatus(d, allRSs, newRS, dc.nowMs(), dc.now());
  if (dc.statusEqual(normalize(d.status ?? {}), status)) {
    requeueStuckDeployment(dc, d, status);
    return;
  }
  d.status = status;
  await dc.updateStatus(d);
}

/** Sync again when the progress deadline passes, unless the rollout is complete or already failed. */
function requeueStuckDeployment(dc: DeploymentController, d: KubeObject, status: KubeObject): void {
  const current = getCondition(status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, status) || current.reason === reasons.timedOut) return;
  const after = Date.parse(current.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 - dc.nowMs();
  // Upstream's Before is strict: wake a second later so the deadline has passed.
  dc.enqueueAfter(d, after < 1000 ? 1000 : after + 1000);
}
