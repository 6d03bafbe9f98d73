// How a simulated pod behaves: the cluster's failure patterns (`bosun up
// --image-pull-failure PATTERN`, `--image-crash PATTERN`, globs on the image
// reference) and per-pod annotations, resolved into one profile per container.

/**
 * Pod annotations that shape the simulation (documented for users). Times are
 * seconds, counted from the moment each container (re)starts unless said otherwise;
 * every annotation applies to all containers of the pod that it can apply to.
 */
export const annotations = {
  /** Seconds an image pull takes (default 1). */
  pullSeconds: 'bosun.dev/pull-seconds',
  /** Seconds from the pull to the container running (default 0). */
  startSeconds: 'bosun.dev/start-seconds',
  /** "never": readiness probes never pass, the pod stays Running but not Ready. */
  readiness: 'bosun.dev/readiness',
  /** Readiness probes pass until this many seconds after the start, then fail (the pod turns NotReady). */
  readinessFailsAfterSeconds: 'bosun.dev/readiness-fails-after-seconds',
  /** "never": liveness probes fail from the first probe, so the container is killed and restarted. */
  liveness: 'bosun.dev/liveness',
  /** Liveness probes pass until this many seconds after the start, then fail: kill, restart, back-off. */
  livenessFailsAfterSeconds: 'bosun.dev/liveness-fails-after-seconds',
  /** "never": startup probes never pass: the container is killed after failureThreshold probes. */
  startup: 'bosun.dev/startup',
  /** Seconds the application takes to start: startup probes fail until then (default 0). */
  startupSeconds: 'bosun.dev/startup-seconds',
  /** Seconds an init container (not a sidecar) runs before it exits with 0 (default 1). */
  initSeconds: 'bosun.dev/init-seconds',
  /**
   * Seconds the containers take to stop once told to (deletion, a failed liveness or startup
   * probe, sidecars after the main containers finished). Default: the whole grace period, after
   * which the container is killed (exit code 137); a container that stops sooner exits with 143.
   */
  stopSeconds: 'bosun.dev/stop-seconds',
  /** Seconds an app container runs before it exits on its own (Job pods; default: it never exits). */
  exitAfterSeconds: 'bosun.dev/exit-after-seconds',
  /** The exit code of that exit (default 0: Completed; anything else: Error). */
  exitCode: 'bosun.dev/exit-code',
} as const;

export interface FailurePatterns {
  /** Images that never pull: ErrImagePull, then ImagePullBackOff. */
  imagePullFailure?: string[];
  /** Images whose containers exit with code 1 a second after they start: CrashLoopBackOff. */
  imageCrash?: string[];
}

/** What the simulated application in one container does; undefined times mean "never". */
export interface ContainerProfile {
  pullMs: number;
  startMs: number;
  pullFails: boolean;
  crashes: boolean;
  neverReady: boolean;
  /** From when (after the start) readiness probes fail. */
  readinessFailsAfterMs: number | undefined;
  /** From when (after the start) liveness probes fail. */
  livenessFailsAfterMs: number | undefined;
  /** From when (after the start) startup probes pass. */
  startupPassesAfterMs: number | undefined;
  /** How long an init container runs before it exits with 0. */
  initMs: number;
  /** How long the process takes to stop when told to; undefined: it ignores SIGTERM. */
  stopMs: number | undefined;
  /** When the container exits by itself after running (undefined: it runs until stopped). */
  exitAfterMs: number | undefined;
  exitCode: number;
  /** The pod's restartPolicy: Always, OnFailure or Never. */
  restartPolicy: string;
}

/** docker.io/library/nginx:latest for `nginx`: the reference the runtime reports. */
export function normalizeImage(image: string): string {
  let ref = image;
  const firstSlash = ref.indexOf('/');
  const first = firstSlash < 0 ? '' : ref.slice(0, firstSlash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  if (!hasRegistry) ref = firstSlash < 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`;
  const lastSlash = ref.lastIndexOf('/');
  if (!ref.includes('@') && !ref.slice(lastSlash + 1).includes(':')) ref = `${ref}:latest`;
  return ref;
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A pattern matches the image as written or as normalized (`nginx` and `docker.io/library/nginx:latest`). */
export function imageMatches(patterns: string[] | undefined, image: string): boolean {
  if (!patterns || patterns.length === 0) return false;
  const forms = [image, normalizeImage(image)];
  return patterns.some((p) => {
    const re = globToRegExp(p);
    return forms.some((f) => re.test(f));
  });
}

function seconds(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n * 1000 : fallback;
}

function optionalSeconds(value: unknown): number | undefined {
  const ms = seconds(value, -1);
  return ms < 0 ? undefined : ms;
}

export function containerProfile(
  podAnnotations: Record<string, string> | undefined,
  image: string,
  patterns: FailurePatterns,
  restartPolicy = 'Always',
): ContainerProfile {
  const a = podAnnotations ?? {};
  const exitCode = Number(a[annotations.exitCode]);
  return {
    pullMs: seconds(a[annotations.pullSeconds], 1000),
    startMs: seconds(a[annotations.startSeconds], 0),
    pullFails: imageMatches(patterns.imagePullFailure, image),
    crashes: imageMatches(patterns.imageCrash, image),
    neverReady: a[annotations.readiness] === 'never',
    readinessFailsAfterMs: optionalSeconds(a[annotations.readinessFailsAfterSeconds]),
    livenessFailsAfterMs:
      a[annotations.liveness] === 'never' ? 0 : optionalSeconds(a[annotations.livenessFailsAfterSeconds]),
    startupPassesAfterMs:
      a[annotations.startup] === 'never' ? undefined : seconds(a[annotations.startupSeconds], 0),
    initMs: seconds(a[annotations.initSeconds], 1000),
    stopMs: optionalSeconds(a[annotations.stopSeconds]),
    exitAfterMs: optionalSeconds(a[annotations.exitAfterSeconds]),
    exitCode: Number.isInteger(exitCode) && exitCode >= 0 && exitCode <= 255 ? exitCode : 0,
    restartPolicy,
  };
}

/** The kubelet's container back-off: 10s doubling to five minutes. */
export const initialBackOffMs = 10_000;
export const maxBackOffMs = 300_000;

export function backOffMs(failures: number): number {
  return Math.min(maxBackOffMs, initialBackOffMs * 2 ** Math.max(0, failures - 1));
}

/**
 * One container's restart back-off (client-go's flowcontrol.Backoff as the kubelet keys it):
 * the current delay, and when it last grew. An entry idle for twice the maximum is forgotten.
 */
export interface BackOff {
  delayMs: number;
  updatedAt: number;
}

function expired(b: BackOff, finishedAt: number): boolean {
  return finishedAt - b.updatedAt > 2 * maxBackOffMs;
}

/** Whether a restart of a container that exited at `finishedAt` must wait at `now`. */
export function inBackOff(b: BackOff | undefined, finishedAt: number, now: number): boolean {
  return b !== undefined && !expired(b, finishedAt) && now - finishedAt < b.delayMs;
}

/** The back-off after a restart at `now` of a container that exited at `finishedAt`. */
export function nextBackOff(b: BackOff | undefined, finishedAt: number, now: number): BackOff {
  if (!b || expired(b, finishedAt)) return { delayMs: initialBackOffMs, updatedAt: now };
  return { delayMs: Math.min(maxBackOffMs, b.delayMs * 2), updatedAt: now };
}
