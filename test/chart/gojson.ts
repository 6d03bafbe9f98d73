/** Go's encoding/json view of a value-model value (sorted keys), for comparing with helm's toJson. */
import { isMap, TypedInt } from '../../src/template/index.ts';

export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof TypedInt) return v.value.toString();
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${goString(JSON.stringify(k))}:${goJson(v[k])}`).join(',')}}`;
  }
  return goString(JSON.stringify(v));
}

/** encoding/json escapes <, >, & and the JS line separators. */
function goString(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
