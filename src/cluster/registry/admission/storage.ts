// kube-apiserver's storage admission on create: DefaultStorageClass (a claim that names no class
// gets the default one) and StorageObjectInUseProtection (claims and volumes are born with their
// protection finalizer), plus the PersistentVolume strategy's create-time phase transition time.
import type { AdmissionLookup, KubeObject } from '../types.ts';

export const pvcProtectionFinalizer = 'kubernetes.io/pvc-protection';
export const pvProtectionFinalizer = 'kubernetes.io/pv-protection';

const defaultClassAnnotations = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];
const betaClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

function isDefaultClass(sc: KubeObject): boolean {
  const a = (sc.metadata?.annotations ?? {}) as Record<string, string>;
  return defaultClassAnnotations.some((k) => a[k] === 'true');
}

/**
 * storageutil.GetDefaultClass: several default classes are allowed since 1.26; the newest wins,
 * equal creation times go to the first name.
 */
export function pickDefaultClass(classes: KubeObject[]): KubeObject | undefined {
  const defaults = classes.filter(isDefaultClass);
  defaults.sort((x, y) => {
    const tx = String(x.metadata?.creationTimestamp ?? '');
    const ty = String(y.metadata?.creationTimestamp ?? '');
    if (tx !== ty) return tx > ty ? -1 : 1;
    return String(x.metadata?.name) < String(y.metadata?.name) ? -1 : 1;
  });
  return defaults[0];
}

/** helper.PersistentVolumeClaimHasClass: a class field (even "") or the beta annotation. */
function claimHasClass(pvc: KubeObject): boolean {
  if (pvc.spec?.storageClassName !== undefined && pvc.spec?.storageClassName !== null) return true;
  return pvc.metadata?.annotations?.[betaClassAnnotation] !== undefined;
}

/** The DefaultStorageClass admission plugin. */
export async function admitClaimStorageClass(pvc: KubeObject, lookup: AdmissionLookup): Promise<void> {
  if (claimHasClass(pvc)) return;
  const chosen = pickDefaultClass(await lookup.list('storageclasses.storage.k8s.io'));
  if (!chosen) return;
  pvc.spec = { ...(pvc.spec ?? {}), storageClassName: chosen.metadata?.name };
}

/** StorageObjectInUseProtection: the finalizer is appended once, after any the client sent. */
export function addFinalizer(obj: KubeObject, finalizer: string): void {
  const meta = (obj.metadata ??= {});
  const list: string[] = Array.isArray(meta.finalizers) ? meta.finalizers : [];
  if (!list.includes(finalizer)) meta.finalizers = [...list, finalizer];
}

/**
 * A volume starts Pending with lastPhaseTransitionTime set to the create time (the strategy's
 * NowFunc; the server stamped creationTimestamp from the same clock just before).
 */
export function initialVolumeStatus(pv: KubeObject): Record<string, unknown> {
  const status: Record<string, unknown> = { phase: 'Pending' };
  const created = pv.metadata?.creationTimestamp;
  if (typeof created === 'string') status.lastPhaseTransitionTime = created;
  return status;
}
