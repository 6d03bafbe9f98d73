/**
 * `kubectl cordon`, `uncordon` and `drain` (kubectl's cmd/drain and pkg/drain): mark nodes
 * (un)schedulable, then evict (or delete) the pods on each node — DaemonSet pods, mirror pods,
 * unmanaged pods, pods with emptyDir data and finished pods filtered as kubectl filters them —
 * retrying evictions a PodDisruptionBudget refuses every 5 seconds until --timeout, and reporting
 * failures as Go's aggregate errors print (one bare, several as `[a, b]`).
 */

import { ApiStatusError, ConnectionError, resourcePath } from '../../kube/client/index.ts';
import { parseLabelSelector } from '../../kube/index.ts';
import { type FlagSpec, type Flags, parseDuration } from './flags.ts';
import { type DryRun, dryRunFlag, dryRunOf, dryRunSuffix } from './objects.ts';
import { errorText, KubectlError, runCommand, type Session } from './session.ts';

type Obj = Record<string, any>;

const nodes = { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false } as const;
const pods = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true } as const;

const cordonFlags: FlagSpec[] = [{ name: 'selector', short: 'l', type: 'string' }, dryRunFlag];
const drainFlags: FlagSpec[] = [
  ...cordonFlags,
  { name: 'force', type: 'bool' },
  { name: 'ignore-daemonsets', type: 'bool' },
  { name: 'delete-emptydir-data', type: 'bool' },
  { name: 'delete-local-data', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'timeout', type: 'string', default: '0s' },
  { name: 'pod-selector', type: 'string' },
  { name: 'disable-eviction', type: 'bool' },
  { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
  { name: 'chunk-size', type: 'int', default: 500 },
];

/** pkg/drain's pause after a refused eviction (Helper.EvictErrorRetryDelay as kubectl sets it). */
const evictRetryMs = 5000;
/** waitForDelete's poll interval. */
const pollMs = 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

// --- Go errors, as pkg/drain composes them and cmdutil.CheckErr prints them ---

/** utilerrors.Aggregate: a list of errors that prints as one (`[a, b]` when several differ). */
class Aggregate extends Error {
  constructor(readonly errors: Error[]) {
    super('');
    this.message = aggregateMessage(errors);
  }
}

/** err.Error(): an API error is its status message alone. */
function goMessage(e: Error): string {
  return e instanceof ApiStatusError ? (e.status.message ?? e.message) : e.message;
}

function aggregateMessage(errors: Error[]): string {
  if (errors.length === 1) return goMessage(errors[0]!);
  // nested aggregates are visited in place and repeated messages printed once
  const seen: string[] = [];
  const visit = (list: Error[]) => {
    for (const e of list) {
      if (e instanceof Aggregate) visit(e.errors);
      else if (!seen.includes(goMessage(e))) seen.push(goMessage(e));
    }
  };
  visit(errors);
  return seen.length === 1 ? seen[0]! : `[${seen.join(', ')}]`;
}

function newAggregate(errors: Error[]): Error | undefined {
  return errors.length === 0 ? undefined : new Aggregate(errors);
}

/** cmdutil's messageForError: the standard text for API and connection errors, else Error(). */
function messageForError(e: Error): string {
  return e instanceof ApiStatusError || e instanceof ConnectionError ? errorText(e) : goMessage(e);
}

/** cmdutil.CheckErr's text: an aggregate of one is unwrapped once; an aggregate prints a line per error. */
function checkErrText(err: Error): string {
  const e = err instanceof Aggregate && err.errors.length === 1 ? err.errors[0]! : err;
  if (e instanceof Aggregate) return e.errors.map(messageForError).join('\n');
  if (e instanceof ApiStatusError || e instanceof ConnectionError) return errorText(e);
  return e.message.startsWith('error: ') ? e.message : `error: ${e.message}`;
}

/** Go's time.Duration.String() for whole milliseconds (7s, 1m30s, 1h0m0s, 500ms). */
function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (Math.abs(ms) < 1000) return `${ms}ms`;
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = `${rest / 1000}s`;
  if (h > 0) return `${sign}${h}h${m}m${s}`;
  if (m > 0) return `${sign}${m}m${s}`;
  return `${sign}${s}`;
}

// --- nodes and cordoning ---

/** Complete's argument checks: a node name or a selector, not both. */
function checkNodeArgs(flags: Flags, command: string): void {
  const args = flags.args;
  const selector = flags.str('selector');
  if (args.length === 0 && !flags.changed('selector'))
    throw new KubectlError(
      `error: USAGE: ${command} NODE [flags]\nSee 'kubectl ${command} -h' for help and examples`,
    );
  if (args.length > 0 && selector)
    throw new KubectlError(
      `error: cannot specify both a node name and a --selector option\nSee 'kubectl ${command} -h' for help and examples`,
    );
}

/** The nodes the arguments name (NODE, node/NODE, several) or the selector picks. */
async function fetchNodes(session: Session, flags: Flags): Promise<Obj[]> {
  const args = flags.args;
  if (args.length === 0) {
    const list = await session.rest.json('GET', resourcePath(nodes as never), {
      query: { labelSelector: flags.str('selector') || undefined },
    });
    return list.items ?? [];
  }
  const found: Obj[] = [];
  for (const arg of args) {
    let name = arg;
    const slash = name.indexOf('/');
    if (slash >= 0) {
      const type = name.slice(0, slash);
      if (!['node', 'nodes', 'no'].includes(type)) await session.discovery.mappingFor(type);
      name = name.slice(slash + 1);
    }
    found.push(await session.rest.json('GET', resourcePath(nodes as never, { name })));
  }
  return found;
}

/** CordonHelper.PatchOrReplace: a merge patch of spec.unschedulable (removed rather than false). */
async function setUnschedulable(
  session: Session,
  node: Obj,
  desired: boolean,
  dryRun: DryRun,
): Promise<void> {
  if (dryRun === 'client') return;
  await session.rest.json('PATCH', resourcePath(nodes as never, { name: node.metadata.name }), {
    body: JSON.stringify({ spec: { unschedulable: desired ? true : null } }),
    contentType: 'application/strategic-merge-patch+json',
    query: { dryRun: dryRun === 'server' ? 'All' : undefined },
  });
}

/** RunCordonOrUncordon: a failure is printed and the next node tried; it never stops a drain. */
async function cordonAll(session: Session, list: Obj[], desired: boolean, dryRun: DryRun): Promise<void> {
  const verb = desired ? 'cordon' : 'uncordon';
  for (const node of list) {
    const already = (node.spec?.unschedulable === true) === desired;
    try {
      if (!already) await setUnschedulable(session, node, desired, dryRun);
      process.stdout.write(
        `node/${node.metadata.name} ${already ? 'already ' : ''}${verb}ed${dryRunSuffix(dryRun)}\n`,
      );
    } catch (e) {
      process.stderr.write(
        `error: unable to ${verb} node "${node.metadata.name}": ${goMessage(e as Error)}\n`,
      );
    }
  }
}

function runCordonCommand(desired: boolean) {
  const command = desired ? 'cordon' : 'uncordon';
  return (argv: string[]) =>
    runCommand(command, argv, cordonFlags, async (flags, session) => {
      checkNodeArgs(flags, command);
      const dryRun = dryRunOf(flags);
      const list = await fetchNodes(session(), flags);
      // kubectl reports a node it could not (un)cordon and still exits 0
      await cordonAll(session(), list, desired, dryRun);
      return 0;
    });
}

export const runCordon = runCordonCommand(true);
export const runUncordon = runCordonCommand(false);

// --- which pods a drain removes (pkg/drain's filters) ---

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDir: boolean;
  skipWaitForDeleteSeconds: number;
  podSelector: string;
  chunkSize: number;
}

/** PodDeleteStatus: whether the pod goes, and the warning or error it contributes. */
interface PodStatus {
  delete: boolean;
  reason: 'okay' | 'skip' | 'warning' | 'error';
  message?: string;
}

const okay: PodStatus = { delete: true, reason: 'okay' };
const skip: PodStatus = { delete: false, reason: 'skip' };
const warning = (del: boolean, message: string): PodStatus => ({ delete: del, reason: 'warning', message });
const failure = (message: string): PodStatus => ({ delete: false, reason: 'error', message });

const finished = (pod: Obj) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const controllerOf = (pod: Obj): Obj | undefined =>
  (pod.metadata?.ownerReferences ?? []).find((r: Obj) => r.controller === true);

/** shouldSkipPod: deleted more than N whole seconds ago (N > 0). */
function deletedLongAgo(pod: Obj, seconds: number): boolean {
  const at = pod.metadata?.deletionTimestamp;
  return seconds > 0 && Boolean(at) && Math.trunc((Date.now() - Date.parse(at)) / 1000) > seconds;
}

type PodFilter = (pod: Obj) => Promise<PodStatus>;

function filtersOf(session: Session, o: DrainOptions): PodFilter[] {
  const skipDeleted: PodFilter = async (pod) =>
    deletedLongAgo(pod, o.skipWaitForDeleteSeconds) ? skip : okay;
  const daemonSet: PodFilter = async (pod) => {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'DaemonSet' || finished(pod)) return okay;
    try {
      await session.rest.json(
        'GET',
        `/apis/apps/v1/namespaces/${pod.metadata.namespace}/daemonsets/${ref.name}`,
      );
    } catch (e) {
      if (!(e instanceof ApiStatusError)) throw e;
      // a pod whose DaemonSet is gone may go with --force
      if (e.code === 404 && o.force) return warning(true, goMessage(e));
      return failure(goMessage(e));
    }
    if (!o.ignoreDaemonSets) return failure('DaemonSet-managed Pods (use --ignore-daemonsets to ignore)');
    return warning(false, 'ignoring DaemonSet-managed Pods');
  };
  const mirror: PodFilter = async (pod) =>
    pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined ? skip : okay;
  const localStorage: PodFilter = async (pod) => {
    if (!(pod.spec?.volumes ?? []).some((v: Obj) => v?.emptyDir != null) || finished(pod)) return okay;
    if (!o.deleteEmptyDir) return failure('Pods with local storage (use --delete-emptydir-data to override)');
    return warning(true, 'deleting Pods with local storage');
  };
  const unreplicated: PodFilter = async (pod) => {
    if (finished(pod) || controllerOf(pod)) return okay;
    if (o.force) return warning(true, 'deleting Pods that declare no controller');
    return failure('cannot delete Pods that declare no controller (use --force to override)');
  };
  return [skipDeleted, daemonSet, mirror, localStorage, unreplicated];
}

interface PodDeleteList {
  items: { pod: Obj; status: PodStatus }[];
}

const podsToDelete = (list: PodDeleteList) => list.items.filter((i) => i.status.delete).map((i) => i.pod);

/** `message: ns/a, ns/b` per message, in the order the pods came (Go's map order is random). */
function groupByMessage(list: PodDeleteList, reason: 'warning' | 'error'): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const { pod, status } of list.items) {
    if (status.reason !== reason) continue;
    const message = status.message || 'unexpected error';
    groups.set(message, [...(groups.get(message) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);
  }
  return [...groups];
}

function warningsOf(list: PodDeleteList): string {
  return groupByMessage(list, 'warning')
    .map(([m, p]) => `${m}: ${p.join(', ')}`)
    .join('; ');
}

function errorsOf(list: PodDeleteList): Error[] {
  // kubectl 1.35 prefixes every message, even the one that already says it (`cannot delete cannot ...`)
  return groupByMessage(list, 'error').map(([m, p]) => new Error(`cannot delete ${m}: ${p.join(', ')}`));
}

/**
 * GetPodsForDeletion: the node's pods (in chunks), each run through the filters until one keeps
 * it (the last status stands, so an earlier warning can be replaced by a later okay).
 */
async function podsForDeletion(
  session: Session,
  nodeName: string,
  o: DrainOptions,
): Promise<{ list?: PodDeleteList; errors?: Error[] }> {
  const found: Obj[] = [];
  let cont: string | undefined;
  try {
    do {
      const page = await session.rest.json('GET', resourcePath(pods as never), {
        query: {
          labelSelector: o.podSelector || undefined,
          fieldSelector: `spec.nodeName=${nodeName}`,
          limit: o.chunkSize > 0 ? String(o.chunkSize) : undefined,
          continue: cont,
        },
      });
      found.push(...(page.items ?? []));
      cont = page.metadata?.continue || undefined;
    } while (cont);
  } catch (e) {
    return { errors: [e as Error] };
  }
  const filters = filtersOf(session, o);
  const list: PodDeleteList = { items: [] };
  for (const pod of found) {
    let status = okay;
    for (const filter of filters) {
      status = await filter(pod);
      if (!status.delete) break;
    }
    list.items.push({ pod, status });
  }
  const errors = errorsOf(list);
  return errors.length > 0 ? { list, errors } : { list };
}

// --- evicting and deleting ---

interface DrainRun {
  dryRun: DryRun;
  /** 0: no limit. */
  timeoutMs: number;
  grace: number;
  disableEviction: boolean;
  skipWaitForDeleteSeconds: number;
}

function deleteOptionsOf(run: DrainRun): Obj {
  const options: Obj = run.grace >= 0 ? { gracePeriodSeconds: run.grace } : {};
  if (run.dryRun === 'server') options.dryRun = ['All'];
  return options;
}

/** CheckEvictionSupport: the eviction subresource's group/version from /api/v1 discovery. */
async function evictionVersion(session: Session): Promise<string | undefined> {
  const list = await session.rest.json('GET', '/api/v1');
  const found = (list.resources ?? []).find(
    (r: Obj) => r.name === 'pods/eviction' && r.kind === 'Eviction' && r.group && r.version,
  );
  return found ? `${found.group}/${found.version}` : undefined;
}

const podPath = (pod: Obj, subresource?: string) =>
  resourcePath(pods as never, { namespace: pod.metadata.namespace, name: pod.metadata.name, subresource });

/** DeleteOrEvictPods: evict when the server offers eviction and --disable-eviction is not set. */
async function deleteOrEvictPods(session: Session, list: Obj[], run: DrainRun): Promise<Error | undefined> {
  if (list.length === 0) return undefined;
  if (!run.disableEviction) {
    const version = await evictionVersion(session);
    if (version) return evictPods(session, list, version, run);
  }
  return deletePods(session, list, run);
}

const isNamespaceTerminating = (e: ApiStatusError) =>
  e.code === 403 && (e.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');

/** evictPods: one eviction loop per pod, all at once; the errors of all of them aggregated. */
async function evictPods(
  session: Session,
  list: Obj[],
  version: string,
  run: DrainRun,
): Promise<Error | undefined> {
  const deadline = run.timeoutMs === 0 ? Number.POSITIVE_INFINITY : Date.now() + run.timeoutMs;
  const timeoutText = goDuration(run.timeoutMs);
  const deleteOptions = deleteOptionsOf(run);
  const errors: Error[] = [];
  const evictOne = async (pod: Obj): Promise<Error | undefined> => {
    const { namespace, name } = pod.metadata;
    let active = pod;
    for (;;) {
      process.stdout.write(
        `evicting pod ${namespace}/${name}${run.dryRun === 'server' ? ' (server dry run)' : ''}\n`,
      );
      if (Date.now() >= deadline)
        return new Error(
          `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)}: global timeout reached: ${timeoutText}`,
        );
      try {
        await session.rest.json('POST', podPath(pod, 'eviction'), {
          body: JSON.stringify({
            apiVersion: version,
            kind: 'Eviction',
            metadata: { name, namespace },
            deleteOptions,
          }),
          contentType: 'application/json',
        });
        break;
      } catch (e) {
        if (!(e instanceof ApiStatusError))
          return new Error(
            `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)}: ${goMessage(e as Error)}`,
          );
        if (e.code === 404) return undefined;
        if (e.code === 429) {
          process.stderr.write(
            `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)} (will retry after ${goDuration(evictRetryMs)}): ${goMessage(e)}\n`,
          );
          await sleep(evictRetryMs);
        } else if (isNamespaceTerminating(e) && active.metadata?.deletionTimestamp) {
          // the pod is already going: no eviction will succeed, so wait for it instead
          break;
        } else if (isNamespaceTerminating(e)) {
          process.stderr.write(
            `error when evicting pod ${JSON.stringify(name)} from terminating namespace ${JSON.stringify(namespace)} (will retry after ${goDuration(evictRetryMs)}): ${goMessage(e)}\n`,
          );
          await sleep(evictRetryMs);
        } else
          return new Error(
            `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)}: ${goMessage(e)}`,
          );
      }
      try {
        active = await session.rest.json('GET', podPath(pod));
      } catch {
        // as kubectl: keep the pod it had and let the next eviction sort it out
      }
    }
    if (run.dryRun === 'server') return undefined;
    const failed = await waitForDelete(session, [active], deadline, 'evicted', run.skipWaitForDeleteSeconds);
    if (failed)
      return new Error(
        `error when waiting for pod ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)} to terminate: ${goMessage(failed)}`,
      );
    return undefined;
  };
  await Promise.all(
    list.map(async (pod) => {
      const e = await evictOne(pod);
      if (e) errors.push(e);
    }),
  );
  return newAggregate(errors);
}

/** deletePods: DELETE each pod in turn, then wait for all of them within --timeout. */
async function deletePods(session: Session, list: Obj[], run: DrainRun): Promise<Error | undefined> {
  const deleteOptions = deleteOptionsOf(run);
  for (const pod of list) {
    try {
      await session.rest.json('DELETE', podPath(pod), {
        body: JSON.stringify(deleteOptions),
        contentType: 'application/json',
      });
    } catch (e) {
      if (!(e instanceof ApiStatusError && e.code === 404)) return e as Error;
    }
  }
  if (run.dryRun === 'server') return undefined;
  const deadline = run.timeoutMs === 0 ? Number.POSITIVE_INFINITY : Date.now() + run.timeoutMs;
  return waitForDelete(session, list, deadline, 'deleted', run.skipWaitForDeleteSeconds);
}

/**
 * waitForDelete: checks at once, then every second until every pod is gone (or replaced: another
 * uid), printing `pod/NAME verb` for each; pods deleted long enough ago are skipped with a note.
 * Past the deadline it fails as a Go context does.
 */
async function waitForDelete(
  session: Session,
  list: Obj[],
  deadline: number,
  verb: 'evicted' | 'deleted',
  skipSeconds: number,
): Promise<Error | undefined> {
  let pending = list;
  for (;;) {
    if (Date.now() >= deadline) return new Error('context deadline exceeded');
    const still: Obj[] = [];
    for (const pod of pending) {
      let current: Obj | undefined;
      try {
        current = await session.rest.json('GET', podPath(pod));
      } catch (e) {
        if (!(e instanceof ApiStatusError && e.code === 404)) return e as Error;
      }
      if (!current || current.metadata?.uid !== pod.metadata.uid) {
        process.stdout.write(`pod/${pod.metadata.name} ${verb}\n`);
        continue;
      }
      if (deletedLongAgo(current, skipSeconds)) {
        process.stdout.write(
          `pod ${JSON.stringify(pod.metadata.name)} has DeletionTimestamp older than ${skipSeconds} seconds, skipping\n`,
        );
        continue;
      }
      still.push(pod);
    }
    pending = still;
    if (pending.length === 0) return undefined;
    const wake = Date.now() + pollMs;
    await sleep(Math.min(wake, deadline) - Date.now());
  }
}

// --- the command ---

/** deleteOrEvictPodsSimple: one node's pods, and what is left on it when that fails. */
async function drainNode(
  session: Session,
  nodeName: string,
  o: DrainOptions,
  run: DrainRun,
): Promise<Error | undefined> {
  const { list, errors } = await podsForDeletion(session, nodeName, o);
  if (errors || !list) return newAggregate(errors ?? []);
  const warnings = warningsOf(list);
  if (warnings) process.stderr.write(`Warning: ${warnings}\n`);
  if (run.dryRun === 'client') {
    for (const pod of podsToDelete(list))
      process.stdout.write(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name} (dry run)\n`);
    return undefined;
  }
  const failed = await deleteOrEvictPods(session, podsToDelete(list), run);
  if (!failed) return undefined;
  const after = await podsForDeletion(session, nodeName, o);
  const left = after.list ? podsToDelete(after.list) : [];
  if (left.length > 0) {
    process.stderr.write(
      `There are pending pods in node ${JSON.stringify(nodeName)} when an error occurred: ${goMessage(failed)}\n`,
    );
    for (const pod of left) process.stderr.write(`pod/${pod.metadata.name}\n`);
  }
  if (after.errors)
    process.stderr.write(
      `Following errors occurred while getting the list of pods to delete:\n${goMessage(new Aggregate(after.errors))}`,
    );
  return failed;
}

/** Go's time.ParseDuration for the flag, with pflag's message for a bad value. */
function timeoutOf(flags: Flags): number {
  const text = flags.str('timeout');
  try {
    return parseDuration(text);
  } catch {
    throw new KubectlError(
      `error: invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"\nSee 'kubectl drain --help' for usage.`,
    );
  }
}

export function runDrain(argv: string[]): Promise<void> {
  return runCommand('drain', argv, drainFlags, async (flags, open) => {
    const timeoutMs = timeoutOf(flags);
    checkNodeArgs(flags, 'drain');
    const dryRun = dryRunOf(flags);
    const podSelector = flags.str('pod-selector');
    if (podSelector) {
      try {
        parseLabelSelector(podSelector);
      } catch {
        throw new KubectlError('error: --pod-selector=<pod_selector> must be a valid label selector');
      }
    }
    const session = open();
    const options: DrainOptions = {
      force: flags.bool('force'),
      ignoreDaemonSets: flags.bool('ignore-daemonsets'),
      deleteEmptyDir: flags.bool('delete-emptydir-data') || flags.bool('delete-local-data'),
      skipWaitForDeleteSeconds: flags.int('skip-wait-for-delete-timeout'),
      podSelector,
      chunkSize: flags.int('chunk-size'),
    };
    const run: DrainRun = {
      dryRun,
      timeoutMs,
      grace: flags.int('grace-period'),
      disableEviction: flags.bool('disable-eviction'),
      skipWaitForDeleteSeconds: options.skipWaitForDeleteSeconds,
    };
    const list = await fetchNodes(session, flags);
    await cordonAll(session, list, true, dryRun);
    const fatal: Error[] = [];
    const pending: string[] = [];
    for (const node of list) {
      const name = node.metadata.name;
      const failed = await drainNode(session, name, options, run);
      if (!failed) {
        process.stdout.write(`node/${name} drained${dryRunSuffix(dryRun)}\n`);
        continue;
      }
      process.stderr.write(
        `error: unable to drain node ${JSON.stringify(name)} due to error: ${goMessage(failed)}, continuing command...\n`,
      );
      fatal.push(failed);
      pending.push(name);
    }
    if (pending.length > 0)
      process.stderr.write(
        `There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join('')}`,
      );
    const err = newAggregate(fatal);
    if (err) throw new KubectlError(checkErrText(err));
    return 0;
  });
}
