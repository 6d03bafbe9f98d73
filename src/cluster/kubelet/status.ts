// The pod status a kubelet reports, rendered from the simulated containers:
// phase, the five pod conditions (transition times kept while unchanged),
// IPs, start time and container statuses sorted by name.

import type { KubeObject } from '../controllers/index.ts';
import { timeString } from '../controllers/index.ts';
import { backOffMs, normalizeImage } from './profile.ts';
import { goDuration, pullErrorMessage, type SimContainer } from './stages.ts';

export interface SimPod {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  hostIP: string;
  podIP: string | undefined;
  startTime: number;
  containers: SimContainer[];
  /** When the kubelet began stopping the pod (deletionTimestamp seen). */
  stoppingSince?: number;
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

function hasStarted(c: SimContainer): boolean {
  return c.startedAt !== undefined;
}

function containerStatus(pod: SimPod, c: SimContainer): KubeObject {
  const started = hasStarted(c);
  let state: KubeObject;
  switch (c.state) {
    case 'Running':
      state = { running: { startedAt: timeString(c.startedAt!) } };
      break;
    case 'Creating':
      state = { waiting: { reason: 'ContainerCreating' } };
      break;
    case 'ErrImagePull':
      state = { waiting: { reason: 'ErrImagePull', message: pullErrorMessage(c.image) } };
      break;
    case 'ImagePullBackOff':
      state = {
        waiting: {
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${c.image}": ErrImagePull: ${pullErrorMessage(c.image)}`,
        },
      };
      break;
    case 'Terminated': {
      const t = c.terminated!;
      state = {
        terminated: {
          exitCode: t.exitCode,
          reason: t.reason,
          startedAt: timeString(t.startedAt),
          finishedAt: timeString(t.finishedAt),
          containerID: `containerd://${hex(`${pod.uid}/${c.name}/${c.restartCount}`, 64)}`,
        },
      };
      break;
    }
    case 'CrashLoopBackOff':
      state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(backOffMs(c.crashes))} restarting failed container=${c.name} pod=${pod.name}_${pod.namespace}(${pod.uid})`,
        },
      };
      break;
  }
  const status: KubeObject = {
    name: c.name,
    state,
    lastState: c.lastTerminated
      ? {
          terminated: {
            exitCode: c.lastTerminated.exitCode,
            reason: c.lastTerminated.reason,
            startedAt: timeString(c.lastTerminated.startedAt),
            finishedAt: timeString(c.lastTerminated.finishedAt),
            containerID: `containerd://${hex(`${pod.uid}/${c.name}/${c.restartCount - 1}`, 64)}`,
          },
        }
      : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: started ? normalizeImage(c.image) : c.image,
    imageID: started ? imageId(c.image) : '',
    started: c.state === 'Running',
  };
  if (started) status.containerID = `containerd://${hex(`${pod.uid}/${c.name}/${c.restartCount}`, 64)}`;
  return status;
}

type PodCondition = {
  type: string;
  status: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
};

function condition(
  previous: PodCondition[],
  type: string,
  status: boolean,
  now: string,
  reason?: string,
  message?: string,
): Record<string, unknown> {
  const value = status ? 'True' : 'False';
  const old = previous.find((c) => c.type === type);
  const out: Record<string, unknown> = {
    type,
    status: value,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === value ? old.lastTransitionTime : now,
  };
  if (!status && reason) {
    out.reason = reason;
    out.message = message;
  }
  return out;
}

/** Succeeded or Failed once every container has exited for good (restartPolicy Never/OnFailure). */
export function podPhase(sim: SimPod): string {
  if (sim.containers.length > 0 && sim.containers.every((c) => c.state === 'Terminated'))
    return sim.containers.every((c) => c.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
  return sim.containers.some(hasStarted) ? 'Running' : 'Pending';
}

/** A terminal pod's conditions (generate.go): not ready with PodCompleted/PodFailed, the sandbox gone. */
function terminalConditions(previous: PodCondition[], phase: string, now: string): Record<string, unknown>[] {
  const reason = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
  const initialized = condition(previous, 'Initialized', true, now);
  if (phase === 'Succeeded') initialized.reason = 'PodCompleted';
  const notReady = (type: string) => ({ ...condition(previous, type, false, now), reason });
  return [
    condition(previous, 'PodReadyToStartContainers', false, now),
    initialized,
    notReady('Ready'),
    notReady('ContainersReady'),
  ];
}

export function renderPodStatus(pod: KubeObject, sim: SimPod, nowMs: number): KubeObject {
  const now = timeString(nowMs);
  const phase = podPhase(sim);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const previous = (pod.status?.conditions ?? []) as PodCondition[];
  const containers = [...sim.containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const unready = sim.containers.filter((c) => !c.ready).map((c) => c.name);
  const allReady = unready.length === 0;
  const sandboxReady = sim.podIP !== undefined;
  const unreadyMessage = `containers with unready status: [${unready.join(' ')}]`;
  const scheduled = previous.find((c) => c.type === 'PodScheduled');
  const status: KubeObject = {
    phase,
    conditions: [
      ...(terminal
        ? terminalConditions(previous, phase, now)
        : [
            condition(previous, 'PodReadyToStartContainers', sandboxReady, now),
            condition(previous, 'Initialized', true, now),
            condition(previous, 'Ready', allReady, now, 'ContainersNotReady', unreadyMessage),
            condition(previous, 'ContainersReady', allReady, now, 'ContainersNotReady', unreadyMessage),
          ]),
      {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: scheduled?.lastTransitionTime ?? now,
      },
    ],
    hostIP: sim.hostIP,
    hostIPs: [{ ip: sim.hostIP }],
    startTime: timeString(sim.startTime),
    containerStatuses: containers.map((c) => containerStatus(sim, c)),
  };
  if (sim.podIP) {
    status.podIP = sim.podIP;
    status.podIPs = [{ ip: sim.podIP }];
  }
  if (pod.status?.qosClass) status.qosClass = pod.status.qosClass;
  // PodObservedGenerationTracking (on since 1.34): the generation the kubelet acted on.
  const generation = pod.metadata?.generation;
  if (typeof generation === 'number') {
    status.observedGeneration = generation;
    for (const c of status.conditions as Record<string, unknown>[]) c.observedGeneration = generation;
  }
  return status;
}
