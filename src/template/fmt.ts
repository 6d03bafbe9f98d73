/**
 * Go's fmt package as templates see it: print/printf/println and `{{ . }}` output.
 * PLACEHOLDER: the real implementation (all verbs, flags, width/precision, %!verb errors, Go float
 * formatting) replaces this file; only the exported signatures are fixed.
 */
import { GO, intValue, isGoObject, isMap, sortedKeys, TypedInt } from './value.ts';

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(...args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && typeof args[i] !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(args[i]);
  }
  return out;
}

/** fmt.Sprintln: always spaces between operands, newline at the end. */
export function sprintln(...args: unknown[]): string {
  return `${args.map(formatValue).join(' ')}\n`;
}

/** fmt.Sprintf. */
export function sprintf(format: string, ...args: unknown[]): string {
  let i = 0;
  return format.replace(/%[-+# 0]*\d*(?:\.\d*)?([a-zA-Z%])/g, (m, verb: string) =>
    verb === '%' ? '%' : formatValue(args[i++]),
  );
}

/** `%v` of one value, as `{{ . }}` prints it. */
export function formatValue(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloat(v, 'g', -1);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof TypedInt) return String(intValue(v));
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  if (isGoObject(v)) {
    const info = v[GO];
    return (
      info.error?.() ??
      info.string?.() ??
      `{${(info.fields?.() ?? []).map(([, x]) => formatValue(x)).join(' ')}}`
    );
  }
  if (isMap(v))
    return `map[${sortedKeys(v)
      .map((k) => `${k}:${formatValue(v[k])}`)
      .join(' ')}]`;
  return String(v);
}

/** strconv.FormatFloat(x, fmt, prec, 64). */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (fmt === 'g' && prec < 0) {
    if (Number.isInteger(x) && Math.abs(x) < 1e21) return String(x);
    return String(x);
  }
  return String(x);
}

/** strconv.Quote. */
export function quote(s: string): string {
  return JSON.stringify(s);
}
