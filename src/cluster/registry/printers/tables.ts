// The Table columns and cells kube-apiserver serves for `kubectl get` (pkg/printers/internalversion/
// printers.go). The server always prints wide: priority-1 cells are in every row and kubectl hides
// them unless `-o wide`.

import { ageSince, humanDuration } from '../../../kube/index.ts';
import type { KubeObject, TableColumn } from '../types.ts';

type Obj = Record<string, any>;
export type RowPrinter = (obj: KubeObject, now: Date) => unknown[];
export interface TablePrinter {
  columns: TableColumn[];
  row: RowPrinter;
}

export const nameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const creationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

function col(name: string, type: string, description: string, priority = 0, format = ''): TableColumn {
  return { name, type, format, description, priority };
}
const nameCol = col('Name', 'string', nameDescription, 0, 'name');
const ageCol = col('Age', 'string', creationTimestampDescription);
const containersCol = col('Containers', 'string', 'Names of each container in the template.', 1);
const imagesCol = col('Images', 'string', 'Images referenced by each container in the template.', 1);
const selectorCol = (description: string) => col('Selector', 'string', description, 1);

const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const meta = (o: KubeObject): Obj => obj(o.metadata);
const age = (o: KubeObject, now: Date) => ageSince(meta(o).creationTimestamp, now);

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const m = obj(labels);
  const keys = Object.keys(m).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${m[k]}`).join(',');
}

/** metav1.FormatLabelSelector: the selector's string form; `<none>` when it selects everything. */
export function formatLabelSelector(sel: unknown): string {
  if (sel === undefined || sel === null) return '<none>';
  const s = obj(sel);
  const parts: string[] = [];
  const labels = obj(s.matchLabels);
  for (const k of Object.keys(labels)) parts.push(`${k}=${labels[k]}`);
  for (const e of arr(s.matchExpressions)) {
    const values = [...arr(e?.values)].map(String).sort();
    switch (e?.operator) {
      case 'In':
        parts.push(`${e.key} in (${values.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${e.key} notin (${values.join(',')})`);
        break;
      case 'Exists':
        parts.push(String(e.key));
        break;
      case 'DoesNotExist':
        parts.push(`!${e.key}`);
        break;
      default:
        return '<error>';
    }
  }
  // The selector's requirements print sorted by key.
  const keyOf = (p: string) => p.replace(/^!/, '').split(/=| in | notin /)[0]!;
  parts.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const out = parts.join(',');
  return out === '' ? '<none>' : out;
}

function containerCells(containers: unknown): [string, string] {
  const list = arr(containers);
  return [list.map((c) => text(c?.name)).join(','), list.map((c) => text(c?.image)).join(',')];
}

// ---- pods -------------------------------------------------------------------------------

function isRestartableInit(c: Obj | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function podRow(pod: KubeObject, now: Date): unknown[] {
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = arr(spec.containers).length;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastRestartableInitRestart = 0;
  const phase = text(status.phase);
  let reason = text(status.reason) !== '' ? text(status.reason) : phase;
  for (const c of arr(status.conditions)) {
    if (c?.type === 'PodScheduled' && c?.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initSpecs = new Map<string, Obj>();
  for (const c of arr(spec.initContainers)) {
    initSpecs.set(text(c?.name), c);
    if (isRestartableInit(c)) totalContainers++;
  }
  const finishedAt = (cs: Obj) => {
    const t = cs?.lastState?.terminated?.finishedAt;
    return typeof t === 'string' ? Date.parse(t) : 0;
  };
  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = obj(initStatuses[i]);
    restarts += num(cs.restartCount);
    lastRestart = Math.max(lastRestart, finishedAt(cs));
    const restartable = isRestartableInit(initSpecs.get(text(cs.name)));
    if (restartable) {
      restartableInitRestarts += num(cs.restartCount);
      lastRestartableInitRestart = Math.max(lastRestartableInitRestart, finishedAt(cs));
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && num(terminated.exitCode) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready === true) readyContainers++;
      continue;
    }
    if (terminated) {
      if (text(terminated.reason) === '') {
        reason =
          num(terminated.signal) !== 0
            ? `Init:Signal:${terminated.signal}`
            : `Init:ExitCode:${num(terminated.exitCode)}`;
      } else reason = `Init:${terminated.reason}`;
    } else if (waiting && text(waiting.reason) !== '' && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${arr(spec.initContainers).length}`;
    }
    initializing = true;
    break;
  }
  const initializedTrue = arr(status.conditions).some(
    (c) => c?.type === 'Initialized' && c?.status === 'True',
  );
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = obj(statuses[i]);
      restarts += num(cs.restartCount);
      lastRestart = Math.max(lastRestart, finishedAt(cs));
      const waiting = cs.state?.waiting;
      const terminated = cs.state?.terminated;
      if (waiting && text(waiting.reason) !== '') reason = waiting.reason;
      else if (terminated && text(terminated.reason) !== '') reason = terminated.reason;
      else if (terminated) {
        reason =
          num(terminated.signal) !== 0
            ? `Signal:${terminated.signal}`
            : `ExitCode:${num(terminated.exitCode)}`;
      } else if (cs.ready === true && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = arr(status.conditions).some((c) => c?.type === 'Ready' && c?.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  const deleting = text(meta(pod).deletionTimestamp) !== '';
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartsCell = String(restarts);
  if (restarts !== 0 && lastRestart > 0) {
    restartsCell = `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`;
  }
  const podIPs = arr(status.podIPs);
  const podIP = text(podIPs[0]?.ip) || '<none>';
  const nodeName = text(spec.nodeName) || '<none>';
  const nominated = text(status.nominatedNodeName) || '<none>';
  let readinessGates = '<none>';
  const gates = arr(spec.readinessGates);
  if (gates.length > 0) {
    let trueCount = 0;
    for (const g of gates) {
      const cond = arr(status.conditions).find((c) => c?.type === g?.conditionType);
      if (cond?.status === 'True') trueCount++;
    }
    readinessGates = `${trueCount}/${gates.length}`;
  }
  return [
    text(meta(pod).name),
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsCell,
    age(pod, now),
    podIP,
    nodeName,
    nominated,
    readinessGates,
  ];
}

/** Table row conditions upstream attaches to finished pods (kubectl hides them unless --show-all). */
export function podRowConditions(pod: KubeObject): unknown[] | undefined {
  const phase = obj(pod.status).phase;
  if (phase === 'Succeeded')
    return [
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ];
  if (phase === 'Failed')
    return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return undefined;
}

// ---- services ---------------------------------------------------------------------------

function loadBalancerIngress(ingress: unknown): string {
  const set = new Set<string>();
  for (const i of arr(ingress)) {
    if (text(i?.ip) !== '') set.add(i.ip);
    else if (text(i?.hostname) !== '') set.add(i.hostname);
  }
  return [...set].join(',');
}

function serviceExternalIP(svc: KubeObject): string {
  const spec = obj(svc.spec);
  const external = arr(spec.externalIPs).map(String);
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(obj(obj(svc.status).loadBalancer).ingress);
      if (external.length > 0) return [...(lb === '' ? [] : lb.split(',')), ...external].join(',');
      return lb !== '' ? lb : '<pending>';
    }
    case 'ExternalName':
      return text(spec.externalName);
  }
  return '<unknown>';
}

function servicePorts(ports: unknown): string {
  return arr(ports)
    .map((p) =>
      num(p?.nodePort) > 0
        ? `${p.port}:${p.nodePort}/${text(p.protocol)}`
        : `${num(p?.port)}/${text(p?.protocol)}`,
    )
    .join(',');
}

// ---- the printers by resource ------------------------------------------------------------

const hasCondition = (o: KubeObject, type: string) =>
  arr(obj(o.status).conditions).some((c) => c?.type === type && c?.status === 'True');

function formatEndpoints(ep: KubeObject): string {
  const subsets = arr(ep.subsets);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = arr(ss?.addresses);
    const ports = arr(ss?.ports);
    const targets = ports.length === 0 ? [undefined] : ports;
    for (const port of targets) {
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        const ip = text(addr?.ip);
        list.push(port === undefined ? ip : `${ip.includes(':') ? `[${ip}]` : ip}:${num(port?.port)}`);
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const joined = list.join(',');
  if (more) return `${joined} + ${count - max} more...`;
  return joined === '' ? '<unset>' : joined;
}

function accessModes(modes: unknown): string {
  const set = new Set(arr(modes).map(String));
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([m]) => set.has(m))
    .map(([, s]) => s)
    .join(',');
}

/** Quantities are printed in their canonical form; stored objects already carry it. */
const quantity = (v: unknown): string => (v === undefined || v === null ? '0' : String(v));

function storageClassOf(o: KubeObject): string {
  const annotated = obj(meta(o).annotations)['volume.beta.kubernetes.io/storage-class'];
  if (typeof annotated === 'string') return annotated;
  return text(obj(o.spec).storageClassName);
}

function subjectsStrings(subjects: unknown): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of arr(subjects)) {
    if (s?.kind === 'User') users.push(text(s.name));
    else if (s?.kind === 'Group') groups.push(text(s.name));
    else if (s?.kind === 'ServiceAccount') sas.push(`${text(s.namespace)}:${text(s.name)}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function hpaMetrics(specs: unknown, statuses: unknown): string {
  const list = arr(specs);
  if (list.length === 0) return '<none>';
  const current = arr(statuses);
  const parts: string[] = [];
  list.forEach((spec, i) => {
    const st = current[i];
    switch (spec?.type) {
      case 'External': {
        const target = obj(spec.external?.target);
        if (target.averageValue !== undefined) {
          parts.push(`${st?.external?.current?.averageValue ?? '<unknown>'}/${target.averageValue} (avg)`);
        } else
          parts.push(
            `${st?.external ? quantity(st.external.current?.value) : '<unknown>'}/${quantity(target.value)}`,
          );
        break;
      }
      case 'Pods':
        parts.push(
          `${st?.pods ? quantity(st.pods.current?.averageValue) : '<unknown>'}/${quantity(spec.pods?.target?.averageValue)}`,
        );
        break;
      case 'Object': {
        const target = obj(spec.object?.target);
        if (target.averageValue !== undefined) {
          parts.push(`${st?.object?.current?.averageValue ?? '<unknown>'}/${target.averageValue} (avg)`);
        } else
          parts.push(
            `${st?.object ? quantity(st.object.current?.value) : '<unknown>'}/${quantity(target.value)}`,
          );
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const src = spec.type === 'Resource' ? obj(spec.resource) : obj(spec.containerResource);
        const cur = spec.type === 'Resource' ? st?.resource : st?.containerResource;
        const target = obj(src.target);
        if (target.averageValue !== undefined) {
          parts.push(
            `${text(src.name)}: ${cur ? quantity(cur.current?.averageValue) : '<unknown>'}/${target.averageValue}`,
          );
        } else {
          const c = cur?.current?.averageUtilization;
          const t = target.averageUtilization;
          parts.push(
            `${text(src.name)}: ${typeof c === 'number' ? `${c}%` : '<unknown>'}/${typeof t === 'number' ? `${t}%` : '<auto>'}`,
          );
        }
        break;
      }
      default:
        parts.push('<unknown type>');
    }
  });
  const max = 2;
  if (parts.length > max) return `${parts.slice(0, max).join(', ')} + ${parts.length - max} more...`;
  return parts.join(', ');
}

function nodeRoles(labels: unknown): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(obj(labels))) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role !== '') roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(String(v));
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function eventSource(e: KubeObject): string {
  const component = text(e.source?.component) || text(e.reportingComponent);
  const host = text(e.source?.host) || text(e.reportingInstance);
  return host === '' ? component : `${component}, ${host}`;
}

/** The built-in printers, keyed by `group/Kind` (core group: `/Kind`). */
export const printers: Record<string, TablePrinter> = {
  '/Pod': {
    columns: [
      nameCol,
      col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 'string', 'The aggregate status of the containers in this pod.'),
      col(
        'Restarts',
        'string',
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
      ),
      ageCol,
      col(
        'IP',
        'string',
        'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
        1,
      ),
      col('Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1),
      col(
        'Nominated Node',
        'string',
        'nominatedNodeName is set only when this pod preempts other pods on the node.',
        1,
      ),
      col(
        'Readiness Gates',
        'string',
        'If specified, all readiness gates will be evaluated for pod readiness.',
        1,
      ),
    ],
    row: podRow,
  },
  '/PodTemplate': {
    columns: [
      nameCol,
      col('Containers', 'string', 'Names of each container in the template.'),
      col('Images', 'string', 'Images referenced by each container in the template.'),
      col('Pod Labels', 'string', 'The labels for the pod template.'),
    ],
    row: (o) => [
      text(meta(o).name),
      ...containerCells(o.template?.spec?.containers),
      formatLabels(o.template?.metadata?.labels),
    ],
  },
  'policy/PodDisruptionBudget': {
    columns: [
      nameCol,
      col('Min Available', 'string', 'The minimum number of pods that must be available.'),
      col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
      col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
      ageCol,
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const show = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));
      return [
        text(meta(o).name),
        show(s.minAvailable),
        show(s.maxUnavailable),
        num(obj(o.status).disruptionsAllowed),
        age(o, now),
      ];
    },
  },
  '/ReplicationController': {
    columns: [
      nameCol,
      col('Desired', 'integer', 'Replicas is the number of desired replicas.'),
      col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
      col('Ready', 'integer', 'The number of ready replicas for this replication controller.'),
      ageCol,
      containersCol,
      imagesCol,
      selectorCol('Selector is a label query over pods that should match the Replicas count.'),
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const st = obj(o.status);
      return [
        text(meta(o).name),
        num(s.replicas),
        num(st.replicas),
        num(st.readyReplicas),
        age(o, now),
        ...containerCells(s.template?.spec?.containers),
        formatLabels(s.selector),
      ];
    },
  },
  'apps/ReplicaSet': {
    columns: [
      nameCol,
      col('Desired', 'integer', 'Replicas is the number of desired replicas.'),
      col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
      col('Ready', 'integer', 'The number of ready replicas for this replica set.'),
      ageCol,
      containersCol,
      imagesCol,
      selectorCol('Selector is a label query over pods that should match the replica count.'),
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const st = obj(o.status);
      return [
        text(meta(o).name),
        num(s.replicas),
        num(st.replicas),
        num(st.readyReplicas),
        age(o, now),
        ...containerCells(s.template?.spec?.containers),
        formatLabelSelector(s.selector),
      ];
    },
  },
  'apps/DaemonSet': {
    columns: [
      nameCol,
      col('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
      col(
        'Current',
        'integer',
        'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.',
      ),
      col(
        'Ready',
        'integer',
        'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
      ),
      col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
      col(
        'Available',
        'integer',
        'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
      ),
      col(
        'Node Selector',
        'string',
        'NodeSelector is a selector which must be true for the pod to fit on a node.',
      ),
      ageCol,
      containersCol,
      imagesCol,
      selectorCol('A label query over pods that are managed by the daemon set.'),
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const st = obj(o.status);
      return [
        text(meta(o).name),
        num(st.desiredNumberScheduled),
        num(st.currentNumberScheduled),
        num(st.numberReady),
        num(st.updatedNumberScheduled),
        num(st.numberAvailable),
        formatLabels(s.template?.spec?.nodeSelector),
        age(o, now),
        ...containerCells(s.template?.spec?.containers),
        formatLabelSelector(s.selector),
      ];
    },
  },
  'batch/Job': {
    columns: [
      nameCol,
      col('Status', 'string', 'Status of the job.'),
      col('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
      col('Duration', 'string', 'Time required to complete the job.'),
      ageCol,
      containersCol,
      imagesCol,
      selectorCol('A label query over pods that should match the pod count.'),
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const st = obj(o.status);
      const succeeded = num(st.succeeded);
      let completions: string;
      if (typeof s.completions === 'number') completions = `${succeeded}/${s.completions}`;
      else completions = num(s.parallelism) > 1 ? `${succeeded}/1 of ${s.parallelism}` : `${succeeded}/1`;
      let duration = '';
      if (typeof st.startTime === 'string') {
        const end = typeof st.completionTime === 'string' ? Date.parse(st.completionTime) : now.getTime();
        duration = humanDuration(end - Date.parse(st.startTime));
      }
      let status = 'Running';
      if (hasCondition(o, 'Complete')) status = 'Complete';
      else if (hasCondition(o, 'Failed')) status = 'Failed';
      else if (text(meta(o).deletionTimestamp) !== '') status = 'Terminating';
      else if (hasCondition(o, 'Suspended')) status = 'Suspended';
      else if (hasCondition(o, 'FailureTarget')) status = 'FailureTarget';
      return [
        text(meta(o).name),
        status,
        completions,
        duration,
        age(o, now),
        ...containerCells(s.template?.spec?.containers),
        formatLabelSelector(s.selector),
      ];
    },
  },
  'batch/CronJob': {
    columns: [
      nameCol,
      col('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
      col(
        'Timezone',
        'string',
        'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.',
      ),
      col(
        'Suspend',
        'boolean',
        'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.',
      ),
      col('Active', 'integer', 'A list of pointers to currently running jobs.'),
      col(
        'Last Schedule',
        'string',
        'Information when was the last time the job was successfully scheduled.',
      ),
      ageCol,
      containersCol,
      imagesCol,
      selectorCol('A label query over pods that should match the pod count.'),
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const st = obj(o.status);
      const last = typeof st.lastScheduleTime === 'string' ? ageSince(st.lastScheduleTime, now) : '<none>';
      const suspend =
        s.suspend === undefined || s.suspend === null ? '<unset>' : s.suspend === true ? 'True' : 'False';
      const jobSpec = obj(s.jobTemplate?.spec);
      return [
        text(meta(o).name),
        text(s.schedule),
        typeof s.timeZone === 'string' ? s.timeZone : '<none>',
        suspend,
        arr(st.active).length,
        last,
        age(o, now),
        ...containerCells(jobSpec.template?.spec?.containers),
        formatLabelSelector(jobSpec.selector),
      ];
    },
  },
  '/Service': {
    columns: [
      nameCol,
      col('Type', 'string', 'type determines how the Service is exposed.'),
      col(
        'Cluster-IP',
        'string',
        'clusterIP is the IP address of the service and is usually assigned randomly.',
      ),
      col(
        'External-IP',
        'string',
        'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
      ),
      col('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
      ageCol,
      selectorCol('Route service traffic to pods with label keys and values matching this selector.'),
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const ips = arr(s.clusterIPs);
      const ports = servicePorts(s.ports);
      return [
        text(meta(o).name),
        text(s.type),
        ips.length > 0 ? String(ips[0]) : '<none>',
        serviceExternalIP(o),
        ports === '' ? '<none>' : ports,
        age(o, now),
        formatLabels(s.selector),
      ];
    },
  },
  'networking.k8s.io/Ingress': {
    columns: [
      nameCol,
      col(
        'Class',
        'string',
        'The name of the IngressClass resource that should be used for additional configuration',
      ),
      col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
      col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
      col('Ports', 'string', 'Ports of TLS configurations that open'),
      ageCol,
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const rules = arr(s.rules);
      const hosts: string[] = [];
      let more = false;
      for (const r of rules) {
        if (hosts.length === 3) more = true;
        if (!more && text(r?.host) !== '') hosts.push(r.host);
      }
      let hostsCell = hosts.length === 0 ? '*' : hosts.join(',');
      if (hosts.length > 0 && more) hostsCell = `${hostsCell} + ${rules.length - 3} more...`;
      return [
        text(meta(o).name),
        typeof s.ingressClassName === 'string' ? s.ingressClassName : '<none>',
        hostsCell,
        loadBalancerIngress(obj(obj(o.status).loadBalancer).ingress),
        arr(s.tls).length > 0 ? '80, 443' : '80',
        age(o, now),
      ];
    },
  },
  'networking.k8s.io/IngressClass': {
    columns: [
      nameCol,
      col('Controller', 'string', 'Controller that is responsible for handling this class'),
      col('Parameters', 'string', 'A reference to a resource with additional parameters'),
      ageCol,
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      let params = '<none>';
      if (s.parameters) {
        params = text(s.parameters.kind);
        if (typeof s.parameters.apiGroup === 'string') params += `.${s.parameters.apiGroup}`;
        params += `/${text(s.parameters.name)}`;
      }
      return [text(meta(o).name), text(s.controller), params, age(o, now)];
    },
  },
  'apps/StatefulSet': {
    columns: [
      nameCol,
      col('Ready', 'string', 'Number of the pod with ready state'),
      ageCol,
      containersCol,
      imagesCol,
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      return [
        text(meta(o).name),
        `${num(obj(o.status).readyReplicas)}/${num(s.replicas)}`,
        age(o, now),
        ...containerCells(s.template?.spec?.containers),
      ];
    },
  },
  '/Endpoints': {
    columns: [
      nameCol,
      col('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'),
      ageCol,
    ],
    row: (o, now) => [text(meta(o).name), formatEndpoints(o), age(o, now)],
  },
  '/Node': {
    columns: [
      nameCol,
      col('Status', 'string', 'The status of the node'),
      col('Roles', 'string', 'The roles of the node'),
      ageCol,
      col('Version', 'string', 'Kubelet Version reported by the node.'),
      col('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
      col('External-IP', 'string', 'List of addresses reachable to the node.', 1),
      col(
        'OS-Image',
        'string',
        'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
        1,
      ),
      col(
        'Kernel-Version',
        'string',
        "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
        1,
      ),
      col(
        'Container-Runtime',
        'string',
        'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
        1,
      ),
    ],
    row: (o, now) => {
      const st = obj(o.status);
      const ready = arr(st.conditions).find((c) => c?.type === 'Ready');
      const status: string[] = [];
      if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
      if (status.length === 0) status.push('Unknown');
      if (obj(o.spec).unschedulable === true) status.push('SchedulingDisabled');
      const info = obj(st.nodeInfo);
      const address = (type: string) =>
        text(arr(st.addresses).find((a) => a?.type === type)?.address) || '<none>';
      return [
        text(meta(o).name),
        status.join(','),
        nodeRoles(meta(o).labels),
        age(o, now),
        text(info.kubeletVersion),
        address('InternalIP'),
        address('ExternalIP'),
        text(info.osImage) || '<unknown>',
        text(info.kernelVersion) || '<unknown>',
        text(info.containerRuntimeVersion) || '<unknown>',
      ];
    },
  },
  '/Event': {
    columns: [
      col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
      col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
      col(
        'Reason',
        'string',
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      ),
      col('Object', 'string', 'The object that this event is about.'),
      col(
        'Subobject',
        'string',
        'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
        1,
      ),
      col(
        'Source',
        'string',
        'The component reporting this event. Should be a short machine understandable string.',
        1,
      ),
      col('Message', 'string', 'A human-readable description of the status of this operation.'),
      col(
        'First Seen',
        'string',
        'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
        1,
      ),
      col('Count', 'string', 'The number of times this event has occurred.', 1),
      col('Name', 'string', nameDescription, 1, 'name'),
    ],
    row: (o, now) => {
      const since = (t: unknown) => ageSince(t, now);
      let first = typeof o.firstTimestamp === 'string' ? since(o.firstTimestamp) : since(o.eventTime);
      if (typeof o.firstTimestamp !== 'string' && typeof o.eventTime !== 'string') first = '<unknown>';
      let last = typeof o.lastTimestamp === 'string' ? since(o.lastTimestamp) : first;
      let count = num(o.count);
      if (o.series) {
        last = since(o.series.lastObservedTime);
        count = num(o.series.count);
      } else if (count === 0) count = 1;
      const involved = obj(o.involvedObject);
      const target =
        text(involved.name) !== ''
          ? `${text(involved.kind).toLowerCase()}/${involved.name}`
          : text(involved.kind).toLowerCase();
      return [
        last,
        text(o.type),
        text(o.reason),
        target,
        text(involved.fieldPath),
        eventSource(o),
        text(o.message).trim(),
        first,
        count,
        text(meta(o).name),
      ];
    },
  },
  '/Namespace': {
    columns: [nameCol, col('Status', 'string', 'The status of the namespace'), ageCol],
    row: (o, now) => [text(meta(o).name), text(obj(o.status).phase), age(o, now)],
  },
  '/Secret': {
    columns: [
      nameCol,
      col('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
      col('Data', 'string', 'Data contains the secret data.'),
      ageCol,
    ],
    row: (o, now) => [text(meta(o).name), text(o.type), Object.keys(obj(o.data)).length, age(o, now)],
  },
  '/ServiceAccount': {
    columns: [
      nameCol,
      col(
        'Secrets',
        'string',
        'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
      ),
      ageCol,
    ],
    row: (o, now) => [text(meta(o).name), arr(o.secrets).length, age(o, now)],
  },
  '/PersistentVolume': {
    columns: [
      nameCol,
      col(
        'Capacity',
        'string',
        "capacity is the description of the persistent volume's resources and capacity.",
      ),
      col('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted.'),
      col(
        'Reclaim Policy',
        'string',
        'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.',
      ),
      col(
        'Status',
        'string',
        'phase indicates if a volume is available, bound to a claim, or released by a claim.',
      ),
      col(
        'Claim',
        'string',
        'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.',
      ),
      col('StorageClass', 'string', 'StorageClass of the pv'),
      col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
      col(
        'Reason',
        'string',
        'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.',
      ),
      ageCol,
      col(
        'VolumeMode',
        'string',
        'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.',
        1,
      ),
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const claim = s.claimRef ? `${text(s.claimRef.namespace)}/${text(s.claimRef.name)}` : '';
      const phase = text(meta(o).deletionTimestamp) !== '' ? 'Terminating' : text(obj(o.status).phase);
      return [
        text(meta(o).name),
        quantity(obj(s.capacity).storage),
        accessModes(s.accessModes),
        text(s.persistentVolumeReclaimPolicy),
        phase,
        claim,
        storageClassOf(o),
        typeof s.volumeAttributesClassName === 'string' ? s.volumeAttributesClassName : '<unset>',
        text(obj(o.status).reason),
        age(o, now),
        typeof s.volumeMode === 'string' ? s.volumeMode : '<unset>',
      ];
    },
  },
  '/PersistentVolumeClaim': {
    columns: [
      nameCol,
      col('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
      col(
        'Volume',
        'string',
        'volumeName is the binding reference to the PersistentVolume backing this claim.',
      ),
      col('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
      col(
        'Access Modes',
        'string',
        'accessModes contains the actual access modes the volume backing the PVC has.',
      ),
      col('StorageClass', 'string', 'StorageClass of the pvc'),
      col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
      ageCol,
      col('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.', 1),
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const st = obj(o.status);
      const phase = text(meta(o).deletionTimestamp) !== '' ? 'Terminating' : text(st.phase);
      const bound = text(s.volumeName) !== '';
      return [
        text(meta(o).name),
        phase,
        text(s.volumeName),
        bound ? quantity(obj(st.capacity).storage) : '',
        bound ? accessModes(st.accessModes) : '',
        storageClassOf(o),
        typeof s.volumeAttributesClassName === 'string' ? s.volumeAttributesClassName : '<unset>',
        age(o, now),
        typeof s.volumeMode === 'string' ? s.volumeMode : '<unset>',
      ];
    },
  },
  'apps/Deployment': {
    columns: [
      nameCol,
      col('Ready', 'string', 'Number of the pod with ready state'),
      col(
        'Up-to-date',
        'string',
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      ),
      col(
        'Available',
        'string',
        'Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.',
      ),
      ageCol,
      containersCol,
      imagesCol,
      selectorCol(
        "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
      ),
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const st = obj(o.status);
      return [
        text(meta(o).name),
        `${num(st.readyReplicas)}/${num(s.replicas)}`,
        num(st.updatedReplicas),
        num(st.availableReplicas),
        age(o, now),
        ...containerCells(s.template?.spec?.containers),
        formatLabelSelector(s.selector),
      ];
    },
  },
  'autoscaling/HorizontalPodAutoscaler': {
    columns: [
      nameCol,
      col(
        'Reference',
        'string',
        'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.',
      ),
      col(
        'Targets',
        'string',
        'metrics contains the specifications for which to use to calculate the desired replica count.',
      ),
      col(
        'MinPods',
        'string',
        'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.',
      ),
      col(
        'MaxPods',
        'string',
        'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.',
      ),
      col(
        'Replicas',
        'string',
        'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.',
      ),
      ageCol,
    ],
    row: (o, now) => {
      const s = obj(o.spec);
      const ref = obj(s.scaleTargetRef);
      // autoscaling/v1 objects carry targetCPUUtilizationPercentage instead of metrics.
      const metrics =
        s.metrics === undefined && typeof s.targetCPUUtilizationPercentage === 'number'
          ? [
              {
                type: 'Resource',
                resource: {
                  name: 'cpu',
                  target: { type: 'Utilization', averageUtilization: s.targetCPUUtilizationPercentage },
                },
              },
            ]
          : s.metrics;
      const st = obj(o.status);
      const statuses =
        st.currentMetrics === undefined && typeof st.currentCPUUtilizationPercentage === 'number'
          ? [
              {
                type: 'Resource',
                resource: {
                  name: 'cpu',
                  current: { averageUtilization: st.currentCPUUtilizationPercentage },
                },
              },
            ]
          : st.currentMetrics;
      return [
        text(meta(o).name),
        `${text(ref.kind)}/${text(ref.name)}`,
        hpaMetrics(metrics, statuses),
        typeof s.minReplicas === 'number' ? String(s.minReplicas) : '<unset>',
        num(s.maxReplicas),
        num(st.currentReplicas),
        age(o, now),
      ];
    },
  },
  '/ConfigMap': {
    columns: [nameCol, col('Data', 'string', 'Data contains the configuration data.'), ageCol],
    row: (o, now) => [
      text(meta(o).name),
      Object.keys(obj(o.data)).length + Object.keys(obj(o.binaryData)).length,
      age(o, now),
    ],
  },
  'networking.k8s.io/NetworkPolicy': {
    columns: [
      nameCol,
      col(
        'Pod-Selector',
        'string',
        'podSelector selects the pods to which this NetworkPolicy object applies.',
      ),
      ageCol,
    ],
    row: (o, now) => [text(meta(o).name), formatLabelSelector(obj(o.spec).podSelector ?? {}), age(o, now)],
  },
  'rbac.authorization.k8s.io/RoleBinding': {
    columns: [
      nameCol,
      col(
        'Role',
        'string',
        'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.',
      ),
      ageCol,
      col('Users', 'string', 'Users in the roleBinding', 1),
      col('Groups', 'string', 'Groups in the roleBinding', 1),
      col('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', 1),
    ],
    row: (o, now) => [
      text(meta(o).name),
      `${text(o.roleRef?.kind)}/${text(o.roleRef?.name)}`,
      age(o, now),
      ...subjectsStrings(o.subjects),
    ],
  },
  'rbac.authorization.k8s.io/ClusterRoleBinding': {
    columns: [
      nameCol,
      col('Role', 'string', 'RoleRef can only reference a ClusterRole in the global namespace.'),
      ageCol,
      col('Users', 'string', 'Users in the clusterRoleBinding', 1),
      col('Groups', 'string', 'Groups in the clusterRoleBinding', 1),
      col('ServiceAccounts', 'string', 'ServiceAccounts in the clusterRoleBinding', 1),
    ],
    row: (o, now) => [
      text(meta(o).name),
      `${text(o.roleRef?.kind)}/${text(o.roleRef?.name)}`,
      age(o, now),
      ...subjectsStrings(o.subjects),
    ],
  },
  'coordination.k8s.io/Lease': {
    columns: [
      nameCol,
      col('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'),
      ageCol,
    ],
    row: (o, now) => [text(meta(o).name), text(obj(o.spec).holderIdentity), age(o, now)],
  },
  'storage.k8s.io/StorageClass': {
    columns: [
      nameCol,
      col('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
      col(
        'ReclaimPolicy',
        'string',
        'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.',
      ),
      col(
        'VolumeBindingMode',
        'string',
        'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.',
      ),
      col(
        'AllowVolumeExpansion',
        'string',
        'allowVolumeExpansion shows whether the storage class allow volume expand.',
      ),
      ageCol,
    ],
    row: (o, now) => {
      const annotations = obj(meta(o).annotations);
      const isDefault =
        annotations['storageclass.kubernetes.io/is-default-class'] === 'true' ||
        annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
      return [
        isDefault ? `${text(meta(o).name)} (default)` : text(meta(o).name),
        text(o.provisioner),
        text(o.reclaimPolicy) || 'Delete',
        text(o.volumeBindingMode) || 'Immediate',
        o.allowVolumeExpansion === true,
        age(o, now),
      ];
    },
  },
  'apps/ControllerRevision': {
    columns: [
      nameCol,
      col('Controller', 'string', 'Controller of the object'),
      col('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
      ageCol,
    ],
    row: (o, now) => {
      const owner = arr(meta(o).ownerReferences).find((r) => r?.controller === true);
      let controller = '<none>';
      if (owner) {
        const apiVersion = text(owner.apiVersion);
        const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
        controller = `${(group ? `${owner.kind}.${group}` : text(owner.kind)).toLowerCase()}/${text(owner.name)}`;
      }
      return [text(meta(o).name), controller, num(o.revision), age(o, now)];
    },
  },
  '/ResourceQuota': {
    columns: [
      nameCol,
      ageCol,
      col(
        'Request',
        'string',
        'Request represents a minimum amount of cpu/memory that a container may consume.',
      ),
      col(
        'Limit',
        'string',
        'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
      ),
    ],
    row: (o, now) => {
      const st = obj(o.status);
      const hard = obj(st.hard);
      const used = obj(st.used);
      const requests: string[] = [];
      const limits: string[] = [];
      for (const r of Object.keys(hard).sort()) {
        const piece = `${r}: ${quantity(used[r])}/${quantity(hard[r])}`;
        const pieces = r.split('.');
        if (pieces.length > 1 && pieces[0] === 'limits') limits.push(piece);
        else requests.push(piece);
      }
      return [text(meta(o).name), age(o, now), requests.join(', '), limits.join(', ')];
    },
  },
  'discovery.k8s.io/EndpointSlice': {
    columns: [
      nameCol,
      col(
        'AddressType',
        'string',
        'addressType specifies the type of address carried by this EndpointSlice.',
      ),
      col(
        'Ports',
        'string',
        'ports specifies the list of network ports exposed by each endpoint in this slice.',
      ),
      col('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
      ageCol,
    ],
    row: (o, now) => {
      const ports: string[] = [];
      let portsMore = false;
      let portCount = 0;
      for (const p of arr(o.ports)) {
        if (ports.length < 3)
          ports.push(
            typeof p?.port === 'number' ? String(p.port) : typeof p?.name === 'string' ? p.name : '*',
          );
        else portsMore = true;
        portCount++;
      }
      const addrs: string[] = [];
      let addrMore = false;
      let addrCount = 0;
      for (const e of arr(o.endpoints)) {
        for (const a of arr(e?.addresses)) {
          if (addrs.length < 3) addrs.push(String(a));
          else addrMore = true;
          addrCount++;
        }
      }
      return [
        text(meta(o).name),
        text(o.addressType),
        listWithMore(ports, portsMore, portCount, 3),
        listWithMore(addrs, addrMore, addrCount, 3),
        age(o, now),
      ];
    },
  },
};

/** events.k8s.io/v1 Events print with the core printer after field renames (note → message, ...). */
printers['events.k8s.io/Event'] = {
  columns: printers['/Event']!.columns,
  row: (o, now) =>
    printers['/Event']!.row(
      {
        ...o,
        message: o.note,
        involvedObject: o.regarding,
        source: o.deprecatedSource,
        firstTimestamp: o.deprecatedFirstTimestamp,
        lastTimestamp: o.deprecatedLastTimestamp,
        count: o.deprecatedCount,
        reportingComponent: o.reportingController,
      },
      now,
    ),
};

/** rest.NewDefaultTableConvertor: NAME and CREATED AT, for kinds without a printer (roles, CRDs...). */
export const defaultPrinter: TablePrinter = {
  columns: [nameCol, col('Created At', 'date', creationTimestampDescription)],
  row: (o) => {
    const ts = meta(o).creationTimestamp;
    const d = typeof ts === 'string' ? new Date(ts) : undefined;
    const created =
      d && !Number.isNaN(d.getTime()) ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '0001-01-01T00:00:00Z';
    return [text(meta(o).name), created];
  },
};
