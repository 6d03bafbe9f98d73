// Upstream's field.Error (k8s.io/apimachinery/pkg/util/validation/field): a reason, a path and a
// message printed as `<path>: <type>[: <bad value>][: <detail>]`. The bad value is printed the way
// Go's fmt prints the Go value upstream passed in, so each constructor takes a GoValue describing it.
import type { FieldError } from './types.ts';

/** A bad value as upstream would print it. Plain JS values map to the obvious Go type. */
export type GoValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | { readonly goSyntax: string } // pre-rendered `%#v` text (maps, slices, structs)
  | typeof OMIT;

/** upstream field.OmitValueType: the value is left out of the message. */
export const OMIT: unique symbol = Symbol('omit');

/** Go's %q for a string (strconv.Quote): JSON escaping matches for printable text. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** `%#v` of a map[string]string: keys sorted, `map[string]string{"a":"b", "c":"d"}`; nil map prints `(nil)`. */
export function goStringMap(m: Record<string, unknown> | undefined | null): { goSyntax: string } {
  if (m === undefined || m === null) return { goSyntax: 'map[string]string(nil)' };
  const parts = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`);
  return { goSyntax: `map[string]string{${parts.join(', ')}}` };
}

/** `%#v` of a []string. */
export function goStringSlice(list: unknown[] | undefined | null): { goSyntax: string } {
  if (list === undefined || list === null) return { goSyntax: '[]string(nil)' };
  return { goSyntax: `[]string{${list.map((v) => goQuote(String(v))).join(', ')}}` };
}

/** `%#v` of a metav1.LabelSelector value (upstream passes *LabelSelector; the error printer dereferences it). */
export function goLabelSelector(sel: Record<string, any> | undefined | null): { goSyntax: string } | null {
  if (sel === undefined || sel === null) return null;
  const exprs = sel.matchExpressions as Record<string, any>[] | undefined;
  const exprText =
    exprs === undefined || exprs === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${goQuote(String(e.key ?? ''))}, Operator:${goQuote(String(e.operator ?? ''))}, Values:${goStringSlice(e.values).goSyntax}}`,
          )
          .join(', ')}}`;
  return {
    goSyntax: `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels).goSyntax}, MatchExpressions:${exprText}}`,
  };
}

function printValue(v: GoValue): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && 'goSyntax' in v) return v.goSyntax;
  return '';
}

function make(
  reason: string,
  typeText: string,
  path: string,
  value: GoValue,
  detail: string,
  withValue: boolean,
): FieldError {
  let body = typeText;
  if (withValue && value !== OMIT) body += `: ${printValue(value)}`;
  if (detail !== '') body += `: ${detail}`;
  return { reason, field: path, message: `${path}: ${body}` };
}

export function required(path: string, detail = ''): FieldError {
  return make('FieldValueRequired', 'Required value', path, OMIT, detail, false);
}
export function invalid(path: string, value: GoValue, detail: string): FieldError {
  return make('FieldValueInvalid', 'Invalid value', path, value, detail, true);
}
export function notSupported(path: string, value: GoValue, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return make('FieldValueNotSupported', 'Unsupported value', path, value, detail, true);
}
export function duplicate(path: string, value: GoValue): FieldError {
  return make('FieldValueDuplicate', 'Duplicate value', path, value, '', true);
}
export function notFound(path: string, value: GoValue): FieldError {
  return make('FieldValueNotFound', 'Not found', path, value, '', true);
}
export function forbidden(path: string, detail: string): FieldError {
  return make('FieldValueForbidden', 'Forbidden', path, OMIT, detail, false);
}
export function tooLong(path: string, maxLength: number): FieldError {
  const detail =
    maxLength >= 0
      ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}`
      : 'value is too long';
  return make('FieldValueTooLong', 'Too long', path, OMIT, detail, false);
}
export function tooMany(path: string, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} items` : 'has too many items';
  return make('FieldValueTooMany', 'Too many', path, actual, detail, true);
}

/** upstream ValidateImmutableField: `field is immutable` when the new value differs from the old one. */
export function immutable(
  path: string,
  newValue: unknown,
  oldValue: unknown,
  printed: GoValue,
): FieldError[] {
  return deepEqual(newValue, oldValue) ? [] : [invalid(path, printed, 'field is immutable')];
}

/** Structural equality on JSON values, treating a missing key and an explicit null alike (Go's zero values). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) {
      if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    }
    return true;
  }
  return false;
}

/** Builds `a.b[0].c` / `data[key]` paths the way field.Path prints them. */
export function child(path: string, ...names: string[]): string {
  let out = path;
  for (const n of names) out = out === '' ? n : `${out}.${n}`;
  return out;
}
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}
