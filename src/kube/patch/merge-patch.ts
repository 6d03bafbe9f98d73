/**
 * JSON merge patch (RFC 7386) as evanphx/json-patch v4 applies and creates it, and the
 * three-way merge patch kubectl apply sends for types without a strategic schema (CRDs),
 * as apimachinery's jsonmergepatch.CreateThreeWayJSONMergePatch computes it.
 */
import { deepEqualJSON, goFormat, isPlainObject, type JSONObject, type JSONValue } from './json.ts';

export class MergePatchError extends Error {
  override name = 'MergePatchError';
}

// Upstream prunes nulls inside objects it inserts, but (by an upstream slip) keeps null array items.
function pruneNulls(v: JSONValue): JSONValue {
  if (Array.isArray(v)) return v.map((x) => (x === null ? null : pruneNulls(x)));
  if (isPlainObject(v)) {
    const out: JSONObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = pruneNulls(x);
    return out;
  }
  return v;
}

function mergeInto(doc: JSONObject, patch: JSONObject, keepNulls: boolean): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      if (keepNulls) doc[k] = null;
      else delete doc[k];
      continue;
    }
    const cur = Object.hasOwn(doc, k) ? doc[k] : null;
    if (cur === null) doc[k] = keepNulls ? structuredClone(v) : pruneNulls(v);
    else if (!isPlainObject(cur)) doc[k] = pruneNulls(v);
    else if (!isPlainObject(v)) doc[k] = structuredClone(v);
    else mergeInto(cur, v, keepNulls);
  }
}

/**
 * jsonpatch.MergePatch: applies `patch` to `doc` (neither is mutated). A non-object patch
 * replaces the document; an array patch comes back as is.
 */
export function applyMergePatch(doc: JSONValue, patch: JSONValue): JSONValue {
  if (patch === null) throw new MergePatchError('Invalid JSON Patch');
  if (doc === null) throw new MergePatchError('Invalid JSON Document');
  if (isPlainObject(doc) && isPlainObject(patch)) {
    const out = structuredClone(doc);
    mergeInto(out, patch, false);
    return out;
  }
  if (isPlainObject(patch)) return pruneNulls(patch);
  if (Array.isArray(patch)) return pruneNulls(patch);
  throw new MergePatchError('Invalid JSON Patch');
}

/** jsonpatch.MergeMergePatches: one merge patch with the effect of `a` then `b`. */
export function mergeMergePatches(a: JSONObject, b: JSONObject): JSONObject {
  const out = structuredClone(a);
  mergeInto(out, b, true);
  return out;
}

/** jsonpatch.CreateMergePatch for two objects: what turns `original` into `modified`. */
export function createMergePatch(original: JSONObject, modified: JSONObject): JSONObject {
  const into: JSONObject = {};
  for (const [k, mv] of Object.entries(modified)) {
    if (!Object.hasOwn(original, k)) {
      into[k] = mv;
      continue;
    }
    const ov = original[k];
    if (kindOf(ov) !== kindOf(mv)) into[k] = mv;
    else if (isPlainObject(ov)) {
      const sub = createMergePatch(ov, mv as JSONObject);
      if (Object.keys(sub).length > 0) into[k] = sub;
    } else if (!deepEqualJSON(ov, mv)) into[k] = mv;
  }
  for (const k of Object.keys(original)) if (!Object.hasOwn(modified, k)) into[k] = null;
  return into;
}

function kindOf(v: JSONValue): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** keepOrDeleteNullInJsonPatch: keep only deletions (nulls) or only additions and changes. */
export function keepOrDeleteNulls(patch: JSONObject, keepNull: boolean): JSONObject {
  const out: JSONObject = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      if (keepNull) out[k] = null;
    } else if (isPlainObject(v)) {
      // An explicitly empty map is a value, not an empty patch.
      if (Object.keys(v).length === 0) {
        if (!keepNull) out[k] = v;
        continue;
      }
      const sub = keepOrDeleteNulls(v, keepNull);
      if (Object.keys(sub).length > 0) out[k] = sub;
    } else if (!keepNull) out[k] = v;
  }
  return out;
}

/** mergepatch.HasConflicts: whether two patches set the same field differently. */
export function hasConflicts(left: JSONValue, right: JSONValue): boolean {
  if (isPlainObject(left)) {
    if (!isPlainObject(right)) return true;
    return Object.keys(left).some((k) => Object.hasOwn(right, k) && hasConflicts(left[k], right[k]));
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return true;
    return left.some((v, i) => hasConflicts(v, right[i]));
  }
  return !deepEqualJSON(left, right);
}

/** A precondition over the computed patch (kubectl: apiVersion, kind and metadata.name unchanged). */
export type PatchPrecondition = (patch: JSONObject) => boolean;

export const requireKeyUnchanged =
  (key: string): PatchPrecondition =>
  (patch) =>
    !Object.hasOwn(patch, key);

export const requireMetadataKeyUnchanged =
  (key: string): PatchPrecondition =>
  (patch) => {
    const md = patch.metadata;
    return !isPlainObject(md) || !Object.hasOwn(md, key);
  };

export function checkPreconditions(patch: JSONObject, preconditions: PatchPrecondition[]): void {
  for (const fn of preconditions)
    if (!fn(patch)) throw new MergePatchError(`precondition failed for: ${goFormat(patch)}`);
}

/**
 * jsonmergepatch.CreateThreeWayJSONMergePatch: additions and changes from current to modified,
 * plus deletions from original (the last-applied configuration) to modified.
 */
export function createThreeWayJSONMergePatch(
  original: JSONObject | undefined,
  modified: JSONObject | undefined,
  current: JSONObject | undefined,
  preconditions: PatchPrecondition[] = [],
): JSONObject {
  const orig = original ?? {};
  const mod = modified ?? {};
  const cur = current ?? {};
  const addAndChange = keepOrDeleteNulls(createMergePatch(cur, mod), false);
  const deletions = keepOrDeleteNulls(createMergePatch(orig, mod), true);
  if (hasConflicts(addAndChange, deletions))
    throw new MergePatchError(
      `patch:\n${JSON.stringify(addAndChange)}\nconflicts with changes made from original to current:\n${JSON.stringify(deletions)}\n`,
    );
  const patch = mergeMergePatches(deletions, addAndChange);
  checkPreconditions(patch, preconditions);
  return patch;
}
