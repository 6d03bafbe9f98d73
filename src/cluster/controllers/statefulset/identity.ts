// StatefulSet pod identity (stateful_set_utils.go): ordinal names, hostname
// and subdomain, the pod-name and pod-index labels, claims named
// <template>-<pod>, the revision label, and the revision hash.

import type { KubeObject } from '../client.ts';
import { fnv32a, safeEncode } from '../deployment/hash.ts';
import { controllerRevisionHashLabel, templatePatch } from '../history.ts';
import { newControllerRef } from '../owner.ts';
import { isPodAvailable, isPodReady } from '../pods.ts';

export const podNameLabel = 'statefulset.kubernetes.io/pod-name';
export const podIndexLabel = 'apps.kubernetes.io/pod-index';

export function startOrdinal(set: KubeObject): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** The ordinal of `<set>-<n>`, or undefined for a pod not named so. */
export function ordinalOf(set: KubeObject, pod: KubeObject): number | undefined {
  const prefix = `${set.metadata?.name}-`;
  const name = String(pod.metadata?.name ?? '');
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

/** HashControllerRevision: FNV-32a over the revision data, then the collision count in decimal. */
export function revisionHash(set: KubeObject, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(JSON.stringify(templatePatch(set))));
  if (collisionCount !== undefined && collisionCount !== null)
    h = fnv32a(new TextEncoder().encode(String(collisionCount)), h);
  return safeEncode(String(h));
}

export function claimName(template: KubeObject, podName: string): string {
  return `${template.metadata?.name}-${podName}`;
}

/** The PersistentVolumeClaims a pod of the set needs, labelled with the set's selector. */
export function claimsFor(set: KubeObject, podName: string): KubeObject[] {
  const selectorLabels = set.spec?.selector?.matchLabels ?? {};
  return ((set.spec?.volumeClaimTemplates ?? []) as KubeObject[]).map((t) => {
    const claim = structuredClone(t);
    delete claim.status;
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    claim.metadata = {
      ...(claim.metadata ?? {}),
      name: claimName(t, podName),
      namespace: set.metadata?.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...selectorLabels },
    };
    return claim;
  });
}

/** newVersionedStatefulSetPod: the template of `revisionSet` with the identity of ordinal `ordinal`. */
export function newStatefulSetPod(
  set: KubeObject,
  revisionSet: KubeObject,
  revisionName: string,
  ordinal: number,
): KubeObject {
  const template = structuredClone(revisionSet.spec?.template ?? {});
  const name = `${set.metadata?.name}-${ordinal}`;
  const spec = template.spec ?? {};
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  const volumes: KubeObject[] = [...(spec.volumes ?? [])];
  for (const t of (set.spec?.volumeClaimTemplates ?? []) as KubeObject[]) {
    const volume = { name: t.metadata?.name, persistentVolumeClaim: { claimName: claimName(t, name) } };
    const i = volumes.findIndex((v) => v.name === volume.name);
    if (i >= 0) volumes[i] = volume;
    else volumes.push(volume);
  }
  if (volumes.length > 0) spec.volumes = volumes;
  const metadata: KubeObject = {
    name,
    namespace: set.metadata?.namespace,
    labels: {
      ...(template.metadata?.labels ?? {}),
      [podNameLabel]: name,
      [podIndexLabel]: String(ordinal),
      [controllerRevisionHashLabel]: revisionName,
    },
    ownerReferences: [newControllerRef(set, 'apps/v1', 'StatefulSet')],
  };
  if (template.metadata?.annotations) metadata.annotations = template.metadata.annotations;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

export function podRevision(pod: KubeObject): string | undefined {
  return pod.metadata?.labels?.[controllerRevisionHashLabel];
}

export function isRunningAndReady(pod: KubeObject): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function isHealthy(pod: KubeObject, minReadySeconds: number, nowMs: number): boolean {
  return (
    isRunningAndReady(pod) && !pod.metadata?.deletionTimestamp && isPodAvailable(pod, minReadySeconds, nowMs)
  );
}
