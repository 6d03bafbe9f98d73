// The storage vocabulary the volume controllers share: the resources, the
// annotations and finalizers upstream uses (pkg/controller/volume,
// component-helpers/storage/volume), the default StorageClass a cluster
// starts with (kind's `standard`), and the claim and class lookups.

import type { KubeObject, Resource } from '../client.ts';

export const persistentVolumesResource: Resource = {
  group: '',
  version: 'v1',
  resource: 'persistentvolumes',
};
export const storageClassesResource: Resource = {
  group: 'storage.k8s.io',
  version: 'v1',
  resource: 'storageclasses',
};

export const annotations = {
  isDefaultClass: 'storageclass.kubernetes.io/is-default-class',
  betaIsDefaultClass: 'storageclass.beta.kubernetes.io/is-default-class',
  selectedNode: 'volume.kubernetes.io/selected-node',
  storageProvisioner: 'volume.kubernetes.io/storage-provisioner',
  betaStorageProvisioner: 'volume.beta.kubernetes.io/storage-provisioner',
  bindCompleted: 'pv.kubernetes.io/bind-completed',
  boundByController: 'pv.kubernetes.io/bound-by-controller',
  provisionedBy: 'pv.kubernetes.io/provisioned-by',
  localPathSelectedNode: 'local.path.provisioner/selected-node',
} as const;

export const pvcProtectionFinalizer = 'kubernetes.io/pvc-protection';
export const pvProtectionFinalizer = 'kubernetes.io/pv-protection';

/** kind's provisioner (rancher/local-path-provisioner), which the embedded cluster simulates. */
export const localPathProvisioner = 'rancher.io/local-path';
export const defaultStorageClassName = 'standard';

/** The StorageClass kind creates at bootstrap (with the API server's defaults filled in). */
export function defaultStorageClass(uid: string, creationTimestamp: string): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: defaultStorageClassName,
      uid,
      creationTimestamp,
      annotations: { [annotations.isDefaultClass]: 'true' },
    },
    provisioner: localPathProvisioner,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

function annotationsOf(obj: KubeObject): Record<string, string> {
  return (obj.metadata?.annotations ?? {}) as Record<string, string>;
}

export function isDefaultClass(sc: KubeObject): boolean {
  const a = annotationsOf(sc);
  return a[annotations.isDefaultClass] === 'true' || a[annotations.betaIsDefaultClass] === 'true';
}

/**
 * GetDefaultClass: of several default classes the newest wins (ties: by
 * name), as the DefaultStorageClass admission plugin and the PV controller
 * choose.
 */
export function defaultClassOf(classes: KubeObject[]): KubeObject | undefined {
  let best: KubeObject | undefined;
  for (const sc of classes) {
    if (!isDefaultClass(sc)) continue;
    if (!best) {
      best = sc;
      continue;
    }
    const a = String(sc.metadata?.creationTimestamp ?? '');
    const b = String(best.metadata?.creationTimestamp ?? '');
    if (a > b || (a === b && String(sc.metadata?.name) < String(best.metadata?.name))) best = sc;
  }
  return best;
}

/** The claim's class: spec.storageClassName, else the deprecated beta annotation, else '' (none). */
export function claimClass(claim: KubeObject): string {
  const name = claim.spec?.storageClassName;
  if (typeof name === 'string') return name;
  return annotationsOf(claim)['volume.beta.kubernetes.io/storage-class'] ?? '';
}

export function volumeClass(pv: KubeObject): string {
  const name = pv.spec?.storageClassName;
  if (typeof name === 'string') return name;
  return annotationsOf(pv)['volume.beta.kubernetes.io/storage-class'] ?? '';
}

/** The claims a pod mounts by name (persistentVolumeClaim volumes and generic ephemeral volumes). */
export function claimNamesOf(pod: KubeObject): string[] {
  const names: string[] = [];
  for (const v of (pod.spec?.volumes ?? []) as KubeObject[]) {
    if (typeof v?.persistentVolumeClaim?.claimName === 'string')
      names.push(v.persistentVolumeClaim.claimName);
    else if (v?.ephemeral) names.push(`${pod.metadata?.name}-${v.name}`);
  }
  return names;
}

export function hasAnnotation(obj: KubeObject, key: string): boolean {
  return annotationsOf(obj)[key] !== undefined;
}

export function annotation(obj: KubeObject, key: string): string | undefined {
  return annotationsOf(obj)[key];
}

/** Storage quantities compared as numbers of bytes (enough for Ki/Mi/Gi/Ti/k/M/G/T and plain numbers). */
export function quantityBytes(q: unknown): number {
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)([KMGTPE]i?|[kmu]|e[0-9]+)?$/.exec(String(q ?? '').trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  const binary: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
  };
  const decimal: Record<string, number> = {
    k: 1e3,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    m: 1e-3,
    u: 1e-6,
  };
  if (suffix in binary) return n * binary[suffix]!;
  if (suffix in decimal) return n * decimal[suffix]!;
  if (suffix.startsWith('e')) return n * 10 ** Number(suffix.slice(1));
  return n;
}
