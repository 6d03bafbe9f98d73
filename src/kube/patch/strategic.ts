/**
 * Applying a strategic merge patch as apimachinery's strategicpatch.StrategicMergeMapPatch does
 * on the server (MergeParallelList and IgnoreUnmatchedNulls on): the schema's patchStrategy and
 * patchMergeKey decide how lists merge; directives `$patch`, `$retainKeys`,
 * `$deleteFromPrimitiveList/<f>` and `$setElementOrder/<f>` steer the merge.
 */
import type { SchemaNode } from '../schema.ts';
import { deepEqualJSON, goFormat, isPlainObject, type JSONObject, type JSONValue } from './json.ts';

export class StrategicMergePatchError extends Error {
  override name = 'StrategicMergePatchError';
}

const directiveMarker = '$patch';
const retainKeysDirective = '$retainKeys';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList/';
const setElementOrderPrefix = '$setElementOrder/';

interface FieldMeta {
  schema: SchemaNode | undefined;
  strategy: 'merge' | 'replace' | '';
  mergeKey: string;
}

/** The patch metadata of field `key` of an object described by `schema`. */
function fieldMeta(schema: SchemaNode | undefined, key: string): FieldMeta {
  const node = schema?.properties?.[key] ?? schema?.additionalProperties;
  const strategies = (node?.patchStrategy ?? '').split(',').map((s) => s.trim());
  const strategy = strategies.includes('replace') ? 'replace' : strategies.includes('merge') ? 'merge' : '';
  return { schema: node, strategy, mergeKey: node?.patchMergeKey ?? '' };
}

/** The schema of one element of a list field. */
function itemSchema(meta: FieldMeta): SchemaNode | undefined {
  return meta.schema?.items;
}

// discardNullValuesFromPatch: nulls in values that land where nothing was mean nothing.
function discardNulls(v: JSONValue): JSONValue {
  if (Array.isArray(v)) return v.map((x) => (isPlainObject(x) ? discardNulls(x) : x));
  if (isPlainObject(v)) {
    const out: JSONObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = discardNulls(x);
    return out;
  }
  return v;
}

// Directives left in a value copied from the patch must not reach the object.
function removeDirectives(v: JSONValue): JSONValue {
  if (Array.isArray(v))
    return v.filter((x) => !(isPlainObject(x) && Object.hasOwn(x, directiveMarker))).map(removeDirectives);
  if (isPlainObject(v)) {
    const out: JSONObject = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === directiveMarker || k === retainKeysDirective) continue;
      if (k.startsWith(deleteFromPrimitiveListPrefix) || k.startsWith(setElementOrderPrefix)) continue;
      out[k] = removeDirectives(x);
    }
    return out;
  }
  return v;
}

function kindOf(v: JSONValue): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (isPlainObject(v)) return 'map';
  return typeof v === 'number' ? 'float64' : typeof v;
}

/**
 * Applies `patch` to `original` (neither is mutated) with the list semantics of `schema`
 * (undefined: no strategy anywhere, so lists are replaced and maps merged).
 */
export function applyStrategicMergePatch(
  original: JSONObject,
  patch: JSONObject,
  schema: SchemaNode | undefined,
): JSONObject {
  return mergeMap(structuredClone(original), structuredClone(patch), schema);
}

function mergeMap(original: JSONObject, patch: JSONObject, schema: SchemaNode | undefined): JSONObject {
  if (Object.hasOwn(patch, directiveMarker)) {
    const directive = patch[directiveMarker];
    if (directive === 'replace') {
      delete patch[directiveMarker];
      return removeDirectives(patch) as JSONObject;
    }
    if (directive === 'delete') return {};
    throw new StrategicMergePatchError(
      `unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`,
    );
  }
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, schema);

  for (const [rawKey, patchV] of Object.entries(patch)) {
    if (rawKey.startsWith(setElementOrderPrefix)) continue;
    let k = rawKey;
    const isDeleteList = rawKey.startsWith(deleteFromPrimitiveListPrefix);
    if (isDeleteList) k = rawKey.slice(deleteFromPrimitiveListPrefix.length);

    if (patchV === null) {
      delete original[k];
      continue;
    }
    if (!Object.hasOwn(original, k) || original[k] === null) {
      if (!isDeleteList) original[k] = removeDirectives(discardNulls(patchV));
      continue;
    }
    const cur = original[k];
    if (kindOf(cur) !== kindOf(patchV)) {
      if (!isDeleteList) original[k] = removeDirectives(discardNulls(patchV));
      continue;
    }
    const meta = fieldMeta(schema, k);
    if (isPlainObject(cur)) {
      original[k] =
        meta.strategy === 'replace'
          ? (removeDirectives(patchV) as JSONObject)
          : mergeMap(cur, patchV as JSONObject, meta.schema);
    } else if (Array.isArray(cur)) {
      original[k] = mergeSliceHandler(cur, patchV as JSONValue[], meta, isDeleteList);
    } else {
      original[k] = patchV;
    }
  }
  return original;
}

function applyRetainKeys(original: JSONObject, patch: JSONObject): void {
  if (!Object.hasOwn(patch, retainKeysDirective)) return;
  const retain = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!Array.isArray(retain)) throw new StrategicMergePatchError('invalid patch format of retainKeys');
  const keep = new Set(retain.map((v) => String(v)));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(deleteFromPrimitiveListPrefix) || k.startsWith(setElementOrderPrefix))
      continue;
    if (!keep.has(k)) throw new StrategicMergePatchError('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function mergeSliceHandler(
  original: JSONValue[],
  patch: JSONValue[],
  meta: FieldMeta,
  isDeleteList: boolean,
) {
  if (meta.strategy !== 'merge') return removeDirectives(patch) as JSONValue[];
  return mergeSlice(original, patch, meta, isDeleteList);
}

/** sliceElementType: every element of both lists must share one kind, and lists of lists do not merge. */
function elementKind(...lists: JSONValue[][]): string | undefined {
  let kind: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = kindOf(v);
      if (kind !== undefined && k !== kind)
        throw new StrategicMergePatchError(`list elements are not all of one type: ${k} and ${kind}`);
      kind = k;
    }
  }
  if (kind === 'slice') throw new StrategicMergePatchError('cannot merge lists of lists');
  return kind;
}

function noMergeKey(m: JSONObject, key: string): StrategicMergePatchError {
  return new StrategicMergePatchError(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);
}

function indexIn(order: JSONValue[], item: JSONValue, mergeKey: string, isMap: boolean): number {
  if (!isMap) return order.findIndex((o) => deepEqualJSON(o, item));
  const want = (item as JSONObject)[mergeKey];
  return order.findIndex((o) => isPlainObject(o) && deepEqualJSON(o[mergeKey], want));
}

function mergeSlice(
  original: JSONValue[],
  patch: JSONValue[],
  meta: FieldMeta,
  isDeleteList: boolean,
): JSONValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  const isMap = kind === 'map';
  const mergeKey = meta.mergeKey;
  let merged: JSONValue[];
  let serverOrder = original;
  if (!isMap) {
    if (isDeleteList) return original.filter((v) => !patch.some((p) => deepEqualJSON(p, v)));
    merged = [];
    for (const v of [...original, ...patch]) if (!merged.some((m) => deepEqualJSON(m, v))) merged.push(v);
  } else {
    if (mergeKey === '') throw new StrategicMergePatchError('cannot merge lists without merge key');
    let rest: JSONValue[] = [];
    let replace = false;
    let base = original;
    for (const v of patch as JSONObject[]) {
      if (!Object.hasOwn(v, directiveMarker)) {
        rest.push(v);
        continue;
      }
      const directive = v[directiveMarker];
      if (directive === 'delete') {
        if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
        base = base.filter((o) => !(isPlainObject(o) && deepEqualJSON(o[mergeKey], v[mergeKey])));
      } else if (directive === 'replace') {
        replace = true;
      } else if (directive === 'merge') {
        throw new StrategicMergePatchError('merging lists cannot yet be specified in the patch');
      } else {
        throw new StrategicMergePatchError(
          `unknown patch type: ${goFormat(directive)} in map: ${goFormat(v)}`,
        );
      }
    }
    if (replace) {
      base = rest;
      rest = [];
    }
    serverOrder = base;
    merged = [...base];
    for (const v of rest as JSONObject[]) {
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      const at = merged.findIndex((o) => isPlainObject(o) && deepEqualJSON(o[mergeKey], v[mergeKey]));
      if (at >= 0) merged[at] = mergeMap(merged[at] as JSONObject, v, itemSchema(meta));
      else merged.push(removeDirectives(discardNulls(v)));
    }
    patch = rest;
  }
  const patchItems = merged.filter((m) => indexIn(patch, m, mergeKey, isMap) >= 0);
  const serverOnly = merged.filter((m) => indexIn(patch, m, mergeKey, isMap) < 0);
  return normalizeElementOrder(patchItems, serverOnly, patch, serverOrder, mergeKey, isMap);
}

function sortByOrder(items: JSONValue[], order: JSONValue[], mergeKey: string, isMap: boolean): JSONValue[] {
  const at = items.map((item) => indexIn(order, item, mergeKey, isMap));
  return items
    .map((item, i) => ({ item, i, pos: at[i] }))
    .sort((a, b) => (a.pos >= 0 && b.pos >= 0 ? a.pos - b.pos : a.i - b.i))
    .map((x) => x.item);
}

/**
 * Patch items keep the patch's order, server-only items the live order, and the two are
 * interleaved by their positions in the live list (upstream's mergeSortedSlice).
 */
function normalizeElementOrder(
  patchItems: JSONValue[],
  serverOnly: JSONValue[],
  patchOrder: JSONValue[],
  serverOrder: JSONValue[],
  mergeKey: string,
  isMap: boolean,
): JSONValue[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey, isMap);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, isMap);
  const out: JSONValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, isMap);
      const ri = indexIn(serverOrder, right[j], mergeKey, isMap);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** `$setElementOrder/<field>`: merge that field now and order it as the directive lists. */
function applySetElementOrder(original: JSONObject, patch: JSONObject, schema: SchemaNode | undefined): void {
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    if (!Array.isArray(order))
      throw new StrategicMergePatchError(`expected a []interface{} for ${key}, but got ${goFormat(order)}`);
    const field = key.slice(setElementOrderPrefix.length);
    const meta = fieldMeta(schema, field);
    const foundOriginal = Array.isArray(original[field]);
    const foundPatch = Array.isArray(patch[field]);
    const originalList = foundOriginal ? (original[field] as JSONValue[]) : [];
    const patchList = foundPatch ? (patch[field] as JSONValue[]) : [];
    let merged: JSONValue[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList) as JSONValue[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, meta, false);
    else continue;
    const isMap = elementKind(originalList, patchList) === 'map';
    const mergeKey = meta.mergeKey;
    const patchItems = merged.filter((m) => indexIn(order, m, mergeKey, isMap) >= 0);
    const serverOnly = merged.filter((m) => indexIn(order, m, mergeKey, isMap) < 0);
    original[field] = normalizeElementOrder(patchItems, serverOnly, order, originalList, mergeKey, isMap);
    delete patch[field];
  }
}
