// The pod status a kubelet reports, rendered from the simulated containers
// (pkg/kubelet/kubelet_pods.go, pkg/kubelet/status/generate.go): container
// statuses (init containers in spec order, the others sorted by name), the phase
// computed from them by upstream's rules, the kubelet's five conditions in
// upstream order (transition times kept while unchanged), IPs and start time.

import type { KubeObject } from '../controllers/index.ts';
import { timeString } from '../controllers/index.ts';
import { normalizeImage } from './profile.ts';
import { goDuration, pullErrorMessage, type SimContainer, type Termination } from './stages.ts';

export interface SimPod {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  hostIP: string;
  podIP: string | undefined;
  startTime: number;
  /** Init containers (and sidecars) in spec order, then the regular containers in spec order. */
  containers: SimContainer[];
  /** The pod sandbox (network, IP) exists: its volumes were ready. */
  sandbox: boolean;
  /** When the kubelet began stopping the pod (deletionTimestamp seen). */
  stoppingSince?: number;
  /** Sidecars were told to stop because the pod's work is over. */
  finishing?: boolean;
  /** Since when the pod's volumes have been waited for, and when FailedMount was last said. */
  volumesWaitingSince?: number;
  failedMountAt?: number;
}

function hex(seed: string, length: number): string {
  let out = '';
  let h = 0x811c9dc5;
  while (out.length < length) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
    seed = `${seed}.`;
  }
  return out.slice(0, length);
}

export function imageId(image: string): string {
  const ref = normalizeImage(image);
  const repo = ref.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return `${repo}@sha256:${hex(ref, 64)}`;
}

function containerId(pod: SimPod, c: SimContainer, run: number): string {
  return `containerd://${hex(`${pod.uid}/${c.name}/${run}`, 64)}`;
}

function terminated(pod: SimPod, c: SimContainer, t: Termination): KubeObject {
  return {
    exitCode: t.exitCode,
    reason: t.reason,
    startedAt: timeString(t.startedAt),
    finishedAt: timeString(t.finishedAt),
    containerID: containerId(pod, c, t.run),
  };
}

/** The run the runtime knows for the container: none before its first start. */
function runtimeRun(c: SimContainer): number | undefined {
  switch (c.state) {
    case 'Running':
    case 'Stopping':
      return c.restartCount;
    case 'Exited':
    case 'Terminated':
      return c.current?.run;
    case 'CrashLoopBackOff':
      return c.previous?.run;
    default:
      return undefined;
  }
}

function stateOf(pod: SimPod, c: SimContainer, defaultWaiting: string): KubeObject {
  switch (c.state) {
    case 'Running':
    case 'Stopping':
      return { running: { startedAt: timeString(c.startedAt!) } };
    case 'ErrImagePull':
      return { waiting: { reason: 'ErrImagePull', message: pullErrorMessage(c.image) } };
    case 'ImagePullBackOff':
      return {
        waiting: {
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${c.image}": ErrImagePull: ${pullErrorMessage(c.image)}`,
        },
      };
    case 'CrashLoopBackOff':
      return {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(c.backOff?.delayMs ?? 10_000)} restarting failed container=${c.name} pod=${pod.name}_${pod.namespace}(${pod.uid})`,
        },
      };
    case 'Exited':
    case 'Terminated':
      if (c.current) return { terminated: terminated(pod, c, c.current) };
      return { waiting: { reason: defaultWaiting } };
    default:
      return { waiting: { reason: defaultWaiting } };
  }
}

function isRunning(c: SimContainer): boolean {
  return c.state === 'Running' || c.state === 'Stopping';
}

function containerStatus(pod: SimPod, c: SimContainer, spec: KubeObject | undefined, defaultWaiting: string) {
  const run = runtimeRun(c);
  const everStarted = c.startedAt !== undefined;
  const ready =
    c.kind === 'init'
      ? c.state === 'Terminated' && c.current?.exitCode === 0
      : isRunning(c) && c.started && c.ready;
  const status: KubeObject = {
    name: c.name,
    state: stateOf(pod, c, defaultWaiting),
    lastState: c.previous ? { terminated: terminated(pod, c, c.previous) } : {},
    ready,
    restartCount: c.restartCount,
    image: everStarted ? normalizeImage(c.image) : c.image,
    imageID: everStarted ? imageId(c.image) : '',
    started: isRunning(c) && c.started,
  };
  if (run !== undefined) {
    status.containerID = containerId(pod, c, run);
    // InPlacePodVerticalScaling (on by default): the resources a created container runs with.
    const resources = (spec?.resources ?? {}) as KubeObject;
    status.resources = structuredClone(resources);
    if (resources.requests && Object.keys(resources.requests).length > 0)
      status.allocatedResources = structuredClone(resources.requests);
  }
  const mounts = (spec?.volumeMounts ?? []) as KubeObject[];
  if (mounts.length > 0) {
    status.volumeMounts = mounts.map((m) => ({
      name: m.name,
      mountPath: m.mountPath,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }));
  }
  return status;
}

type Status = KubeObject;

const byName = (statuses: Status[], name: string) => statuses.find((s) => s.name === name);

/** kubelet_pods.go getPhase (without the alpha ContainerRestartRules), over the rendered statuses. */
export function podPhase(
  spec: KubeObject,
  initStatuses: Status[],
  statuses: Status[],
  podIsTerminal: boolean,
  podHasInitialized: boolean,
): string {
  let pendingInit = 0;
  let failedInit = 0;
  let pendingSidecars = 0;
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  const inits = (spec.initContainers ?? []) as KubeObject[];
  for (const c of inits) {
    if (c.restartPolicy === 'Always') continue;
    const s = byName(initStatuses, c.name);
    if (!s) pendingInit++;
    else if (s.state.running) pendingInit++;
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state.waiting) {
      const last = s.lastState?.terminated;
      if (!last) pendingInit++;
      else if (last.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  for (const c of inits) {
    if (c.restartPolicy !== 'Always') continue;
    const s = byName(initStatuses, c.name);
    if (!s) unknown++;
    else if (s.state.running) {
      if (s.started !== true) pendingSidecars++;
      running++;
    } else if (s.state.waiting && !s.lastState?.terminated) {
      pendingSidecars++;
      waiting++;
    }
  }
  for (const c of (spec.containers ?? []) as KubeObject[]) {
    const s = byName(statuses, c.name);
    if (!s) unknown++;
    else if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const policy = spec.restartPolicy ?? 'Always';
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 || (pendingSidecars > 0 && !podHasInitialized) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

interface Condition {
  type: string;
  status: boolean;
  reason?: string;
  message?: string;
}

/** Go's %s of a []string. */
const list = (names: string[]) => `[${names.join(' ')}]`;

function regularStarted(statuses: Status[]): boolean {
  return statuses.some((s) => s.state.running || s.state.terminated);
}

/** generate.go: Initialized. */
function initializedCondition(
  spec: KubeObject,
  initStatuses: Status[],
  statuses: Status[],
  phase: string,
): Condition {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of (spec.initContainers ?? []) as KubeObject[]) {
    const s = byName(initStatuses, c.name);
    if (!s) unknown.push(c.name);
    else if (c.restartPolicy === 'Always' ? s.started !== true : !s.ready) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0)
    return { type: 'Initialized', status: true, reason: 'PodCompleted' };
  if (regularStarted(statuses)) return { type: 'Initialized', status: true };
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${list(incomplete)}`);
  if (messages.length > 0)
    return {
      type: 'Initialized',
      status: false,
      reason: 'ContainersNotInitialized',
      message: messages.join(', '),
    };
  return { type: 'Initialized', status: true };
}

/** generate.go: ContainersReady (sidecars count as containers). */
function containersReadyCondition(
  spec: KubeObject,
  initStatuses: Status[],
  statuses: Status[],
  phase: string,
): Condition {
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string, from: Status[]) => {
    const s = byName(from, name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of (spec.initContainers ?? []) as KubeObject[])
    if (c.restartPolicy === 'Always') check(c.name, initStatuses);
  for (const c of (spec.containers ?? []) as KubeObject[]) check(c.name, statuses);
  if ((phase === 'Succeeded' && unknown.length === 0) || phase === 'Failed')
    return {
      type: 'ContainersReady',
      status: false,
      reason: phase === 'Failed' ? 'PodFailed' : 'PodCompleted',
    };
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (unready.length > 0) messages.push(`containers with unready status: ${list(unready)}`);
  if (messages.length > 0)
    return {
      type: 'ContainersReady',
      status: false,
      reason: 'ContainersNotReady',
      message: messages.join(', '),
    };
  return { type: 'ContainersReady', status: true };
}

/** generate.go: Ready, from ContainersReady and the readiness gates. */
function readyCondition(spec: KubeObject, containersReady: Condition, others: KubeObject[]): Condition {
  if (!containersReady.status) return { ...containersReady, type: 'Ready' };
  const messages: string[] = [];
  for (const gate of (spec.readinessGates ?? []) as KubeObject[]) {
    const c = others.find((o) => o.type === gate.conditionType);
    if (!c)
      messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True')
      messages.push(
        `the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`,
      );
  }
  if (messages.length > 0)
    return { type: 'Ready', status: false, reason: 'ReadinessGatesNotReady', message: messages.join(', ') };
  return { type: 'Ready', status: true };
}

const kubeletConditions = new Set([
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
]);

export function renderPodStatus(pod: KubeObject, sim: SimPod, nowMs: number): KubeObject {
  const now = timeString(nowMs);
  const spec = (pod.spec ?? {}) as KubeObject;
  const specs = new Map<string, KubeObject>();
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as KubeObject[])
    specs.set(c.name, c);
  const hasInit = sim.containers.some((c) => c.kind !== 'regular');
  const defaultWaiting = hasInit ? 'PodInitializing' : 'ContainerCreating';
  const render = (c: SimContainer) => containerStatus(sim, c, specs.get(c.name), defaultWaiting);
  const initStatuses = sim.containers.filter((c) => c.kind !== 'regular').map(render);
  const regular = sim.containers.filter((c) => c.kind === 'regular');
  const statuses = [...regular].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(render);
  const podIsTerminal = regular.length > 0 && regular.every((c) => c.state === 'Terminated');
  const podHasInitialized = regular.some(isRunning);
  const phase = podPhase(spec, initStatuses, statuses, podIsTerminal, podHasInitialized);
  const terminal = phase === 'Succeeded' || phase === 'Failed';

  const previous = (pod.status?.conditions ?? []) as KubeObject[];
  // Conditions other components own (readiness gates, DisruptionTarget) stay, ahead of the kubelet's.
  const others = previous.filter((c) => !kubeletConditions.has(c.type));
  const containersReady = containersReadyCondition(spec, initStatuses, statuses, phase);
  const generated: Condition[] = [
    { type: 'PodReadyToStartContainers', status: sim.sandbox && !terminal },
    initializedCondition(spec, initStatuses, statuses, phase),
    readyCondition(spec, containersReady, others),
    containersReady,
    { type: 'PodScheduled', status: true },
  ];
  const conditions: KubeObject[] = [
    ...others,
    ...generated.map((c) => {
      const value = c.status ? 'True' : 'False';
      const old = previous.find((o) => o.type === c.type);
      const out: KubeObject = {
        type: c.type,
        status: value,
        lastProbeTime: null,
        lastTransitionTime: old && old.status === value ? old.lastTransitionTime : now,
      };
      if (c.reason) out.reason = c.reason;
      if (c.message) out.message = c.message;
      return out;
    }),
  ];
  const status: KubeObject = {
    phase,
    conditions,
    hostIP: sim.hostIP,
    hostIPs: [{ ip: sim.hostIP }],
    startTime: timeString(sim.startTime),
    containerStatuses: statuses,
  };
  if (initStatuses.length > 0) status.initContainerStatuses = initStatuses;
  if (sim.podIP) {
    status.podIP = sim.podIP;
    status.podIPs = [{ ip: sim.podIP }];
  }
  if (pod.status?.qosClass) status.qosClass = pod.status.qosClass;
  // PodObservedGenerationTracking (on since 1.34): the generation the kubelet acted on.
  const generation = pod.metadata?.generation;
  if (typeof generation === 'number') {
    status.observedGeneration = generation;
    for (const c of conditions) if (kubeletConditions.has(c.type)) c.observedGeneration = generation;
  }
  return status;
}

/** Whether the simulation still has something to do for a pod whose phase is terminal. */
export function settled(sim: SimPod): boolean {
  return sim.containers.every((c) => !isRunning(c));
}
