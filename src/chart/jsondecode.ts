/**
 * One JSON value from the front of a string, the way Go's encoding/json Decoder reads it for
 * `--set-json`: the value ends where its grammar ends (`truex` yields `true` and leaves `x`,
 * `01` yields `0`), so the strvals parser can go on after it. Values come out in the Go value
 * model: objects as maps, numbers as float64 (out-of-range numbers are an error in Go), and a
 * lone UTF-16 surrogate in a `\u` escape becomes U+FFFD as Go's decoder makes it.
 */
import { type GoMap, mapSet } from '../template/index.ts';

export class JsonSyntaxError extends Error {}

/** Go's isSpace for JSON: only these four. */
function isJsonSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** The index just past the JSON value that starts at `i` (after spaces), or a JsonSyntaxError. */
function valueEnd(s: string, start: number): number {
  let i = start;
  while (isJsonSpace(s[i])) i++;
  const c = s[i];
  if (c === undefined) throw new JsonSyntaxError('unexpected EOF');
  if (c === '{' || c === '[') return containerEnd(s, i);
  if (c === '"') return stringEnd(s, i);
  if (c === '-' || isDigit(c)) return numberEnd(s, i);
  for (const lit of ['true', 'false', 'null']) {
    if (c !== lit[0]) continue;
    for (let k = 1; k < lit.length; k++) {
      if (s[i + k] === undefined) throw new JsonSyntaxError('unexpected EOF');
      if (s[i + k] !== lit[k]) throw new JsonSyntaxError(`invalid character in literal ${lit}`);
    }
    return i + lit.length;
  }
  throw new JsonSyntaxError(`invalid character ${JSON.stringify(c)} looking for beginning of value`);
}

function numberEnd(s: string, start: number): number {
  let i = start;
  if (s[i] === '-') i++;
  if (s[i] === '0') i++;
  else if (isDigit(s[i])) while (isDigit(s[i])) i++;
  else throw new JsonSyntaxError('invalid number');
  if (s[i] === '.') {
    i++;
    if (!isDigit(s[i])) throw new JsonSyntaxError('invalid number');
    while (isDigit(s[i])) i++;
  }
  if (s[i] === 'e' || s[i] === 'E') {
    i++;
    if (s[i] === '+' || s[i] === '-') i++;
    if (!isDigit(s[i])) throw new JsonSyntaxError('invalid number');
    while (isDigit(s[i])) i++;
  }
  return i;
}

function stringEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') return i + 1;
    if (c < ' ') throw new JsonSyntaxError('invalid character in string literal');
    if (c !== '\\') continue;
    const e = s[++i];
    if (e === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) throw new JsonSyntaxError('invalid escape');
      i += 4;
    } else if (e === undefined || !'"\\/bfnrt'.includes(e)) {
      throw new JsonSyntaxError('invalid escape');
    }
  }
  throw new JsonSyntaxError('unexpected EOF');
}

function containerEnd(s: string, start: number): number {
  const isObject = s[start] === '{';
  const close = isObject ? '}' : ']';
  let i = start + 1;
  const skip = () => {
    while (isJsonSpace(s[i])) i++;
  };
  skip();
  if (s[i] === close) return i + 1;
  for (;;) {
    if (isObject) {
      skip();
      if (s[i] !== '"')
        throw new JsonSyntaxError('invalid character looking for beginning of object key string');
      i = stringEnd(s, i);
      skip();
      if (s[i] !== ':') throw new JsonSyntaxError('invalid character after object key');
      i++;
    }
    i = valueEnd(s, i);
    skip();
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] === close) return i + 1;
    throw new JsonSyntaxError(s[i] === undefined ? 'unexpected EOF' : 'invalid character after value');
  }
}

/** A lone surrogate is not valid UTF-8: Go's decoder writes U+FFFD in its place. */
function goString(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function toGo(v: unknown): unknown {
  if (typeof v === 'number') {
    if (!Number.isFinite(v))
      throw new JsonSyntaxError('cannot unmarshal number into Go value of type float64');
    return v;
  }
  if (typeof v === 'string') return goString(v);
  if (Array.isArray(v)) return v.map(toGo);
  if (v !== null && typeof v === 'object') {
    const out: GoMap = {};
    for (const [k, x] of Object.entries(v)) mapSet(out, goString(k), toGo(x));
    return out;
  }
  return v;
}

/** Decoder.Decode on `s`: the first value and how many UTF-16 units of `s` it took. */
export function decodeJsonPrefix(s: string): { value: unknown; length: number } {
  const end = valueEnd(s, 0);
  return { value: toGo(JSON.parse(s.slice(0, end))), length: end };
}

/** json.Unmarshal: exactly one value, nothing after it but spaces. */
export function decodeJson(s: string): unknown {
  const { value, length } = decodeJsonPrefix(s);
  let i = length;
  while (isJsonSpace(s[i])) i++;
  if (i !== s.length) throw new JsonSyntaxError('invalid character after top-level value');
  return value;
}
