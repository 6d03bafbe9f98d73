/**
 * JSON patch (RFC 6902) as gopkg.in/evanphx/json-patch.v4 applies it for kube-apiserver,
 * quirks included: negative array indices count from the end, `replace` of a missing object
 * key adds it, `test` treats a missing key and `null` alike, and the error texts are its own.
 */
import { deepEqualJSON, isPlainObject, type JSONValue } from './json.ts';

export class JSONPatchError extends Error {
  override name = 'JSONPatchError';
}

// The sentinel errors the messages end with.
const errMissing = 'missing value';
const errInvalidIndex = 'invalid index referenced';
const errTestFailed = 'test failed';

type Operation = Record<string, unknown>;
type Container = { kind: 'object'; value: Record<string, JSONValue> } | { kind: 'array'; value: JSONValue[] };

/** Go's strconv.Atoi on a decimal string. */
function atoi(key: string): number {
  if (!/^[+-]?[0-9]+$/.test(key))
    throw new JSONPatchError(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  const n = Number(key);
  if (!Number.isSafeInteger(n))
    throw new JSONPatchError(`strconv.Atoi: parsing ${JSON.stringify(key)}: value out of range`);
  return n;
}

const invalidIndex = (idx: number) =>
  new JSONPatchError(`Unable to access invalid index: ${idx}: ${errInvalidIndex}`);

function containerOf(v: JSONValue | undefined): Container | undefined {
  if (Array.isArray(v)) return { kind: 'array', value: v };
  if (isPlainObject(v)) return { kind: 'object', value: v as Record<string, JSONValue> };
  return undefined;
}

/** Reads a key; an object's missing key reads as undefined (no error), as upstream. */
function get(c: Container, key: string): JSONValue | undefined {
  if (c.kind === 'object') return Object.hasOwn(c.value, key) ? c.value[key] : undefined;
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -c.value.length) throw invalidIndex(idx);
    idx += c.value.length;
  }
  if (idx >= c.value.length) throw invalidIndex(idx);
  return c.value[idx];
}

function set(c: Container, key: string, val: JSONValue): void {
  if (c.kind === 'object') {
    c.value[key] = val;
    return;
  }
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -c.value.length) throw invalidIndex(idx);
    idx += c.value.length;
  }
  c.value[idx] = val;
}

function add(c: Container, key: string, val: JSONValue): void {
  if (c.kind === 'object') {
    c.value[key] = val;
    return;
  }
  if (key === '-') {
    c.value.push(val);
    return;
  }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (e) {
    throw new JSONPatchError(`value was not a proper array index: '${key}': ${(e as Error).message}`);
  }
  const size = c.value.length + 1;
  if (idx >= size) throw invalidIndex(idx);
  if (idx < 0) {
    if (idx < -size) throw invalidIndex(idx);
    idx += size;
  }
  c.value.splice(idx, 0, val);
}

function remove(c: Container, key: string): void {
  if (c.kind === 'object') {
    if (!Object.hasOwn(c.value, key))
      throw new JSONPatchError(`Unable to remove nonexistent key: ${key}: ${errMissing}`);
    delete c.value[key];
    return;
  }
  let idx = atoi(key);
  if (idx >= c.value.length) throw invalidIndex(idx);
  if (idx < 0) {
    if (idx < -c.value.length) throw invalidIndex(idx);
    idx += c.value.length;
  }
  c.value.splice(idx, 1);
}

function decodeKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The container holding the last segment of `path`, or undefined when any step is missing. */
function findObject(root: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let doc = root;
  for (const part of split.slice(1, -1)) {
    let next: JSONValue | undefined;
    try {
      next = get(doc, decodeKey(part));
    } catch {
      return undefined;
    }
    const c = containerOf(next);
    if (!c) return undefined;
    doc = c;
  }
  return [doc, decodeKey(split[split.length - 1])];
}

function stringField(op: Operation, name: string): string | undefined {
  const v = op[name];
  return typeof v === 'string' ? v : undefined;
}

/** `value` absent or null both read as Go's nil raw message. */
function opValue(op: Operation): JSONValue {
  const v = op.value;
  return v === undefined ? null : structuredClone(v as JSONValue);
}

/** jsonpatch.DecodePatch on an already-parsed body. */
export function decodeJSONPatch(body: unknown): Operation[] {
  if (!Array.isArray(body)) {
    const kind = body === null ? 'null' : isPlainObject(body) ? 'object' : typeof body;
    throw new JSONPatchError(`json: cannot unmarshal ${kind} into Go value of type jsonpatch.Patch`);
  }
  return body.map((op) => {
    if (op !== null && !isPlainObject(op))
      throw new JSONPatchError(
        `json: cannot unmarshal ${Array.isArray(op) ? 'array' : typeof op} into Go value of type jsonpatch.Operation`,
      );
    return (op ?? {}) as Operation;
  });
}

/**
 * Applies an RFC 6902 patch to a document (not mutated) and returns the patched copy.
 * Throws JSONPatchError with evanphx/json-patch's message on the first failing operation.
 */
export function applyJSONPatch(doc: JSONValue, patch: unknown): JSONValue {
  const ops = decodeJSONPatch(patch);
  let root = containerOf(structuredClone(doc));
  if (!root)
    throw new JSONPatchError('json: cannot unmarshal document into Go value of type jsonpatch.partialDoc');
  for (const op of ops) {
    const kind = stringField(op, 'op') ?? 'unknown';
    switch (kind) {
      case 'add': {
        const path = stringField(op, 'path');
        if (path === undefined)
          throw new JSONPatchError(`add operation failed to decode path: ${errMissing}`);
        const found = findObject(root, path);
        if (!found)
          throw new JSONPatchError(
            `add operation does not apply: doc is missing path: "${path}": ${errMissing}`,
          );
        try {
          add(found[0], found[1], opValue(op));
        } catch (e) {
          throw new JSONPatchError(`error in add for path: '${path}': ${(e as Error).message}`);
        }
        break;
      }
      case 'remove': {
        const path = stringField(op, 'path');
        if (path === undefined)
          throw new JSONPatchError(`remove operation failed to decode path: ${errMissing}`);
        const found = findObject(root, path);
        if (!found)
          throw new JSONPatchError(
            `remove operation does not apply: doc is missing path: "${path}": ${errMissing}`,
          );
        try {
          remove(found[0], found[1]);
        } catch (e) {
          throw new JSONPatchError(`error in remove for path: '${path}': ${(e as Error).message}`);
        }
        break;
      }
      case 'replace': {
        const path = pathOrDecodeError(op, 'replace');
        if (path === '') {
          const replacement = containerOf(opValue(op));
          if (!replacement)
            throw new JSONPatchError('replace operation value must be object or array: %!w(<nil>)');
          root = replacement;
          break;
        }
        const found = findObject(root, path);
        if (!found)
          throw new JSONPatchError(
            `replace operation does not apply: doc is missing path: ${path}: ${errMissing}`,
          );
        try {
          get(found[0], found[1]);
        } catch {
          throw new JSONPatchError(
            `replace operation does not apply: doc is missing key: ${path}: ${errMissing}`,
          );
        }
        try {
          set(found[0], found[1], opValue(op));
        } catch (e) {
          throw new JSONPatchError(`error in remove for path: '${path}': ${(e as Error).message}`);
        }
        break;
      }
      case 'move': {
        const from = fromOrDecodeError(op, 'move');
        const source = findObject(root, from);
        if (!source)
          throw new JSONPatchError(
            `move operation does not apply: doc is missing from path: ${from}: ${errMissing}`,
          );
        let val: JSONValue | undefined;
        try {
          val = get(source[0], source[1]);
          remove(source[0], source[1]);
        } catch (e) {
          throw new JSONPatchError(`error in move for path: '${source[1]}': ${(e as Error).message}`);
        }
        const path = pathOrDecodeError(op, 'move');
        const dest = findObject(root, path);
        if (!dest)
          throw new JSONPatchError(
            `move operation does not apply: doc is missing destination path: ${path}: ${errMissing}`,
          );
        try {
          add(dest[0], dest[1], val ?? null);
        } catch (e) {
          throw new JSONPatchError(`error in move for path: '${path}': ${(e as Error).message}`);
        }
        break;
      }
      case 'test': {
        const path = pathOrDecodeError(op, 'test');
        const expected = op.value === undefined ? null : (op.value as JSONValue);
        if (path === '') {
          if (!deepEqualJSON(root.value, expected))
            throw new JSONPatchError(`testing value ${path} failed: ${errTestFailed}`);
          break;
        }
        const found = findObject(root, path);
        if (!found)
          throw new JSONPatchError(`test operation does not apply: is missing path: ${path}: ${errMissing}`);
        let actual: JSONValue | undefined;
        try {
          actual = get(found[0], found[1]);
        } catch (e) {
          throw new JSONPatchError(`error in test for path: '${path}': ${(e as Error).message}`);
        }
        // A missing key and an explicit null are the same nil node upstream.
        const same =
          actual === undefined || actual === null
            ? expected === null
            : expected !== null && deepEqualJSON(actual, expected);
        if (!same) throw new JSONPatchError(`testing value ${path} failed: ${errTestFailed}`);
        break;
      }
      case 'copy': {
        const from = fromOrDecodeError(op, 'copy');
        const source = findObject(root, from);
        if (!source)
          throw new JSONPatchError(
            `copy operation does not apply: doc is missing from path: ${from}: ${errMissing}`,
          );
        let val: JSONValue | undefined;
        try {
          val = get(source[0], source[1]);
        } catch (e) {
          throw new JSONPatchError(`error in copy for from: '${from}': ${(e as Error).message}`);
        }
        const path = stringField(op, 'path');
        if (path === undefined)
          throw new JSONPatchError(`copy operation failed to decode path: ${errMissing}`);
        const dest = findObject(root, path);
        if (!dest)
          throw new JSONPatchError(
            `copy operation does not apply: doc is missing destination path: ${path}: ${errMissing}`,
          );
        try {
          add(dest[0], dest[1], structuredClone(val ?? null));
        } catch (e) {
          throw new JSONPatchError(`error while adding value during copy: ${(e as Error).message}`);
        }
        break;
      }
      default:
        throw new JSONPatchError(`Unexpected kind: ${kind}`);
    }
  }
  return root.value;
}

function pathOrDecodeError(op: Operation, verb: string): string {
  const path = op.path;
  if (path === undefined || path === null)
    throw new JSONPatchError(
      `${verb} operation failed to decode path: operation missing path field: ${errMissing}`,
    );
  if (typeof path !== 'string')
    throw new JSONPatchError(
      `${verb} operation failed to decode path: json: cannot unmarshal ${goJSONKind(path)} into Go value of type string`,
    );
  return path;
}

function fromOrDecodeError(op: Operation, verb: string): string {
  const from = op.from;
  if (from === undefined || from === null)
    throw new JSONPatchError(
      `${verb} operation failed to decode from: operation, missing from field: ${errMissing}`,
    );
  if (typeof from !== 'string')
    throw new JSONPatchError(
      `${verb} operation failed to decode from: json: cannot unmarshal ${goJSONKind(from)} into Go value of type string`,
    );
  return from;
}

function goJSONKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (isPlainObject(v)) return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}
