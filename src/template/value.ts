/**
 * The Go value model templates run over. Go's reflection decides how text/template and Sprig
 * behave (truthiness, printing, comparison, `typeOf`/`kindOf`), so every value carries enough to
 * answer "what Go type is this":
 *
 * | Go                         | JS                                                         |
 * |----------------------------|------------------------------------------------------------|
 * | missing (invalid Value)    | `undefined` (prints `<no value>`)                         |
 * | nil                        | `null` (prints `<nil>`)                                   |
 * | string / bool              | `string` / `boolean`                                      |
 * | int                        | `bigint` (int literals, `len`, range indices)             |
 * | float64                    | `number` (all numbers decoded from YAML/JSON)             |
 * | int64, int32, uint8, ...   | `TypedInt` (e.g. Sprig's `add` returns int64)             |
 * | []interface{}              | JS array (an element type may be tagged, see `sliceOf`)   |
 * | map[string]interface{}     | plain object; keys iterate in sorted order                |
 * | struct / pointer / other   | an object implementing `GoValue` (fields, methods, type) |
 * | func                       | JS function (only reachable through `call`)               |
 *
 * Maps are plain objects: always read them with `hasKey`/`mapGet`, never `obj[key]` alone, so a
 * key named `constructor` or `__proto__` behaves like any other key.
 */

/** Go integer kinds other than plain `int` (which is a bare bigint). */
export type IntKind =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr';

const INT_BITS: Record<IntKind | 'int', { bits: number; signed: boolean }> = {
  int: { bits: 64, signed: true },
  int8: { bits: 8, signed: true },
  int16: { bits: 16, signed: true },
  int32: { bits: 32, signed: true },
  int64: { bits: 64, signed: true },
  uint: { bits: 64, signed: false },
  uint8: { bits: 8, signed: false },
  uint16: { bits: 16, signed: false },
  uint32: { bits: 32, signed: false },
  uint64: { bits: 64, signed: false },
  uintptr: { bits: 64, signed: false },
};

/** A Go integer of a named kind other than `int`; `value` is already wrapped to the kind's range. */
export class TypedInt {
  readonly value: bigint;
  constructor(
    readonly kind: IntKind,
    value: bigint,
  ) {
    this.value = wrapInt(kind, value);
  }
}

/** Go's two's-complement wrap-around for an integer kind. */
export function wrapInt(kind: IntKind | 'int', v: bigint): bigint {
  const { bits, signed } = INT_BITS[kind];
  return signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}

/** Go int64 as Sprig's math returns it. */
export function int64(v: bigint): TypedInt {
  return new TypedInt('int64', v);
}

/** Go `int` (64-bit here, as on linux/amd64). */
export function goInt(v: bigint | number): bigint {
  return BigInt.asIntN(64, typeof v === 'bigint' ? v : BigInt(Math.trunc(v)));
}

// --- Objects that are not maps or slices -------------------------------------------------

export const GO = Symbol.for('bosun.go');

/** Reflect kinds, spelled as Go's reflect.Kind.String() spells them. */
export type GoKind =
  | 'invalid'
  | 'bool'
  | 'int'
  | IntKind
  | 'float32'
  | 'float64'
  | 'string'
  | 'slice'
  | 'array'
  | 'map'
  | 'struct'
  | 'ptr'
  | 'interface'
  | 'func';

/**
 * How a struct-like or pointer-like Go value (Helm's `.Release`, `.Chart`, `.Files`,
 * `.Capabilities`, time.Time, *semver.Version, ...) presents itself to the executor and to fmt.
 */
export interface GoObjectInfo {
  /** Go type name as `%T` prints it, e.g. `time.Time`, `*semver.Version`, `chart.Metadata`. */
  type: string;
  kind: GoKind;
  /** Field lookup for `.Field` access; return `{found:false}` for a field the type lacks. */
  field?(name: string): { found: true; value: unknown } | { found: false };
  /**
   * Method lookup for `.Method args...`; methods receive already evaluated arguments. A method
   * may carry Go parameter types as `params` (same spelling as FuncDef params), so the executor
   * checks and converts its arguments as Go would (`expected string; found 1`).
   */
  method?(name: string): GoMethod | undefined;
  /** fmt.Stringer: used by %v, %s and print. */
  string?(): string;
  /** fmt.GoStringer: used by %#v (e.g. time.Time prints `time.Date(...)`). */
  goString?(): string;
  /** error interface: Error() is preferred by fmt over String(). */
  error?(): string;
  /** Whether this value is "empty" for truthiness (zero value of its type). */
  isZero?(): boolean;
  /** Fields in declaration order, for %v / %+v printing of structs. */
  fields?(): [string, unknown][];
  /**
   * For named map types with methods (Helm's `.Files`): the entries, so `range`, `len` and
   * `index` treat the value as the map it is.
   */
  entries?(): [string, unknown][];
  /** Go element type of such a map's values, e.g. `[]uint8`; default `interface {}`. */
  elemType?: string;
}

export type GoMethod = ((...args: any[]) => unknown) & { params?: readonly string[]; variadic?: string };

export interface GoObject {
  readonly [GO]: GoObjectInfo;
}

export function isGoObject(v: unknown): v is GoObject {
  return typeof v === 'object' && v !== null && GO in v;
}

/** The plain map behind a map-kind GoObject with `entries`, or undefined for anything else. */
export function goObjectMap(v: unknown): GoMap | undefined {
  if (!isGoObject(v)) return undefined;
  const info = v[GO];
  if (info.kind !== 'map' || !info.entries) return undefined;
  const m: GoMap = {};
  for (const [k, x] of info.entries()) mapSet(m, k, x);
  if (info.elemType)
    Object.defineProperty(m, MAP_TYPE, { value: `map[string]${info.elemType}`, enumerable: false });
  return m;
}

// --- Slices ------------------------------------------------------------------------------

export const SLICE_TYPE = Symbol.for('bosun.sliceType');

/** Tags a JS array with its Go element type (`string` for []string); untagged means interface{}. */
export function sliceOf<T extends unknown[]>(elem: string, arr: T): T {
  Object.defineProperty(arr, SLICE_TYPE, { value: elem, enumerable: false, configurable: true });
  return arr;
}

/** Go element type name of an array, e.g. `interface {}`, `string`, `int`. */
export function sliceElemType(arr: unknown[]): string {
  return (arr as unknown as Record<symbol, string>)[SLICE_TYPE] ?? 'interface {}';
}

// --- Maps --------------------------------------------------------------------------------

export type GoMap = Record<string, unknown>;
export const MAP_TYPE = Symbol.for('bosun.mapType');

export function isMap(v: unknown): v is GoMap {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || GO in v) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

export function isSlice(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

const hasOwn = Object.prototype.hasOwnProperty;

export function hasKey(m: GoMap, k: string): boolean {
  return hasOwn.call(m, k);
}

/** Map index; `undefined` when absent (Go's missing key). */
export function mapGet(m: GoMap, k: string): unknown {
  return hasOwn.call(m, k) ? m[k] : undefined;
}

/** Sets a key without tripping over `__proto__`. */
export function mapSet(m: GoMap, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  else m[k] = v;
}

/** A new empty Go map. */
export function newMap(): GoMap {
  return {};
}

/** Keys in Go's iteration order for map[string]T (sorted bytewise, as fmt and range do). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings);
}

/** Go string comparison: bytewise on UTF-8, which equals code point order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 code unit order differs from code point order only around surrogates
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

// --- Reflection --------------------------------------------------------------------------

/** reflect.Kind of a value. */
export function kindOf(v: unknown): GoKind {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'function':
      return 'func';
  }
  if (v instanceof TypedInt) return v.kind;
  if (Array.isArray(v)) return 'slice';
  if (isGoObject(v)) return v[GO].kind;
  return 'map';
}

/** Go type name as `%T` and Sprig's `typeOf` print it. */
export function typeOf(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'function':
      return 'func(...interface {}) (interface {}, error)';
  }
  if (v instanceof TypedInt) return v.kind;
  if (Array.isArray(v)) return `[]${sliceElemType(v)}`;
  if (isGoObject(v)) return v[GO].type;
  return (v as Record<symbol, string>)[MAP_TYPE] ?? 'map[string]interface {}';
}

/**
 * text/template truthiness (`if`, `with`, `and`, `or`, `not`): false for the zero value of the
 * type: false, 0, "", nil, empty slice or map. Structs are always true.
 */
export function isTrue(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'function':
      return true;
  }
  if (v instanceof TypedInt) return v.value !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (isGoObject(v)) {
    const info = v[GO];
    return info.isZero ? !info.isZero() : true;
  }
  return Object.keys(v as object).length > 0;
}

/** Integer value of any Go integer, or undefined when `v` is not an integer. */
export function intValue(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (v instanceof TypedInt) return v.value;
  return undefined;
}

export function isInt(v: unknown): boolean {
  return typeof v === 'bigint' || v instanceof TypedInt;
}

export function isUnsigned(v: unknown): boolean {
  return v instanceof TypedInt && v.kind.startsWith('u');
}
