/**
 * `kubectl describe` layouts of Pods, their controllers (ReplicaSet, DaemonSet, StatefulSet, Job,
 * CronJob) and the namespaced kinds around them (ServiceAccount, Endpoints, PersistentVolumeClaim,
 * Ingress), as k8s.io/kubectl/pkg/describe writes them. Objects are plain JSON as the API returns
 * them; what a describer reads besides the object (pods, backends) is passed in by the caller.
 */
import { humanDuration } from '../duration.ts';
import { formatLabelSelector } from '../selectors/index.ts';
import {
  describeContainers,
  describeEvents,
  describePodTemplate,
  describeResources,
  describeTopologySpreadConstraints,
  describeVolumes,
  labelSelectorString,
  orNone,
  type PrefixWriter,
  podFieldResolver,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerations,
  rfc1123z,
  since,
  sortedKeys,
  tabbed,
} from './describe.ts';

type Obj = Record<string, any>;

/** printController: `Kind/name` of the controlling owner reference. */
function controllerOf(obj: Obj): string {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r: Obj) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

function writeControlledBy(w: PrefixWriter, obj: Obj): void {
  const by = controllerOf(obj);
  if (by) w.write(0, `Controlled By:\t${by}\n`);
}

/** Pods Status counts of getPodStatusForController (phases of the pods the controller owns). */
export interface PodPhaseCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/** getPodStatusForController: the pods controlled by `uid`, counted by phase. */
export function podPhaseCounts(pods: Obj[], uid: string): PodPhaseCounts {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of pods) {
    const ref = (pod.metadata?.ownerReferences ?? []).find((r: Obj) => r.controller === true);
    if (!ref || ref.uid !== uid) continue;
    const phase = pod.status?.phase;
    if (phase === 'Running') counts.running++;
    else if (phase === 'Pending') counts.waiting++;
    else if (phase === 'Succeeded') counts.succeeded++;
    else if (phase === 'Failed') counts.failed++;
  }
  return counts;
}

const podsStatusText = (c: PodPhaseCounts) =>
  `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;

/** The QoS class the API server recorded; computed like qos.GetPodQOS when it is missing. */
function podQOS(pod: Obj): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers: Obj[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (requests[r] !== undefined || limits[r] !== undefined) any = true;
      if (limits[r] === undefined) guaranteed = false;
      else if (requests[r] !== undefined && String(requests[r]) !== String(limits[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** describePod. */
export function describePod(pod: Obj, events: Obj[] | undefined, now = Date.now()): string {
  const meta = pod.metadata ?? {};
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${meta.name}\n`);
    w.write(0, `Namespace:\t${meta.namespace}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
    w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
    if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, now)})\n`);
      w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
    } else w.write(0, `Status:\t${status.phase ?? ''}\n`);
    if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(0, `Message:\t${status.message}\n`);
    const seccomp = spec.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile}\n`);
    }
    w.write(0, `IP:\t${status.podIP ?? ''}\n`);
    const ips: Obj[] = status.podIPs ?? [];
    if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
    else {
      w.write(0, 'IPs:\n');
      for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
    }
    writeControlledBy(w, pod);
    if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec.resources) {
      w.write(0, 'Resources:\n');
      describeResources(spec.resources, w, 1);
    }
    const resolve = podFieldResolver(pod);
    if (spec.initContainers?.length)
      describeContainers(
        'Init Containers',
        spec.initContainers,
        w,
        '',
        status.initContainerStatuses ?? [],
        resolve,
      );
    describeContainers('Containers', spec.containers ?? [], w, '', status.containerStatuses ?? [], resolve);
    if (spec.ephemeralContainers?.length)
      describeContainers(
        'Ephemeral Containers',
        spec.ephemeralContainers,
        w,
        '',
        status.ephemeralContainerStatuses ?? [],
        resolve,
      );
    const conditions: Obj[] = status.conditions ?? [];
    if (spec.readinessGates?.length) {
      w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates as Obj[]) {
        const c = conditions.find((c) => c.type === g.conditionType);
        w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
      }
    }
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerations(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
    if (events) describeEvents(events, w, now);
  });
}

/** describeReplicaSet. */
export function describeReplicaSet(rs: Obj, counts: PodPhaseCounts, events: Obj[] | undefined): string {
  const spec = rs.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${rs.metadata?.name}\n`);
    w.write(0, `Namespace:\t${rs.metadata?.namespace}\n`);
    w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
    writeControlledBy(w, rs);
    w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${spec.replicas ?? 0} desired\n`);
    w.write(0, `Pods Status:\t${podsStatusText(counts)}\n`);
    describePodTemplate(spec.template, w);
    const conditions: Obj[] = rs.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(1, '----\t------\t------\n');
      for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (events) describeEvents(events, w);
  });
}

/** describeReplicationController: the ReplicaSet layout with a set-based selector and no owner. */
export function describeReplicationController(
  rc: Obj,
  counts: PodPhaseCounts,
  events: Obj[] | undefined,
): string {
  const spec = rc.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${rc.metadata?.name}\n`);
    w.write(0, `Namespace:\t${rc.metadata?.namespace}\n`);
    w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rc.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', rc.metadata?.annotations);
    w.write(0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${spec.replicas ?? 0} desired\n`);
    w.write(0, `Pods Status:\t${podsStatusText(counts)}\n`);
    describePodTemplate(spec.template, w);
    const conditions: Obj[] = rc.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(1, '----\t------\t------\n');
      for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (events) describeEvents(events, w);
  });
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
function formatLabels(m: Obj | undefined): string {
  const text = sortedKeys(m)
    .map((k) => `${k}=${m![k]}`)
    .join(',');
  return orNone(text);
}

/** describeDaemonSet. */
export function describeDaemonSet(ds: Obj, counts: PodPhaseCounts, events: Obj[] | undefined): string {
  const spec = ds.spec ?? {};
  const status = ds.status ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${ds.metadata?.name}\n`);
    w.write(0, `Namespace:\t${ds.metadata?.namespace}\n`);
    w.write(0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    w.write(0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', ds.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ds.metadata?.annotations);
    w.write(0, `Desired Number of Nodes Scheduled: ${status.desiredNumberScheduled ?? 0}\n`);
    w.write(0, `Current Number of Nodes Scheduled: ${status.currentNumberScheduled ?? 0}\n`);
    w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${status.updatedNumberScheduled ?? 0}\n`);
    w.write(0, `Number of Nodes Scheduled with Available Pods: ${status.numberAvailable ?? 0}\n`);
    w.write(0, `Number of Nodes Misscheduled: ${status.numberMisscheduled ?? 0}\n`);
    w.write(0, `Pods Status:\t${podsStatusText(counts)}\n`);
    describePodTemplate(spec.template, w);
    if (events) describeEvents(events, w);
  });
}

/** storageutil.GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
function claimClass(pvc: Obj): string {
  const beta = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  return beta !== undefined ? String(beta) : (pvc.spec?.storageClassName ?? '');
}

/** Go's %v of a []string: `[a b]`. */
const goList = (list: unknown[] | undefined) => `[${(list ?? []).join(' ')}]`;

/** describeVolumeClaimTemplates. */
function describeVolumeClaimTemplates(templates: Obj[] | undefined, w: PrefixWriter): void {
  if (!templates || templates.length === 0) {
    w.write(0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(1, `StorageClass:\t${claimClass(pvc)}\n`);
    for (const [title, map] of [
      ['Labels', pvc.metadata?.labels],
      ['Annotations', pvc.metadata?.annotations],
    ] as const) {
      w.write(0, `  ${title}:\t`);
      const keys = sortedKeys(map);
      if (keys.length === 0) w.writeLine('<none>');
      keys.forEach((k, i) => {
        if (i !== 0) w.write(0, '  \t');
        w.write(0, `${k}=${map[k]}\n`);
      });
    }
    const storage = pvc.spec?.resources?.requests?.storage;
    w.write(1, `Capacity:\t${storage !== undefined ? String(storage) : '<default>'}\n`);
    w.write(1, `Access Modes:\t${goList(pvc.spec?.accessModes)}\n`);
  }
}

/** describeStatefulSet (kubectl 1.35 prints neither the service name nor the policies). */
export function describeStatefulSet(ss: Obj, counts: PodPhaseCounts, events: Obj[] | undefined): string {
  const spec = ss.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${ss.metadata?.name}\n`);
    w.write(0, `Namespace:\t${ss.metadata?.namespace}\n`);
    w.write(0, `CreationTimestamp:\t${rfc1123z(ss.metadata?.creationTimestamp)}\n`);
    w.write(0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', ss.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ss.metadata?.annotations);
    w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${ss.status?.replicas ?? 0} total\n`);
    w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null)
        w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
    }
    w.write(0, `Pods Status:\t${podsStatusText(counts)}\n`);
    describePodTemplate(spec.template, w);
    describeVolumeClaimTemplates(spec.volumeClaimTemplates, w);
    if (events) describeEvents(events, w);
  });
}

/** capIndexesListOrNone: the completed indexes cut after the first comma past `softLimit`. */
function capIndexes(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  const cut = indexes.indexOf(',', softLimit);
  return cut === -1 ? indexes : `${indexes.slice(0, cut + 1)}...`;
}

const isSet = (v: unknown) => v !== undefined && v !== null;

/** describeJob. */
export function describeJob(job: Obj, events: Obj[] | undefined): string {
  const spec = job.spec ?? {};
  const status = job.status ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${job.metadata?.name}\n`);
    w.write(0, `Namespace:\t${job.metadata?.namespace}\n`);
    w.write(0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', job.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', job.metadata?.annotations);
    writeControlledBy(w, job);
    if (isSet(spec.parallelism)) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(0, `Completions:\t${isSet(spec.completions) ? spec.completions : '<unset>'}\n`);
    if (isSet(spec.completionMode)) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
    if (isSet(spec.suspend)) w.write(0, `Suspend:\t${spec.suspend}\n`);
    if (isSet(spec.backoffLimit)) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (isSet(spec.ttlSecondsAfterFinished))
      w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    if (status.completionTime) w.write(0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
    if (status.startTime && status.completionTime)
      w.write(
        0,
        `Duration:\t${humanDuration(Date.parse(status.completionTime) - Date.parse(status.startTime))}\n`,
      );
    if (isSet(spec.activeDeadlineSeconds))
      w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    const active = status.active ?? 0;
    const done = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
    w.write(
      0,
      isSet(status.ready)
        ? `Pods Statuses:\t${active} Active (${status.ready} Ready) / ${done}\n`
        : `Pods Statuses:\t${active} Active / ${done}\n`,
    );
    if (spec.completionMode === 'Indexed')
      w.write(0, `Completed Indexes:\t${capIndexes(status.completedIndexes, 50)}\n`);
    describePodTemplate(spec.template, w);
    if (events) describeEvents(events, w);
  });
}

/** describeCronJob. */
export function describeCronJob(cj: Obj, events: Obj[] | undefined): string {
  const spec = cj.spec ?? {};
  const unset = (v: unknown, suffix = '') => (isSet(v) ? `${v}${suffix}` : '<unset>');
  return tabbed((w) => {
    w.write(0, `Name:\t${cj.metadata?.name}\n`);
    w.write(0, `Namespace:\t${cj.metadata?.namespace}\n`);
    printLabelsMultiline(w, 'Labels', cj.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', cj.metadata?.annotations);
    w.write(0, `Schedule:\t${spec.schedule ?? ''}\n`);
    w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(0, `Suspend:\t${isSet(spec.suspend) ? (spec.suspend ? 'True' : 'False') : '<unset>'}\n`);
    if (isSet(spec.timeZone)) w.write(0, `Time Zone:\t${spec.timeZone}\n`);
    w.write(0, `Successful Job History Limit:\t${unset(spec.successfulJobsHistoryLimit)}\n`);
    w.write(0, `Failed Job History Limit:\t${unset(spec.failedJobsHistoryLimit)}\n`);
    w.write(0, `Starting Deadline Seconds:\t${unset(spec.startingDeadlineSeconds, 's')}\n`);
    const jobSpec = spec.jobTemplate?.spec ?? {};
    w.write(0, `Selector:\t${jobSpec.selector ? labelSelectorString(jobSpec.selector) : '<unset>'}\n`);
    w.write(0, `Parallelism:\t${unset(jobSpec.parallelism)}\n`);
    w.write(0, `Completions:\t${unset(jobSpec.completions)}\n`);
    if (isSet(jobSpec.activeDeadlineSeconds))
      w.write(0, `Active Deadline Seconds:\t${jobSpec.activeDeadlineSeconds}s\n`);
    describePodTemplate(jobSpec.template, w);
    w.write(
      0,
      `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`,
    );
    const active: Obj[] = cj.status?.active ?? [];
    w.write(0, 'Active Jobs:\t');
    w.writeLine(active.length === 0 ? '<none>' : active.map((j) => j.name).join(', '));
    if (events) describeEvents(events, w);
  });
}

/** describeServiceAccount. */
export function describeServiceAccount(sa: Obj, events: Obj[] | undefined): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${sa.metadata?.name}\n`);
    w.write(0, `Namespace:\t${sa.metadata?.namespace}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata?.annotations);
    const names: string[] = (sa.imagePullSecrets ?? []).map((s: Obj) => s.name ?? '');
    if (names.length === 0) w.write(0, 'Image pull secrets:\t<none>\n');
    names.forEach((n, i) => {
      w.write(0, `${i === 0 ? 'Image pull secrets:' : ' '.repeat(19)}\t${n}\n`);
    });
    if (events) describeEvents(events, w);
  });
}

/** describeEndpoints. */
export function describeEndpoints(ep: Obj, events: Obj[] | undefined): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${ep.metadata?.name}\n`);
    w.write(0, `Namespace:\t${ep.metadata?.namespace}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata?.annotations);
    w.write(0, 'Subsets:\n');
    for (const subset of (ep.subsets ?? []) as Obj[]) {
      const ips = (list: Obj[] | undefined) => orNone((list ?? []).map((a) => a.ip).join(','));
      w.write(1, `Addresses:\t${ips(subset.addresses)}\n`);
      w.write(1, `NotReadyAddresses:\t${ips(subset.notReadyAddresses)}\n`);
      const ports: Obj[] = subset.ports ?? [];
      if (ports.length > 0) {
        w.write(1, 'Ports:\n');
        w.write(2, 'Name\tPort\tProtocol\n');
        w.write(2, '----\t----\t--------\n');
        for (const p of ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
      }
      w.write(0, '\n');
    }
    if (events) describeEvents(events, w);
  });
}

/** GetAccessModesAsString: the short names in upstream's fixed order. */
export function accessModesText(modes: string[] | undefined): string {
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([m]) => (modes ?? []).includes(m))
    .map(([, s]) => s)
    .join(',');
}

/** describePersistentVolumeClaim; `usedBy` are the pods that mount or own the claim. */
export function describePersistentVolumeClaim(
  pvc: Obj,
  usedBy: Obj[],
  events: Obj[] | undefined,
  now = Date.now(),
): string {
  const spec = pvc.spec ?? {};
  const status = pvc.status ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${pvc.metadata?.name}\n`);
    w.write(0, `Namespace:\t${pvc.metadata?.namespace}\n`);
    w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
    if (pvc.metadata?.deletionTimestamp)
      w.write(0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, now)})\n`);
    else w.write(0, `Status:\t${status.phase ?? ''}\n`);
    w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', pvc.metadata?.annotations);
    w.write(0, `Finalizers:\t${goList(pvc.metadata?.finalizers)}\n`);
    const bound = !!spec.volumeName;
    w.write(
      0,
      `Capacity:\t${bound && status.capacity?.storage !== undefined ? String(status.capacity.storage) : bound ? '0' : ''}\n`,
    );
    w.write(0, `Access Modes:\t${bound ? accessModesText(status.accessModes) : ''}\n`);
    if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
    if (spec.dataSource) {
      w.write(0, 'DataSource:\n');
      if (isSet(spec.dataSource.apiGroup)) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
      w.write(1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
      w.write(1, `Name:\t${spec.dataSource.name ?? ''}\n`);
    }
    const pods = [...usedBy].sort((a, b) =>
      a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0,
    );
    w.write(0, 'Used By:\t');
    if (pods.length === 0) w.writeLine('<none>');
    pods.forEach((p, i) => {
      if (i !== 0) w.write(0, '\t');
      w.write(0, `${p.metadata.name}\n`);
    });
    const conditions: Obj[] = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions)
        w.write(
          1,
          `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
    }
    if (events) describeEvents(events, w, now);
  });
}

/** getPodsForPVC: pods with a volume of this claim, then pods owning it not yet listed. */
export function podsUsingClaim(pvc: Obj, pods: Obj[]): Obj[] {
  const used: Obj[] = [];
  for (const pod of pods)
    for (const v of (pod.spec?.volumes ?? []) as Obj[])
      if (v.persistentVolumeClaim?.claimName === pvc.metadata?.name) used.push(pod);
  for (const ref of (pvc.metadata?.ownerReferences ?? []) as Obj[]) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata?.uid === ref.uid);
    if (owner && !used.some((p) => p.metadata?.uid === owner.metadata?.uid)) used.push(owner);
  }
  return used;
}

/** serviceBackendStringer: `name:port` (the port number, else its name). */
export function serviceBackendText(backend: Obj): string {
  const port = backend.port?.number ? String(backend.port.number) : (backend.port?.name ?? '');
  return `${backend.name}:${port}`;
}

/** The text of an Ingress backend that names no Service (a resource reference). */
export function resourceBackendText(ref: Obj): string {
  return `APIGroup: ${isSet(ref.apiGroup) ? ref.apiGroup : '<none>'}, Kind: ${ref.kind}, Name: ${ref.name}`;
}

/**
 * describeIngressV1; `backendText` gives the described text of each backend object of the
 * Ingress (the caller resolves Services and their endpoints).
 */
export function describeIngress(
  ing: Obj,
  backendText: (backend: Obj) => string,
  events: Obj[] | undefined,
): string {
  const spec = ing.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${ing.metadata?.name}\n`);
    printLabelsMultiline(w, 'Labels', ing.metadata?.labels);
    w.write(0, `Namespace:\t${ing.metadata?.namespace}\n`);
    const addresses = new Set<string>();
    for (const i of (ing.status?.loadBalancer?.ingress ?? []) as Obj[]) {
      if (i.ip) addresses.add(i.ip);
      else if (i.hostname) addresses.add(i.hostname);
    }
    w.write(0, `Address:\t${[...addresses].sort().join(',')}\n`);
    w.write(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
    const defaultText = spec.defaultBackend ? backendText(spec.defaultBackend) : '<default>';
    w.write(0, `Default backend:\t${defaultText}\n`);
    const tls: Obj[] = spec.tls ?? [];
    if (tls.length > 0) {
      w.write(0, 'TLS:\n');
      for (const t of tls) {
        const hosts = (t.hosts ?? []).join(',');
        w.write(1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
      }
    }
    w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(1, '----\t----\t--------\n');
    let count = 0;
    for (const rule of (spec.rules ?? []) as Obj[]) {
      if (!rule.http) continue;
      count++;
      w.write(1, `${rule.host || '*'}\t\n`);
      for (const path of (rule.http.paths ?? []) as Obj[])
        w.write(2, `\t${path.path ?? ''} \t${backendText(path.backend ?? {})}\n`);
    }
    if (count === 0) w.write(1, `*\t*\t${defaultText}\n`);
    printAnnotationsMultiline(w, 'Annotations', ing.metadata?.annotations);
    if (events) describeEvents(events, w);
  });
}
