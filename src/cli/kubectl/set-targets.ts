/**
 * What `set env` and `set resources` share: the objects named (TYPE NAME, TYPE/NAME, -f, or TYPE
 * with -l/--all), their pod spec, the containers a `-c` glob selects, and the update itself: a
 * strategic merge patch from the object before to after, printed `kind/name <verb>` only when
 * something changed (or always with -o).
 */
import { type ApiResource, resourcePath } from '../../kube/client/index.ts';
import { createTwoWayMergePatch, type JSONObject } from '../../kube/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { listItems, printFlags } from './get.ts';
import { type DryRun, dryRunFlag, printResult, printTypedResult } from './objects.ts';
import { readManifests, resolveResourceArgs } from './resources.ts';
import { errorText, KubectlError, type Session } from './session.ts';

export const setSelectionSpecs: FlagSpec[] = [
  ...printFlags,
  dryRunFlag,
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'local', type: 'bool' },
  { name: 'containers', short: 'c', type: 'string', default: '*' },
  { name: 'field-manager', type: 'string', default: 'kubectl-set' },
];

export interface SetTarget {
  resource: ApiResource;
  namespace?: string;
  name: string;
  object: Record<string, any>;
}

export async function setTargets(session: Session, flags: Flags, args: string[]): Promise<SetTarget[]> {
  const out: SetTarget[] = [];
  const files = flags.list('filename');
  if (files.length > 0) {
    for (const m of readManifests(files, flags.bool('recursive'))) {
      const resource = await session.discovery.forKind(m.object.apiVersion, m.object.kind);
      const namespace = resource.namespaced ? (m.object.metadata?.namespace ?? session.namespace) : undefined;
      const name = m.object.metadata?.name ?? '';
      const object = flags.bool('local')
        ? m.object
        : await session.rest.json('GET', resourcePath(resource, { namespace, name }));
      out.push({ resource, namespace, name, object });
    }
    return out;
  }
  if (args.length === 0)
    throw new KubectlError(
      'error: one or more resources must be specified as <resource> <name> or <resource>/<name>',
    );
  const resolved = await resolveResourceArgs(session, args);
  const selector = flags.str('selector');
  for (const t of resolved.targets) {
    const namespace = t.resource.namespaced ? session.namespace : undefined;
    if (t.name !== undefined) {
      const object = await session.rest.json('GET', resourcePath(t.resource, { namespace, name: t.name }));
      out.push({ resource: t.resource, namespace, name: t.name, object });
      continue;
    }
    if (!selector && !flags.bool('all'))
      throw new KubectlError('error: resource(s) were provided, but no name was specified');
    const list = await session.rest.json(
      'GET',
      resourcePath(t.resource, { namespace: flags.bool('all-namespaces') ? undefined : namespace }),
      { query: { labelSelector: selector || undefined } },
    );
    for (const item of listItems(list, t.resource))
      out.push({
        resource: t.resource,
        namespace: item.metadata?.namespace,
        name: item.metadata?.name,
        object: item,
      });
  }
  return out;
}

/** The pod spec of a workload (the pod's own spec for a Pod). */
export function podSpecOf(obj: Record<string, any>): Record<string, any> | undefined {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

/** Go's filepath.Match for the container-name globs of `-c` (`*`, `?`, `[...]`). */
export function globMatch(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(name);
}

/** `deployments/web`: how `set` names an object in its errors. */
export function setRef(t: SetTarget): string {
  return `${t.resource.resource}/${t.name}`;
}

/** Runs `step` on each target, printing an error per failed object as kubectl does. */
export async function eachTarget(
  targets: SetTarget[],
  step: (t: SetTarget) => Promise<void>,
): Promise<number> {
  let failed = 0;
  for (const t of targets) {
    try {
      await step(t);
    } catch (e) {
      process.stderr.write(`${errorText(e)}\n`);
      failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}

/** Sends the change from `before` to `after` and prints the result. */
export async function sendSetPatch(
  session: Session,
  flags: Flags,
  t: SetTarget,
  before: Record<string, any>,
  after: Record<string, any>,
  verb: string,
  dryRun: DryRun,
): Promise<void> {
  const schema = await session.openapi.schemaFor(before.apiVersion, before.kind);
  const patch = createTwoWayMergePatch(before as JSONObject, after as JSONObject, schema);
  const local = flags.bool('local');
  const changed = Object.keys(patch).length > 0;
  let result = after;
  if (!local && dryRun !== 'client' && changed)
    result = await session.rest.json(
      'PATCH',
      resourcePath(t.resource, { namespace: t.namespace, name: t.name }),
      {
        body: JSON.stringify(patch),
        contentType: 'application/strategic-merge-patch+json',
        query: { fieldManager: flags.str('field-manager'), dryRun: dryRun === 'server' ? 'All' : undefined },
      },
    );
  if (flags.str('output')) await printTypedResult(flags, t.resource, result, verb, dryRun);
  else if (changed) printResult(flags, t.resource, result, verb, dryRun);
}
