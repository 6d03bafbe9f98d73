// How a simulated pod behaves: the cluster's failure patterns (`bosun up
// --image-pull-failure PATTERN`, `--image-crash PATTERN`, globs on the image
// reference) and per-pod annotations, resolved into one profile per container.

/** Pod annotations that shape the simulation (documented for users). */
export const annotations = {
  /** Seconds an image pull takes (default 1). */
  pullSeconds: 'bosun.dev/pull-seconds',
  /** Seconds from the pull to the container running (default 0). */
  startSeconds: 'bosun.dev/start-seconds',
  /** "never": readiness probes never pass, the pod stays Running but not Ready. */
  readiness: 'bosun.dev/readiness',
  /** Seconds the containers take to stop after a deletion (default: the whole grace period). */
  stopSeconds: 'bosun.dev/stop-seconds',
  /** Seconds a container runs before it exits on its own (Job pods; default: it never exits). */
  exitAfterSeconds: 'bosun.dev/exit-after-seconds',
  /** The exit code of that exit (default 0: Completed; anything else: Error). */
  exitCode: 'bosun.dev/exit-code',
} as const;

export interface FailurePatterns {
  /** Images that never pull: ErrImagePull, then ImagePullBackOff. */
  imagePullFailure?: string[];
  /** Images whose containers exit at start: CrashLoopBackOff. */
  imageCrash?: string[];
}

export interface ContainerProfile {
  pullMs: number;
  startMs: number;
  pullFails: boolean;
  crashes: boolean;
  neverReady: boolean;
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
    exitAfterMs:
      a[annotations.exitAfterSeconds] === undefined ? undefined : seconds(a[annotations.exitAfterSeconds], 0),
    exitCode: Number.isInteger(exitCode) && exitCode >= 0 && exitCode <= 255 ? exitCode : 0,
    restartPolicy,
  };
}

/** The kubelet's container back-off: 10s doubling to five minutes. */
export function backOffMs(failures: number): number {
  return Math.min(300_000, 10_000 * 2 ** Math.max(0, failures - 1));
}
