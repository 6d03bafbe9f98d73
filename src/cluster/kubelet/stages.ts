// The container lifecycle as data (kwok's stages): each container moves through
// named states; a stage says from which state, under what condition, after how
// long, to which state, and which events the kubelet records on the way. Of the
// stages that apply, the one due first runs. The pod's status is rendered from the
// containers' states (status.ts); what gates a container's start (volumes, the init
// containers before it) is the kubelet's business (kubelet.ts).

import { failingProbes, type ProbeTiming, probeAt, readyAt, startupOutcome } from './probes.ts';
import { type BackOff, backOffMs, type ContainerProfile, inBackOff, nextBackOff } from './profile.ts';

export type ContainerState =
  /** Not created yet: its volumes, or the init containers before it, are not ready. */
  | 'Waiting'
  | 'Creating'
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'Running'
  /** Told to stop (a failed probe, the pod finishing): still running until it exits. */
  | 'Stopping'
  /** Exited, and the kubelet will restart it (at once, or after a back-off). */
  | 'Exited'
  | 'CrashLoopBackOff'
  /** Exited for good: a completed init container, or restartPolicy Never/OnFailure says so. */
  | 'Terminated';

/** Regular containers; init containers run one after another before them; sidecars are init containers with restartPolicy Always. */
export type ContainerKind = 'init' | 'sidecar' | 'regular';

export interface Termination {
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: string;
  /** Which run of the container it was (its restartCount then): names its container ID. */
  run: number;
}

export interface SimContainer {
  name: string;
  image: string;
  kind: ContainerKind;
  profile: ContainerProfile;
  probes: { startup?: ProbeTiming; liveness?: ProbeTiming; readiness?: ProbeTiming };
  /** The pod's terminationGracePeriodSeconds, in ms. */
  graceMs: number;
  /** True when the image is on the node and the pull policy allows using it. */
  imagePresent: boolean;
  state: ContainerState;
  /** When the container entered `state`. */
  since: number;
  /** When the current (or last) run started. */
  startedAt?: number;
  /** The startup probe has passed in this run (or there is none). */
  started: boolean;
  /** When (after the run's start) it did. */
  startedAfterMs: number;
  ready: boolean;
  startupFailures: number;
  livenessFailures: number;
  readinessFailures: number;
  /** An init container that completed, or a sidecar that started once: the next one may start. */
  initialized: boolean;
  restartCount: number;
  pullFailures: number;
  backOff?: BackOff;
  /** While Stopping: why, how long it takes, and the exit code it ends with. */
  stopping?: { reason: 'liveness' | 'startup' | 'stop'; durationMs: number; exitCode: number };
  /** After an exit: how long until the kubelet acts on it. */
  noticeMs: number;
  /** The run that exited (Exited, Terminated). */
  current?: Termination;
  /** The run before (lastState.terminated). */
  previous?: Termination;
}

export interface PodRef {
  /** name_namespace(uid), as the kubelet names pods in messages. */
  ref: string;
  ip: string | undefined;
}

export interface StageEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: (c: SimContainer, pod: PodRef) => string;
}

export interface ContainerStage {
  name: string;
  from: ContainerState;
  when?: (c: SimContainer) => boolean;
  /** Delay after the container entered its state. */
  afterMs: (c: SimContainer) => number;
  /** Moves the container on (mutating it) at `now`. */
  apply: (c: SimContainer, now: number) => void;
  /** Events recorded once the stage applied (a function sees the container after it). */
  events: StageEvent[] | ((c: SimContainer) => StageEvent[]);
}

/** The message a failed pull reports (containerd's not-found error). */
export function pullErrorMessage(image: string): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
}

/** Go's time.Duration printing for whole milliseconds (1s, 1.5s, 250ms). */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${ms / 1000}s`;
  const m = Math.floor(ms / 60_000);
  const rest = ms - m * 60_000;
  return `${m}m${rest / 1000}s`;
}

const pulling: StageEvent = {
  type: 'Normal',
  reason: 'Pulling',
  message: (c) => `Pulling image "${c.image}"`,
};
const alreadyPresent: StageEvent = {
  type: 'Normal',
  reason: 'Pulled',
  message: (c) => `Container image "${c.image}" already present on machine`,
};
const created: StageEvent = {
  type: 'Normal',
  reason: 'Created',
  message: (c) => `Created container: ${c.name}`,
};
const started: StageEvent = {
  type: 'Normal',
  reason: 'Started',
  message: (c) => `Started container ${c.name}`,
};

function unhealthy(
  kind: 'Startup' | 'Liveness' | 'Readiness',
  probe: (c: SimContainer) => ProbeTiming | undefined,
) {
  return {
    type: 'Warning',
    reason: 'Unhealthy',
    message: (c: SimContainer, pod: PodRef) => `${kind} probe failed: ${probe(c)?.failure(pod.ip) ?? ''}`,
  } satisfies StageEvent;
}

/** The Killing event of a container told to stop (kuberuntime's messages per cause). */
const killing: StageEvent = {
  type: 'Normal',
  reason: 'Killing',
  message: (c) => {
    const why = c.stopping?.reason;
    if (why === 'stop') return `Stopping container ${c.name}`;
    const probe = why === 'startup' ? 'startup' : 'liveness';
    if (c.kind === 'sidecar') return `Init container ${c.name} failed ${probe} probe`;
    const restarts = c.profile.restartPolicy !== 'Never';
    return `Container ${c.name} failed ${probe} probe${restarts ? ', will be restarted' : ''}`;
  },
};

/** A new run of the container starts at `now`. */
export function start(c: SimContainer, now: number): void {
  c.state = 'Running';
  c.since = now;
  c.startedAt = now;
  c.ready = false;
  c.started = c.probes.startup === undefined;
  c.startedAfterMs = 0;
  c.startupFailures = 0;
  c.livenessFailures = 0;
  c.readinessFailures = 0;
  c.imagePresent = true;
  if (c.kind === 'sidecar' && c.started) c.initialized = true;
}

/** Events on entering Creating: a pull, or the image already on the node. */
export function creatingEvents(c: SimContainer): StageEvent[] {
  return c.imagePresent ? [alreadyPresent] : [pulling];
}

/** Whether the kubelet restarts a container that exited with `exitCode`. */
export function restartsAfterExit(c: SimContainer, exitCode: number): boolean {
  if (c.stopping?.reason === 'stop') return false;
  if (c.kind === 'sidecar') return true;
  const policy = c.profile.restartPolicy;
  if (c.kind === 'init') return exitCode !== 0 && policy !== 'Never';
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/** Tells a running container to stop: it exits after its stop time, or is killed at the grace period's end. */
export function stop(
  c: SimContainer,
  reason: 'liveness' | 'startup' | 'stop',
  now: number,
  graceMs?: number,
): void {
  const probe =
    reason === 'liveness' ? c.probes.liveness : reason === 'startup' ? c.probes.startup : undefined;
  const grace = graceMs ?? probe?.terminationGracePeriodMs ?? c.graceMs;
  const own = c.profile.stopMs;
  c.stopping =
    own !== undefined && own < grace
      ? { reason, durationMs: own, exitCode: 143 }
      : { reason, durationMs: grace, exitCode: 137 };
  c.state = 'Stopping';
  c.since = now;
}

function exit(c: SimContainer, now: number, exitCode: number, noticeMs: number): void {
  c.current = {
    startedAt: c.startedAt ?? now,
    finishedAt: now,
    exitCode,
    reason: exitCode === 0 ? 'Completed' : 'Error',
    run: c.restartCount,
  };
  c.state = restartsAfterExit(c, exitCode) ? 'Exited' : 'Terminated';
  if (c.kind === 'init' && exitCode === 0) c.initialized = true;
  c.stopping = undefined;
  c.since = now;
  c.noticeMs = noticeMs;
  c.ready = false;
  c.started = false;
}

function restart(c: SimContainer, now: number): void {
  if (c.current) {
    c.previous = c.current;
    c.current = undefined;
  }
  c.backOff = nextBackOff(c.backOff, c.previous?.finishedAt ?? now, now);
  c.restartCount++;
  start(c, now);
}

/** Crashing images exit with 1; init containers with 0; others with the exit-code annotation. */
function exitCodeOf(c: SimContainer): number {
  if (c.profile.crashes) return 1;
  return c.kind === 'init' ? 0 : c.profile.exitCode;
}

function exitsOnItsOwn(c: SimContainer): boolean {
  if (c.profile.crashes || c.kind === 'init') return true;
  return c.kind === 'regular' && c.profile.exitAfterMs !== undefined;
}

/** Crashing images exit a second after starting; init containers after init-seconds; others after exit-after-seconds. */
function runMs(c: SimContainer): number {
  if (c.profile.crashes) return 1000;
  return c.kind === 'init' ? c.profile.initMs : (c.profile.exitAfterMs ?? 0);
}

function startup(c: SimContainer) {
  return startupOutcome(c.probes.startup!, c.profile.startupPassesAfterMs);
}

/** The probe number of the run's readiness success. */
function readinessPass(c: SimContainer): number | undefined {
  return readyAt(c.probes.readiness!, c.startedAfterMs, c.profile.readinessFailsAfterMs);
}

/** The kubelet notices an exit on its next relist (a second); a kill it made itself at once. */
const relistMs = 1000;

export const containerStages: ContainerStage[] = [
  {
    name: 'pull-failed',
    from: 'Creating',
    when: (c) => c.profile.pullFails && !c.imagePresent,
    afterMs: (c) => c.profile.pullMs,
    apply: (c, now) => {
      c.state = 'ErrImagePull';
      c.since = now;
      c.pullFailures++;
    },
    events: [
      {
        type: 'Warning',
        reason: 'Failed',
        message: (c) => `Failed to pull image "${c.image}": ${pullErrorMessage(c.image)}`,
      },
      { type: 'Warning', reason: 'Failed', message: () => 'Error: ErrImagePull' },
    ],
  },
  {
    name: 'pulled-and-started',
    from: 'Creating',
    when: (c) => !c.imagePresent && !c.profile.pullFails,
    afterMs: (c) => c.profile.pullMs + c.profile.startMs,
    apply: start,
    events: [
      {
        type: 'Normal',
        reason: 'Pulled',
        message: (c) =>
          `Successfully pulled image "${c.image}" in ${goDuration(c.profile.pullMs)} (${goDuration(c.profile.pullMs)} including waiting). Image size: ${imageSize(c.image)} bytes.`,
      },
      created,
      started,
    ],
  },
  {
    name: 'started',
    from: 'Creating',
    when: (c) => c.imagePresent,
    afterMs: (c) => c.profile.startMs,
    apply: start,
    events: [created, started],
  },
  {
    name: 'pull-back-off',
    from: 'ErrImagePull',
    afterMs: () => 1000,
    apply: (c, now) => {
      c.state = 'ImagePullBackOff';
      c.since = now;
    },
    events: [
      { type: 'Normal', reason: 'BackOff', message: (c) => `Back-off pulling image "${c.image}"` },
      { type: 'Warning', reason: 'Failed', message: () => 'Error: ImagePullBackOff' },
    ],
  },
  {
    name: 'pull-retried',
    from: 'ImagePullBackOff',
    afterMs: (c) => backOffMs(c.pullFailures) + c.profile.pullMs,
    apply: (c, now) => {
      c.state = 'ErrImagePull';
      c.since = now;
      c.pullFailures++;
    },
    events: [
      pulling,
      {
        type: 'Warning',
        reason: 'Failed',
        message: (c) => `Failed to pull image "${c.image}": ${pullErrorMessage(c.image)}`,
      },
      { type: 'Warning', reason: 'Failed', message: () => 'Error: ErrImagePull' },
    ],
  },
  // The process exits by itself (listed before the probes: on a tie, the exit wins).
  {
    name: 'exited',
    from: 'Running',
    when: exitsOnItsOwn,
    afterMs: runMs,
    apply: (c, now) => exit(c, now, exitCodeOf(c), relistMs),
    events: [],
  },
  {
    name: 'startup-probe-failed',
    from: 'Running',
    when: (c) => c.probes.startup !== undefined && !c.started && c.startupFailures < startup(c).failures,
    afterMs: (c) => probeAt(c.probes.startup!, c.startupFailures),
    apply: (c, now) => {
      c.startupFailures++;
      if (startup(c).passes === undefined && c.startupFailures >= c.probes.startup!.failureThreshold)
        stop(c, 'startup', now);
    },
    events: (c) => [
      unhealthy('Startup', (x) => x.probes.startup),
      ...(c.state === 'Stopping' ? [killing] : []),
    ],
  },
  {
    name: 'startup-probe-passed',
    from: 'Running',
    when: (c) =>
      c.probes.startup !== undefined &&
      !c.started &&
      startup(c).passes !== undefined &&
      c.startupFailures >= startup(c).failures,
    afterMs: (c) => probeAt(c.probes.startup!, startup(c).passes!),
    apply: (c, now) => {
      c.started = true;
      c.startedAfterMs = now - c.since;
      if (c.kind === 'sidecar') c.initialized = true;
    },
    events: [],
  },
  {
    name: 'ready',
    from: 'Running',
    // A crashing image dies at start-up, before it could serve.
    when: (c) =>
      c.kind !== 'init' &&
      c.started &&
      !c.ready &&
      c.readinessFailures === 0 &&
      !c.profile.crashes &&
      !c.profile.neverReady &&
      (c.probes.readiness === undefined || readinessPass(c) !== undefined),
    afterMs: (c) =>
      c.probes.readiness === undefined ? c.startedAfterMs : probeAt(c.probes.readiness, readinessPass(c)!),
    apply: (c) => {
      c.ready = true;
    },
    events: [],
  },
  {
    name: 'readiness-probe-failed',
    from: 'Running',
    when: (c) =>
      c.ready &&
      c.probes.readiness !== undefined &&
      c.profile.readinessFailsAfterMs !== undefined &&
      c.readinessFailures < c.probes.readiness.failureThreshold,
    afterMs: (c) => {
      const p = c.probes.readiness!;
      return probeAt(
        p,
        failingProbes(p, c.startedAfterMs, c.profile.readinessFailsAfterMs!)[c.readinessFailures],
      );
    },
    apply: (c) => {
      c.readinessFailures++;
      if (c.readinessFailures >= c.probes.readiness!.failureThreshold) c.ready = false;
    },
    events: [unhealthy('Readiness', (c) => c.probes.readiness)],
  },
  {
    name: 'liveness-probe-failed',
    from: 'Running',
    when: (c) =>
      c.started &&
      c.probes.liveness !== undefined &&
      c.profile.livenessFailsAfterMs !== undefined &&
      c.livenessFailures < c.probes.liveness.failureThreshold,
    afterMs: (c) => {
      const p = c.probes.liveness!;
      return probeAt(
        p,
        failingProbes(p, c.startedAfterMs, c.profile.livenessFailsAfterMs!)[c.livenessFailures],
      );
    },
    apply: (c, now) => {
      c.livenessFailures++;
      if (c.livenessFailures >= c.probes.liveness!.failureThreshold) stop(c, 'liveness', now);
    },
    events: (c) => [
      unhealthy('Liveness', (x) => x.probes.liveness),
      ...(c.state === 'Stopping' ? [killing] : []),
    ],
  },
  {
    name: 'stopped',
    from: 'Stopping',
    afterMs: (c) => c.stopping!.durationMs,
    apply: (c, now) => exit(c, now, c.stopping!.exitCode, 0),
    events: [],
  },
  {
    name: 'crash-loop',
    from: 'Exited',
    when: (c) => inBackOff(c.backOff, c.current!.finishedAt, c.since + c.noticeMs),
    afterMs: (c) => c.noticeMs,
    apply: (c, now) => {
      c.previous = c.current;
      c.current = undefined;
      c.state = 'CrashLoopBackOff';
      c.since = now;
    },
    events: [
      {
        type: 'Warning',
        reason: 'BackOff',
        message: (c, pod) => `Back-off restarting failed container ${c.name} in pod ${pod.ref}`,
      },
    ],
  },
  {
    // The first exit, or one long after the last restart: no back-off.
    name: 'restarted-at-once',
    from: 'Exited',
    when: (c) => !inBackOff(c.backOff, c.current!.finishedAt, c.since + c.noticeMs),
    afterMs: (c) => c.noticeMs,
    apply: restart,
    events: [alreadyPresent, created, started],
  },
  {
    name: 'restarted',
    from: 'CrashLoopBackOff',
    afterMs: (c) => c.previous!.finishedAt + c.backOff!.delayMs - c.since,
    apply: restart,
    events: [alreadyPresent, created, started],
  },
];

/** The stage that applies to the container next, and when it is due (the earliest; ties by list order). */
export function nextStage(c: SimContainer): { stage: ContainerStage; due: number } | undefined {
  let best: { stage: ContainerStage; due: number } | undefined;
  for (const stage of containerStages) {
    if (stage.from !== c.state || (stage.when && !stage.when(c))) continue;
    const due = c.since + stage.afterMs(c);
    if (!best || due < best.due) best = { stage, due };
  }
  return best;
}

export function stageEvents(stage: ContainerStage, c: SimContainer): StageEvent[] {
  return typeof stage.events === 'function' ? stage.events(c) : stage.events;
}

/** A stable, plausible image size from the reference. */
export function imageSize(image: string): number {
  let h = 0;
  for (let i = 0; i < image.length; i++) h = (Math.imul(h, 31) + image.charCodeAt(i)) >>> 0;
  return 5_000_000 + (h % 90_000_000);
}
