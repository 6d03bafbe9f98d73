/**
 * Applying a strategic merge patch as apimachinery's strategicpatch.StrategicMergeMapPatch does
 * (the library behind both `kubectl patch --local` and the API server; MergeParallelList and
 * IgnoreUnmatchedNulls on): the schema's patchStrategy and patchMergeKey decide how lists merge;
 * directives `$patch`, `$retainKeys`, `$deleteFromPrimitiveList/<f>` and `$setElementOrder/<f>`
 * steer the merge. The result is the library's raw map: what lands unmerged (an appended list
 * item, a list without the merge strategy, a `$patch: replace` map) keeps its nulls and
 * directives, as upstream's does before the API server decodes it into a typed object.
 * Checked case by case against kubectl in test/kube/patch/oracle.test.ts.
 */
import type { SchemaNode } from '../schema.ts';
import { goFormat, isPlainObject, type JSONObject, type JSONValue } from './json.ts';

export class StrategicMergePatchError extends Error {
  override name = 'StrategicMergePatchError';
}

const directiveMarker = '$patch';
const retainKeysDirective = '$retainKeys';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList/';
const setElementOrderPrefix = '$setElementOrder/';

// Go's reflect type names, as the library's "expected a X, but received a Y" errors print them.
const goSliceType = '[]interface {}';
const goMapType = 'map[string]interface {}';

type Kind = 'nil' | 'map' | 'slice' | 'string' | 'int64' | 'float64' | 'bool';

function kindOf(v: JSONValue | undefined): Kind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (isPlainObject(v)) return 'map';
  // apimachinery's JSON decoding keeps integral numbers as int64
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** `%s` of reflect.TypeOf(v): a nil interface has no type. */
function goTypeName(v: JSONValue | undefined): string {
  const kind = kindOf(v);
  if (kind === 'nil') return '%!s(<nil>)';
  if (kind === 'map') return goMapType;
  if (kind === 'slice') return goSliceType;
  return kind;
}

/** Go's `%s` verb: strings as they are, anything else flagged as fmt does. */
function goSprintS(v: JSONValue | undefined): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '%!s(<nil>)';
  return `%!s(${goTypeName(v)}=${goFormat(v)})`;
}

const badArgType = (expected: string, actual: JSONValue | undefined) =>
  new StrategicMergePatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);

const noMergeKey = (m: JSONObject, key: string) =>
  new StrategicMergePatchError(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);

const badPatchType = (directive: JSONValue, m: JSONObject) =>
  new StrategicMergePatchError(`unknown patch type: ${goSprintS(directive)} in map: ${goFormat(m)}`);

interface FieldMeta {
  schema: SchemaNode | undefined;
  /** The strategy besides retainKeys: `merge`, `replace` or none. */
  strategy: string;
  mergeKey: string;
}

/** The patch metadata of field `key` of an object described by `schema`. */
function fieldMeta(schema: SchemaNode | undefined, key: string): FieldMeta {
  const node = schema?.properties?.[key] ?? schema?.additionalProperties;
  const strategies = (node?.patchStrategy ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (strategies.length > 2 || (strategies.length === 2 && !strategies.includes('retainKeys')))
    throw new StrategicMergePatchError(`unexpected patch strategy: [${strategies.join(' ')}]`);
  const strategy = strategies.find((s) => s !== 'retainKeys') ?? '';
  return { schema: node, strategy, mergeKey: node?.patchMergeKey ?? '' };
}

/** discardNullValuesFromPatch: drops null map values at any depth (null list items stay). */
function discardNulls(v: JSONValue): void {
  if (Array.isArray(v)) {
    for (const x of v) discardNulls(x);
  } else if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === null) delete v[k];
      else discardNulls(x);
    }
  }
}

/**
 * removeDirectives: a map carrying `$patch` disappears (from its parent map or list); nothing
 * else is touched, so `$retainKeys` and the prefixed directives stay. Returns undefined to drop.
 */
function removeDirectives(v: JSONValue): JSONValue | undefined {
  if (Array.isArray(v)) {
    const out: JSONValue[] = [];
    for (const x of v) {
      const kept = removeDirectives(x);
      if (kept !== undefined) out.push(kept);
    }
    return out;
  }
  if (isPlainObject(v)) {
    if (Object.hasOwn(v, directiveMarker)) return undefined;
    for (const [k, x] of Object.entries(v)) {
      const kept = removeDirectives(x);
      if (kept === undefined) delete v[k];
      else v[k] = kept;
    }
  }
  return v;
}

/** A patch value landing where the original has nothing comparable: nulls and `$patch` maps go. */
function setFromPatch(original: JSONObject, key: string, patchV: JSONValue): void {
  discardNulls(patchV);
  const kept = removeDirectives(patchV);
  if (kept === undefined) delete original[key];
  else original[key] = kept;
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
      return patch;
    }
    if (directive === 'delete') return {};
    throw badPatchType(directive, patch);
  }
  applyRetainKeys(original, patch);
  mergeOrderedLists(original, patch, schema);

  for (const [rawKey, patchV] of Object.entries(patch)) {
    const isDeleteList = rawKey.startsWith(deleteFromPrimitiveListPrefix);
    const k = isDeleteList ? rawKey.slice(deleteFromPrimitiveListPrefix.length) : rawKey;

    if (patchV === null) {
      delete original[k];
      continue;
    }
    if (!Object.hasOwn(original, k) || kindOf(original[k]) !== kindOf(patchV)) {
      if (!isDeleteList) setFromPatch(original, k, patchV);
      continue;
    }
    const cur = original[k];
    if (isPlainObject(cur)) {
      const meta = fieldMeta(schema, k);
      original[k] = meta.strategy === 'replace' ? patchV : mergeMap(cur, patchV as JSONObject, meta.schema);
    } else if (Array.isArray(cur)) {
      const meta = fieldMeta(schema, k);
      original[k] = mergeSliceHandler(cur, patchV as JSONValue[], meta, isDeleteList);
    } else {
      original[k] = patchV;
    }
  }
  return original;
}

/** `$retainKeys`: keys of the original not listed go; a patch key not listed is an error. */
function applyRetainKeys(original: JSONObject, patch: JSONObject): void {
  if (!Object.hasOwn(patch, retainKeysDirective)) return;
  const retain = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!Array.isArray(retain)) throw new StrategicMergePatchError('invalid patch format of retainKeys');
  const keep = new Set<JSONValue>(retain);
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
): JSONValue[] {
  // A deletion list is honoured whatever the field's strategy.
  if (meta.strategy === 'merge' || isDeleteList)
    return mergeSlice(original, patch, meta.schema?.items, meta.mergeKey, isDeleteList);
  return patch;
}

/** sliceElementType: every element of the lists must share one kind, and lists of lists do not merge. */
function elementKind(...lists: JSONValue[][]): Kind {
  let kind: Kind | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = kindOf(v);
      if (kind === undefined) {
        if (k === 'slice') throw new StrategicMergePatchError('lists of lists are not supported');
        kind = k;
      } else if (k !== kind) {
        throw new StrategicMergePatchError(`list element types are not identical: ${goFormat(lists)}`);
      }
    }
  }
  if (kind === undefined) throw new StrategicMergePatchError('no elements in any of the given slices');
  return kind;
}

/** The value an item is identified by: its merge key for maps (absent reads as nil), itself otherwise. */
function identity(item: JSONValue, mergeKey: string, kind: Kind): JSONValue {
  if (kind !== 'map') return item;
  return isPlainObject(item) && Object.hasOwn(item, mergeKey) ? item[mergeKey] : null;
}

// Go's == on interface values holding JSON scalars; maps and lists are never equal here.
const sameScalar = (a: JSONValue, b: JSONValue) => a === b;

function indexIn(list: JSONValue[], item: JSONValue, mergeKey: string, kind: Kind): number {
  const want = identity(item, mergeKey, kind);
  return list.findIndex((x) => sameScalar(identity(x, mergeKey, kind), want));
}

/** findMapInSliceBasedOnKeyValue: only items that carry the key match. */
function findByKey(list: JSONValue[], mergeKey: string, value: JSONValue): number {
  return list.findIndex(
    (x) => isPlainObject(x) && Object.hasOwn(x, mergeKey) && sameScalar(x[mergeKey], value),
  );
}

/** deduplicateScalars: a later duplicate is overwritten by the last item (so order is not kept). */
function deduplicateScalars(items: JSONValue[]): JSONValue[] {
  const s = [...items];
  for (let i = 0; i < s.length - 1; i++) {
    for (let j = i + 1; j < s.length; j++) {
      if (sameScalar(s[i], s[j])) {
        s[j] = s[s.length - 1];
        s.length--;
        j--;
      }
    }
  }
  return s;
}

function mergeSlice(
  original: JSONValue[],
  patch: JSONValue[],
  schema: SchemaNode | undefined,
  mergeKey: string,
  isDeleteList: boolean,
): JSONValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: JSONValue[];
  let serverOrder = original;
  let patchOrder = patch;
  if (kind !== 'map') {
    if (isDeleteList) return original.filter((v) => !patch.some((p) => sameScalar(p, v)));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    // upstream names the element's Go kind, which is always a struct for API types
    if (mergeKey === '')
      throw new StrategicMergePatchError('cannot merge lists without merge key for struct');
    [serverOrder, patchOrder] = applyListDirectives(original, patch as JSONObject[], mergeKey);
    merged = [...serverOrder];
    for (const v of patchOrder as JSONObject[]) {
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      const at = findByKey(merged, mergeKey, v[mergeKey]);
      if (at >= 0) merged[at] = mergeMap(merged[at] as JSONObject, v, schema);
      else merged.push(v);
    }
  }
  const [patchItems, serverOnly] = partition(merged, patchOrder, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patchOrder, serverOrder, mergeKey, kind);
}

/**
 * mergeSliceWithSpecialElements: `$patch: delete` items remove their match from the original,
 * `$patch: replace` makes the rest of the patch the whole list. Returns the original and patch left.
 */
function applyListDirectives(
  original: JSONValue[],
  patch: JSONObject[],
  mergeKey: string,
): [JSONValue[], JSONValue[]] {
  const rest: JSONValue[] = [];
  let replace = false;
  let base = original;
  for (const v of patch) {
    if (!Object.hasOwn(v, directiveMarker)) {
      rest.push(v);
      continue;
    }
    const directive = v[directiveMarker];
    if (directive === 'delete') {
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      base = base.filter(
        (o) => !(isPlainObject(o) && Object.hasOwn(o, mergeKey) && sameScalar(o[mergeKey], v[mergeKey])),
      );
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new StrategicMergePatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw badPatchType(directive, v);
    }
  }
  return replace ? [rest, []] : [base, rest];
}

/** Splits `items` into those present in `by` and the rest (partition*ByPresentInList). */
function partition(items: JSONValue[], by: JSONValue[], mergeKey: string): [JSONValue[], JSONValue[]] {
  const inList: JSONValue[] = [];
  const rest: JSONValue[] = [];
  const byMergeKey = mergeKey !== '';
  for (const v of items) {
    let found: boolean;
    if (byMergeKey) {
      if (!isPlainObject(v)) throw badArgType(goMapType, v);
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      found = findByKey(by, mergeKey, v[mergeKey]) >= 0;
    } else {
      found = by.some((b) => sameScalar(b, v));
    }
    (found ? inList : rest).push(v);
  }
  return [inList, rest];
}

/**
 * normalizeSliceOrder: orders `items` by their position in `order`. Upstream sorts with a
 * comparator that calls a pair "less" whenever either item is missing from `order`; running
 * the same comparator through a stable insertion sort (what Go's sort.SliceStable does for up
 * to 20 items) reproduces where such items end up.
 */
function sortByOrder(items: JSONValue[], order: JSONValue[], mergeKey: string, kind: Kind): JSONValue[] {
  let toSort = items;
  let toDelete: JSONValue[] = [];
  if (kind === 'map') {
    for (const list of [items, order])
      for (const v of list) {
        if (!isPlainObject(v)) throw badArgType(goMapType, v);
        if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      }
    const isDelete = (v: JSONValue) => isPlainObject(v) && v[directiveMarker] === 'delete';
    toSort = items.filter((v) => !isDelete(v));
    toDelete = items.filter(isDelete);
  }
  const s = [...toSort];
  const less = (a: JSONValue, b: JSONValue) => {
    const ia = indexIn(order, a, mergeKey, kind);
    const ib = indexIn(order, b, mergeKey, kind);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  };
  for (let i = 1; i < s.length; i++) {
    for (let j = i; j > 0 && less(s[j], s[j - 1]); j--) [s[j], s[j - 1]] = [s[j - 1], s[j]];
  }
  return [...s, ...toDelete];
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
  kind: Kind,
): JSONValue[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: JSONValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const li = indexIn(serverOrder, left[i], mergeKey, kind);
    const ri = indexIn(serverOrder, right[j], mergeKey, kind);
    if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
    else out.push(right[j++]);
  }
  return [...out, ...left.slice(i), ...right.slice(j)];
}

/** validatePatchWithSetOrderList: the patch's items must appear in the directive's order. */
function checkOrderList(patchList: JSONValue[], order: JSONValue[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey !== '') {
    for (const v of patchList) if (!isPlainObject(v)) throw badArgType(goMapType, v);
    items = patchList.filter((v) => (v as JSONObject)[directiveMarker] !== 'delete');
  }
  const keyOf = (v: JSONValue): JSONValue => {
    if (mergeKey === '') return v;
    if (!isPlainObject(v)) throw badArgType(goMapType, v);
    if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
    return v[mergeKey];
  };
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (isPlainObject(items[p]) && Object.hasOwn(items[p] as JSONObject, directiveMarker)) {
      p++;
      continue;
    }
    if (sameScalar(keyOf(items[p]), keyOf(order[o]))) p++;
    o++;
  }
  if (p < items.length && o >= order.length)
    throw new StrategicMergePatchError(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match $setElementOrder list:\n${goFormat(order)}\n`,
    );
}

/**
 * mergePatchIntoOriginal: each `$setElementOrder/<field>` merges that field now (with its patch
 * list, if any) and orders the result as the directive lists.
 */
function mergeOrderedLists(original: JSONObject, patch: JSONObject, schema: SchemaNode | undefined): void {
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType(goSliceType, order);
    const field = key.slice(setElementOrderPrefix.length);
    const foundOriginal = Object.hasOwn(original, field);
    const foundPatch = Object.hasOwn(patch, field);
    const originalList = foundOriginal ? original[field] : [];
    const patchList = foundPatch ? patch[field] : [];
    if (!Array.isArray(originalList)) throw badArgType(goSliceType, originalList);
    if (!Array.isArray(patchList)) throw badArgType(goSliceType, patchList);
    const meta = fieldMeta(schema, field);
    checkOrderList(patchList, order, meta.mergeKey);
    let merged: JSONValue[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList) as JSONValue[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, meta, false);
    else continue;
    const kind = elementKind(originalList, patchList);
    const [patchItems, serverOnly] = partition(merged, order, meta.mergeKey);
    original[field] = normalizeElementOrder(patchItems, serverOnly, order, originalList, meta.mergeKey, kind);
    delete patch[field];
  }
}
