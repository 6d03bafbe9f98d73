/**
 * Schema-aware walks over objects, as structured-merge-diff's typed package does them: the field
 * set an object sets, the comparison of two objects, the merge of an applied configuration into
 * a live object, and the removal of a set of fields. The schema is our SchemaNode; where it says
 * nothing (no schema, preserve-unknown-fields, int-or-string) the shape is deduced from the value:
 * maps granular with every key its own member, lists atomic.
 */
import { deepEqualJSON, isPlainObject, type JSONObject, type JSONValue } from '../patch/json.ts';
import type { SchemaNode } from '../schema.ts';
import {
  type FieldPath,
  FieldSet,
  keyElement,
  type PathElement,
  pathElementString,
  pathString,
  serializePathElement,
} from './fieldpath.ts';

/** A schema node with an optional default, for list-map keys such as a port's `protocol` (defaulted to TCP). */
type NodeWithDefault = SchemaNode & { default?: JSONValue };

/** An object or configuration the schema cannot describe (duplicate keys, keyless items...). */
export class TypedValueError extends Error {
  override name = 'TypedValueError';
}

type ListShape = { kind: 'list'; atomic: boolean; keys: string[]; item: SchemaNode | undefined };
type MapShape = { kind: 'map'; atomic: boolean; node: SchemaNode | undefined };
type Shape = ListShape | MapShape | { kind: 'scalar' };

/** Whether the node describes a struct/map or a list at all (otherwise: deduced from the value). */
function declaredKind(node: SchemaNode | undefined): 'map' | 'list' | 'scalar' | undefined {
  if (!node || node.preserveUnknownFields || node.intOrString) {
    if (node?.properties || node?.additionalProperties) return 'map';
    return undefined;
  }
  if (node.type === 'array' || node.items) return 'list';
  if (node.type === 'object' || node.properties || node.additionalProperties) return 'map';
  if (node.type) return 'scalar';
  return undefined;
}

function listSemantics(node: SchemaNode | undefined): { atomic: boolean; keys: string[] } {
  if (!node) return { atomic: true, keys: [] };
  if (node.listType === 'map') return { atomic: false, keys: node.listMapKeys ?? [] };
  if (node.listType === 'set') return { atomic: false, keys: [] };
  if (node.listType === 'atomic') return { atomic: true, keys: [] };
  // Without x-kubernetes-list-type, upstream's schema conversion falls back to the patch strategy.
  const strategies = (node.patchStrategy ?? '').split(',').map((s) => s.trim());
  if (strategies.includes('merge'))
    return { atomic: false, keys: node.patchMergeKey ? [node.patchMergeKey] : [] };
  return { atomic: true, keys: [] };
}

/** The shape the walkers use for `value` under `node`. */
function shapeOf(node: SchemaNode | undefined, value: JSONValue | undefined): Shape {
  const declared = declaredKind(node);
  const valueKind = Array.isArray(value)
    ? 'list'
    : isPlainObject(value)
      ? 'map'
      : value === null
        ? 'null'
        : 'scalar';
  const kind = declared ?? (valueKind === 'null' ? 'scalar' : valueKind);
  if (kind === 'list') {
    if (declared === undefined) return { kind: 'list', atomic: true, keys: [], item: undefined };
    return { kind: 'list', ...listSemantics(node), item: node?.items };
  }
  if (kind === 'map') return { kind: 'map', atomic: node?.mapType === 'atomic', node };
  return { kind: 'scalar' };
}

/** The node of field `key` of a map and whether it is a declared (struct) field. */
function fieldOf(
  node: SchemaNode | undefined,
  key: string,
): { node: SchemaNode | undefined; named: boolean } {
  const prop = node?.properties?.[key];
  if (prop) return { node: prop, named: true };
  return { node: node?.additionalProperties, named: false };
}

function listOf(v: JSONValue | undefined): JSONValue[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

function mapOf(v: JSONValue | undefined): JSONObject | undefined {
  return isPlainObject(v) ? v : undefined;
}

/**
 * The default of a list-map key field. Every `protocol` key in the Kubernetes API (container,
 * service and endpoint ports) defaults to TCP; our schemas do not carry OpenAPI defaults yet,
 * so that one is known here.
 */
function keyDefault(node: NodeWithDefault | undefined, name: string): JSONValue | undefined {
  if (node?.default !== undefined) return node.default;
  if (name === 'protocol' && node?.enum?.includes('TCP')) return 'TCP';
  return undefined;
}

/** The path element of one item of an associative list. */
export function listItemElement(shape: ListShape, item: JSONValue): PathElement {
  if (shape.keys.length > 0) {
    if (item === null) throw new TypedValueError('associative list with keys may not have a null element');
    if (!isPlainObject(item))
      throw new TypedValueError('associative list with keys may not have non-map elements');
    const fields: [string, JSONValue][] = [];
    for (const k of shape.keys) {
      if (Object.hasOwn(item, k)) fields.push([k, item[k]]);
      else {
        const def = keyDefault(shape.item?.properties?.[k] as NodeWithDefault | undefined, k);
        if (def !== undefined && def !== null) fields.push([k, def]);
      }
    }
    if (fields.length === 0)
      throw new TypedValueError(
        `associative list with keys has an element that omits all key fields ${goQuoteList(shape.keys)} (and doesn't have default values for any key fields)`,
      );
    return keyElement(fields);
  }
  if (isPlainObject(item))
    throw new TypedValueError("associative list without keys has an element that's a map type");
  if (Array.isArray(item))
    throw new TypedValueError('not supported: associative list with lists as elements');
  if (item === null)
    throw new TypedValueError("associative list without keys has an element that's an explicit null");
  return { value: item };
}

function goQuoteList(keys: string[]): string {
  return `[${keys.map((k) => JSON.stringify(k)).join(' ')}]`;
}

function withPrefix(err: unknown, prefix: string): never {
  if (err instanceof TypedValueError) {
    const msg = err.message;
    throw new TypedValueError(
      msg.startsWith('.') || msg.startsWith('[') ? prefix + msg : `${prefix}: ${msg}`,
    );
  }
  throw err;
}

/**
 * Checks what upstream's typed conversion rejects in an applied configuration: duplicate
 * entries of a set or map list, and list items that cannot be keyed.
 */
export function validateTyped(value: JSONValue, node: SchemaNode | undefined, path: FieldPath = []): void {
  const shape = shapeOf(node, value);
  if (shape.kind === 'map') {
    const m = mapOf(value);
    if (!m) return;
    for (const [k, v] of Object.entries(m)) validateTyped(v, fieldOf(node, k).node, [...path, { field: k }]);
    return;
  }
  if (shape.kind !== 'list' || shape.atomic) return;
  const list = listOf(value);
  if (!list) return;
  const seen = new Set<string>();
  list.forEach((item, i) => {
    let pe: PathElement;
    try {
      pe = listItemElement(shape, item);
    } catch (err) {
      withPrefix(new TypedValueError(`element ${i}: ${(err as Error).message}`), pathString(path));
    }
    const id = serializePathElement(pe);
    if (seen.has(id))
      throw new TypedValueError(`${pathString(path)}: duplicate entries for key ${pathElementString(pe)}`);
    seen.add(id);
    validateTyped(item, shape.item, [...path, pe]);
  });
}

// --- field sets ------------------------------------------------------------------------------

/** The set of fields `value` sets (upstream's ToFieldSet). */
export function toFieldSet(value: JSONValue, node: SchemaNode | undefined): FieldSet {
  const set = new FieldSet();
  walkFields(value, node, [], set);
  return set;
}

function walkFields(
  value: JSONValue,
  node: SchemaNode | undefined,
  path: PathElement[],
  set: FieldSet,
): void {
  const shape = shapeOf(node, value);
  if (shape.kind === 'scalar') {
    set.insert(path);
    return;
  }
  if (shape.kind === 'list') {
    if (shape.atomic) {
      set.insert(path);
      return;
    }
    const list = listOf(value);
    if (!list) return;
    const items = keyedItems(shape, list);
    for (const { pe, duplicate } of items.values()) if (duplicate) set.insert([...path, pe]);
    for (const { pe, item, duplicate } of items.values()) {
      if (duplicate) continue;
      const p = [...path, pe];
      walkFields(item, shape.item, p, set);
      set.insert(p);
    }
    return;
  }
  if (shape.atomic) {
    set.insert(path);
    return;
  }
  const m = mapOf(value);
  if (!m) return;
  for (const [k, v] of Object.entries(m)) {
    const f = fieldOf(node, k);
    const p = [...path, { field: k }];
    walkFields(v, f.node, p, set);
    if (v === null || (isPlainObject(v) && Object.keys(v).length === 0) || !f.named) set.insert(p);
  }
}

interface KeyedItem {
  pe: PathElement;
  item: JSONValue;
  duplicate: boolean;
  count: number;
}

/** Items of an associative list by element id, first occurrence kept; unkeyable items skipped. */
function keyedItems(shape: ListShape, list: JSONValue[]): Map<string, KeyedItem> {
  const out = new Map<string, KeyedItem>();
  for (const item of list) {
    let pe: PathElement;
    try {
      pe = listItemElement(shape, item);
    } catch {
      continue;
    }
    const id = serializePathElement(pe);
    const seen = out.get(id);
    if (seen) {
      seen.duplicate = true;
      seen.count++;
    } else out.set(id, { pe, item, duplicate: false, count: 1 });
  }
  return out;
}

/** Adds the declared (struct) fields among the set's parents as members (upstream's EnsureNamedFieldsAreMembers). */
export function ensureNamedFieldsAreMembers(set: FieldSet, node: SchemaNode | undefined): FieldSet {
  const out = new FieldSet();
  for (const [id, pe] of set.members) out.members.set(id, pe);
  for (const [id, child] of set.children) {
    let childNode: SchemaNode | undefined;
    if ('field' in child.pe) {
      const f = fieldOf(node, child.pe.field);
      if (f.named) out.members.set(id, child.pe);
      childNode = f.node;
    } else if ('key' in child.pe) childNode = node?.items;
    out.children.set(id, { pe: child.pe, set: ensureNamedFieldsAreMembers(child.set, childNode) });
  }
  return out;
}

// --- comparison ------------------------------------------------------------------------------

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** What changed from `lhs` to `rhs`, field by field (upstream's Compare). */
export function compare(lhs: JSONValue, rhs: JSONValue, node: SchemaNode | undefined): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareAt(lhs, rhs, node, [], c);
  return c;
}

function isEmptyCollection(v: JSONValue | undefined): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return false;
}

function compareLeaf(
  lhs: JSONValue | undefined,
  rhs: JSONValue | undefined,
  path: PathElement[],
  c: Comparison,
): void {
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
  else if (!deepEqualJSON(lhs, rhs)) c.modified.insert(path);
}

function compareAt(
  lhs: JSONValue | undefined,
  rhs: JSONValue | undefined,
  node: SchemaNode | undefined,
  path: PathElement[],
  c: Comparison,
): void {
  const ls = lhs === undefined ? undefined : shapeOf(node, lhs);
  const rs = rhs === undefined ? undefined : shapeOf(node, rhs);
  const shape = rs ?? ls;
  if (!shape) return;
  // Values of different kinds (deduced types) compare as leaves.
  if (ls && rs && ls.kind !== rs.kind) {
    compareLeaf(lhs, rhs, path, c);
    return;
  }
  if (shape.kind === 'scalar' || shape.atomic || (isEmptyCollection(lhs) && isEmptyCollection(rhs))) {
    compareLeaf(lhs, rhs, path, c);
    return;
  }
  if (shape.kind === 'list') compareLists(listOf(lhs) ?? [], listOf(rhs) ?? [], shape, path, c);
  else {
    const lm = mapOf(lhs) ?? {};
    const rm = mapOf(rhs) ?? {};
    for (const k of new Set([...Object.keys(lm), ...Object.keys(rm)]))
      compareAt(lm[k], rm[k], fieldOf(node, k).node, [...path, { field: k }], c);
  }
  if (path.length > 0) {
    if (lhs === undefined) c.added.insert(path);
    else if (rhs === undefined) c.removed.insert(path);
  }
}

function groupItems(
  shape: ListShape,
  list: JSONValue[],
): Map<string, { pe: PathElement; items: JSONValue[] }> {
  const out = new Map<string, { pe: PathElement; items: JSONValue[] }>();
  for (const item of list) {
    let pe: PathElement;
    try {
      pe = listItemElement(shape, item);
    } catch {
      continue;
    }
    const id = serializePathElement(pe);
    const g = out.get(id);
    if (g) g.items.push(item);
    else out.set(id, { pe, items: [item] });
  }
  return out;
}

function compareLists(
  lhs: JSONValue[],
  rhs: JSONValue[],
  shape: ListShape,
  path: PathElement[],
  c: Comparison,
): void {
  const l = groupItems(shape, lhs);
  const r = groupItems(shape, rhs);
  const ids = new Set([...l.keys(), ...r.keys()]);
  for (const id of ids) {
    const pe = (l.get(id) ?? r.get(id))!.pe;
    const li = l.get(id)?.items ?? [];
    const ri = r.get(id)?.items ?? [];
    const p = [...path, pe];
    if (li.length <= 1 && ri.length <= 1) compareAt(li[0], ri[0], shape.item, p, c);
    else if (li.length >= 2 && ri.length >= 2) {
      if (li.length !== ri.length || li.some((v, i) => !deepEqualJSON(v, ri[i]))) c.modified.insert(p);
    } else if (li.length >= 2) {
      // Duplicates before, not anymore: the new single item is added, the duplicate marker removed.
      if (ri.length !== 0) compareAt(undefined, ri[0], shape.item, p, c);
      c.removed.insert(p);
    } else {
      if (li.length !== 0) compareAt(li[0], undefined, shape.item, p, c);
      c.added.insert(p);
    }
  }
}

// --- merge -----------------------------------------------------------------------------------

/** Merges `rhs` (an applied configuration) into `lhs` (the live object): the right side wins at every leaf. */
export function merge(lhs: JSONValue, rhs: JSONValue, node: SchemaNode | undefined): JSONValue {
  return mergeAt(lhs, rhs, node) ?? null;
}

function mergeAt(
  lhs: JSONValue | undefined,
  rhs: JSONValue | undefined,
  node: SchemaNode | undefined,
): JSONValue | undefined {
  if (rhs === undefined) return lhs === undefined ? undefined : structuredClone(lhs);
  if (lhs === undefined) return structuredClone(rhs);
  const ls = shapeOf(node, lhs);
  const rs = shapeOf(node, rhs);
  if (ls.kind !== rs.kind && lhs !== null && rhs !== null) return structuredClone(rhs);
  const shape = rhs === null ? ls : rs;
  if (shape.kind === 'scalar' || shape.atomic || (isEmptyCollection(lhs) && isEmptyCollection(rhs)))
    return structuredClone(rhs);
  if (shape.kind === 'list') {
    // An empty result leaves the field out altogether, as upstream's walker does.
    const out = mergeLists(listOf(lhs) ?? [], listOf(rhs) ?? [], shape);
    return out.length > 0 ? out : undefined;
  }
  // A null map on one side merges as an empty one (upstream keeps the other side's items).
  const lm = mapOf(lhs) ?? {};
  const rm = mapOf(rhs) ?? {};
  const out: JSONObject = {};
  for (const k of new Set([...Object.keys(lm), ...Object.keys(rm)])) {
    const v = mergeAt(lm[k], rm[k], fieldOf(node, k).node);
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Merges two associative lists keeping the applied order for the items it names, with live-only
 * items staying where they were relative to them (upstream's visitListItems interleaving).
 */
function mergeLists(lhs: JSONValue[], rhs: JSONValue[], shape: ListShape): JSONValue[] {
  const index = (list: JSONValue[]) => {
    const ids: { id: string; item: JSONValue }[] = [];
    const first = new Map<string, JSONValue>();
    for (const item of list) {
      let pe: PathElement;
      try {
        pe = listItemElement(shape, item);
      } catch {
        continue;
      }
      const id = serializePathElement(pe);
      ids.push({ id, item });
      if (!first.has(id)) first.set(id, item);
    }
    return { ids, first };
  };
  const l = index(lhs);
  const r = index(rhs);
  const shared = r.ids.filter((x) => l.first.has(x.id)).map((x) => x.id);
  let sharedAt = 0;
  let nextShared: string | undefined = shared[sharedAt++];
  const mergedRHS = new Set<string>();
  const out: JSONValue[] = [];
  const emit = (v: JSONValue | undefined) => {
    if (v !== undefined) out.push(v);
  };
  let li = 0;
  let ri = 0;
  while (li < l.ids.length || ri < r.ids.length) {
    if (li < l.ids.length && ri < r.ids.length) {
      const lid = l.ids[li].id;
      if (lid === r.ids[ri].id) {
        mergedRHS.add(lid);
        emit(mergeAt(l.first.get(lid), r.first.get(lid), shape.item));
        li++;
        ri++;
        nextShared = shared[sharedAt++];
        continue;
      }
      if (r.first.has(lid) && nextShared !== undefined && nextShared !== lid) {
        li++;
        continue;
      }
    }
    if (li < l.ids.length) {
      const lid = l.ids[li].id;
      if (!r.first.has(lid)) {
        emit(mergeAt(l.ids[li].item, undefined, shape.item));
        li++;
        continue;
      }
      if (mergedRHS.has(lid)) li++;
    }
    if (ri < r.ids.length) {
      const rid = r.ids[ri].id;
      mergedRHS.add(rid);
      emit(mergeAt(l.first.get(rid), r.first.get(rid), shape.item));
      ri++;
      if (nextShared === rid) nextShared = shared[sharedAt++];
    }
  }
  return out;
}

// --- removal ---------------------------------------------------------------------------------

/** `value` without the fields of `set` (upstream's RemoveItems); emptied maps and lists become null. */
export function removeItems(value: JSONValue, set: FieldSet, node: SchemaNode | undefined): JSONValue {
  const shape = shapeOf(node, value);
  if (shape.kind === 'scalar') return value;
  if (shape.kind === 'list') {
    const list = listOf(value);
    if (!list || list.length === 0 || shape.atomic) return null;
    const out: JSONValue[] = [];
    for (const item of list) {
      let pe: PathElement;
      try {
        pe = listItemElement(shape, item);
      } catch {
        out.push(item);
        continue;
      }
      if (set.has([pe])) continue;
      const sub = set.withPrefix(pe);
      out.push(sub.empty() ? item : removeItems(item, sub, shape.item));
    }
    return out.length > 0 ? out : null;
  }
  const m = mapOf(value);
  if (!m || Object.keys(m).length === 0 || shape.atomic) return null;
  const out: JSONObject = {};
  for (const [k, v] of Object.entries(m)) {
    const pe = { field: k };
    if (set.has([pe])) continue;
    const sub = set.withPrefix(pe);
    out[k] = sub.empty() ? v : removeItems(v, sub, fieldOf(node, k).node);
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** Drops null values from maps (typed objects cannot hold them; the stored object must not either). */
export function dropNulls(v: JSONValue): JSONValue {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (isPlainObject(v)) {
    const out: JSONObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
    return out;
  }
  return v;
}
