/**
 * Which objects a command is about (kubectl's resource.Builder): `TYPE[,TYPE...] [NAME...]`,
 * `TYPE/NAME...`, or manifests from `-f` (files, folders with `-R`, `-` for stdin), split into
 * YAML documents and with `List` kinds expanded.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ApiResource } from '../../kube/client/index.ts';
import { decodeYaml } from '../../template/index.ts';
import { KubectlError, type Session } from './session.ts';

export interface Target {
  resource: ApiResource;
  /** Absent: every object of the type (a list). */
  name?: string;
}

export interface ResourceArgs {
  targets: Target[];
  /** True when exactly one TYPE NAME or TYPE/NAME was given (kubectl prints the object, not a List). */
  singleItem: boolean;
  /** The resource types named (for selectors and --all). */
  types: ApiResource[];
}

const multipleTypes = 'error: you may only specify a single resource type';

/** A resource's group/version/resource, to tell resources apart. */
function resourcePathOf(r: ApiResource): string {
  return `${r.group}/${r.version}/${r.resource}`;
}

/** Builder.SplitResourceArgument: the comma-separated words, each once (empty words stay). */
export function splitResourceArgument(arg: string): string[] {
  return [...new Set(arg.split(','))];
}

/** `a,b NAME...` is `a/NAME... b/NAME...` (Builder's normalizeMultipleResourcesArgs). */
function normalizeMultipleTypes(args: string[]): string[] {
  if (args.length < 2) return args;
  const types = splitResourceArgument(args[0]);
  if (types.length < 2) return args;
  return types.flatMap((type) => args.slice(1).map((name) => `${type}/${name}`));
}

/** `TYPE/NAME` split as Builder.splitResourceTypeName does, with its errors. */
function splitTypeName(arg: string): { type: string; name: string } {
  const parts = arg.split('/');
  if (parts.length !== 2)
    throw new KubectlError('error: arguments in resource/name form may not have more than one slash');
  const [type, name] = parts;
  if (!type || !name || splitResourceArgument(type).length !== 1)
    throw new KubectlError('error: arguments in resource/name form must have a single resource and name');
  return { type, name };
}

/**
 * What kubectl's resource builder makes of `TYPE[,TYPE...] [NAME...]` and `TYPE/NAME...`
 * arguments: types resolved as kubectl's RESTMapper resolves them (categories such as `all`
 * expanded first), each resource once; `a,b NAME` read as `a/NAME b/NAME`.
 */
export async function resolveResourceArgs(
  session: Session,
  rawArgs: string[],
  options: {
    requireNames?: boolean;
    /** A label or field selector was given: names and TYPE/NAME are refused, as the builder does. */
    selector?: boolean;
    /** One resource type only (the builder's SingleResourceType, e.g. for `get --watch`). */
    singleType?: boolean;
  } = {},
): Promise<ResourceArgs> {
  if (rawArgs.length === 0) return { targets: [], singleItem: false, types: [] };
  session.discovery.onWarning ??= (message) => session.warn([message]);
  const args = normalizeMultipleTypes(rawArgs);
  const slashed = args.filter((a) => a.includes('/')).length;
  if (slashed > 0) {
    if (slashed !== args.length)
      throw new KubectlError(
        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    const tuples = args.map(splitTypeName);
    if (options.selector)
      throw new KubectlError(
        'error: selectors and the all flag cannot be used when passing resource/name arguments',
      );
    const byType = new Map<string, ApiResource>();
    for (const { type } of tuples)
      if (!byType.has(type)) byType.set(type, await session.discovery.mappingFor(type));
    const targets = tuples.map(({ type, name }) => ({ resource: byType.get(type) as ApiResource, name }));
    if (options.singleType && new Set(targets.map((t) => resourcePathOf(t.resource))).size > 1)
      throw new KubectlError(multipleTypes);
    return { targets, singleItem: targets.length === 1, types: [...new Set(byType.values())] };
  }
  const words = splitResourceArgument(await session.discovery.expandCategories(args[0]));
  const names = args.slice(1);
  if (options.selector && names.length > 0)
    throw new KubectlError('error: name cannot be provided when a selector is specified');
  if (options.singleType && words.length > 1) throw new KubectlError(multipleTypes);
  if (names.length > 0 && words.length > 1)
    throw new KubectlError('error: you must specify only one resource');
  const types: ApiResource[] = [];
  for (const word of words) {
    const r = await session.discovery.mappingFor(word);
    if (!types.some((t) => t.group === r.group && t.version === r.version && t.kind === r.kind))
      types.push(r);
  }
  if (options.requireNames && names.length === 0) return { targets: [], singleItem: false, types };
  const targets: Target[] =
    names.length > 0
      ? types.flatMap((resource) => names.map((name) => ({ resource, name })))
      : types.map((resource) => ({ resource }));
  return { targets, singleItem: names.length === 1, types };
}

export interface Manifest {
  object: Record<string, any>;
  /** The file it came from (`STDIN` for `-`), for messages. */
  source: string;
}

const manifestExtensions = new Set(['.json', '.yaml', '.yml']);

function filesOf(path: string, recursive: boolean, top: boolean): string[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new KubectlError(`error: the path "${path}" does not exist`);
  }
  if (!st.isDirectory()) return top || manifestExtensions.has(extname(path)) ? [path] : [];
  const out: string[] = [];
  for (const entry of readdirSync(path).sort()) {
    const full = join(path, entry);
    const s = statSync(full);
    if (s.isDirectory()) {
      if (recursive) out.push(...filesOf(full, recursive, false));
    } else if (manifestExtensions.has(extname(entry))) out.push(full);
  }
  return out;
}

/** Splits a YAML stream into documents as k8s.io/apimachinery's YAML reader does. */
export function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (/^---(\s.*)?$/.test(line) || line === '---') {
      docs.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  docs.push(current.join('\n'));
  return docs.filter((d) => d.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#')));
}

function expandLists(obj: Record<string, any>, source: string, into: Manifest[]): void {
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    for (const item of obj.items) if (item && typeof item === 'object') expandLists(item, source, into);
    return;
  }
  into.push({ object: obj, source });
}

/** Reads the manifests `-f` names, in order. */
export function readManifests(paths: string[], recursive: boolean): Manifest[] {
  const manifests: Manifest[] = [];
  for (const p of paths) {
    const files = p === '-' ? ['-'] : filesOf(p, recursive, true);
    for (const file of files) {
      const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
      const source = file === '-' ? 'STDIN' : file;
      for (const doc of splitDocuments(text)) {
        let value: unknown;
        try {
          value = decodeYaml(doc);
        } catch (e) {
          throw new KubectlError(`error: error parsing ${source}: ${(e as Error).message}`);
        }
        if (value === null || value === undefined) continue;
        if (typeof value !== 'object' || Array.isArray(value))
          throw new KubectlError(
            `error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
          );
        const obj = value as Record<string, any>;
        if (!obj.kind)
          throw new KubectlError(
            `error: unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(obj)}'`,
          );
        if (!obj.apiVersion)
          throw new KubectlError(
            `error: unable to decode "${source}": Object 'apiVersion' is missing in '${JSON.stringify(obj)}'`,
          );
        expandLists(obj, source, manifests);
      }
    }
  }
  if (manifests.length === 0) throw new KubectlError('error: no objects passed to apply');
  return manifests;
}

/** A manifest's resource, namespace (the object's, else the session's) and name. */
export async function locate(
  session: Session,
  m: Manifest,
  enforceNamespace: boolean,
): Promise<{ resource: ApiResource; namespace?: string; name: string }> {
  let resource: ApiResource;
  try {
    resource = await session.discovery.forKind(m.object.apiVersion, m.object.kind);
  } catch (e) {
    const name = m.object.metadata?.name ?? '';
    const ns = m.object.metadata?.namespace ?? '';
    throw new KubectlError(
      `error: resource mapping not found for name: "${name}" namespace: "${ns}" from "${m.source}": ${(e as Error).message}\nensure CRDs are installed first`,
    );
  }
  const objNs: string | undefined = m.object.metadata?.namespace;
  let namespace: string | undefined;
  if (resource.namespaced) {
    if (objNs && enforceNamespace && session.namespaceExplicit && objNs !== session.namespace)
      throw new KubectlError(
        `error: the namespace from the provided object "${objNs}" does not match the namespace "${session.namespace}". You must pass '--namespace=${objNs}' to perform this operation.`,
      );
    namespace = objNs || session.namespace;
  }
  return { resource, namespace, name: m.object.metadata?.name ?? '' };
}
