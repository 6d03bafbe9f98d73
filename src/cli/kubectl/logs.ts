/**
 * `kubectl logs`: which pod and container (a pod, `TYPE/NAME` through its selector, or `-l`),
 * kubectl's messages on the way (`Defaulted container ...`, `Found N pods, using pod/x`), and then
 * each container's pods/log stream copied out (with `--prefix`, `[pod/NAME/CONTAINER] ` per line).
 */
import { type ApiResource, ApiStatusError, statusFromReply } from '../../kube/client/index.ts';
import { labelSelectorAsSelector, selectorFromSet } from '../../kube/selectors/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { parseDuration } from './flags.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

type Obj = Record<string, any>;

const logsUsage = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]';
const usageError = (message: string) =>
  new KubectlError(`error: ${message}\nSee 'kubectl logs -h' for help and examples`);
const missingArgument = () =>
  usageError(`expected '${logsUsage}'.\nPOD or TYPE/NAME is a required argument for the logs command`);

const logsFlags: FlagSpec[] = [
  { name: 'all-containers', type: 'bool' },
  { name: 'all-pods', type: 'bool' },
  { name: 'container', short: 'c', type: 'string' },
  { name: 'follow', short: 'f', type: 'bool' },
  { name: 'ignore-errors', type: 'bool' },
  { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
  { name: 'limit-bytes', type: 'int', default: 0 },
  { name: 'max-log-requests', type: 'int', default: 5 },
  { name: 'pod-running-timeout', type: 'string', default: '20s' },
  { name: 'prefix', type: 'bool' },
  { name: 'previous', short: 'p', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'since', type: 'string', default: '0s' },
  { name: 'since-time', type: 'string' },
  { name: 'tail', type: 'int', default: -1 },
  { name: 'timestamps', type: 'bool' },
];

/** A pflag Duration flag's value in ms, with pflag's message for a bad one (negative allowed). */
function durationFlag(flags: Flags, name: string): number {
  const text = flags.str(name);
  const negative = text.startsWith('-');
  const bare = text.replace(/^[+-]/, '');
  const bad = (why: string) =>
    new KubectlError(
      `error: invalid argument "${text}" for "--${name}" flag: time: ${why} "${text}"\nSee 'kubectl logs --help' for usage.`,
    );
  if (/^\d+(\.\d*)?$/.test(bare) && Number(bare) !== 0) throw bad('missing unit in duration');
  try {
    const ms = parseDuration(bare);
    return negative ? -ms : ms;
  } catch {
    throw bad('invalid duration');
  }
}

/** Go's time.Parse(time.RFC3339, ...) acceptance, with its message for the common failure. */
function checkRfc3339(text: string): void {
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text)) return;
  const layout = '2006-01-02T15:04:05Z07:00';
  const year = /^\d{4}/.test(text);
  const rest = year ? text.slice(4) : text;
  const element = year ? '-' : '2006';
  throw new KubectlError(
    `error: parsing time "${text}" as "${layout}": cannot parse "${rest}" as "${element}"`,
  );
}

/** The PodLogOptions query kubectl sends (ToLogOptions). */
interface LogQuery {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  sinceTime?: string;
  tailLines?: number;
  limitBytes?: number;
  insecureSkipTLSVerifyBackend: boolean;
}

function logQuery(flags: Flags, sinceMs: number): LogQuery {
  const q: LogQuery = {
    container: flags.str('container'),
    follow: flags.bool('follow'),
    previous: flags.bool('previous'),
    timestamps: flags.bool('timestamps'),
    insecureSkipTLSVerifyBackend: flags.bool('insecure-skip-tls-verify-backend'),
  };
  if (flags.str('since-time')) {
    checkRfc3339(flags.str('since-time'));
    q.sinceTime = flags.str('since-time');
  }
  if (flags.int('limit-bytes') !== 0) q.limitBytes = flags.int('limit-bytes');
  if (sinceMs !== 0) q.sinceSeconds = Math.round(sinceMs / 1000);
  const tail = flags.int('tail');
  if (flags.str('selector') && tail === -1 && !flags.changed('tail')) q.tailLines = 10;
  else if (tail !== -1) q.tailLines = tail;
  return q;
}

/** The Go type kubectl's scheme decodes an object into, as its messages print it (`*v1.Service`). */
function goType(obj: Obj): string {
  const version = String(obj.apiVersion ?? 'v1')
    .split('/')
    .pop();
  return `*${version}.${obj.kind}`;
}

function notFoundText(resource: ApiResource, name: string, namespace: string): string {
  const plural = resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
  return `error: error from server (NotFound): ${plural} "${name}" not found in namespace "${namespace}"`;
}

/** polymorphichelpers.SelectorsForObject: the label selector of the pods an object stands for. */
function selectorOf(obj: Obj): string {
  const fail = (why: string) => new KubectlError(`error: cannot get the logs from ${goType(obj)}: ${why}`);
  const spec = obj.spec ?? {};
  switch (obj.kind) {
    case 'ReplicationController':
      return selectorFromSet(spec.selector ?? {}).toString();
    case 'Service':
      if (!spec.selector || Object.keys(spec.selector).length === 0)
        throw fail(`invalid service '${obj.metadata?.name}': Service is defined without a selector`);
      return selectorFromSet(spec.selector).toString();
    case 'ReplicaSet':
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      try {
        return labelSelectorAsSelector(spec.selector).toString();
      } catch (e) {
        throw fail(`invalid label selector: ${(e as Error).message}`);
      }
    default:
      throw fail(`selector for ${goType(obj)} not implemented`);
  }
}

const phaseRank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

function readySince(pod: Obj): number | undefined {
  const c = (pod.status?.conditions ?? []).find((x: Obj) => x.type === 'Ready');
  if (c?.status !== 'True') return undefined;
  return c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
}

function maxRestarts(pod: Obj): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c: Obj) => c.restartCount ?? 0));
}

/** podutils.ByLogging: the pod whose logs are most interesting first. */
function byLogging(a: Obj, b: Obj): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return na ? -1 : 1;
  const pa = phaseRank[a.status?.phase] ?? 0;
  const pb = phaseRank[b.status?.phase] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = readySince(a);
  const rb = readySince(b);
  if ((ra !== undefined) !== (rb !== undefined)) return ra !== undefined ? -1 : 1;
  // ready for longer first; a zero time last
  if (ra !== undefined && rb !== undefined && ra !== rb) {
    if (!ra || !rb) return !ra ? 1 : -1;
    return ra - rb;
  }
  const xa = maxRestarts(a);
  const xb = maxRestarts(b);
  if (xa !== xb) return xb - xa;
  const ca = a.metadata?.creationTimestamp ? Date.parse(a.metadata.creationTimestamp) : 0;
  const cb = b.metadata?.creationTimestamp ? Date.parse(b.metadata.creationTimestamp) : 0;
  if (ca !== cb) {
    if (!ca || !cb) return !ca ? 1 : -1;
    return ca - cb;
  }
  return 0;
}

async function listPods(session: Session, namespace: string, selector: string): Promise<Obj[]> {
  const list = await session.rest.json('GET', `/api/v1/namespaces/${namespace}/pods`, {
    query: { labelSelector: selector },
  });
  return list.items ?? [];
}

/** GetFirstPod: the best pod of a selector, waiting up to --pod-running-timeout for one to appear. */
async function firstPod(
  session: Session,
  namespace: string,
  selector: string,
  timeoutMs: number,
): Promise<{ pod: Obj; count: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pods = await listPods(session, namespace, selector);
    if (pods.length > 0) {
      const sorted = [...pods].sort(byLogging);
      return { pod: sorted[0], count: pods.length };
    }
    if (Date.now() >= deadline) throw new KubectlError('error: timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, Math.min(250, Math.max(0, deadline - Date.now()))));
  }
}

const containerNames = (list?: Obj[]) => (list ?? []).map((c) => String(c.name));

/** podcmd.AllContainerNames: `main, init (init), debug (ephem)`. */
function allContainerNames(pod: Obj): string {
  return [
    ...containerNames(pod.spec?.containers),
    ...containerNames(pod.spec?.initContainers).map((n) => `${n} (init)`),
    ...containerNames(pod.spec?.ephemeralContainers).map((n) => `${n} (ephem)`),
  ].join(', ');
}

interface LogRequest {
  pod: Obj;
  container: string;
}

/** logsForObject for one pod: its container(s), with kubectl's defaulting and messages. */
function podRequests(pod: Obj, wanted: string, allContainers: boolean, allPods: boolean): LogRequest[] {
  const spec = pod.spec ?? {};
  if (allContainers)
    return [
      ...containerNames(spec.initContainers),
      ...containerNames(spec.containers),
      ...containerNames(spec.ephemeralContainers),
    ].flatMap((c) => podRequests(pod, c, false, false));
  let container = wanted;
  const all = [
    ...containerNames(spec.initContainers),
    ...containerNames(spec.containers),
    ...containerNames(spec.ephemeralContainers),
  ];
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (!container && annotated) {
    if (all.includes(annotated)) container = annotated;
    else
      process.stderr.write(`Default container name "${annotated}" not found in pod ${pod.metadata?.name}\n`);
  }
  if (!container) {
    container = spec.containers?.[0]?.name ?? '';
    const several =
      (spec.containers?.length ?? 0) > 1 ||
      (spec.initContainers?.length ?? 0) > 0 ||
      (spec.ephemeralContainers?.length ?? 0) > 0;
    if (several && !allPods)
      process.stderr.write(`Defaulted container "${container}" out of: ${allContainerNames(pod)}\n`);
  }
  if (!all.includes(container))
    throw new KubectlError(`error: container ${container} is not valid for pod ${pod.metadata?.name}`);
  return [{ pod, container }];
}

/** Reads one log and writes it out, prefixed per line when asked. */
async function copyLog(session: Session, req: LogRequest, q: LogQuery, prefix: boolean): Promise<void> {
  const ns = req.pod.metadata?.namespace;
  const name = req.pod.metadata?.name;
  const query: Record<string, string | number | boolean | undefined> = {
    container: req.container,
    follow: q.follow || undefined,
    previous: q.previous || undefined,
    timestamps: q.timestamps || undefined,
    sinceSeconds: q.sinceSeconds,
    sinceTime: q.sinceTime,
    tailLines: q.tailLines,
    limitBytes: q.limitBytes,
    insecureSkipTLSVerifyBackend: q.insecureSkipTLSVerifyBackend || undefined,
  };
  const reply = await session.rest.request('GET', `/api/v1/namespaces/${ns}/pods/${name}/log`, { query });
  if (reply.status < 200 || reply.status > 299) throw new ApiStatusError(statusFromReply(reply));
  if (!reply.text) return;
  if (!prefix) {
    process.stdout.write(reply.text);
    return;
  }
  const lines = reply.text.split(/(?<=\n)/);
  process.stdout.write(lines.map((l) => `[pod/${name}/${req.container}] ${l}`).join(''));
}

async function targetObject(session: Session, arg: string): Promise<{ obj: Obj; resource: ApiResource }> {
  let type = 'pods';
  let name = arg;
  if (arg.includes('/')) {
    const parts = arg.split('/');
    if (parts.length !== 2)
      throw new KubectlError('error: arguments in resource/name form may not have more than one slash');
    [type, name] = parts;
    if (!type || !name)
      throw new KubectlError('error: arguments in resource/name form must have a single resource and name');
  }
  const resource = await session.discovery.mappingFor(type);
  const path = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const url = resource.namespaced
    ? `${path}/namespaces/${session.namespace}/${resource.resource}/${name}`
    : `${path}/${resource.resource}/${name}`;
  const reply = await session.rest.request('GET', url);
  if (reply.status === 404) throw new KubectlError(notFoundText(resource, name, session.namespace));
  if (reply.status < 200 || reply.status > 299) throw new ApiStatusError(statusFromReply(reply));
  return { obj: JSON.parse(reply.text), resource };
}

export function runLogs(argv: string[]): Promise<void> {
  return runCommand('logs', argv, logsFlags, async (flags, session) => {
    const sinceMs = durationFlag(flags, 'since');
    const timeoutMs = durationFlag(flags, 'pod-running-timeout');
    const args = flags.args;
    const selector = flags.str('selector');
    if (args.length === 0 && !selector) throw missingArgument();
    if (args.length === 1 && selector) throw usageError('only a selector (-l) or a POD name is allowed');
    if (args.length > 2) throw missingArgument();
    const q = logQuery(flags, sinceMs);
    if (args.length === 2) q.container = args[1];
    const s = session();

    let objects: Obj[];
    let fromList = false;
    if (selector) {
      objects = await listPods(s, s.namespace, selector);
      fromList = true;
      if (objects.length === 0) process.stderr.write(`No resources found in ${s.namespace} namespace.\n`);
    } else {
      objects = [(await targetObject(s, args[0])).obj];
    }

    // LogsOptions.Validate
    if (flags.str('since-time') && sinceMs !== 0)
      throw new KubectlError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
    const allContainers = flags.bool('all-containers');
    if (allContainers && q.container)
      throw new KubectlError(
        `error: --all-containers=true should not be specified with container name ${q.container}`,
      );
    if (flags.changed('container') && args.length === 2)
      throw new KubectlError('error: only one of -c or an inline [CONTAINER] arg is allowed');
    if (flags.int('limit-bytes') < 0) throw new KubectlError('error: --limit-bytes must be greater than 0');
    if (q.sinceSeconds !== undefined && q.sinceSeconds < 0)
      throw new KubectlError('error: --since must be greater than 0');
    if (q.tailLines !== undefined && q.tailLines < -1)
      throw new KubectlError('error: --tail must be greater than or equal to -1');

    const allPods = flags.bool('all-pods');
    const requests: LogRequest[] = [];
    for (const obj of objects) {
      if (fromList || obj.kind === 'Pod') {
        requests.push(...podRequests(obj, q.container, allContainers, allPods));
        continue;
      }
      const podSelector = selectorOf(obj);
      const { pod, count } = await firstPod(
        s,
        obj.metadata?.namespace ?? s.namespace,
        podSelector,
        timeoutMs,
      );
      let pods = [pod];
      if (count > 1) {
        if (allPods) pods = (await listPods(s, s.namespace, podSelector)).sort(byLogging);
        else process.stderr.write(`Found ${count} pods, using pod/${pod.metadata?.name}\n`);
      }
      for (const p of pods) requests.push(...podRequests(p, q.container, allContainers, allPods));
    }

    const maxRequests = flags.int('max-log-requests');
    if (q.follow && requests.length > 1 && requests.length > maxRequests)
      throw new KubectlError(
        `error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`,
      );
    const prefix = flags.bool('prefix');
    for (const r of requests) {
      try {
        await copyLog(s, r, q, prefix);
      } catch (e) {
        // following several streams with --ignore-errors reports an error and goes on
        if (!(q.follow && requests.length > 1 && flags.bool('ignore-errors'))) throw e;
        process.stdout.write(`error: ${(e as Error).message}\n`);
      }
    }
    return 0;
  });
}
