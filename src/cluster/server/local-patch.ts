// Patch algorithms the server falls back on until the patch room
// (src/kube/patch) is wired in through the Patcher interface: RFC 6902 JSON
// patch, RFC 7386 merge patch, and a strategic merge patch that merges object
// lists by their `name` (the merge key of containers, volumes, env, ports...)
// and honours the `$patch`/`$setElementOrder`/`$retainKeys` directives well
// enough for kubectl's client-side apply. Server-side apply here is "merge the
// applied configuration into the live object", without field ownership.

import type { KubeObject } from '../registry/types.ts';
import { PatchError, type Patcher } from './deps.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: "${path}"`);
  return path.slice(1).split('/').map(unescapePointer);
}

function parentOf(doc: Json, tokens: string[], op: string): { parent: Json; last: string } {
  let node: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(t)];
    else if (isObject(node)) node = node[t];
    else node = undefined as unknown as Json;
    if (node === undefined)
      throw new PatchError(`${op} operation does not apply: doc is missing path: "/${tokens.join('/')}"`);
  }
  return { parent: node, last: tokens[tokens.length - 1] };
}

function arrayIndex(arr: Json[], token: string, forInsert: boolean): number {
  if (forInsert && token === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new PatchError(`Unable to access invalid index: ${token}`);
  const i = Number(token);
  if (i > arr.length || (!forInsert && i === arr.length))
    throw new PatchError(`Unable to access invalid index: ${i}`);
  return i;
}

function getAt(doc: Json, tokens: string[], op: string): Json {
  let node: Json = doc;
  for (const t of tokens) {
    const next: Json | undefined = Array.isArray(node)
      ? node[Number(t)]
      : isObject(node)
        ? node[t]
        : undefined;
    if (next === undefined)
      throw new PatchError(`${op} operation does not apply: doc is missing path: "/${tokens.join('/')}"`);
    node = next;
  }
  return node;
}

function removeAt(doc: Json, tokens: string[], op: string): Json {
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false), 1)[0];
  if (isObject(parent) && last in parent) {
    const value = parent[last];
    delete parent[last];
    return value;
  }
  throw new PatchError(`${op} operation does not apply: doc is missing key: "/${tokens.join('/')}"`);
}

function addAt(doc: Json, tokens: string[], value: Json, op: string): Json {
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
  else if (isObject(parent)) parent[last] = value;
  else throw new PatchError(`${op} operation does not apply: doc is missing path: "/${tokens.join('/')}"`);
  return doc;
}

function jsonPatch(current: KubeObject, patch: unknown): KubeObject {
  if (!Array.isArray(patch))
    throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(current) as Json;
  for (const operation of patch) {
    if (!isObject(operation)) throw new PatchError('invalid JSON patch operation');
    const op = String(operation.op);
    const path = pointer(String(operation.path ?? ''));
    switch (op) {
      case 'add':
        doc = addAt(doc, path, clone(operation.value), op);
        break;
      case 'remove':
        removeAt(doc, path, op);
        break;
      case 'replace':
        if (path.length === 0) doc = clone(operation.value);
        else {
          removeAt(doc, path, op);
          doc = addAt(doc, path, clone(operation.value), op);
        }
        break;
      case 'move': {
        const value = removeAt(doc, pointer(String(operation.from)), op);
        doc = addAt(doc, path, value, op);
        break;
      }
      case 'copy':
        doc = addAt(doc, path, clone(getAt(doc, pointer(String(operation.from)), op)), op);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, path, op)) !== JSON.stringify(operation.value))
          throw new PatchError(`testing value /${path.join('/')} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  if (!isObject(doc)) throw new PatchError('the patch produced a document that is not an object');
  return doc as KubeObject;
}

function merge(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

function mergePatch(current: KubeObject, patch: unknown): KubeObject {
  if (!isObject(patch)) throw new PatchError('a merge patch must be a JSON object');
  return merge(clone(current) as Json, patch as Json) as KubeObject;
}

const mergeKeys = ['name', 'mountPath', 'containerPort', 'devicePath', 'ip', 'topologyKey', 'type'];

function mergeKeyOf(items: Json[]): string | undefined {
  const objects = items.filter(isObject);
  if (objects.length === 0 || objects.length !== items.length) return undefined;
  return mergeKeys.find((k) => objects.every((o) => k in o || o.$patch !== undefined));
}

function strategicList(live: Json[] | undefined, patch: Json[]): Json[] {
  const key = mergeKeyOf([...(live ?? []), ...patch]);
  if (!key || !live) return patch.filter((p) => !(isObject(p) && p.$patch !== undefined)).map(clone);
  const out = live.map(clone);
  for (const item of patch as Record<string, Json>[]) {
    const index = out.findIndex((o) => isObject(o) && o[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
    } else if (index >= 0) out[index] = strategic(out[index], item);
    else out.push(strategic(undefined, item));
  }
  return out;
}

function strategic(live: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return strategic(undefined, rest);
  }
  if (patch.$patch === 'delete') return null;
  const out: Record<string, Json> = isObject(live) ? { ...live } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (k.startsWith('$setElementOrder/') || k.startsWith('$deleteFromPrimitiveList/')) continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v))
      out[k] = strategicList(Array.isArray(out[k]) ? (out[k] as Json[]) : undefined, v);
    else out[k] = strategic(out[k], v);
  }
  for (const [k, v] of Object.entries(patch)) {
    const primitive = /^\$deleteFromPrimitiveList\/(.+)$/.exec(k);
    if (primitive && Array.isArray(out[primitive[1]]) && Array.isArray(v)) {
      out[primitive[1]] = (out[primitive[1]] as Json[]).filter((x) => !v.includes(x));
    }
  }
  return out;
}

function strategicMergePatch(current: KubeObject, patch: unknown): KubeObject {
  if (!isObject(patch)) throw new PatchError('a strategic merge patch must be a JSON object');
  return strategic(clone(current) as Json, patch as Json) as KubeObject;
}

export const localPatcher: Patcher = {
  jsonPatch,
  mergePatch,
  strategicMergePatch,
  apply(live, applied) {
    return live ? (strategic(clone(live) as Json, applied as Json) as KubeObject) : clone(applied);
  },
};
