// Persistent volume claims as the scheduler's VolumeBinding plugin and the
// kubelet's volume manager see them: a pod may not be scheduled while an
// immediate-binding claim is unbound or missing, and its containers may not be
// created (no sandbox, ContainerCreating) until every claim is Bound.

import type { KubeObject } from '../controllers/index.ts';

/** The claim names of a pod's persistentVolumeClaim volumes, by volume name. */
export function podClaims(pod: KubeObject): { volume: string; claim: string }[] {
  const out: { volume: string; claim: string }[] = [];
  for (const v of (pod.spec?.volumes ?? []) as KubeObject[]) {
    const claim = v?.persistentVolumeClaim?.claimName;
    if (typeof claim === 'string' && claim !== '') out.push({ volume: v.name, claim });
  }
  return out;
}

export function isClaimBound(pvc: KubeObject | undefined): boolean {
  return pvc?.status?.phase === 'Bound' && !!pvc.spec?.volumeName && !pvc.metadata?.deletionTimestamp;
}

/** The volume manager's error for a claim it cannot mount yet (desired_state_of_world_populator.go). */
export function claimMountError(
  namespace: string,
  claim: string,
  pvc: KubeObject | undefined,
): string | undefined {
  let why: string | undefined;
  if (!pvc) why = `failed to fetch PVC from API server: persistentvolumeclaims "${claim}" not found`;
  else if (pvc.metadata?.deletionTimestamp) why = 'PVC is being deleted';
  else if (pvc.status?.phase !== 'Bound') why = 'PVC is not bound';
  else if (!pvc.spec?.volumeName) why = 'PVC has empty pvc.Spec.VolumeName';
  return why === undefined ? undefined : `error processing PVC ${namespace}/${claim}: ${why}`;
}

/** The FailedMount event's text for volumes that could not be processed (kubelet.go, volume_manager.go). */
export function failedMountMessage(volumes: string[], errors: string[]): string {
  const names = `[${[...volumes].sort().join(' ')}]`;
  return `Unable to attach or mount volumes: unmounted volumes=${names}, unattached volumes=[], failed to process volumes=${names}: ${errors.join('; ')}`;
}

/** How long the kubelet waits for a pod's volumes before it reports them (podAttachAndMountTimeout). */
export const attachAndMountTimeoutMs = 123_000;

/**
 * Why the scheduler's VolumeBinding PreFilter rejects a pod, if it does: a claim that is missing,
 * being deleted, or unbound with an Immediate binding mode. A claim whose class waits for the
 * first consumer does not stop the pod: it is scheduled and the claim is provisioned for its node.
 */
export function claimSchedulingProblem(
  pod: KubeObject,
  claimOf: (name: string) => KubeObject | undefined,
  classOf: (name: string) => KubeObject | undefined,
): string | undefined {
  let unboundImmediate = false;
  for (const { claim } of podClaims(pod)) {
    const pvc = claimOf(claim);
    if (!pvc) return `persistentvolumeclaim "${claim}" not found`;
    if (pvc.metadata?.deletionTimestamp) return `persistentvolumeclaim "${claim}" is being deleted`;
    if (pvc.spec?.volumeName) continue;
    const className =
      pvc.spec?.storageClassName ??
      pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
      '';
    const mode = className === '' ? undefined : classOf(className)?.volumeBindingMode;
    if (mode !== 'WaitForFirstConsumer') unboundImmediate = true;
  }
  return unboundImmediate ? 'pod has unbound immediate PersistentVolumeClaims' : undefined;
}
