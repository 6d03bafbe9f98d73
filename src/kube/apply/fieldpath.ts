/**
 * Field paths and field sets as structured-merge-diff models them: a path is a list of
 * elements (a field name, a list item by its keys, a set item by its value, or an atomic list
 * index), and a set is a tree of members (paths owned themselves) and children (paths with
 * owned descendants). Sets serialize to the `fieldsV1` JSON of managedFields.
 */
import { isPlainObject, type JSONObject, type JSONValue } from '../patch/json.ts';

export type PathElement =
  | { readonly field: string }
  | { readonly key: ReadonlyArray<readonly [string, JSONValue]> }
  | { readonly value: JSONValue }
  | { readonly index: number };

export type FieldPath = readonly PathElement[];

/** Byte-wise (UTF-8) order, as Go's strings.Compare: code point order, not UTF-16 unit order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP character in UTF-8.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

const isInt = (v: number) => Number.isInteger(v);

function rankOf(v: JSONValue): number {
  if (typeof v === 'number') return isInt(v) ? 1 : 0;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 3;
  if (Array.isArray(v)) return 4;
  if (isPlainObject(v)) return 5;
  return 6;
}

/** The total order of values upstream uses to sort set items and keys (floats, ints, strings, bools, lists, maps, null). */
export function compareValues(a: JSONValue, b: JSONValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (typeof a === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (Array.isArray(a)) {
    const bl = b as JSONValue[];
    for (let i = 0; i < Math.min(a.length, bl.length); i++) {
      const c = compareValues(a[i], bl[i]);
      if (c !== 0) return c;
    }
    return a.length - bl.length < 0 ? -1 : a.length > bl.length ? 1 : 0;
  }
  if (isPlainObject(a)) {
    const bo = b as JSONObject;
    const ka = Object.keys(a).sort(compareStrings);
    const kb = Object.keys(bo).sort(compareStrings);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const c = compareStrings(ka[i], kb[i]) || compareValues(a[ka[i]], bo[kb[i]]);
      if (c !== 0) return c;
    }
    return ka.length < kb.length ? -1 : ka.length > kb.length ? 1 : 0;
  }
  return 0;
}

function kindRank(pe: PathElement): number {
  if ('field' in pe) return 0;
  if ('key' in pe) return 1;
  if ('value' in pe) return 2;
  return 3;
}

/** Field names first, then keys, values, indexes; each by its own order. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const ra = kindRank(a);
  const rb = kindRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if ('field' in a) return compareStrings(a.field, (b as { field: string }).field);
  if ('key' in a) {
    const bk = (b as { key: ReadonlyArray<readonly [string, JSONValue]> }).key;
    for (let i = 0; i < Math.min(a.key.length, bk.length); i++) {
      const c = compareStrings(a.key[i][0], bk[i][0]) || compareValues(a.key[i][1], bk[i][1]);
      if (c !== 0) return c;
    }
    return a.key.length < bk.length ? -1 : a.key.length > bk.length ? 1 : 0;
  }
  if ('value' in a) return compareValues(a.value, (b as { value: JSONValue }).value);
  const bi = (b as { index: number }).index;
  return a.index < bi ? -1 : a.index > bi ? 1 : 0;
}

/** JSON as Go's encoding/json writes it (HTML characters escaped), for `k:` and `v:` elements. */
export function goJSON(v: JSONValue): string {
  return JSON.stringify(sortedKeys(v))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// Go writes map keys sorted.
function sortedKeys(v: JSONValue): JSONValue {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (isPlainObject(v)) {
    const out: JSONObject = {};
    for (const k of Object.keys(v).sort(compareStrings)) out[k] = sortedKeys(v[k]);
    return out;
  }
  return v;
}

/** `f:name`, `k:{"name":"x"}`, `v:"x"`, `i:0`: the fieldsV1 key of an element (also its identity). */
export function serializePathElement(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  if ('key' in pe) return `k:{${pe.key.map(([k, v]) => `${goJSON(k)}:${goJSON(v)}`).join(',')}}`;
  if ('value' in pe) return `v:${goJSON(pe.value)}`;
  return `i:${pe.index}`;
}

export class FieldsV1Error extends Error {
  override name = 'FieldsV1Error';
}

/** Parses a fieldsV1 key; undefined for element kinds this version does not know (dropped, as upstream). */
export function deserializePathElement(s: string): PathElement | undefined {
  if (s.length < 2) throw new FieldsV1Error('key must be 2 characters long:');
  if (s[1] !== ':') throw new FieldsV1Error(`missing colon: ${s}`);
  const body = s.slice(2);
  switch (s[0]) {
    case 'f':
      return { field: body };
    case 'v':
      return { value: parseJSON(body) };
    case 'k': {
      const m = parseJSON(body);
      if (!isPlainObject(m)) throw new FieldsV1Error(`invalid key element: ${s}`);
      return keyElement(Object.entries(m));
    }
    case 'i': {
      if (!/^[+-]?\d+$/.test(body))
        throw new FieldsV1Error(`strconv.Atoi: parsing ${JSON.stringify(body)}: invalid syntax`);
      return { index: Number(body) };
    }
    default:
      return undefined;
  }
}

function parseJSON(text: string): JSONValue {
  try {
    return JSON.parse(text) as JSONValue;
  } catch (err) {
    throw new FieldsV1Error((err as Error).message);
  }
}

/** A key element with its fields sorted by name, as upstream builds them. */
export function keyElement(fields: Iterable<readonly [string, JSONValue]>): PathElement {
  return { key: [...fields].sort((a, b) => compareStrings(a[0], b[0])) };
}

/** Go's %q of a string, near enough for path messages (JSON quoting matches it for printable text). */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

function valueToString(v: JSONValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(valueToString).join(',')}]`;
  return Object.entries(v)
    .map(([k, x]) => `${k}=${valueToString(x)}`)
    .join('');
}

/** `.spec`, `[name="nginx"]`, `[="x"]`, `[0]`: how conflict messages print an element. */
export function pathElementString(pe: PathElement): string {
  if ('field' in pe) return `.${pe.field}`;
  if ('key' in pe) return `[${pe.key.map(([k, v]) => `${k}=${valueToString(v)}`).join(',')}]`;
  if ('value' in pe) return `[=${valueToString(pe.value)}]`;
  return `[${pe.index}]`;
}

export function pathString(path: FieldPath): string {
  return path.map(pathElementString).join('');
}

interface Child {
  pe: PathElement;
  set: FieldSet;
}

/**
 * A set of field paths. Members are paths owned themselves; children hold the sets below a
 * path element. Operations return new sets and never leave an empty child behind.
 */
export class FieldSet {
  readonly members = new Map<string, PathElement>();
  readonly children = new Map<string, Child>();

  static of(...paths: FieldPath[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: FieldPath): void {
    if (path.length === 0) return;
    let node: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) node = node.descend(path[i]);
    const last = path[path.length - 1];
    node.members.set(serializePathElement(last), last);
  }

  /** The child set under `pe`, created when missing (callers must not leave it empty). */
  descend(pe: PathElement): FieldSet {
    const id = serializePathElement(pe);
    let c = this.children.get(id);
    if (!c) {
      c = { pe, set: new FieldSet() };
      this.children.set(id, c);
    }
    return c.set;
  }

  has(path: FieldPath): boolean {
    if (path.length === 0) return false;
    let node: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && node; i++)
      node = node.children.get(serializePathElement(path[i]))?.set;
    return node?.members.has(serializePathElement(path[path.length - 1])) ?? false;
  }

  /** The paths below `pe`, without the prefix. */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(serializePathElement(pe))?.set ?? new FieldSet();
  }

  empty(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  size(): number {
    let n = this.members.size;
    for (const c of this.children.values()) n += c.set.size();
    return n;
  }

  copy(): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) out.members.set(id, pe);
    for (const [id, c] of this.children) out.children.set(id, { pe: c.pe, set: c.set.copy() });
    return out;
  }

  union(other: FieldSet): FieldSet {
    const out = this.copy();
    for (const [id, pe] of other.members) out.members.set(id, pe);
    for (const [id, c] of other.children) {
      const mine = out.children.get(id);
      out.children.set(id, { pe: c.pe, set: mine ? mine.set.union(c.set) : c.set.copy() });
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (other.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      const theirs = other.children.get(id);
      if (!theirs) continue;
      const s = c.set.intersection(theirs.set);
      if (!s.empty()) out.children.set(id, { pe: c.pe, set: s });
    }
    return out;
  }

  /** Members of `other` leave; a parent minus its child keeps the parent (upstream's Difference). */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (!other.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      const theirs = other.children.get(id);
      if (!theirs) {
        out.children.set(id, { pe: c.pe, set: c.set.copy() });
        continue;
      }
      const s = c.set.difference(theirs.set);
      if (!s.empty()) out.children.set(id, { pe: c.pe, set: s });
    }
    return out;
  }

  /** Like difference, but a member of `other` also removes everything below it. */
  recursiveDifference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (!other.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      if (other.members.has(id)) continue;
      const theirs = other.children.get(id);
      if (!theirs) {
        out.children.set(id, { pe: c.pe, set: c.set.copy() });
        continue;
      }
      const s = c.set.recursiveDifference(theirs.set);
      if (!s.empty()) out.children.set(id, { pe: c.pe, set: s });
    }
    return out;
  }

  equals(other: FieldSet): boolean {
    if (this.members.size !== other.members.size || this.children.size !== other.children.size) return false;
    for (const id of this.members.keys()) if (!other.members.has(id)) return false;
    for (const [id, c] of this.children) {
      const theirs = other.children.get(id);
      if (!theirs || !c.set.equals(theirs.set)) return false;
    }
    return true;
  }

  sortedMembers(): PathElement[] {
    return [...this.members.values()].sort(comparePathElements);
  }

  sortedChildren(): Child[] {
    return [...this.children.values()].sort((a, b) => comparePathElements(a.pe, b.pe));
  }

  /** Every path, members before children at each level, each group in element order (upstream's Iterate). */
  paths(prefix: FieldPath = []): PathElement[][] {
    const out: PathElement[][] = [];
    for (const pe of this.sortedMembers()) out.push([...prefix, pe]);
    for (const c of this.sortedChildren()) out.push(...c.set.paths([...prefix, c.pe]));
    return out;
  }

  /** The fieldsV1 object: keys in element order, `.` first where a path is both member and parent. */
  toFieldsV1(): JSONObject {
    return this.emit(false);
  }

  private emit(includeSelf: boolean): JSONObject {
    const out: JSONObject = {};
    if (includeSelf && !this.empty()) out['.'] = {};
    const members = this.sortedMembers();
    const children = this.sortedChildren();
    let mi = 0;
    let ci = 0;
    while (mi < members.length || ci < children.length) {
      const c =
        mi >= members.length
          ? 1
          : ci >= children.length
            ? -1
            : comparePathElements(members[mi], children[ci].pe);
      if (c < 0) out[serializePathElement(members[mi++])] = {};
      else if (c > 0) {
        const child = children[ci++];
        out[serializePathElement(child.pe)] = child.set.emit(false);
      } else {
        const child = children[ci++];
        mi++;
        out[serializePathElement(child.pe)] = child.set.emit(true);
      }
    }
    return out;
  }

  /** Reads a fieldsV1 object (unknown element kinds are dropped, as upstream does). */
  static fromFieldsV1(fields: unknown): FieldSet {
    if (!isPlainObject(fields)) throw new FieldsV1Error('expected an object for fieldsV1');
    return readFields(fields).children ?? new FieldSet();
  }

  toString(): string {
    return this.paths()
      .map((p) => pathString(p))
      .join('\n');
  }
}

function readFields(obj: JSONObject): { children?: FieldSet; isMember: boolean } {
  let children: FieldSet | undefined;
  let isMember = false;
  for (const [key, sub] of Object.entries(obj)) {
    if (key === '.') {
      isMember = true;
      continue;
    }
    const pe = deserializePathElement(key);
    if (pe === undefined) continue;
    if (!isPlainObject(sub)) throw new FieldsV1Error(`expected an object for ${key}`);
    const inner = readFields(sub);
    if (inner.isMember) {
      children ??= new FieldSet();
      children.members.set(serializePathElement(pe), pe);
    }
    if (inner.children) {
      children ??= new FieldSet();
      const id = serializePathElement(pe);
      const existing = children.children.get(id);
      children.children.set(id, { pe, set: existing ? existing.set.union(inner.children) : inner.children });
    }
  }
  if (!children) isMember = true;
  return { children, isMember };
}
