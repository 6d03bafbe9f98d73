/**
 * `kubectl wait` (cmd/wait): `--for=delete|create|condition=NAME[=VALUE]|jsonpath=EXPR[=VALUE]`
 * over the named objects (or `-l`, `--all`, `-A`), checking each once and then watching it until
 * the condition holds or `--timeout` passes (0: check once; negative: a week).
 */
import { type ApiResource, ApiStatusError, resourcePath } from '../../kube/client/index.ts';
import { JsonPath, jsonPathText, relaxedJsonPath } from '../../kube/printers/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { parseDuration } from './flags.ts';
import { printFlags } from './get.ts';
import { printResult } from './objects.ts';
import { locate, readManifests, resolveResourceArgs } from './resources.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

type Obj = Record<string, any>;

const specs: FlagSpec[] = [
  ...printFlags,
  { name: 'for', type: 'string' },
  { name: 'timeout', type: 'string', default: '30s' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool', default: true },
  { name: 'local', type: 'bool' },
];

interface Info {
  resource: ApiResource;
  namespace: string;
  name: string;
}

/** A check of one object; `undefined` when it is gone. */
type Check = (obj: Obj | undefined) => boolean;

/** splitJSONPathInput: splits on single `=`, keeping `==` inside the expression. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let element = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (i < input.length - 1 && input[i + 1] === '=') {
        element += '==';
        i++;
        continue;
      }
      out.push(element);
      element = '';
      continue;
    }
    element += input[i];
  }
  out.push(element);
  return out;
}

type Condition = { kind: 'delete' } | { kind: 'create' } | { kind: 'check'; check: (o: Obj) => boolean };

function conditionFor(spec: string): Condition {
  const lower = spec.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (spec.startsWith('condition=')) {
    let name = spec.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return { kind: 'check', check: (o) => conditionMet(o, name, value) };
  }
  if (spec.startsWith('jsonpath=')) {
    const parts = splitJsonPathInput(spec.slice('jsonpath='.length));
    if (parts.length < 1 || parts.length > 2)
      throw new KubectlError(
        "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'",
      );
    let expression: string;
    try {
      expression = relaxedJsonPath(parts[0]);
    } catch (e) {
      throw new KubectlError(`error: ${(e as Error).message}`);
    }
    let value = '';
    if (parts.length === 2) {
      value = parts[1].replace(/^['"]+|['"]+$/g, '');
      if (value === '')
        throw new KubectlError(
          "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
        );
    }
    if (expression === '') throw new KubectlError('error: jsonpath expression cannot be empty');
    let path: JsonPath;
    try {
      path = new JsonPath(expression, { allowMissingKeys: true });
    } catch (e) {
      throw new KubectlError(`error: ${(e as Error).message}`);
    }
    return { kind: 'check', check: (o) => jsonPathMet(path, o, value) };
  }
  throw new KubectlError(`error: unrecognized condition: ${JSON.stringify(spec)}`);
}

/** Unicode simple case folding, as strings.EqualFold compares. */
const equalFold = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function conditionMet(o: Obj, name: string, value: string): boolean {
  const conditions = o.status?.conditions;
  if (!Array.isArray(conditions)) return false;
  for (const c of conditions) {
    if (typeof c?.type !== 'string' || !equalFold(c.type, name)) continue;
    if (typeof c.status !== 'string') continue;
    const generation = o.metadata?.generation;
    if (typeof generation === 'number') {
      const observed =
        typeof c.observedGeneration === 'number' ? c.observedGeneration : o.status?.observedGeneration;
      if (typeof observed === 'number' && observed < generation) return false;
    }
    return equalFold(c.status, value);
  }
  return false;
}

function jsonPathMet(path: JsonPath, o: Obj, value: string): boolean {
  const results = path.findResults(o as never);
  if (results.length === 0 || results[0].length === 0) return false;
  if (results.length > 1)
    throw new KubectlError('error: given jsonpath expression matches more than one list');
  if (results[0].length > 1)
    throw new KubectlError('error: given jsonpath expression matches more than one value');
  if (value === '') return true;
  const v = results[0][0];
  if (v !== null && typeof v === 'object')
    throw new KubectlError('error: jsonpath leads to a nested object or list which is not supported');
  return jsonPathText(v).trim() === value.trim();
}

async function getOrUndefined(session: Session, info: Info): Promise<Obj | undefined> {
  try {
    return await session.rest.json(
      'GET',
      resourcePath(info.resource, { namespace: info.namespace, name: info.name }),
    );
  } catch (e) {
    if (e instanceof ApiStatusError && e.status.code === 404) return undefined;
    throw e;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Watches one object until `done` holds for it (the object, or undefined once deleted); false
 * when the deadline passes first.
 */
async function watchUntil(session: Session, info: Info, done: Check, deadline: number): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, deadline - Date.now()));
  const path = resourcePath(info.resource, { namespace: info.namespace });
  const fieldSelector = `metadata.name=${info.name}`;
  try {
    while (Date.now() < deadline) {
      // List, then watch from the list's resourceVersion (UntilWithSync's informer): an object's
      // own resourceVersion may be older than the server's watch window. A list is also how the
      // informer starts over after the server ends the watch or says the version is too old.
      const list = await session.rest.json('GET', path, { query: { fieldSelector } });
      if (done(list.items?.[0])) return true;
      let resourceVersion = list.metadata?.resourceVersion;
      const events = session.rest.watch(path, {
        query: { fieldSelector, resourceVersion, allowWatchBookmarks: true },
        signal: controller.signal,
      });
      for await (const e of events) {
        if (e.type === 'BOOKMARK') {
          resourceVersion = e.object?.metadata?.resourceVersion ?? resourceVersion;
          continue;
        }
        if (e.type === 'ERROR') {
          if (e.object?.code === 410) break;
          process.stderr.write(
            `error: An error occurred while waiting for the condition to be satisfied: ${e.object?.message ?? ''}`,
          );
          continue;
        }
        resourceVersion = e.object?.metadata?.resourceVersion ?? resourceVersion;
        if (done(e.type === 'DELETED' ? undefined : e.object)) return true;
      }
      if (controller.signal.aborted) break;
    }
    return false;
  } catch (e) {
    if (controller.signal.aborted) return false;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

async function infosOf(session: Session, flags: Flags, allowMissing: boolean): Promise<Info[]> {
  const allNamespaces = flags.bool('all-namespaces');
  const infos: Info[] = [];
  const files = flags.list('filename');
  if (files.length > 0) {
    for (const m of readManifests(files, flags.bool('recursive'))) {
      const { resource, namespace, name } = await locate(session, m, true);
      infos.push({ resource, namespace: namespace ?? '', name });
    }
    return infos;
  }
  if (flags.args.length === 0)
    throw new KubectlError(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  const { targets } = await resolveResourceArgs(session, flags.args);
  for (const t of targets) {
    const ns = t.resource.namespaced ? session.namespace : '';
    if (t.name !== undefined) {
      if (!allowMissing) {
        // the builder reads each named object first; a missing one is its NotFound error
        await session.rest.json('GET', resourcePath(t.resource, { namespace: ns, name: t.name }));
      }
      infos.push({ resource: t.resource, namespace: ns, name: t.name });
      continue;
    }
    const selector = flags.str('selector');
    if (!selector && !flags.bool('all') && !flags.str('field-selector'))
      throw new KubectlError(`error: resource(s) were provided, but no name was specified`);
    const list = await session.rest.json(
      'GET',
      resourcePath(t.resource, { namespace: allNamespaces ? undefined : ns }),
      {
        query: {
          labelSelector: selector || undefined,
          fieldSelector: flags.str('field-selector') || undefined,
        },
      },
    );
    for (const item of list.items ?? [])
      infos.push({
        resource: t.resource,
        namespace: item.metadata?.namespace ?? '',
        name: item.metadata.name,
      });
  }
  return infos;
}

async function waitCommand(flags: Flags, session: () => Session): Promise<number> {
  const condition = conditionFor(flags.str('for'));
  let timeoutMs = parseDuration(flags.str('timeout'));
  if (flags.str('timeout').startsWith('-')) timeoutMs = 168 * 3_600_000;
  const deadline = Date.now() + timeoutMs;
  const s = session();
  const timedOut = (info: Info) =>
    new KubectlError(`error: timed out waiting for the condition on ${info.resource.resource}/${info.name}`);
  const notMet = (info: Info) =>
    new KubectlError(`error: condition not met for ${info.resource.resource}/${info.name}`);

  if (condition.kind === 'create') {
    // poll every half second until every named object exists
    for (;;) {
      try {
        await infosOf(s, flags, false);
        break;
      } catch (e) {
        if (!(e instanceof ApiStatusError && e.status.code === 404)) throw e;
      }
      if (Date.now() >= deadline) throw new KubectlError('error: timed out waiting for the condition');
      await sleep(500);
    }
  }

  const infos = await infosOf(s, flags, condition.kind === 'delete');
  let visited = 0;
  for (const info of infos) {
    let current = await getOrUndefined(s, info);
    if (condition.kind === 'delete') {
      if (!current) continue; // already gone: nothing to print
      visited++;
      if (timeoutMs === 0) throw notMet(info);
      if (!(await watchUntil(s, info, (o) => o === undefined, deadline))) throw timedOut(info);
      printResult(flags, info.resource, current, 'condition met', 'none');
      continue;
    }
    // gone since it was read: GET again for the server's NotFound
    current ??= (await s.rest.json(
      'GET',
      resourcePath(info.resource, { namespace: info.namespace, name: info.name }),
    )) as Obj;
    visited++;
    if (condition.kind === 'create') {
      printResult(flags, info.resource, current, 'condition met', 'none');
      continue;
    }
    if (condition.check(current)) {
      printResult(flags, info.resource, current, 'condition met', 'none');
      continue;
    }
    if (timeoutMs === 0) throw notMet(info);
    let final: Obj | undefined;
    const met = await watchUntil(
      s,
      info,
      (o) => {
        if (o && condition.check(o)) {
          final = o;
          return true;
        }
        return false;
      },
      deadline,
    );
    if (!met || !final) throw timedOut(info);
    printResult(flags, info.resource, final, 'condition met', 'none');
  }
  if (visited === 0 && condition.kind !== 'delete')
    throw new KubectlError('error: no matching resources found');
  return 0;
}

export function runWait(argv: string[]): Promise<void> {
  return runCommand('wait', argv, specs, waitCommand);
}
