/**
 * `kubectl cordon`, `uncordon` and `drain` (kubectl's cmd/drain and pkg/drain): mark nodes
 * (un)schedulable, then evict (or delete) the pods on a node — DaemonSet pods, mirror pods,
 * unmanaged pods, pods with emptyDir data and finished pods filtered as kubectl filters them —
 * retrying evictions a PodDisruptionBudget refuses every 5 seconds until --timeout.
 */
import { ApiStatusError, resourcePath } from '../../kube/client/index.ts';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The nodes the arguments name (NODE, node/NODE) or the selector picks. */
async function nodesOf(session: Session, flags: Flags, use: string, command: string): Promise<Obj[]> {
  const args = flags.args;
  const selector = flags.str('selector');
  if ((args.length === 0 && !flags.changed('selector')) || args.length > 1)
    throw new KubectlError(`error: USAGE: ${use} [flags]\nSee 'kubectl ${command} -h' for help and examples`);
  if (args.length === 0) {
    const list = await session.rest.json('GET', resourcePath(nodes as never), {
      query: { labelSelector: selector || undefined },
    });
    return list.items ?? [];
  }
  let name = args[0]!;
  const slash = name.indexOf('/');
  if (slash >= 0) {
    const type = name.slice(0, slash);
    if (!['node', 'nodes', 'no'].includes(type)) await session.discovery.mappingFor(type);
    name = name.slice(slash + 1);
  }
  return [await session.rest.json('GET', resourcePath(nodes as never, { name }))];
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

async function cordonAll(session: Session, list: Obj[], desired: boolean, dryRun: DryRun): Promise<number> {
  const verb = desired ? 'cordon' : 'uncordon';
  let failed = 0;
  for (const node of list) {
    const already = (node.spec?.unschedulable === true) === desired;
    try {
      if (!already) await setUnschedulable(session, node, desired, dryRun);
      process.stdout.write(
        `node/${node.metadata.name} ${already ? 'already ' : ''}${verb}ed${dryRunSuffix(dryRun)}\n`,
      );
    } catch (e) {
      process.stderr.write(
        `error: unable to ${verb} node "${node.metadata.name}": ${errorText(e).replace(/^error: /, '')}\n`,
      );
      failed++;
    }
  }
  return failed;
}

function runCordonCommand(desired: boolean) {
  const command = desired ? 'cordon' : 'uncordon';
  return (argv: string[]) =>
    runCommand(command, argv, cordonFlags, async (flags, session) => {
      const dryRun = dryRunOf(flags);
      const list = await nodesOf(session(), flags, `${command} NODE`, command);
      return (await cordonAll(session(), list, desired, dryRun)) > 0 ? 1 : 0;
    });
}

export const runCordon = runCordonCommand(true);
export const runUncordon = runCordonCommand(false);

interface PodFilterResult {
  delete: boolean;
  /** Why the pod is skipped or blocks the drain; warnings let the drain go on. */
  message?: { kind: 'warning' | 'error'; text: string };
}

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDir: boolean;
}

const messages = {
  daemonSetWarning: 'ignoring DaemonSet-managed Pods',
  daemonSetFatal: 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)',
  localStorageFatal: 'cannot delete Pods with local storage (use --delete-emptydir-data to override)',
  localStorageWarning: 'deleting Pods with local storage',
  unmanagedFatal: 'cannot delete cluster-scoped Pods that declare no controller (use --force to override)',
  unmanagedWarning: 'deleting Pods that declare no controller',
};

function controllerOf(pod: Obj): Obj | undefined {
  return (pod.metadata?.ownerReferences ?? []).find((r: Obj) => r.controller === true);
}

/** pkg/drain's filters, in its order: skip deleted, DaemonSet, mirror, local storage, unreplicated. */
async function filterPod(session: Session, pod: Obj, o: DrainOptions): Promise<PodFilterResult> {
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const ref = controllerOf(pod);
  if (ref?.kind === 'DaemonSet') {
    try {
      await session.rest.json(
        'GET',
        `/apis/apps/v1/namespaces/${pod.metadata.namespace}/daemonsets/${ref.name}`,
      );
    } catch (e) {
      if (e instanceof ApiStatusError && e.status.code === 404 && o.force)
        return {
          delete: true,
          message: { kind: 'warning', text: `pod ${pod.metadata.name} has an orphaned DaemonSet` },
        };
      throw e;
    }
    if (!o.ignoreDaemonSets)
      return { delete: false, message: { kind: 'error', text: messages.daemonSetFatal } };
    return { delete: false, message: { kind: 'warning', text: messages.daemonSetWarning } };
  }
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined)
    return { delete: false, message: { kind: 'warning', text: 'ignoring mirror pods' } };
  const emptyDir = (pod.spec?.volumes ?? []).some((v: Obj) => v?.emptyDir !== undefined);
  if (emptyDir && !finished) {
    if (!o.deleteEmptyDir)
      return { delete: false, message: { kind: 'error', text: messages.localStorageFatal } };
    return { delete: true, message: { kind: 'warning', text: messages.localStorageWarning } };
  }
  if (!ref && !finished) {
    if (!o.force)
      return {
        delete: false,
        message: {
          kind: 'error',
          text: 'cannot delete Pods that declare no controller (use --force to override)',
        },
      };
    return { delete: true, message: { kind: 'warning', text: messages.unmanagedWarning } };
  }
  return { delete: true };
}

/** `kind: ns/a, ns/b` groups, as pkg/drain's podDeleteList.errors()/warnings() print them. */
function groupMessages(entries: { text: string; pod: Obj }[]): string {
  const order: string[] = [];
  const byText = new Map<string, string[]>();
  for (const e of entries) {
    if (!byText.has(e.text)) {
      byText.set(e.text, []);
      order.push(e.text);
    }
    byText.get(e.text)!.push(`${e.pod.metadata.namespace}/${e.pod.metadata.name}`);
  }
  return order.map((t) => `${t}: ${byText.get(t)!.join(', ')}`).join('; ');
}

/** CheckEvictionSupport: the eviction subresource's group/version from /api/v1 discovery. */
async function evictionVersion(session: Session): Promise<string | undefined> {
  const list = await session.rest.json('GET', '/api/v1');
  const found = (list.resources ?? []).find(
    (r: Obj) => r.name === 'pods/eviction' && r.kind === 'Eviction' && r.group && r.version,
  );
  return found ? `${found.group}/${found.version}` : undefined;
}

export function runDrain(argv: string[]): Promise<void> {
  return runCommand('drain', argv, drainFlags, async (flags, open) => {
    const session = open();
    const dryRun = dryRunOf(flags);
    const timeoutMs = parseDuration(flags.str('timeout'));
    const grace = flags.int('grace-period');
    const options: DrainOptions = {
      force: flags.bool('force'),
      ignoreDaemonSets: flags.bool('ignore-daemonsets'),
      deleteEmptyDir: flags.bool('delete-emptydir-data') || flags.bool('delete-local-data'),
    };
    const list = await nodesOf(session, flags, 'drain NODE', 'drain');
    if (await cordonAll(session, list, true, dryRun)) return 1;
    const pending: string[] = [];
    let fatal: string | undefined;
    for (const node of list) {
      const name = node.metadata.name;
      try {
        await drainNode(session, name, options, {
          dryRun,
          timeoutMs,
          grace,
          podSelector: flags.str('pod-selector'),
          disableEviction: flags.bool('disable-eviction'),
        });
        process.stdout.write(`node/${name} drained${dryRunSuffix(dryRun)}\n`);
      } catch (e) {
        const text = errorText(e).replace(/^error: /, '');
        if (list.length === 1) {
          fatal = `error: unable to drain node "${name}" due to error: ${text}, continuing command...`;
          pending.push(name);
          process.stderr.write(`${fatal}\n`);
        } else {
          process.stderr.write(
            `error: unable to drain node "${name}" due to error: ${text}, continuing command...\n`,
          );
          pending.push(name);
        }
      }
    }
    if (pending.length > 0) {
      process.stderr.write(
        `There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join('')}`,
      );
      throw new KubectlError(fatalText(fatal));
    }
    return 0;
  });
}

function fatalText(line: string | undefined): string {
  return (line ?? '')
    .replace(/^error: unable to drain node "[^"]*" due to error: /, '')
    .replace(/, continuing command\.\.\.$/, '');
}

interface DrainRun {
  dryRun: DryRun;
  timeoutMs: number;
  grace: number;
  podSelector: string;
  disableEviction: boolean;
}

async function drainNode(session: Session, nodeName: string, o: DrainOptions, run: DrainRun): Promise<void> {
  const list = await session.rest.json('GET', resourcePath(pods as never), {
    query: { fieldSelector: `spec.nodeName=${nodeName}`, labelSelector: run.podSelector || undefined },
  });
  const toDelete: Obj[] = [];
  const warnings: { text: string; pod: Obj }[] = [];
  const errors: { text: string; pod: Obj }[] = [];
  for (const pod of (list.items ?? []) as Obj[]) {
    // pods already being deleted past their grace period are not waited on again
    const r = await filterPod(session, pod, o);
    if (r.message?.kind === 'warning') warnings.push({ text: r.message.text, pod });
    if (r.message?.kind === 'error') errors.push({ text: r.message.text, pod });
    if (r.delete) toDelete.push(pod);
  }
  if (errors.length > 0) throw new KubectlError(groupMessages(errors));
  if (warnings.length > 0) process.stderr.write(`Warning: ${groupMessages(warnings)}\n`);
  if (run.dryRun === 'client') {
    for (const pod of toDelete)
      process.stdout.write(
        run.disableEviction
          ? `pod/${pod.metadata.name} deleted (dry run)\n`
          : `evicting pod ${pod.metadata.namespace}/${pod.metadata.name} (dry run)\n`,
      );
    return;
  }
  const evictVersion = run.disableEviction ? undefined : await evictionVersion(session);
  const deadline = run.timeoutMs > 0 ? Date.now() + run.timeoutMs : Number.POSITIVE_INFINITY;
  const deleteOptions: Obj = run.grace >= 0 ? { gracePeriodSeconds: run.grace } : {};
  if (run.dryRun === 'server') deleteOptions.dryRun = ['All'];
  const failures: string[] = [];
  await Promise.all(
    toDelete.map(async (pod) => {
      const { namespace, name } = pod.metadata;
      try {
        if (evictVersion) {
          process.stdout.write(`evicting pod ${namespace}/${name}\n`);
          for (;;) {
            try {
              await session.rest.json(
                'POST',
                resourcePath(pods as never, { namespace, name, subresource: 'eviction' }),
                {
                  body: JSON.stringify({
                    apiVersion: evictVersion,
                    kind: 'Eviction',
                    metadata: { name, namespace },
                    deleteOptions,
                  }),
                  contentType: 'application/json',
                },
              );
              break;
            } catch (e) {
              if (e instanceof ApiStatusError && e.status.code === 404) return;
              if (!(e instanceof ApiStatusError && e.status.code === 429)) throw e;
              process.stderr.write(
                `error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${e.status.message}\n`,
              );
              if (Date.now() + 5000 > deadline)
                throw new KubectlError(
                  `error when evicting pods/"${name}" -n "${namespace}": global timeout reached: ${flagsDuration(run.timeoutMs)}`,
                );
              await sleep(5000);
            }
          }
        } else {
          await session.rest.json('DELETE', resourcePath(pods as never, { namespace, name }), {
            body: JSON.stringify(deleteOptions),
            contentType: 'application/json',
          });
        }
        if (run.dryRun === 'server') {
          process.stdout.write(
            `pod/${name} ${evictVersion ? 'evicted' : 'deleted'}${dryRunSuffix(run.dryRun)}\n`,
          );
          return;
        }
        await waitGone(session, pod, deadline, run.timeoutMs);
        process.stdout.write(`pod/${name} ${evictVersion ? 'evicted' : 'deleted'}\n`);
      } catch (e) {
        failures.push(errorText(e).replace(/^error: /, ''));
      }
    }),
  );
  if (failures.length > 0) throw new KubectlError(failures.join(', '));
}

function flagsDuration(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m0s`;
  return `${ms / 1000}s`;
}

/** waitForDelete: polls every second until the pod (by uid) is gone. */
async function waitGone(session: Session, pod: Obj, deadline: number, timeoutMs: number): Promise<void> {
  for (;;) {
    try {
      const current = await session.rest.json(
        'GET',
        resourcePath(pods as never, { namespace: pod.metadata.namespace, name: pod.metadata.name }),
      );
      if (current.metadata?.uid !== pod.metadata.uid) return;
    } catch (e) {
      if (e instanceof ApiStatusError && e.status.code === 404) return;
      throw e;
    }
    if (Date.now() + 1000 > deadline)
      throw new KubectlError(
        `error when waiting for pod "${pod.metadata.name}" in namespace "${pod.metadata.namespace}" to terminate: global timeout reached: ${flagsDuration(timeoutMs)}`,
      );
    await sleep(1000);
  }
}
