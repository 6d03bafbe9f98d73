// DaemonSet RollingUpdate arithmetic (daemon/update.go), pure: which old pods
// to delete and on which nodes to surge a new pod, one pod per node.

import type { KubeObject } from '../client.ts';
import { scaledValue } from '../deployment/util.ts';
import { controllerRevisionHashLabel } from '../history.ts';
import { isPodAvailable } from '../pods.ts';

export const templateGenerationLabel = 'pod-template-generation';
export const templateGenerationAnnotation = 'deprecated.daemonset.template.generation';

/** The DaemonSet's template generation (the deprecated annotation), when set and numeric. */
export function templateGeneration(ds: KubeObject): string | undefined {
  const v = ds.metadata?.annotations?.[templateGenerationAnnotation];
  return typeof v === 'string' && /^\d+$/.test(v) ? v : undefined;
}

/** The pod runs the current template: by revision hash or by template generation (IsPodUpdated). */
export function isPodUpdated(pod: KubeObject, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const byGeneration = generation !== undefined && labels[templateGenerationLabel] === generation;
  const byHash = hash.length > 0 && labels[controllerRevisionHashLabel] === hash;
  return byHash || byGeneration;
}

/**
 * DaemonSets round both fenceposts up (unlike Deployments) against the
 * number of nodes that should run a pod; both zero means one unavailable.
 */
export function daemonSetFenceposts(
  ds: KubeObject,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec?.updateStrategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(ru.maxSurge ?? 0, desired, true);
  let maxUnavailable = scaledValue(ru.maxUnavailable ?? 1, desired, true);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** The new and the old pod on one node, ignoring pods being deleted; ok is false with duplicates. */
export function updatedPodsOnNode(
  pods: KubeObject[],
  hash: string,
  generation: string | undefined,
): { newPod?: KubeObject; oldPod?: KubeObject; ok: boolean } {
  let newPod: KubeObject | undefined;
  let oldPod: KubeObject | undefined;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

export interface RollingPlan {
  deletePods: KubeObject[];
  createOnNodes: string[];
}

/**
 * One step of a RollingUpdate over `podsByNode` (node name -> the DaemonSet's
 * pods there, nodes in a stable order): without surge, delete old pods while
 * no more than maxUnavailable are unavailable; with surge, start new pods
 * beside old ones (at most maxSurge at once) and delete an old pod once its
 * replacement is available.
 */
export function rollingUpdatePlan(
  ds: KubeObject,
  podsByNode: Map<string, KubeObject[]>,
  desired: number,
  hash: string,
  nowMs: number,
): RollingPlan {
  const generation = templateGeneration(ds);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const { maxSurge, maxUnavailable } = daemonSetFenceposts(ds, desired);
  const available = (p: KubeObject) => isPodAvailable(p, minReady, nowMs);
  if (maxSurge === 0) {
    let unavailable = 0;
    const replace: KubeObject[] = [];
    const candidates: KubeObject[] = [];
    for (const pods of podsByNode.values()) {
      const { newPod, oldPod, ok } = updatedPodsOnNode(pods, hash, generation);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
        unavailable++;
      } else if (newPod) {
        if (!available(newPod)) unavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) replace.push(oldPod);
        else if (unavailable < maxUnavailable) candidates.push(oldPod);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    return { deletePods: [...replace, ...candidates.slice(0, remaining)], createOnNodes: [] };
  }
  let surging = 0;
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  const deletePods: KubeObject[] = [];
  for (const [node, pods] of podsByNode) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(pods, hash, generation);
    if (!ok || !oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) allowedNew.push(node);
      else if (surging < maxSurge) candidateNew.push(node);
      continue;
    }
    surging++;
    if (available(newPod)) deletePods.push(oldPod);
  }
  const remaining = Math.min(Math.max(0, maxSurge - surging), candidateNew.length);
  return { deletePods, createOnNodes: [...allowedNew, ...candidateNew.slice(0, remaining)] };
}
