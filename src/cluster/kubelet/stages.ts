// The pod lifecycle as data (kwok's stages): each container moves through
// named states; a stage says from which state, under what condition, after
// how long, to which state, and which events the kubelet records on the way.
// The pod's status is rendered from the containers' states (status.ts).

import type { ContainerProfile } from './profile.ts';
import { backOffMs } from './profile.ts';

export type ContainerState =
  | 'Creating'
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'Running'
  | 'CrashLoopBackOff'
  /** Exited for good (restartPolicy Never, or OnFailure after exit code 0): the pod may be terminal. */
  | 'Terminated';

export interface SimContainer {
  name: string;
  image: string;
  profile: ContainerProfile;
  /** Delay from start to the first passing readiness probe; undefined when the container has no probe. */
  readinessDelayMs: number | undefined;
  /** True when the image is on the node and the pull policy allows using it. */
  imagePresent: boolean;
  state: ContainerState;
  /** When the container entered `state`. */
  since: number;
  startedAt?: number;
  ready: boolean;
  restartCount: number;
  pullFailures: number;
  crashes: number;
  lastTerminated?: { startedAt: number; finishedAt: number; exitCode: number; reason: string };
  /** The final exit, once state is Terminated. */
  terminated?: { startedAt: number; finishedAt: number; exitCode: number; reason: string };
}

export interface StageEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: (c: SimContainer, podRef: string) => string;
}

export interface ContainerStage {
  name: string;
  from: ContainerState;
  when?: (c: SimContainer) => boolean;
  /** Delay after the container entered its state. */
  afterMs: (c: SimContainer) => number;
  /** Moves the container on (mutating it) at `now`. */
  apply: (c: SimContainer, now: number) => void;
  events: StageEvent[];
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

function start(c: SimContainer, now: number): void {
  c.state = 'Running';
  c.since = now;
  c.startedAt = now;
  c.ready = false;
  c.imagePresent = true;
}

/** Events on entering Creating: a pull, or the image already on the node. */
export function creatingEvents(c: SimContainer): StageEvent[] {
  if (c.imagePresent)
    return [
      {
        type: 'Normal',
        reason: 'Pulled',
        message: (x) => `Container image "${x.image}" already present on machine`,
      },
    ];
  return [pulling];
}

/** Whether the kubelet restarts a container that exited with `exitCode`, by the pod's restartPolicy. */
export function restartsAfterExit(c: SimContainer, exitCode: number): boolean {
  const policy = c.profile.restartPolicy;
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/** The code a container exits with: 1 for a crashing image, else the exit-code annotation. */
function exitCodeOf(c: SimContainer): number {
  return c.profile.crashes ? 1 : c.profile.exitCode;
}

function exitsOnItsOwn(c: SimContainer): boolean {
  return c.profile.crashes || c.profile.exitAfterMs !== undefined;
}

/** Crashing images exit a second after starting; others after their exit-after-seconds. */
function runMs(c: SimContainer): number {
  return c.profile.crashes ? 1000 : (c.profile.exitAfterMs ?? 0);
}

function exited(
  c: SimContainer,
  now: number,
): { startedAt: number; finishedAt: number; exitCode: number; reason: string } {
  const exitCode = exitCodeOf(c);
  return {
    startedAt: c.startedAt ?? now,
    finishedAt: now,
    exitCode,
    reason: exitCode === 0 ? 'Completed' : 'Error',
  };
}

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
  {
    name: 'ready',
    from: 'Running',
    // A container that exits before its probe would pass is never ready.
    when: (c) =>
      !c.ready &&
      !c.profile.crashes &&
      !c.profile.neverReady &&
      (c.profile.exitAfterMs === undefined || (c.readinessDelayMs ?? 0) < c.profile.exitAfterMs),
    afterMs: (c) => c.readinessDelayMs ?? 0,
    apply: (c) => {
      c.ready = true;
    },
    events: [],
  },
  {
    name: 'completed',
    from: 'Running',
    when: (c) => exitsOnItsOwn(c) && !restartsAfterExit(c, exitCodeOf(c)),
    afterMs: runMs,
    apply: (c, now) => {
      c.terminated = exited(c, now);
      c.state = 'Terminated';
      c.since = now;
      c.ready = false;
    },
    events: [],
  },
  {
    name: 'crashed',
    from: 'Running',
    when: (c) => exitsOnItsOwn(c) && restartsAfterExit(c, exitCodeOf(c)),
    afterMs: runMs,
    apply: (c, now) => {
      c.crashes++;
      c.lastTerminated = exited(c, now);
      c.state = 'CrashLoopBackOff';
      c.since = now;
      c.ready = false;
    },
    events: [
      {
        type: 'Warning',
        reason: 'BackOff',
        message: (c, podRef) => `Back-off restarting failed container ${c.name} in pod ${podRef}`,
      },
    ],
  },
  {
    name: 'restarted',
    from: 'CrashLoopBackOff',
    afterMs: (c) => backOffMs(c.crashes),
    apply: (c, now) => {
      c.restartCount++;
      start(c, now);
    },
    events: [
      {
        type: 'Normal',
        reason: 'Pulled',
        message: (c) => `Container image "${c.image}" already present on machine`,
      },
      created,
      started,
    ],
  },
];

/** The stage that applies to the container now, if any. */
export function nextStage(c: SimContainer): ContainerStage | undefined {
  return containerStages.find((s) => s.from === c.state && (s.when ? s.when(c) : true));
}

/** A stable, plausible image size from the reference. */
export function imageSize(image: string): number {
  let h = 0;
  for (let i = 0; i < image.length; i++) h = (Math.imul(h, 31) + image.charCodeAt(i)) >>> 0;
  return 5_000_000 + (h % 90_000_000);
}
