/**
 * `kubectl describe` of cluster storage (k8s.io/kubectl/pkg/describe): PersistentVolume with the
 * block of its volume source and its node affinity, and StorageClass. The volume sources are
 * data: a title and the fields upstream prints for each, in its order.
 */
import { Quantity } from '../quantity.ts';
import {
  describeEvents,
  type PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  since,
  tabbed,
} from './describe.ts';
import { persistentVolumeSources, writeVolumeSource } from './describe-volumes.ts';
import { accessModesText } from './describe-workloads.ts';
import { formatLabels } from './table.ts';

type Obj = Record<string, any>;

const isSet = (v: unknown) => v !== undefined && v !== null;

/** printVolumeNodeAffinity: the required terms, one match expression a line (match fields are not shown). */
function printVolumeNodeAffinity(w: PrefixWriter, affinity: Obj | undefined): void {
  w.write(0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(1, 'Required Terms:\t');
  const terms: Obj[] = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const exprs: Obj[] = term.matchExpressions ?? [];
    if (exprs.length === 0) w.writeLine('<none>');
    exprs.forEach((req, j) => {
      if (j !== 0) w.write(2, '\t');
      const values: string[] = req.values ?? [];
      const text = `${req.key} ${String(req.operator ?? '').toLowerCase()}`;
      w.write(0, `${values.length > 0 ? `${text} [${values.join(', ')}]` : text}\n`);
    });
  });
}

/** storageutil.GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName. */
function volumeClass(pv: Obj): string {
  const beta = pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  return beta !== undefined ? String(beta) : (pv.spec?.storageClassName ?? '');
}

function capacityText(value: unknown): string {
  if (value === undefined) return '0';
  try {
    return Quantity.fromJSON(value).toString();
  } catch {
    return String(value);
  }
}

function describePersistentVolumeSource(spec: Obj, w: PrefixWriter): void {
  const layout = persistentVolumeSources.find((s) => isSet(spec[s.field]));
  if (layout) writeVolumeSource(layout, spec[layout.field], w);
  else w.write(1, '<unknown>\n');
}

/** describePersistentVolume. */
export function describePersistentVolume(pv: Obj, events: Obj[] | undefined, now = Date.now()): string {
  const spec = pv.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${pv.metadata?.name}\n`);
    printLabelsMultiline(w, 'Labels', pv.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', pv.metadata?.annotations);
    w.write(0, `Finalizers:\t[${((pv.metadata?.finalizers ?? []) as string[]).join(' ')}]\n`);
    w.write(0, `StorageClass:\t${volumeClass(pv)}\n`);
    if (pv.metadata?.deletionTimestamp)
      w.write(0, `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, now)})\n`);
    else w.write(0, `Status:\t${pv.status?.phase ?? ''}\n`);
    const claim = spec.claimRef;
    w.write(0, `Claim:\t${claim ? `${claim.namespace ?? ''}/${claim.name ?? ''}` : ''}\n`);
    w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(0, `Access Modes:\t${accessModesText(spec.accessModes)}\n`);
    if (isSet(spec.volumeMode)) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(0, `Capacity:\t${capacityText(spec.capacity?.storage)}\n`);
    printVolumeNodeAffinity(w, spec.nodeAffinity);
    w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(0, 'Source:\n');
    describePersistentVolumeSource(spec, w);
    if (events) describeEvents(events, w, now);
  });
}

/** IsDefaultAnnotationText: `Yes` when either default-class annotation says "true". */
function isDefaultClassText(sc: Obj): string {
  const a = sc.metadata?.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
    ? 'Yes'
    : 'No';
}

/** printAllowedTopologies: each term's label expressions as `key in [values]`. */
function printAllowedTopologies(w: PrefixWriter, topologies: Obj[]): void {
  w.write(0, 'AllowedTopologies:\t');
  if (topologies.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  topologies.forEach((term, i) => {
    w.write(1, `Term ${i}:\t`);
    const reqs: Obj[] = term.matchLabelExpressions ?? [];
    if (reqs.length === 0) w.writeLine('<none>');
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(1, '\t');
      const values: string[] = req.values ?? [];
      w.write(0, `${req.key} in${values.length > 0 ? ` [${values.join(', ')}]` : ''}\n`);
    });
  });
}

/** describeStorageClass: annotations and parameters on one line each (labels.FormatLabels). */
export function describeStorageClass(sc: Obj, events: Obj[] | undefined): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${sc.metadata?.name}\n`);
    w.write(0, `IsDefaultClass:\t${isDefaultClassText(sc)}\n`);
    w.write(0, `Annotations:\t${formatLabels(sc.metadata?.annotations)}\n`);
    w.write(0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
    w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(
      0,
      `AllowVolumeExpansion:\t${isSet(sc.allowVolumeExpansion) ? (sc.allowVolumeExpansion ? 'True' : 'False') : '<unset>'}\n`,
    );
    const options: string[] = sc.mountOptions ?? [];
    if (options.length === 0) w.write(0, 'MountOptions:\t<none>\n');
    else {
      w.write(0, 'MountOptions:\n');
      for (const o of options) w.write(1, `${o}\n`);
    }
    if (isSet(sc.reclaimPolicy)) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (isSet(sc.volumeBindingMode)) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (Array.isArray(sc.allowedTopologies)) printAllowedTopologies(w, sc.allowedTopologies);
    if (events) describeEvents(events, w);
  });
}
