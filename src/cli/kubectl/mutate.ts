/**
 * The commands that change one field of existing objects: `label`, `annotate` (merge patches of
 * metadata, `key-` to remove, `--overwrite`), `patch` (strategic, merge or JSON patch, with
 * `patched (no change)`), `scale` (the scale subresource, `--current-replicas`) and `set image`.
 */
import { type ApiResource, ApiStatusError, resourcePath } from '../../kube/client/index.ts';
import {
  applyJSONPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  createMergePatch,
  createTwoWayMergePatch,
  deepEqualJSON,
  type JSONObject,
  type JSONValue,
} from '../../kube/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { listItems, printFlags } from './get.ts';
import {
  deepClone,
  dryRunFlag,
  dryRunOf,
  dryRunSuffix,
  getObject,
  objectRef,
  printResult,
  printTypedResult,
} from './objects.ts';
import { readManifests, resolveResourceArgs } from './resources.ts';
import { errorText, KubectlError, runCommand, type Session } from './session.ts';

interface Located {
  resource: ApiResource;
  namespace?: string;
  name: string;
  /** The object when it was listed already. */
  object?: Record<string, any>;
}

const selectionFlags: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'local', type: 'bool' },
];

/** The objects a command names: TYPE NAME..., TYPE/NAME..., -f, or TYPE with -l/--all. */
async function locateAll(session: Session, flags: Flags, args: string[]): Promise<Located[]> {
  const files = flags.list('filename');
  if (files.length > 0) {
    const out: Located[] = [];
    for (const m of readManifests(files, flags.bool('recursive'))) {
      const resource = await session.discovery.forKind(m.object.apiVersion, m.object.kind);
      out.push({
        resource,
        name: m.object.metadata?.name,
        namespace: resource.namespaced ? (m.object.metadata?.namespace ?? session.namespace) : undefined,
      });
    }
    return out;
  }
  const resolved = await resolveResourceArgs(session, args);
  if (resolved.targets.length === 0)
    throw new KubectlError('error: you must provide one or more resources by argument or filename');
  const out: Located[] = [];
  const selector = flags.str('selector');
  const allNamespaces = flags.bool('all-namespaces');
  for (const t of resolved.targets) {
    const namespace = t.resource.namespaced ? session.namespace : undefined;
    if (t.name !== undefined) {
      out.push({ resource: t.resource, namespace, name: t.name });
      continue;
    }
    if (!selector && !flags.bool('all') && !flags.str('field-selector'))
      throw new KubectlError('error: resource(s) were provided, but no name was specified');
    const list = await session.rest.json(
      'GET',
      resourcePath(t.resource, { namespace: allNamespaces ? undefined : namespace }),
      {
        query: {
          labelSelector: selector || undefined,
          fieldSelector: flags.str('field-selector') || undefined,
        },
      },
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

async function fetchLocated(session: Session, l: Located): Promise<Record<string, any>> {
  return (
    l.object ?? session.rest.json('GET', resourcePath(l.resource, { namespace: l.namespace, name: l.name }))
  );
}

async function sendPatch(
  session: Session,
  l: Located,
  patch: unknown,
  contentType: string,
  fieldManager: string,
  dryRun: string,
  subresource?: string,
): Promise<Record<string, any>> {
  return session.rest.json(
    'PATCH',
    resourcePath(l.resource, { namespace: l.namespace, name: l.name, subresource }),
    {
      body: typeof patch === 'string' ? patch : JSON.stringify(patch),
      contentType,
      query: { fieldManager, dryRun: dryRun === 'server' ? 'All' : undefined },
    },
  );
}

/** Runs `step` on each object, printing errors as kubectl does and carrying on. */
async function eachObject(located: Located[], step: (l: Located) => Promise<void>): Promise<number> {
  let failed = 0;
  for (const l of located) {
    try {
      await step(l);
    } catch (e) {
      if (e instanceof KubectlError) throw e;
      process.stderr.write(`${errorText(e)}\n`);
      failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}

// --- label / annotate ------------------------------------------------------------------------

function metadataCommand(kind: 'labels' | 'annotations') {
  const command = kind === 'labels' ? 'label' : 'annotate';
  const verb = kind === 'labels' ? 'labeled' : 'annotated';
  const specs: FlagSpec[] = [
    ...printFlags,
    ...selectionFlags,
    dryRunFlag,
    { name: 'overwrite', type: 'bool' },
    { name: 'list', type: 'bool' },
    { name: 'resource-version', type: 'string' },
    { name: 'field-manager', type: 'string', default: `kubectl-${command}` },
  ];
  return (argv: string[]) =>
    runCommand(command, argv, specs, async (flags, sessionOf) => {
      const resourceArgs: string[] = [];
      const changes: string[] = [];
      for (const a of flags.args) {
        if (a.includes('=') || a.endsWith('-')) changes.push(a);
        else {
          if (changes.length > 0)
            throw new KubectlError(
              `error: all resources must be specified before ${kind === 'labels' ? 'label' : 'annotation'} changes: ${a}`,
            );
          resourceArgs.push(a);
        }
      }
      const set: Record<string, string> = {};
      const remove: string[] = [];
      for (const c of changes) {
        if (c.includes('=')) {
          const eq = c.indexOf('=');
          set[c.slice(0, eq)] = c.slice(eq + 1);
        } else remove.push(c.slice(0, -1));
      }
      const list = flags.bool('list');
      if (list && flags.str('output'))
        throw new KubectlError('error: --list and --output may not be specified together');
      // kubectl's Validate: the resources first, then the changes
      if (resourceArgs.length === 0 && flags.list('filename').length === 0)
        throw new KubectlError(
          'error: one or more resources must be specified as <resource> <name> or <resource>/<name>',
        );
      if (changes.length === 0 && !list)
        throw new KubectlError(
          `error: at least one ${kind === 'labels' ? 'label' : 'annotation'} update is required`,
        );
      const dryRun = dryRunOf(flags);
      const session = sessionOf();
      const located = await locateAll(session, flags, resourceArgs);
      return eachObject(located, async (l) => {
        const obj = await fetchLocated(session, l);
        const current: Record<string, string> = { ...(obj.metadata?.[kind] ?? {}) };
        if (!flags.bool('overwrite')) {
          // annotate lets the change-cause annotation change and names every clash in one error
          const clashes = Object.entries(set).filter(
            ([k, v]) =>
              Object.hasOwn(current, k) &&
              current[k] !== v &&
              !(kind === 'annotations' && k === 'kubernetes.io/change-cause'),
          );
          if (clashes.length > 0 && kind === 'labels') {
            const [k] = clashes[0];
            throw new KubectlError(
              `error: '${k}' already has a value (${current[k]}), and --overwrite is false`,
            );
          }
          if (clashes.length > 0)
            throw new KubectlError(
              `error: --overwrite is false but found the following declared annotation(s): ${clashes
                .map(([k]) => `'${k}' already has a value (${current[k]})`)
                .join('; ')}`,
            );
        }
        const next = { ...current, ...set };
        // --list shows the object as the changes would leave it and writes nothing
        if (list) {
          for (const k of remove) delete next[k];
          printListing(kind, l, obj, next, listsOne(flags, resourceArgs, located.length));
          return;
        }
        for (const k of remove) {
          if (!Object.hasOwn(next, k))
            process.stdout.write(`${kind === 'labels' ? 'label' : 'annotation'} "${k}" not found.\n`);
          delete next[k];
        }
        const before = { metadata: { [kind]: current } } as JSONObject;
        const after = { metadata: { [kind]: next } } as JSONObject;
        if (flags.str('resource-version'))
          (after.metadata as JSONObject).resourceVersion = flags.str('resource-version');
        const changed = !deepEqualJSON(before, after);
        const patch = createMergePatch(before, after);
        const result =
          dryRun === 'client'
            ? { ...obj, metadata: { ...obj.metadata, [kind]: next } }
            : await sendPatch(
                session,
                l,
                patch,
                'application/merge-patch+json',
                flags.str('field-manager'),
                dryRun,
              );
        // kubectl's updateDataChangeMsg: a smaller object without --overwrite reads as "unlabeled"
        const shrunk = JSON.stringify(next).length < JSON.stringify(current).length;
        const message =
          kind === 'annotations'
            ? verb
            : !changed
              ? `not ${verb}`
              : !flags.bool('overwrite') && shrunk
                ? 'unlabeled'
                : verb;
        printResult(flags, l.resource, result, message, dryRun);
      });
    });
}

/** IntoSingleItemImplied: one object named (TYPE NAME, TYPE/NAME or one file), listed without a heading. */
function listsOne(flags: Flags, resourceArgs: string[], count: number): boolean {
  if (count !== 1 || flags.str('selector') || flags.bool('all')) return false;
  const files = flags.list('filename');
  if (files.length > 0) return files.length === 1;
  if (resourceArgs.length === 1) return resourceArgs[0].includes('/');
  return resourceArgs.length === 2 && !resourceArgs[0].includes(',');
}

/** `--list`: `key=value` lines, under `Listing labels for Kind.group/name:` when several objects. */
function printListing(
  kind: 'labels' | 'annotations',
  l: Located,
  obj: Record<string, any>,
  values: Record<string, string>,
  one: boolean,
): void {
  const indent = one ? '' : ' ';
  let out = one ? '' : `Listing ${kind} for ${obj.kind ?? l.resource.kind}.${l.resource.group}/${l.name}:\n`;
  for (const [k, v] of Object.entries(values)) out += `${indent}${k}=${v}\n`;
  process.stdout.write(out);
}

export const runLabel = metadataCommand('labels');
export const runAnnotate = metadataCommand('annotations');

// --- patch -----------------------------------------------------------------------------------

const patchSpecs: FlagSpec[] = [
  ...printFlags,
  ...selectionFlags,
  dryRunFlag,
  { name: 'patch', short: 'p', type: 'string' },
  { name: 'patch-file', type: 'string' },
  { name: 'type', type: 'string', default: 'strategic' },
  { name: 'subresource', type: 'string' },
  { name: 'field-manager', type: 'string', default: 'kubectl-patch' },
];

const patchTypes: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** getPatchedJSON: the object with the patch applied on the client (`--dry-run=client`). */
async function patchLocally(
  session: Session,
  before: Record<string, any>,
  patch: unknown,
  type: string,
): Promise<Record<string, any>> {
  if (type === 'json') return applyJSONPatch(before as JSONObject, patch) as Record<string, any>;
  if (type === 'merge')
    return applyMergePatch(before as JSONObject, patch as JSONValue) as Record<string, any>;
  const schema = await session.openapi.schemaFor(before.apiVersion, before.kind);
  return applyStrategicMergePatch(before as JSONObject, patch as JSONObject, schema);
}

export function runPatch(argv: string[]): Promise<void> {
  return runCommand('patch', argv, patchSpecs, async (flags, sessionOf) => {
    let patchText = flags.str('patch');
    if (flags.str('patch-file')) {
      const { readFileSync } = await import('node:fs');
      patchText = readFileSync(flags.str('patch-file'), 'utf8');
    }
    if (!patchText)
      throw new KubectlError(
        "error: must specify --patch or --patch-file containing the contents of the patch\nSee 'kubectl patch -h' for help and examples",
      );
    const type = flags.str('type').toLowerCase();
    const contentType = patchTypes[type];
    if (!contentType)
      throw new KubectlError(
        `error: --type must be one of [json merge strategic], not "${flags.str('type')}"\nSee 'kubectl patch -h' for help and examples`,
      );
    // kubectl accepts YAML patches and sends them as JSON
    const { decodeYaml } = await import('../../template/index.ts');
    let patch: unknown;
    try {
      patch = decodeYaml(patchText);
    } catch (e) {
      throw new KubectlError(`error: unable to parse "${patchText}": ${(e as Error).message}`);
    }
    const dryRun = dryRunOf(flags);
    const session = sessionOf();
    const located = await locateAll(session, flags, flags.args);
    return eachObject(located, async (l) => {
      const before = await fetchLocated(session, l);
      // kubectl's patch messages carry no dry-run suffix; a client dry run patches locally.
      if (dryRun === 'client') {
        const after = await patchLocally(session, before, patch, type);
        printResult(
          flags,
          l.resource,
          after,
          deepEqualJSON(before, after) ? 'patched (no change)' : 'patched',
          'none',
        );
        return;
      }
      const after = await sendPatch(
        session,
        l,
        JSON.stringify(patch),
        contentType,
        flags.str('field-manager'),
        dryRun,
        flags.str('subresource') || undefined,
      );
      printResult(
        flags,
        l.resource,
        after,
        deepEqualJSON(before, after) ? 'patched (no change)' : 'patched',
        'none',
      );
    });
  });
}

// --- scale -----------------------------------------------------------------------------------

const scaleSpecs: FlagSpec[] = [
  ...printFlags,
  ...selectionFlags,
  dryRunFlag,
  { name: 'replicas', type: 'int', default: -1 },
  { name: 'current-replicas', type: 'int', default: -1 },
  { name: 'resource-version', type: 'string' },
  { name: 'timeout', type: 'string', default: '0s' },
];

export function runScale(argv: string[]): Promise<void> {
  return runCommand('scale', argv, scaleSpecs, async (flags, sessionOf) => {
    const replicas = flags.int('replicas');
    if (replicas < 0)
      throw new KubectlError(
        "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\nSee 'kubectl scale -h' for help and examples",
      );
    const dryRun = dryRunOf(flags);
    const session = sessionOf();
    const located = await locateAll(session, flags, flags.args);
    if (located.length === 0) throw new KubectlError('error: no objects passed to scale');
    const currentReplicas = flags.int('current-replicas');
    return eachObject(located, async (l) => {
      if (!l.resource.subresources.includes('scale'))
        throw new KubectlError(
          `error: cannot use scale on ${l.resource.group ? `${l.resource.kind}.${l.resource.group}` : l.resource.kind}`,
        );
      const ref = objectRef(l.resource, l.name);
      // With -o kubectl prints the object its builder read, from before the scale.
      const before = flags.str('output')
        ? (l.object ?? (await getObject(session, l.resource, l.namespace, l.name)))
        : undefined;
      if (currentReplicas >= 0 || flags.str('resource-version')) {
        const scale = await session.rest.json(
          'GET',
          resourcePath(l.resource, { namespace: l.namespace, name: l.name, subresource: 'scale' }),
        );
        if (currentReplicas >= 0 && scale.spec?.replicas !== currentReplicas)
          throw new KubectlError(
            `error: Expected replicas to be ${currentReplicas}, was ${scale.spec?.replicas ?? 0}`,
          );
        if (dryRun !== 'client') {
          scale.spec = { ...scale.spec, replicas };
          if (flags.str('resource-version')) scale.metadata.resourceVersion = flags.str('resource-version');
          await session.rest.json(
            'PUT',
            resourcePath(l.resource, { namespace: l.namespace, name: l.name, subresource: 'scale' }),
            {
              body: scale,
              query: { dryRun: dryRun === 'server' ? 'All' : undefined },
            },
          );
        }
      } else if (dryRun !== 'client') {
        await sendPatch(
          session,
          l,
          { spec: { replicas } },
          'application/merge-patch+json',
          'kubectl-scale',
          dryRun,
          'scale',
        );
      }
      if (before) printResult(flags, l.resource, before, 'scaled', dryRun);
      else process.stdout.write(`${ref} scaled${dryRunSuffix(dryRun)}\n`);
    });
  });
}

// --- set image -------------------------------------------------------------------------------

const setImageSpecs: FlagSpec[] = [
  ...printFlags,
  ...selectionFlags,
  dryRunFlag,
  { name: 'field-manager', type: 'string', default: 'kubectl-set' },
];

/** The pod template spec of a workload (or the pod's own spec). */
function podSpecOf(obj: Record<string, any>): Record<string, any> | undefined {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

export function runSetImage(argv: string[]): Promise<void> {
  return runCommand('set image', argv, setImageSpecs, async (flags, sessionOf) => {
    const resourceArgs: string[] = [];
    const images: [string, string][] = [];
    for (const a of flags.args) {
      const eq = a.indexOf('=');
      if (eq > 0) images.push([a.slice(0, eq), a.slice(eq + 1)]);
      else resourceArgs.push(a);
    }
    if (images.length === 0)
      throw new KubectlError(
        "error: at least one image update is required\nSee 'kubectl set image -h' for help and examples",
      );
    const dryRun = dryRunOf(flags);
    const session = sessionOf();
    const located = await locateAll(session, flags, resourceArgs);
    return eachObject(located, async (l) => {
      const before = await fetchLocated(session, l);
      const after = deepClone(before);
      const spec = podSpecOf(after);
      if (!spec) throw new KubectlError(`error: ${objectRef(l.resource, l.name)} has no pod template`);
      const containers = [
        ...(spec.initContainers ?? []),
        ...(spec.containers ?? []),
        ...(spec.ephemeralContainers ?? []),
      ];
      for (const [name, image] of images) {
        const matching = containers.filter((c: any) => name === '*' || c.name === name);
        if (matching.length === 0) {
          process.stderr.write(`error: unable to find container named "${name}"\n`);
          throw new KubectlError('', 1);
        }
        for (const c of matching) c.image = image;
      }
      const schema = await session.openapi.schemaFor(before.apiVersion, before.kind);
      const patch = createTwoWayMergePatch(before as JSONObject, after as JSONObject, schema);
      const result =
        dryRun === 'client'
          ? after
          : await sendPatch(
              session,
              l,
              patch,
              'application/strategic-merge-patch+json',
              flags.str('field-manager'),
              dryRun,
            );
      if (flags.str('output')) await printTypedResult(flags, l.resource, result, 'image updated', dryRun);
      else if (Object.keys(patch).length > 0) printResult(flags, l.resource, result, 'image updated', dryRun);
    });
  });
}

export { ApiStatusError };
