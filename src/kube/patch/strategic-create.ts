/**
 * Creating strategic merge patches as kubectl's client-side apply does (apimachinery's
 * strategicpatch.CreateTwoWayMergePatch and CreateThreeWayMergePatch): lists with the `merge`
 * strategy are diffed item by item (by merge key for maps), with `$setElementOrder/<field>` to
 * keep the new order, `$patch: delete` items and `$deleteFromPrimitiveList/<field>` for
 * removals, `$retainKeys` under retainKeys strategies, and null for a removed field.
 */
import type { SchemaNode } from '../schema.ts';
import { deepEqualJSON, goFormat, isPlainObject, type JSONObject, type JSONValue } from './json.ts';
import { StrategicMergePatchError } from './strategic.ts';

const directiveMarker = '$patch';
const retainKeysDirective = '$retainKeys';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList/';
const setElementOrderPrefix = '$setElementOrder/';

interface DiffOptions {
  /** Leave out additions and changes (only deletions: the original-to-modified half of a three-way patch). */
  ignoreChangesAndAdditions?: boolean;
  /** Leave out deletions (the current-to-modified half). */
  ignoreDeletions?: boolean;
  setElementOrder?: boolean;
  buildRetainKeys?: boolean;
}

interface Meta {
  node: SchemaNode | undefined;
  strategies: string[];
  mergeKey: string;
}

function metaOf(schema: SchemaNode | undefined, key: string): Meta {
  const node = schema?.properties?.[key] ?? schema?.additionalProperties;
  const strategies = (node?.patchStrategy ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { node, strategies, mergeKey: node?.patchMergeKey ?? '' };
}

function kindOf(v: JSONValue | undefined): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (isPlainObject(v)) return 'map';
  return typeof v;
}

/** The two-way patch turning `original` into `modified` (what `kubectl apply` sends without a live object to consider). */
export function createTwoWayMergePatch(
  original: JSONObject,
  modified: JSONObject,
  schema: SchemaNode | undefined,
): JSONObject {
  return diffMaps(original, modified, schema, { setElementOrder: true });
}

/**
 * The three-way patch of client-side apply: changes from `current` (live) to `modified` (the new
 * configuration) without deletions, plus deletions of what `original` (last-applied) had and
 * `modified` dropped. With `overwrite` off, a patch touching fields changed since `original` is a conflict.
 */
export function createThreeWayMergePatch(
  original: JSONObject,
  modified: JSONObject,
  current: JSONObject,
  schema: SchemaNode | undefined,
  overwrite: boolean,
): JSONObject {
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original, modified, schema, {
    setElementOrder: true,
    ignoreChangesAndAdditions: true,
  });
  const patch = mergePatches(deletions, delta, schema);
  if (!overwrite) {
    const changed = diffMaps(original, current, schema, {});
    if (mapsConflict(patch, changed, schema))
      throw new StrategicMergePatchConflictError(
        `patch:\n${JSON.stringify(patch)}\nconflicts with changes made from original to current:\n${JSON.stringify(changed)}\n`,
      );
  }
  return patch;
}

export class StrategicMergePatchConflictError extends StrategicMergePatchError {
  override name = 'StrategicMergePatchConflictError';
}

function diffMaps(
  original: JSONObject,
  modified: JSONObject,
  schema: SchemaNode | undefined,
  options: DiffOptions,
): JSONObject {
  const patch: JSONObject = {};
  const retainKeys: string[] = [];
  for (const [key, modValue] of Object.entries(modified)) {
    if (options.buildRetainKeys && modValue !== null) retainKeys.push(key);
    const has = Object.hasOwn(original, key);
    const origValue = original[key];
    if (key === directiveMarker) {
      if (!deepEqualJSON(origValue, modValue)) patch[key] = modValue;
      continue;
    }
    if (!has) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modValue;
      continue;
    }
    if (kindOf(origValue) !== kindOf(modValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modValue;
      continue;
    }
    const meta = metaOf(schema, key);
    if (isPlainObject(origValue) && isPlainObject(modValue)) {
      if (meta.strategies.includes('replace')) replaceIfChanged(key, origValue, modValue, patch, options);
      else {
        const sub = diffMaps(origValue, modValue, meta.node, {
          ...options,
          buildRetainKeys: meta.strategies.includes('retainKeys'),
        });
        if (Object.keys(sub).length > 0) patch[key] = sub;
      }
    } else if (Array.isArray(origValue) && Array.isArray(modValue)) {
      if (meta.strategies.includes('merge')) {
        const lists = diffLists(origValue, modValue, meta, {
          ...options,
          buildRetainKeys: meta.strategies.includes('retainKeys'),
        });
        if (lists.patch.length > 0) patch[key] = lists.patch;
        if (lists.deletions.length > 0) patch[deleteFromPrimitiveListPrefix + key] = lists.deletions;
        if (lists.order.length > 0) patch[setElementOrderPrefix + key] = lists.order;
      } else replaceIfChanged(key, origValue, modValue, patch, options);
    } else replaceIfChanged(key, origValue as JSONValue, modValue, patch, options);
  }
  if (!options.ignoreDeletions)
    for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  // retainKeys lists what the map keeps, whenever the patch changes it or something must be cleared.
  const clears = Object.entries(original).some(([k, v]) => v !== null && !Object.hasOwn(modified, k));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || clears))
    patch[retainKeysDirective] = [...retainKeys].sort();
  return patch;
}

function replaceIfChanged(
  key: string,
  original: JSONValue,
  modified: JSONValue,
  patch: JSONObject,
  options: DiffOptions,
) {
  if (options.ignoreChangesAndAdditions) return;
  if (!deepEqualJSON(original, modified)) patch[key] = modified;
}

/** The element kind of two lists together (upstream refuses lists of lists and mixed kinds). */
function elementKind(original: JSONValue[], modified: JSONValue[]): string {
  let kind = 'nil';
  for (const v of [...original, ...modified]) {
    const k = kindOf(v);
    if (kind !== 'nil' && k !== kind)
      throw new StrategicMergePatchError(`list elements are not all of one type: ${k} and ${kind}`);
    kind = k;
  }
  if (kind === 'slice') throw new StrategicMergePatchError('cannot merge lists of lists');
  return kind;
}

// Upstream sorts by fmt's %v of the value before walking both lists.
const sortKeyOf = (v: JSONValue) => goFormat(v);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function mergeKeyOf(item: JSONValue, mergeKey: string): JSONValue {
  if (!isPlainObject(item) || !Object.hasOwn(item, mergeKey))
    throw new StrategicMergePatchError(
      `map: ${goFormat(item)} does not contain declared merge key: ${mergeKey}`,
    );
  return item[mergeKey];
}

function diffLists(
  original: JSONValue[],
  modified: JSONValue[],
  meta: Meta,
  options: DiffOptions,
): { patch: JSONValue[]; deletions: JSONValue[]; order: JSONValue[] } {
  const kind = elementKind(original, modified);
  if (kind === 'map') {
    const mergeKey = meta.mergeKey;
    if (!mergeKey) throw new StrategicMergePatchError('cannot merge lists without merge key');
    const origByKey = new Map<string, JSONObject>();
    for (const o of original) origByKey.set(sortKeyOf(mergeKeyOf(o, mergeKey)), o as JSONObject);
    const modKeys = new Set(modified.map((m) => sortKeyOf(mergeKeyOf(m, mergeKey))));
    // Changes and additions in the new order, then deletions sorted by key.
    const patch: JSONValue[] = [];
    for (const m of modified as JSONObject[]) {
      const o = origByKey.get(sortKeyOf(m[mergeKey]));
      if (!o) {
        if (!options.ignoreChangesAndAdditions) patch.push(m);
        continue;
      }
      const sub = diffMaps(o, m, meta.node?.items, options);
      if (Object.keys(sub).length > 0) patch.push({ ...sub, [mergeKey]: m[mergeKey] });
    }
    if (!options.ignoreDeletions) {
      const gone = [...origByKey.entries()]
        .filter(([k]) => !modKeys.has(k))
        .sort((a, b) => byString(a[0], b[0]));
      for (const [, o] of gone) patch.push({ [mergeKey]: o[mergeKey], [directiveMarker]: 'delete' });
    }
    const sameOrder = sameKeyOrder(original, modified, mergeKey);
    const wantOrder =
      options.setElementOrder &&
      ((!options.ignoreChangesAndAdditions && (patch.length > 0 || !sameOrder)) ||
        (!options.ignoreDeletions && patch.length > 0));
    const order = wantOrder ? (modified as JSONObject[]).map((m) => ({ [mergeKey]: m[mergeKey] })) : [];
    return { patch, deletions: [], order };
  }
  // Lists of scalars: additions in the new order, deletions sorted.
  const origSet = new Set(original.map(sortKeyOf));
  const modSet = new Set(modified.map(sortKeyOf));
  const patch: JSONValue[] = [];
  if (!options.ignoreChangesAndAdditions) {
    const seen = new Set<string>();
    for (const m of modified) {
      const k = sortKeyOf(m);
      if (!origSet.has(k) && !seen.has(k)) {
        patch.push(m);
        seen.add(k);
      }
    }
  }
  const deletions: JSONValue[] = [];
  if (!options.ignoreDeletions) {
    const seen = new Set<string>();
    for (const o of [...original].sort((a, b) => byString(sortKeyOf(a), sortKeyOf(b)))) {
      const k = sortKeyOf(o);
      if (!modSet.has(k) && !seen.has(k)) {
        deletions.push(o);
        seen.add(k);
      }
    }
  }
  const wantOrder =
    options.setElementOrder &&
    ((!options.ignoreDeletions && deletions.length > 0) ||
      (!options.ignoreChangesAndAdditions && !deepEqualJSON(original, modified)));
  return { patch, deletions, order: wantOrder ? modified : [] };
}

/** Whether the items both lists share come in the same order. */
function sameKeyOrder(original: JSONValue[], modified: JSONValue[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return original.every((o, i) =>
    deepEqualJSON((o as JSONObject)[mergeKey], (modified[i] as JSONObject)[mergeKey]),
  );
}

/** Merges two patches into one (upstream's mergeMap of the deletions and delta maps, directives kept as data). */
function mergePatches(base: JSONObject, overlay: JSONObject, schema: SchemaNode | undefined): JSONObject {
  const out: JSONObject = { ...base };
  for (const [key, v] of Object.entries(overlay)) {
    const cur = out[key];
    if (!Object.hasOwn(out, key) || cur === null || v === null || kindOf(cur) !== kindOf(v)) {
      out[key] = v;
      continue;
    }
    const meta = key.startsWith('$')
      ? { node: undefined, strategies: [], mergeKey: '' }
      : metaOf(schema, key);
    if (isPlainObject(cur) && isPlainObject(v) && !meta.strategies.includes('replace'))
      out[key] = mergePatches(cur, v, meta.node);
    else if (Array.isArray(cur) && Array.isArray(v) && meta.strategies.includes('merge'))
      out[key] = mergeLists(cur, v, meta);
    else out[key] = v;
  }
  return out;
}

function mergeLists(base: JSONValue[], overlay: JSONValue[], meta: Meta): JSONValue[] {
  const out = [...base];
  for (const v of overlay) {
    if (isPlainObject(v) && meta.mergeKey && Object.hasOwn(v, meta.mergeKey)) {
      const at = out.findIndex((o) => isPlainObject(o) && deepEqualJSON(o[meta.mergeKey], v[meta.mergeKey]));
      if (at >= 0) {
        out[at] = mergePatches(out[at] as JSONObject, v, meta.node?.items);
        continue;
      }
    } else if (out.some((o) => deepEqualJSON(o, v))) continue;
    out.push(v);
  }
  return out;
}

/** Whether two patches set some field to different values (upstream's MergingMapsHaveConflicts). */
function mapsConflict(a: JSONObject, b: JSONObject, schema: SchemaNode | undefined): boolean {
  for (const [key, av] of Object.entries(a)) {
    if (!Object.hasOwn(b, key)) continue;
    const bv = b[key];
    if (key.startsWith(setElementOrderPrefix) || key === retainKeysDirective) continue;
    const meta = metaOf(schema, key);
    if (isPlainObject(av) && isPlainObject(bv)) {
      if (mapsConflict(av, bv, meta.node)) return true;
    } else if (Array.isArray(av) && Array.isArray(bv) && meta.strategies.includes('merge') && meta.mergeKey) {
      for (const x of av) {
        if (!isPlainObject(x)) continue;
        const y = bv.find((o) => isPlainObject(o) && deepEqualJSON(o[meta.mergeKey], x[meta.mergeKey]));
        if (isPlainObject(y) && mapsConflict(x, y, meta.node?.items)) return true;
      }
    } else if (!deepEqualJSON(av, bv)) return true;
  }
  return false;
}
