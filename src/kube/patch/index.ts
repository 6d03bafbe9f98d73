/** Patch algorithms: JSON patch, JSON merge patch, strategic merge patch. */

export { deepEqualJSON, isPlainObject, type JSONObject, type JSONValue } from './json.ts';
export { applyJSONPatch, decodeJSONPatch, JSONPatchError } from './json-patch.ts';
export {
  applyMergePatch,
  createMergePatch,
  createThreeWayJSONMergePatch,
  hasConflicts,
  MergePatchError,
  mergeMergePatches,
  type PatchPrecondition,
  requireKeyUnchanged,
  requireMetadataKeyUnchanged,
} from './merge-patch.ts';
export { applyStrategicMergePatch, StrategicMergePatchError } from './strategic.ts';
