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

/** Resolves `TYPE NAME...` / `TYPE/NAME...` arguments. */
export async function resolveResourceArgs(
  session: Session,
  args: string[],
  options: { requireNames?: boolean } = {},
): Promise<ResourceArgs> {
  if (args.length === 0) return { targets: [], singleItem: false, types: [] };
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      if (!args[0].includes('/'))
        throw new KubectlError(
          "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
        );
      throw new KubectlError(`error: arguments in resource/name form must have a single resource and name`);
    }
    const targets: Target[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      const type = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!type || !name)
        throw new KubectlError('error: arguments in resource/name form must have a single resource and name');
      targets.push({ resource: await session.discovery.resolveOne(type), name });
    }
    return { targets, singleItem: targets.length === 1, types: [...new Set(targets.map((t) => t.resource))] };
  }
  const types: ApiResource[] = [];
  for (const word of args[0].split(',')) {
    if (!word) continue;
    for (const r of await session.discovery.resolve(word)) if (!types.includes(r)) types.push(r);
  }
  const names = args.slice(1);
  if (options.requireNames && names.length === 0) return { targets: [], singleItem: false, types };
  const targets: Target[] =
    names.length > 0
      ? types.flatMap((resource) => names.map((name) => ({ resource, name })))
      : types.map((resource) => ({ resource }));
  return { targets, singleItem: names.length === 1 && types.length === 1, types };
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
