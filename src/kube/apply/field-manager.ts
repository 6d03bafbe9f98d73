/**
 * Server-side apply and managedFields bookkeeping, layered as the API server's default field
 * manager is: the client-side-apply annotation kept in sync and its fields allowed to move to
 * `kubectl` without conflicts, `before-first-apply` for objects that predate field tracking,
 * a cap of ten update managers, manager identifiers, the `current-operation` trick that only
 * stamps a time when something changed, metadata fields never owned, and structured merge.
 */
import { deepEqualJSON, isPlainObject, type JSONObject, type JSONValue } from '../patch/json.ts';
import type { SchemaNode } from '../schema.ts';
import { type FieldPath, FieldSet, goJSON, pathString } from './fieldpath.ts';
import {
  copyManaged,
  decodeManagedFields,
  emptyManaged,
  encodeManagedFields,
  formatTime,
  type Managed,
  ManagedFieldsError,
  managerIdentifier,
  printManager,
} from './managed-fields.ts';
import {
  compare,
  dropNulls,
  ensureNamedFieldsAreMembers,
  merge,
  removeItems,
  TypedValueError,
  toFieldSet,
  validateTyped,
} from './typed.ts';

export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager `kubectl apply --server-side` uses; only it inherits client-side apply's fields. */
const kubectlApplyManager = 'kubectl';
const beforeFirstApplyManager = 'before-first-apply';
const currentOperation = 'current-operation';
const ancientChangesManager = 'ancient-changes';
const maxUpdateManagers = 10;

// Fields no manager ever owns (upstream's stripMeta set; a plain difference, children stay).
const strippedFields = FieldSet.of(
  [{ field: 'apiVersion' }],
  [{ field: 'kind' }],
  [{ field: 'metadata' }],
  ...[
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((f): FieldPath => [{ field: 'metadata' }, { field: f }]),
);

export interface ApplyConflict {
  /** The manager as conflict messages print it, e.g. `"kubectl-client-side-apply" using apps/v1`. */
  manager: string;
  /** The field path, e.g. `.spec.replicas`. */
  field: string;
  /** The Status cause message, e.g. `conflict with "helm"`. */
  message: string;
}

/** An apply that would take fields owned by other managers without force: a 409 Conflict. */
export class ApplyConflictError extends Error {
  override name = 'ApplyConflictError';
  constructor(
    message: string,
    readonly conflicts: ApplyConflict[],
  ) {
    super(message);
  }
}

/** A request the field manager refuses as malformed (a 400 BadRequest). */
export class ApplyBadRequestError extends Error {
  override name = 'ApplyBadRequestError';
}

/** The object or configuration does not fit its schema (upstream answers 500 with this text). */
export class ApplyInternalError extends Error {
  override name = 'ApplyInternalError';
}

export interface FieldManagerOptions {
  /** The operation time (the server's clock); managedFields record it at second precision. */
  now: Date;
  /** `status` or `scale` for writes through a subresource. */
  subresource?: string;
  /**
   * Paths the strategy resets on this endpoint, never owned by anyone writing through it
   * (upstream's GetResetFields), e.g. `[['status']]` for a main resource with a status
   * subresource, `[['spec'], ['metadata', 'labels']]` for its status writes.
   */
  resetFields?: string[][];
}

export interface ApplyOptions extends FieldManagerOptions {
  force?: boolean;
}

type Conflicts = Map<string, FieldSet>;

class ConflictSignal {
  constructor(readonly conflicts: Conflicts) {}
}

interface Context {
  schema: SchemaNode | undefined;
  version: string;
  now: string;
  subresource?: string;
  reset: FieldSet;
}

function contextOf(schema: SchemaNode | undefined, version: string, options: FieldManagerOptions): Context {
  const reset = FieldSet.of(...(options.resetFields ?? []).map((p) => p.map((field) => ({ field }))));
  return { schema, version, now: formatTime(options.now), subresource: options.subresource, reset };
}

function metadataOf(obj: JSONObject): JSONObject {
  return isPlainObject(obj.metadata) ? obj.metadata : {};
}

function withoutManagedFields(obj: JSONObject): JSONObject {
  const out = structuredClone(obj);
  if (isPlainObject(out.metadata)) delete out.metadata.managedFields;
  return out;
}

function setManagedFields(obj: JSONObject, managed: Managed): JSONObject {
  const entries = encodeManagedFields(managed);
  const meta = isPlainObject(obj.metadata) ? obj.metadata : undefined;
  if (entries) {
    if (meta) meta.managedFields = entries as unknown as JSONValue;
    else obj.metadata = { managedFields: entries as unknown as JSONValue };
  } else if (meta) delete meta.managedFields;
  return obj;
}

// --- structured merge (upstream's merge.Updater) ----------------------------------------------

/** Other managers lose what this change modified or removed; without force, taking their fields is a conflict. */
function reassign(
  ctx: Context,
  oldObj: JSONObject,
  newObj: JSONObject,
  managed: Managed,
  workflow: string,
  force: boolean,
) {
  const cmp = compare(oldObj, newObj, ctx.schema);
  if (!ctx.reset.empty()) {
    cmp.added = cmp.added.recursiveDifference(ctx.reset);
    cmp.modified = cmp.modified.recursiveDifference(ctx.reset);
    cmp.removed = cmp.removed.recursiveDifference(ctx.reset);
  }
  const changed = cmp.modified.union(cmp.added);
  const conflicts: Conflicts = new Map();
  for (const [id, vs] of managed.fields) {
    if (id === workflow) continue;
    const taken = vs.set.intersection(changed);
    if (!taken.empty()) conflicts.set(id, taken);
  }
  if (!force && conflicts.size > 0) throw new ConflictSignal(conflicts);
  for (const [id, vs] of managed.fields) {
    if (id === workflow) continue;
    let set = vs.set;
    const taken = conflicts.get(id);
    if (taken) set = set.difference(taken);
    if (!cmp.removed.empty()) set = set.difference(cmp.removed);
    if (set.empty()) managed.fields.delete(id);
    else managed.fields.set(id, { ...vs, set });
  }
  if (managed.fields.get(workflow)?.set.empty()) managed.fields.delete(workflow);
  return cmp;
}

function structuredUpdate(
  ctx: Context,
  live: JSONObject,
  next: JSONObject,
  managed: Managed,
  manager: string,
): void {
  const cmp = reassign(ctx, live, next, managed, manager, true);
  const previous = managed.fields.get(manager)?.set ?? new FieldSet();
  const set = previous
    .difference(cmp.removed)
    .union(cmp.modified)
    .union(cmp.added)
    .recursiveDifference(ctx.reset);
  if (set.empty()) managed.fields.delete(manager);
  else managed.fields.set(manager, { set, apiVersion: ctx.version, applied: false });
}

function structuredApply(
  ctx: Context,
  live: JSONObject,
  config: JSONObject,
  managed: Managed,
  manager: string,
  force: boolean,
): JSONObject | undefined {
  const merged = merge(live, config, ctx.schema) as JSONObject;
  const last = managed.fields.get(manager);
  const set = toFieldSet(config, ctx.schema).recursiveDifference(ctx.reset);
  managed.fields.set(manager, { set, apiVersion: ctx.version, applied: true });
  const pruned = prune(ctx, merged, managed, last?.set);
  reassign(ctx, live, pruned, managed, manager, force);
  return deepEqualJSON(live, pruned) ? undefined : pruned;
}

/**
 * Removes what the applier applied last time but not now, unless another manager (or the new
 * configuration) owns it, or nobody owned it but the applier never did either.
 */
function prune(ctx: Context, merged: JSONObject, managed: Managed, last: FieldSet | undefined): JSONObject {
  if (!last || last.empty()) return merged;
  const named = (s: FieldSet) => ensureNamedFieldsAreMembers(s, ctx.schema);
  const remove = (s: FieldSet) => (removeItems(merged, s, ctx.schema) ?? {}) as JSONObject;
  const lastNamed = named(last);
  let pruned = remove(lastNamed);
  // Add back what any manager still owns.
  let owned = new FieldSet();
  for (const vs of managed.fields.values()) owned = owned.union(vs.set);
  const mergedSet = named(toFieldSet(merged, ctx.schema));
  pruned = remove(mergedSet.difference(named(toFieldSet(pruned, ctx.schema)).union(named(owned))));
  // Add back what the applier did not own last time (dangling items).
  return remove(mergedSet.difference(named(toFieldSet(pruned, ctx.schema))).intersection(lastNamed));
}

// --- the manager layers ------------------------------------------------------------------------

function stripMeta(managed: Managed, id: string): void {
  const vs = managed.fields.get(id);
  if (!vs) return;
  const set = vs.set.difference(strippedFields);
  if (set.empty()) managed.fields.delete(id);
  else managed.fields.set(id, { ...vs, set });
}

/** Folds the oldest update managers into `ancient-changes` buckets until at most ten remain. */
function capUpdateManagers(managed: Managed): void {
  const updaters = [...managed.fields].filter(([, vs]) => !vs.applied).map(([id]) => id);
  if (updaters.length <= maxUpdateManagers) return;
  const seconds = (id: string) => {
    const t = managed.times.get(id);
    return t ? Math.floor(Date.parse(t) / 1000) : 0;
  };
  updaters.sort((a, b) => seconds(a) - seconds(b) || (a < b ? -1 : a > b ? 1 : 0));
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > maxUpdateManagers; i++) {
    const id = updaters[i];
    const vs = managed.fields.get(id)!;
    const time = managed.times.get(id);
    const bucket = managerIdentifier({
      manager: ancientChangesManager,
      operation: 'Update',
      apiVersion: vs.apiVersion,
    });
    const first = firstByVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstByVersion.set(vs.apiVersion, id);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      managed.fields.set(bucket, managed.fields.get(first)!);
      managed.fields.delete(first);
    }
    managed.fields.set(bucket, { ...vs, set: vs.set.union(managed.fields.get(bucket)!.set) });
    managed.fields.delete(id);
    length--;
    managed.times.set(bucket, time);
  }
}

/** An update through the identifier layers: only a manager that changed something gets its entry and time. */
function updateLayers(
  ctx: Context,
  live: JSONObject,
  next: JSONObject,
  managed: Managed,
  manager: string,
): void {
  const id = managerIdentifier({
    manager: manager || 'unknown',
    operation: 'Update',
    apiVersion: ctx.version,
    subresource: ctx.subresource,
  });
  structuredUpdate(ctx, live, next, managed, currentOperation);
  stripMeta(managed, currentOperation);
  const vs = managed.fields.get(currentOperation);
  if (vs) {
    managed.fields.delete(currentOperation);
    const previous = managed.fields.get(id);
    managed.fields.set(id, previous ? { ...vs, set: vs.set.union(previous.set) } : vs);
    managed.times.set(id, ctx.now);
  }
  capUpdateManagers(managed);
}

function applyLayers(
  ctx: Context,
  live: JSONObject,
  config: JSONObject,
  managedIn: Managed,
  manager: string,
  force: boolean,
): { object: JSONObject; managed: Managed } {
  const managed = copyManaged(managedIn);
  // Objects nobody tracked yet: their existing fields go to `before-first-apply` first.
  if (managed.fields.size === 0) updateLayers(ctx, {}, live, managed, beforeFirstApplyManager);
  const id = managerIdentifier({
    manager: manager || 'unknown',
    operation: 'Apply',
    subresource: ctx.subresource,
  });
  const result = structuredApply(ctx, live, config, managed, id, force);
  stripMeta(managed, id);
  if (result) managed.times.set(id, ctx.now);
  return { object: result ?? structuredClone(live), managed };
}

function conflictError(conflicts: Conflicts): ApplyConflictError {
  const list: ApplyConflict[] = [];
  for (const id of [...conflicts.keys()].sort()) {
    const manager = printManager(id);
    for (const p of conflicts.get(id)!.paths())
      list.push({ manager, field: pathString(p), message: `conflict with ${manager}` });
  }
  if (list.length === 1)
    return new ApplyConflictError(
      `Apply failed with 1 conflict: conflict with ${list[0].manager}: ${list[0].field}`,
      list,
    );
  const lines: string[] = [];
  let current: string | undefined;
  for (const c of list) {
    if (c.manager !== current) {
      lines.push(`conflicts with ${c.manager}:`);
      current = c.manager;
    }
    lines.push(`- ${c.field}`);
  }
  return new ApplyConflictError(`Apply failed with ${list.length} conflicts: ${lines.join('\n')}`, list);
}

/** The fields of the client-side-apply annotation the live object still matches: kubectl may take them over. */
function allowedFromLastApplied(ctx: Context, live: JSONObject): FieldSet | undefined {
  const annotations = metadataOf(live).annotations;
  const text = isPlainObject(annotations) ? annotations[lastAppliedAnnotation] : undefined;
  if (typeof text !== 'string' || text === '') return undefined;
  let last: JSONValue;
  try {
    last = JSON.parse(text) as JSONValue;
  } catch {
    return undefined;
  }
  if (!isPlainObject(last) || last.apiVersion !== ctx.version) return undefined;
  const cmp = compare(last, live, ctx.schema);
  return toFieldSet(last, ctx.schema).difference(cmp.modified).difference(cmp.added).difference(cmp.removed);
}

/** The annotation value kubectl's encoder writes: the configuration without the annotation, keys sorted, newline-terminated. */
export function lastAppliedConfiguration(config: JSONObject): string {
  const copy = structuredClone(config);
  const annotations = isPlainObject(copy.metadata) ? copy.metadata.annotations : undefined;
  if (isPlainObject(annotations)) delete annotations[lastAppliedAnnotation];
  return `${goJSON(copy)}\n`;
}

function objectName(obj: JSONObject, version: string): string {
  const meta = metadataOf(obj);
  const group = version.includes('/') ? version.split('/')[0] : '';
  const ver = version.includes('/') ? version.split('/')[1] : version;
  return `${meta.namespace ?? ''}/${meta.name ?? ''}; ${group}/${ver}, Kind=${obj.kind ?? ''}`;
}

/**
 * Server-side apply of `applied` by `manager` onto `live` (undefined when creating): the merged
 * object carrying the updated managedFields. Throws ApplyConflictError (409) when the
 * configuration changes fields other managers own and `force` is off.
 */
export function apply(
  live: JSONObject | undefined,
  applied: JSONObject,
  manager: string,
  schema: SchemaNode | undefined,
  options: ApplyOptions,
): JSONObject {
  const version = String(applied.apiVersion ?? live?.apiVersion ?? '');
  const ctx = contextOf(schema, version, options);
  if (
    live &&
    live.apiVersion !== undefined &&
    applied.apiVersion !== undefined &&
    live.apiVersion !== applied.apiVersion
  )
    throw new ApplyBadRequestError(
      `Incorrect version specified in apply patch. Specified patch version: ${applied.apiVersion}, expected: ${live.apiVersion}`,
    );
  const appliedMeta = metadataOf(applied);
  if (appliedMeta.managedFields !== undefined && appliedMeta.managedFields !== null)
    throw new ApplyBadRequestError('metadata.managedFields must be nil');
  try {
    validateTyped(applied, schema);
  } catch (err) {
    if (err instanceof TypedValueError)
      throw new ApplyInternalError(
        `failed to create typed patch object (${objectName(applied, version)}): ${err.message}`,
      );
    throw err;
  }
  let managed: Managed;
  try {
    managed = decodeManagedFields(live ? metadataOf(live).managedFields : undefined);
  } catch (err) {
    if (err instanceof ManagedFieldsError)
      throw new ApplyInternalError(`failed to decode managed fields: ${err.message}`);
    throw err;
  }
  const liveObj = live ? withoutManagedFields(live) : {};
  const force = options.force ?? false;
  let result: { object: JSONObject; managed: Managed };
  try {
    result = applyLayers(ctx, liveObj, applied, managed, manager, force);
  } catch (err) {
    if (!(err instanceof ConflictSignal)) throw err;
    if (manager !== kubectlApplyManager) throw conflictError(err.conflicts);
    // kubectl taking over from client-side apply: conflicts on fields its annotation still describes are allowed.
    const allowed = allowedFromLastApplied(ctx, liveObj);
    if (!allowed) throw conflictError(err.conflicts);
    const remaining: Conflicts = new Map();
    for (const [id, set] of err.conflicts) {
      const rest = set.difference(allowed);
      if (!rest.empty()) remaining.set(id, rest);
    }
    if (remaining.size > 0) throw conflictError(remaining);
    result = applyLayers(ctx, liveObj, applied, managed, manager, true);
  }
  const object = dropNulls(result.object) as JSONObject;
  if (manager === kubectlApplyManager) {
    const annotations = metadataOf(object).annotations;
    if (
      isPlainObject(annotations) &&
      typeof annotations[lastAppliedAnnotation] === 'string' &&
      annotations[lastAppliedAnnotation] !== ''
    )
      annotations[lastAppliedAnnotation] = lastAppliedConfiguration(applied);
  }
  return setManagedFields(object, result.managed);
}

function isResetManagedFields(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  if (v.length === 0) return true;
  return v.length === 1 && isPlainObject(v[0]) && Object.keys(v[0]).length === 0;
}

/**
 * The managedFields bookkeeping of an ordinary write (create, update, patch) by `manager`:
 * returns `next` with managedFields updated. `previous` is undefined on create. A request that
 * sets managedFields itself (kubectl's client-side-apply migration does) has them honoured;
 * an empty list resets them.
 */
export function updateManagedFields(
  previous: JSONObject | undefined,
  next: JSONObject,
  manager: string,
  schema: SchemaNode | undefined,
  options: FieldManagerOptions,
): JSONObject {
  const version = String(next.apiVersion ?? previous?.apiVersion ?? '');
  const ctx = contextOf(schema, version, options);
  const decodeOrEmpty = (v: unknown) => {
    try {
      return decodeManagedFields(v);
    } catch {
      return emptyManaged();
    }
  };
  const liveFields = previous ? metadataOf(previous).managedFields : undefined;
  const requested = metadataOf(next).managedFields;
  let managed: Managed;
  if (options.subresource) managed = decodeOrEmpty(liveFields);
  else if (isResetManagedFields(requested)) managed = emptyManaged();
  else {
    let fromRequest: Managed | undefined;
    try {
      fromRequest = decodeManagedFields(requested);
    } catch {
      fromRequest = undefined;
    }
    managed = fromRequest && fromRequest.fields.size > 0 ? fromRequest : decodeOrEmpty(liveFields);
  }
  const out = withoutManagedFields(next);
  // An existing object nobody tracks stays untracked until its first apply.
  if (managed.fields.size === 0 && previous && metadataOf(previous).uid) return out;
  updateLayers(ctx, previous ? withoutManagedFields(previous) : {}, out, managed, manager);
  return setManagedFields(out, managed);
}

/** The field set `value` sets under `schema`, as fieldsV1 (what an applier of it would own). */
export function fieldsV1Of(value: JSONObject, schema: SchemaNode | undefined): JSONObject {
  return toFieldSet(value, schema).toFieldsV1();
}

/**
 * structured-merge-diff's Updater alone (plain manager names, no identifiers, no metadata
 * stripping, no before-first-apply): the level upstream's merge tests exercise.
 */
export const structuredMergeUpdater = {
  apply(
    schema: SchemaNode | undefined,
    live: JSONObject,
    config: JSONObject,
    managed: Managed,
    manager: string,
    force: boolean,
  ): JSONObject {
    const ctx = contextOf(schema, 'v1', { now: new Date(0) });
    const work = copyManaged(managed);
    try {
      const out = structuredApply(ctx, live, config, work, manager, force) ?? live;
      managed.fields = work.fields;
      return out;
    } catch (err) {
      if (err instanceof ConflictSignal) throw conflictError(err.conflicts);
      throw err;
    }
  },
  update(
    schema: SchemaNode | undefined,
    live: JSONObject,
    next: JSONObject,
    managed: Managed,
    manager: string,
  ): void {
    structuredUpdate(contextOf(schema, 'v1', { now: new Date(0) }), live, next, managed, manager);
  },
};
