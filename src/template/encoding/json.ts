/**
 * Go's encoding/json over the template value model: json.Marshal / MarshalIndent / Encoder with
 * SetEscapeHTML(false), and json.Unmarshal into interface{} with Go's error texts.
 */
import {
  compareStrings,
  GO,
  type GoObject,
  isGoObject,
  isMap,
  mapSet,
  newMap,
  TypedInt,
  typeOf,
} from '../value.ts';

/** An error whose message is exactly Go's `err.Error()`. */
export class JsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonError';
  }
}

export interface JsonEncodeOptions {
  /** json.Marshal escapes <, > and & (default); json.Encoder.SetEscapeHTML(false) does not. */
  escapeHTML?: boolean;
  /** MarshalIndent's indent; empty means compact output. */
  indent?: string;
  prefix?: string;
}

/** RFC 3339 with nanoseconds, the layout time.Time.MarshalJSON uses. */
const RFC3339_NANO = '2006-01-02T15:04:05.999999999Z07:00';

/** json.Marshal(v) (or MarshalIndent when `indent`/`prefix` is given). Throws JsonError. */
export function encodeJson(v: unknown, opts: JsonEncodeOptions = {}): string {
  const escapeHTML = opts.escapeHTML ?? true;
  const compact = writeValue(v, escapeHTML);
  if (opts.indent === undefined && opts.prefix === undefined) return compact;
  return indentJson(compact, opts.prefix ?? '', opts.indent ?? '');
}

/** Go's float64 JSON form: %f inside [1e-6, 1e21), exponent outside with e-7 not e-07. */
export function formatJsonFloat(x: number): string {
  if (!Number.isFinite(x)) throw new JsonError(`json: unsupported value: ${goFloatName(x)}`);
  if (Object.is(x, -0)) return '-0';
  // JS number-to-string uses the same shortest digits and the same exponent thresholds
  return String(x);
}

function goFloatName(x: number): string {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
}

function writeValue(v: unknown, escapeHTML: boolean): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return quoteJsonString(v, escapeHTML);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return formatJsonFloat(v);
    case 'function':
      throw new JsonError(`json: unsupported type: ${typeOf(v)}`);
  }
  if (v instanceof TypedInt) return v.value.toString();
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ',';
      out += writeValue(v[i], escapeHTML);
    }
    return `${out}]`;
  }
  if (isGoObject(v)) return writeGoObject(v, escapeHTML);
  if (isMap(v)) {
    const keys = Object.keys(v).sort(compareStrings);
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (i > 0) out += ',';
      out += `${quoteJsonString(k, escapeHTML)}:${writeValue(v[k], escapeHTML)}`;
    }
    return `${out}}`;
  }
  throw new JsonError(`json: unsupported type: ${typeOf(v)}`);
}

/**
 * Structs and pointers: a `MarshalJSON` method wins (Helm's objects can offer their json-tagged
 * form that way), then time.Time's RFC 3339 form, then `MarshalText`, then exported fields in
 * declaration order.
 */
function writeGoObject(v: GoObject, escapeHTML: boolean): string {
  const info = v[GO];
  const marshalJson = info.method?.('MarshalJSON');
  if (marshalJson) return compactJson(String(marshalJson()), escapeHTML);
  if (info.type === 'time.Time' || info.type === '*time.Time') {
    const format = info.method?.('Format');
    if (format) return quoteJsonString(String(format(RFC3339_NANO)), escapeHTML);
  }
  const marshalText = info.method?.('MarshalText');
  if (marshalText) return quoteJsonString(String(marshalText()), escapeHTML);
  if (info.kind === 'struct' || info.kind === 'ptr') {
    const fields = info.fields?.() ?? [];
    let out = '{';
    let first = true;
    for (const [name, value] of fields) {
      // unexported fields are invisible to encoding/json
      if (!/^\p{Lu}/u.test(name)) continue;
      if (!first) out += ',';
      first = false;
      out += `${quoteJsonString(name, escapeHTML)}:${writeValue(value, escapeHTML)}`;
    }
    return `${out}}`;
  }
  if (info.string) return quoteJsonString(info.string(), escapeHTML);
  throw new JsonError(`json: unsupported type: ${info.type}`);
}

const HEX = '0123456789abcdef';

/** encoding/json's string form: \uXXXX for controls, optional HTML escapes, U+FFFD for bad UTF-16. */
export function quoteJsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      switch (c) {
        case 0x08:
          rep = '\\b';
          break;
        case 0x0c:
          rep = '\\f';
          break;
        case 0x0a:
          rep = '\\n';
          break;
        case 0x0d:
          rep = '\\r';
          break;
        case 0x09:
          rep = '\\t';
          break;
        default:
          rep = `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
      }
    } else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26))
      rep = `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    else if (c === 0x2028) rep = '\\u2028';
    else if (c === 0x2029) rep = '\\u2029';
    else if (c >= 0xd800 && c <= 0xdfff) {
      // a lone surrogate is the JS image of invalid UTF-8, which Go replaces with U+FFFD
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      rep = '\ufffd';
    }
    if (rep !== undefined) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return `${out + s.slice(start)}"`;
}

/** Re-emits already valid JSON compactly (json.Compact), as Marshal does for MarshalJSON output. */
function compactJson(text: string, escapeHTML: boolean): string {
  return writeValue(decodeJson(text), escapeHTML);
}

/** json.Indent over compact JSON produced by this encoder. */
function indentJson(compact: string, prefix: string, indent: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  let needIndent = false;
  const newline = () => `\n${prefix}${indent.repeat(depth)}`;
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += compact[++i];
      else if (c === '"') inString = false;
      continue;
    }
    if (needIndent && c !== ']' && c !== '}') {
      needIndent = false;
      depth++;
      out += newline();
    }
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case '{':
      case '[':
        out += c;
        needIndent = true;
        break;
      case ',':
        out += c + newline();
        break;
      case ':':
        out += ': ';
        break;
      case '}':
      case ']':
        if (needIndent) {
          // empty object or array stays on one line
          needIndent = false;
        } else {
          depth--;
          out += newline();
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

// --- Decoding ------------------------------------------------------------------------------

/** json.Unmarshal(text, &v) with v interface{}: objects become maps, numbers float64. */
export function decodeJson(text: string): unknown {
  const r = decodeJsonLenient(text);
  if (r.error !== undefined) throw new JsonError(r.error);
  return r.value;
}

/**
 * Like decodeJson, but reports a non-syntax error (a number out of float64 range) next to the
 * partially decoded value, since Go's Unmarshal keeps decoding after such errors.
 */
export function decodeJsonLenient(text: string): { value: unknown; error?: string } {
  const p = new JsonParser(text);
  const syntax = p.check();
  if (syntax !== undefined) return { value: undefined, error: syntax };
  p.pos = 0;
  const value = p.value();
  return p.typeError === undefined ? { value } : { value, error: p.typeError };
}

/** Go's JSON kind names used in UnmarshalTypeError ("cannot unmarshal array into ..."). */
export function jsonKindName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Go's quoteChar: the offending byte as it appears in scanner errors. */
function quoteChar(s: string, i: number): string {
  let c = s.charCodeAt(i);
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  // Go scans bytes: a non-ASCII character is reported by its first UTF-8 byte, read as Latin-1
  if (c >= 0x80) {
    const cp = s.codePointAt(i)!;
    if (cp < 0x800) c = 0xc0 | (cp >> 6);
    else if (cp < 0x10000) c = 0xe0 | (cp >> 12);
    else c = 0xf0 | (cp >> 18);
    if (cp >= 0xd800 && cp <= 0xdfff) c = 0xef; // lone surrogate: replaced as EF BF BD upstream
  }
  if (c < 0x20 || c === 0x7f) {
    const named: Record<number, string> = {
      7: '\\a',
      8: '\\b',
      12: '\\f',
      10: '\\n',
      13: '\\r',
      9: '\\t',
      11: '\\v',
    };
    return `'${named[c] ?? `\\x${HEX[c >> 4]}${HEX[c & 15]}`}'`;
  }
  if (c >= 0x80 && c < 0xa0) return `'\\u00${HEX[c >> 4]}${HEX[c & 15]}'`;
  if (c === 0xad) return `'\\u00ad'`;
  return `'${String.fromCharCode(c)}'`;
}

class JsonParser {
  pos = 0;
  typeError: string | undefined;
  constructor(readonly s: string) {}

  private err(ctx: string): string {
    return this.pos >= this.s.length
      ? 'unexpected end of JSON input'
      : `invalid character ${quoteChar(this.s, this.pos)} ${ctx}`;
  }

  private skipWs(): void {
    const s = this.s;
    while (this.pos < s.length && isWs(s.charCodeAt(this.pos))) this.pos++;
  }

  /** The validity scan Go runs before decoding; returns the first syntax error text. */
  check(): string | undefined {
    this.skipWs();
    const e = this.checkValue();
    if (e !== undefined) return e;
    this.skipWs();
    if (this.pos < this.s.length) return this.err('after top-level value');
    return undefined;
  }

  private checkValue(): string | undefined {
    const s = this.s;
    if (this.pos >= s.length) return 'unexpected end of JSON input';
    const c = s.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: // {
        this.pos++;
        this.skipWs();
        if (s.charCodeAt(this.pos) === 0x7d) {
          this.pos++;
          return undefined;
        }
        for (;;) {
          if (s.charCodeAt(this.pos) !== 0x22) return this.err('looking for beginning of object key string');
          const ke = this.checkString();
          if (ke !== undefined) return ke;
          this.skipWs();
          if (s.charCodeAt(this.pos) !== 0x3a) return this.err('after object key');
          this.pos++;
          this.skipWs();
          const ve = this.checkValue();
          if (ve !== undefined) return ve;
          this.skipWs();
          const d = s.charCodeAt(this.pos);
          if (d === 0x2c) {
            this.pos++;
            this.skipWs();
            continue;
          }
          if (d === 0x7d) {
            this.pos++;
            return undefined;
          }
          return this.err('after object key:value pair');
        }
      case 0x5b: // [
        this.pos++;
        this.skipWs();
        if (s.charCodeAt(this.pos) === 0x5d) {
          this.pos++;
          return undefined;
        }
        for (;;) {
          const ve = this.checkValue();
          if (ve !== undefined) return ve;
          this.skipWs();
          const d = s.charCodeAt(this.pos);
          if (d === 0x2c) {
            this.pos++;
            this.skipWs();
            continue;
          }
          if (d === 0x5d) {
            this.pos++;
            return undefined;
          }
          return this.err('after array element');
        }
      case 0x22:
        return this.checkString();
      case 0x74:
        return this.checkLiteral('true');
      case 0x66:
        return this.checkLiteral('false');
      case 0x6e:
        return this.checkLiteral('null');
      default:
        if (c === 0x2d || isDigit(c)) return this.checkNumber();
        return this.err('looking for beginning of value');
    }
  }

  private checkLiteral(word: string): string | undefined {
    for (let k = 1; k < word.length; k++) {
      this.pos++;
      if (this.s[this.pos] !== word[k]) return this.err(`in literal ${word} (expecting '${word[k]}')`);
    }
    this.pos++;
    return undefined;
  }

  private checkNumber(): string | undefined {
    const s = this.s;
    if (s.charCodeAt(this.pos) === 0x2d) {
      this.pos++;
      if (!isDigit(s.charCodeAt(this.pos))) return this.err('in numeric literal');
    }
    if (s.charCodeAt(this.pos) === 0x30) this.pos++;
    else while (isDigit(s.charCodeAt(this.pos))) this.pos++;
    if (s.charCodeAt(this.pos) === 0x2e) {
      this.pos++;
      if (!isDigit(s.charCodeAt(this.pos))) return this.err('after decimal point in numeric literal');
      while (isDigit(s.charCodeAt(this.pos))) this.pos++;
    }
    const e = s.charCodeAt(this.pos);
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const sign = s.charCodeAt(this.pos);
      if (sign === 0x2b || sign === 0x2d) this.pos++;
      if (!isDigit(s.charCodeAt(this.pos))) return this.err('in exponent of numeric literal');
      while (isDigit(s.charCodeAt(this.pos))) this.pos++;
    }
    return undefined;
  }

  private checkString(): string | undefined {
    const s = this.s;
    this.pos++;
    for (;;) {
      if (this.pos >= s.length) return 'unexpected end of JSON input';
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        return undefined;
      }
      if (c < 0x20) return this.err('in string literal');
      if (c === 0x5c) {
        this.pos++;
        const e = s.charCodeAt(this.pos);
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            this.pos++;
            if (!isHex(s.charCodeAt(this.pos))) return this.err('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(s[this.pos] ?? 'x') || this.pos >= s.length)
          return this.err('in string escape code');
      }
      this.pos++;
    }
  }

  // The decode pass runs over input already known to be valid.

  value(): unknown {
    const s = this.s;
    this.skipWs();
    const c = s.charCodeAt(this.pos);
    if (c === 0x7b) {
      this.pos++;
      const m = newMap();
      this.skipWs();
      if (s.charCodeAt(this.pos) === 0x7d) {
        this.pos++;
        return m;
      }
      for (;;) {
        this.skipWs();
        const k = this.string();
        this.skipWs();
        this.pos++; // :
        mapSet(m, k, this.value());
        this.skipWs();
        if (s.charCodeAt(this.pos++) === 0x7d) return m;
      }
    }
    if (c === 0x5b) {
      this.pos++;
      const a: unknown[] = [];
      this.skipWs();
      if (s.charCodeAt(this.pos) === 0x5d) {
        this.pos++;
        return a;
      }
      for (;;) {
        a.push(this.value());
        this.skipWs();
        if (s.charCodeAt(this.pos++) === 0x5d) return a;
      }
    }
    if (c === 0x22) return this.string();
    if (c === 0x74) {
      this.pos += 4;
      return true;
    }
    if (c === 0x66) {
      this.pos += 5;
      return false;
    }
    if (c === 0x6e) {
      this.pos += 4;
      return null;
    }
    const start = this.pos;
    this.pos++;
    while (this.pos < s.length && /[0-9.eE+-]/.test(s[this.pos]!)) this.pos++;
    const text = s.slice(start, this.pos);
    const n = Number(text);
    if (!Number.isFinite(n)) {
      // strconv.ParseFloat range error: the value stays nil and the first error is reported
      this.typeError ??= `json: cannot unmarshal number ${text} into Go value of type float64`;
      return null;
    }
    return n;
  }

  private string(): string {
    const s = this.s;
    this.pos++;
    let out = '';
    let start = this.pos;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        out += s.slice(start, this.pos);
        this.pos++;
        return toWellFormed(out);
      }
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += s.slice(start, this.pos);
      const e = s[this.pos + 1]!;
      this.pos += 2;
      switch (e) {
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const u = Number.parseInt(s.slice(this.pos, this.pos + 4), 16);
          this.pos += 4;
          if (u >= 0xd800 && u <= 0xdbff && s.startsWith('\\u', this.pos)) {
            const lo = Number.parseInt(s.slice(this.pos + 2, this.pos + 6), 16);
            if (lo >= 0xdc00 && lo <= 0xdfff) {
              out += String.fromCharCode(u, lo);
              this.pos += 6;
              break;
            }
          }
          // a lone surrogate escape decodes to U+FFFD
          out += u >= 0xd800 && u <= 0xdfff ? '\ufffd' : String.fromCharCode(u);
          break;
        }
        default:
          out += e;
      }
      start = this.pos;
    }
  }
}

/** Lone surrogates (JS's stand-in for invalid UTF-8) become U+FFFD, as Go's decoder does. */
export function toWellFormed(s: string): string {
  return /[\ud800-\udfff]/.test(s)
    ? s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    : s;
}
