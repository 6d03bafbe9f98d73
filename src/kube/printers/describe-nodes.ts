/**
 * `kubectl describe node` (describeNode, describeNodeResource) with the pod resource arithmetic
 * of k8s.io/kubectl/pkg/util/resource, and `kubectl describe hpa` (autoscaling/v2 and v1), as
 * k8s.io/kubectl/pkg/describe writes them. Quantities are summed and compared exactly
 * (resource.Quantity); percentages use Go's float arithmetic as upstream does.
 */
import { percentOf, Quantity } from '../quantity.ts';
import {
  describeEvents,
  type PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
  since,
  sortedKeys,
  tabbed,
} from './describe.ts';

type Obj = Record<string, any>;
type ResourceList = Map<string, Quantity>;

/** `.String()` of a *Quantity: `<nil>` when unset; text the server kept as is if it does not parse. */
function quantityText(q: unknown): string {
  if (q === undefined || q === null) return '<nil>';
  try {
    return String(Quantity.fromJSON(q));
  } catch {
    return String(q);
  }
}

const nodeRolePrefix = 'node-role.kubernetes.io/';
const nodeRoleLabel = 'kubernetes.io/role';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and the legacy `kubernetes.io/role` value, sorted. */
export function nodeRoles(node: Obj): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(node.metadata?.labels ?? {})) {
    if (k.startsWith(nodeRolePrefix)) {
      const role = k.slice(nodeRolePrefix.length);
      if (role) roles.add(role);
    } else if (k === nodeRoleLabel && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

/** Taint.ToString: key=value:effect, with the empty parts left out as upstream does. */
export function taintText(t: Obj): string {
  const key = t.key ?? '';
  const value = t.value ?? '';
  const effect = t.effect ?? '';
  if (!effect) return value ? `${key}=${value}:` : key;
  return value ? `${key}=${value}:${effect}` : `${key}:${effect}`;
}

/** printNodeTaintsMultiline: sorted by effect then key, later ones under the first. */
function printTaints(w: PrefixWriter, taints: Obj[] | undefined): void {
  w.write(0, 'Taints:\t');
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const cmpKey = (t: Obj) => `${t.effect ?? ''},${t.key ?? ''}`;
  const sorted = [...taints].sort((a, b) => (cmpKey(a) < cmpKey(b) ? -1 : cmpKey(a) > cmpKey(b) ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${taintText(t)}\n`);
  });
}

/** What describe shows of the node's Lease in kube-node-lease: the lease, or why it could not be read. */
export type NodeLease = { lease: Obj } | { error: string };

function describeLease(w: PrefixWriter, found: NodeLease): void {
  if ('error' in found) {
    w.write(0, `Lease:\tFailed to get lease: ${found.error}\n`);
    return;
  }
  const spec = found.lease.spec ?? {};
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(spec.acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${spec.renewTime ? rfc1123z(spec.renewTime) : '<unset>'}\n`);
}

function resourceList(list: Obj | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(list ?? {})) out.set(k, Quantity.fromJSON(v));
  return out;
}

function addResourceList(into: ResourceList, add: ResourceList): void {
  for (const [name, q] of add) into.set(name, into.has(name) ? into.get(name)!.add(q) : q);
}

function maxResourceList(into: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const current = into.get(name);
    if (!current || q.cmp(current) > 0) into.set(name, q);
  }
}

const isRestartable = (c: Obj) => c.restartPolicy === 'Always';

/** determineContainerReqs: during a resize the larger of spec, status and allocated requests counts. */
function containerRequests(pod: Obj, c: Obj, statuses: Map<string, Obj>): ResourceList {
  const requests = resourceList(c.resources?.requests);
  const cs = statuses.get(c.name);
  if (!cs?.resources) return requests;
  const infeasible = (pod.status?.conditions ?? []).some(
    (cond: Obj) => cond.type === 'PodResizePending' && cond.reason === 'Infeasible',
  );
  const result = infeasible ? resourceList(cs.resources.requests) : requests;
  if (!infeasible) maxResourceList(result, resourceList(cs.resources.requests));
  maxResourceList(result, resourceList(cs.allocatedResources));
  return result;
}

/**
 * PodRequestsAndLimits (kubectl's util/resource): app containers and sidecars add up, each init
 * container counts with the sidecars started before it, the larger of the two wins, then
 * overhead (added to limits only where a limit is set).
 */
export function podRequestsAndLimits(pod: Obj): { requests: ResourceList; limits: ResourceList } {
  const spec = pod.spec ?? {};
  const statuses = new Map<string, Obj>();
  for (const s of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])])
    statuses.set(s.name, s);
  const overhead = resourceList(spec.overhead);

  const requests: ResourceList = new Map();
  for (const c of spec.containers ?? []) addResourceList(requests, containerRequests(pod, c, statuses));
  const limits: ResourceList = new Map();
  for (const c of spec.containers ?? []) addResourceList(limits, resourceList(c.resources?.limits));

  for (const [total, pick] of [
    [
      requests,
      (c: Obj) =>
        isRestartable(c) ? containerRequests(pod, c, statuses) : resourceList(c.resources?.requests),
    ],
    [limits, (c: Obj) => resourceList(c.resources?.limits)],
  ] as const) {
    const sidecars: ResourceList = new Map();
    const initPeak: ResourceList = new Map();
    for (const c of spec.initContainers ?? []) {
      const own = pick(c);
      let counted: ResourceList;
      if (isRestartable(c)) {
        addResourceList(total, own);
        addResourceList(sidecars, own);
        counted = new Map(sidecars);
      } else {
        counted = new Map();
        addResourceList(counted, own);
        addResourceList(counted, sidecars);
      }
      maxResourceList(initPeak, counted);
    }
    maxResourceList(total, initPeak);
  }

  addResourceList(requests, overhead);
  for (const [name, q] of overhead) {
    const limit = limits.get(name);
    if (limit && !limit.isZero()) limits.set(name, limit.add(q));
  }
  return { requests, limits };
}

const zero = Quantity.zero();
const get = (list: ResourceList, name: string) => list.get(name) ?? zero;

const standardResources = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string) => name.startsWith('hugepages-');

/** describeNodeResource: the pods table and the Allocated resources table. */
function describeNodeResource(w: PrefixWriter, pods: Obj[], node: Obj, now: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable =
    Object.keys(node.status?.allocatable ?? {}).length > 0
      ? resourceList(node.status.allocatable)
      : resourceList(node.status?.capacity);
  const cpuMilli = get(allocatable, 'cpu').milliValue();
  const memory = get(allocatable, 'memory').value();
  const storage = get(allocatable, 'ephemeral-storage').value();

  const totalRequests: ResourceList = new Map();
  const totalLimits: ResourceList = new Map();
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    addResourceList(totalRequests, requests);
    addResourceList(totalLimits, limits);
    const cell = (q: Quantity, pct: string) => `${q} (${pct}%)`;
    const cpuReq = get(requests, 'cpu');
    const cpuLim = get(limits, 'cpu');
    const memReq = get(requests, 'memory');
    const memLim = get(limits, 'memory');
    // the per-pod percentages are not guarded against a zero allocatable, as upstream
    w.write(
      1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${cell(cpuReq, percentOf(cpuReq.milliValue(), cpuMilli))}\t${cell(cpuLim, percentOf(cpuLim.milliValue(), cpuMilli))}\t${cell(memReq, percentOf(memReq.value(), memory))}\t${cell(memLim, percentOf(memLim.value(), memory))}\t${since(pod.metadata?.creationTimestamp, now)}\n`,
    );
  }

  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (name: string, whole: bigint, amount: (q: Quantity) => bigint) => {
    const req = get(totalRequests, name);
    const lim = get(totalLimits, name);
    const pct = (q: Quantity) => (whole !== 0n ? percentOf(amount(q), whole) : '0');
    w.write(1, `${name}\t${req} (${pct(req)}%)\t${lim} (${pct(lim)}%)\n`);
  };
  row('cpu', cpuMilli, (q) => q.milliValue());
  row('memory', memory, (q) => q.value());
  row('ephemeral-storage', storage, (q) => q.value());
  const names = [...allocatable.keys()];
  for (const name of names.filter(isHugePages).sort())
    row(name, get(allocatable, name).value(), (q) => q.value());
  for (const name of names.filter((n) => !isHugePages(n) && !standardResources.has(n) && n !== 'pods').sort())
    w.write(1, `${name}\t${get(totalRequests, name)}\t${get(totalLimits, name)}\n`);
}

/** describeNode. `pods` is undefined when the user may not list pods. */
export function describeNode(
  node: Obj,
  pods: Obj[] | undefined,
  lease: NodeLease,
  events: Obj[] | undefined,
  now = Date.now(),
): string {
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${node.metadata?.name}\n`);
    const roles = nodeRoles(node);
    w.write(0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
    w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}\n`);
    printTaints(w, spec.taints);
    w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    describeLease(w, lease);
    const conditions: Obj[] = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions)
        w.write(
          1,
          `${c.type ?? ''} \t${c.status ?? ''} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
    }
    w.write(0, 'Addresses:\n');
    for (const a of (status.addresses ?? []) as Obj[]) w.write(1, `${a.type ?? ''}:\t${a.address ?? ''}\n`);
    for (const [title, list] of [
      ['Capacity', status.capacity],
      ['Allocatable', status.allocatable],
    ] as const) {
      const names = sortedKeys(list);
      if (names.length === 0) continue;
      w.write(0, `${title}:\n`);
      for (const n of names) w.write(0, `  ${n}:\t${quantityText(list[n])}\n`);
    }
    const info = status.nodeInfo ?? {};
    w.write(0, 'System Info:\n');
    for (const [label, field] of [
      ['Machine ID', 'machineID'],
      ['System UUID', 'systemUUID'],
      ['Boot ID', 'bootID'],
      ['Kernel Version', 'kernelVersion'],
      ['OS Image', 'osImage'],
      ['Operating System', 'operatingSystem'],
      ['Architecture', 'architecture'],
      ['Container Runtime Version', 'containerRuntimeVersion'],
      ['Kubelet Version', 'kubeletVersion'],
      ['Kube-Proxy Version', 'kubeProxyVersion'],
    ])
      w.write(0, `  ${label}:\t${info[field] ?? ''}\n`);
    if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
    if (pods) describeNodeResource(w, pods, node, now);
    else w.write(0, 'Pods:\tnot authorized\n');
    if (events) describeEvents(events, w, now);
  });
}

/** Go's %q of a metric name. */
const quoted = (s: unknown) => JSON.stringify(String(s ?? ''));

function describeMetric(w: PrefixWriter, metric: Obj, current: Obj | undefined): void {
  switch (metric.type) {
    case 'External': {
      const ext = metric.external ?? {};
      const cur = current?.external;
      if (ext.target?.averageValue !== undefined && ext.target?.averageValue !== null) {
        const now = cur?.current?.averageValue != null ? quantityText(cur.current.averageValue) : '<unknown>';
        w.write(
          1,
          `${quoted(ext.metric?.name)} (target average value):\t${now} / ${quantityText(ext.target.averageValue)}\n`,
        );
      } else {
        const now = cur ? quantityText(cur.current?.value) : '<unknown>';
        w.write(
          1,
          `${quoted(ext.metric?.name)} (target value):\t${now} / ${quantityText(ext.target?.value)}\n`,
        );
      }
      return;
    }
    case 'Pods': {
      const now = current?.pods ? quantityText(current.pods.current?.averageValue) : '<unknown>';
      w.write(
        1,
        `${quoted(metric.pods?.metric?.name)} on pods:\t${now} / ${quantityText(metric.pods?.target?.averageValue)}\n`,
      );
      return;
    }
    case 'Object': {
      const obj = metric.object ?? {};
      w.write(
        1,
        `"${obj.metric?.name ?? ''}" on ${obj.describedObject?.kind ?? ''}/${obj.describedObject?.name ?? ''} `,
      );
      const cur = current?.object;
      if (obj.target?.type === 'AverageValue')
        w.write(
          0,
          `(target average value):\t${cur ? quantityText(cur.current?.averageValue) : '<unknown>'} / ${quantityText(obj.target.averageValue)}\n`,
        );
      else
        w.write(
          0,
          `(target value):\t${cur ? quantityText(cur.current?.value) : '<unknown>'} / ${quantityText(obj.target?.value)}\n`,
        );
      return;
    }
    case 'Resource':
    case 'ContainerResource': {
      const container = metric.type === 'ContainerResource';
      const source = container ? (metric.containerResource ?? {}) : (metric.resource ?? {});
      const cur = container ? current?.containerResource : current?.resource;
      w.write(
        1,
        container
          ? `resource ${source.name ?? ''} of container "${source.container ?? ''}" on pods`
          : `resource ${source.name ?? ''} on pods`,
      );
      if (source.target?.averageValue !== undefined && source.target?.averageValue !== null) {
        w.write(
          0,
          `:\t${cur ? quantityText(cur.current?.averageValue) : '<unknown>'} / ${quantityText(source.target.averageValue)}\n`,
        );
        return;
      }
      const utilization = cur?.current?.averageUtilization;
      const now =
        utilization !== undefined && utilization !== null
          ? `${utilization}% (${quantityText(cur.current.averageValue)})`
          : '<unknown>';
      const target =
        source.target?.averageUtilization !== undefined && source.target?.averageUtilization !== null
          ? `${source.target.averageUtilization}%`
          : '<auto>';
      w.write(1, `(as a percentage of request):\t${now} / ${target}\n`);
      return;
    }
    default:
      w.write(1, `<unknown metric type ${quoted(metric.type)}>\n`);
  }
}

function describeScalingRules(w: PrefixWriter, direction: string, rules: Obj | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined && rules.stabilizationWindowSeconds !== null)
    w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  const policies: Obj[] = rules.policies ?? [];
  if (policies.length === 0) return;
  w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
  w.write(2, 'Policies:\n');
  for (const p of policies)
    w.write(3, `- Type: ${p.type ?? ''}\tValue: ${p.value ?? 0}\tPeriod: ${p.periodSeconds ?? 0} seconds\n`);
}

function hpaHeader(w: PrefixWriter, hpa: Obj): void {
  w.write(0, `Name:\t${hpa.metadata?.name}\n`);
  w.write(0, `Namespace:\t${hpa.metadata?.namespace}\n`);
  printLabelsMultiline(w, 'Labels', hpa.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata?.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata?.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${hpa.spec?.scaleTargetRef?.kind ?? ''}/${hpa.spec?.scaleTargetRef?.name ?? ''}\n`);
}

function hpaReplicas(w: PrefixWriter, hpa: Obj, withBehavior: boolean): void {
  const spec = hpa.spec ?? {};
  w.write(0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (withBehavior && spec.behavior) {
    w.write(0, 'Behavior:\n');
    describeScalingRules(w, 'Scale Up', spec.behavior.scaleUp);
    describeScalingRules(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
  w.write(0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
}

/** describeHorizontalPodAutoscalerV2. */
export function describeHorizontalPodAutoscaler(hpa: Obj, events: Obj[] | undefined): string {
  return tabbed((w) => {
    hpaHeader(w, hpa);
    w.write(0, 'Metrics:\t( current / target )\n');
    const current: Obj[] = hpa.status?.currentMetrics ?? [];
    (hpa.spec?.metrics ?? []).forEach((m: Obj, i: number) => {
      describeMetric(w, m, current[i]);
    });
    hpaReplicas(w, hpa, true);
    const conditions: Obj[] = hpa.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tReason\tMessage\n');
      w.write(1, '----\t------\t------\t-------\n');
      for (const c of conditions)
        w.write(1, `${c.type ?? ''}\t${c.status ?? ''}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    if (events) describeEvents(events, w);
  });
}

/** describeHorizontalPodAutoscalerV1, for a server without autoscaling/v2. */
export function describeHorizontalPodAutoscalerV1(hpa: Obj, events: Obj[] | undefined): string {
  return tabbed((w) => {
    hpaHeader(w, hpa);
    const target = hpa.spec?.targetCPUUtilizationPercentage;
    if (target !== undefined && target !== null) {
      w.write(0, `Target CPU utilization:\t${target}%\n`);
      w.write(
        0,
        `Current CPU utilization:\t${hpa.status?.currentCPUUtilizationPercentage ?? '<unknown>'}%\n`,
      );
    }
    hpaReplicas(w, hpa, false);
    if (events) describeEvents(events, w);
  });
}
