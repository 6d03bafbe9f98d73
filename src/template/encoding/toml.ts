/**
 * TOML as Helm's toToml/fromToml see it through BurntSushi/toml v1.6: the Encoder's layout
 * (plain keys first, then sub-tables; `[a.b]` headers indented two spaces per level; floats
 * always with a decimal point) and Unmarshal into map[string]interface{} (integers int64).
 */
import {
  compareStrings,
  GO,
  type GoMap,
  int64,
  isGoObject,
  isMap,
  mapSet,
  newMap,
  TypedInt,
} from '../value.ts';
import { formatFloatG } from './float.ts';

export class TomlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TomlError';
  }
}

// --- Encoding --------------------------------------------------------------------------------

type TomlKind = 'hash' | 'arrayHash' | 'array' | 'scalar' | undefined;

function kindOfValue(v: unknown): TomlKind {
  if (v === null || v === undefined) return undefined;
  if (isMap(v)) return 'hash';
  if (Array.isArray(v)) {
    if (v.length === 0) return 'array';
    let tables = true;
    for (const e of v) {
      const k = kindOfValue(e);
      if (k === undefined) throw new TomlError('toml: cannot encode array with nil element');
      if (k !== 'hash') tables = false;
    }
    return tables ? 'arrayHash' : 'array';
  }
  return 'scalar';
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** BurntSushi's string escaping (a fixed replacer: quotes, backslash, C0 controls, DEL). */
function quoteToml(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function keyPiece(k: string): string {
  if (k === '') return '""';
  return BARE_KEY.test(k) ? k : quoteToml(k);
}

class TomlEncoder {
  out = '';
  private newline(): void {
    if (this.out !== '') this.out += '\n';
  }

  encode(key: string[], v: unknown): void {
    if (v === null || v === undefined) {
      if (key.length === 0) throw new TomlError("toml: unsupported type for key '': invalid");
      return;
    }
    if (isMap(v)) {
      this.table(key, v);
      return;
    }
    if (Array.isArray(v) && kindOfValue(v) === 'arrayHash') {
      this.arrayOfTables(key, v);
      return;
    }
    if (isGoObject(v) && v[GO].kind === 'struct' && !v[GO].method?.('MarshalText')) {
      const m = newMap();
      for (const [name, value] of v[GO].fields?.() ?? []) mapSet(m, name, value);
      this.table(key, m);
      return;
    }
    this.keyValue(key, v, false);
  }

  private keyValue(key: string[], v: unknown, inline: boolean): void {
    if (key.length === 0) {
      this.out += this.element(v);
      return;
    }
    this.out += `${'  '.repeat(key.length - 1)}${keyPiece(key[key.length - 1]!)} = ${this.element(v)}`;
    if (!inline) this.newline();
  }

  private table(key: string[], m: GoMap): void {
    // an extra newline between top-level tables (only once something was written)
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.out += `${'  '.repeat(key.length - 1)}[${key.map(keyPiece).join('.')}]`;
      this.newline();
    }
    this.mapBody(key, m, false);
  }

  private arrayOfTables(key: string[], arr: unknown[]): void {
    if (key.length === 0) throw new TomlError('toml: top-level values must be Go maps or structs');
    for (const item of arr) {
      this.newline();
      this.out += `${'  '.repeat(key.length - 1)}[[${key.map(keyPiece).join('.')}]]`;
      this.newline();
      this.mapBody(key, item as GoMap, false);
    }
  }

  private mapBody(key: string[], m: GoMap, inline: boolean): void {
    const direct: string[] = [];
    const sub: string[] = [];
    for (const k of Object.keys(m)) {
      const kind = kindOfValue(m[k]);
      (kind === 'hash' || kind === 'arrayHash' ? sub : direct).push(k);
    }
    const write = (keys: string[], trailingComma: boolean) => {
      keys.sort(compareStrings);
      keys.forEach((k, i) => {
        const v = m[k];
        if (v === null || v === undefined) return;
        if (inline) {
          this.keyValue([k], v, true);
          if (trailingComma || i !== keys.length - 1) this.out += ', ';
        } else this.encode([...key, k], v);
      });
    };
    if (inline) this.out += '{';
    write(direct, sub.length > 0);
    write(sub, false);
    if (inline) this.out += '}';
  }

  private element(v: unknown): string {
    if (typeof v === 'string') return quoteToml(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof TypedInt) return v.value.toString();
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return 'nan';
      if (!Number.isFinite(v)) return v < 0 ? '-inf' : 'inf';
      const s = formatFloatG(v);
      // TOML floats need a decimal point or an exponent
      return s.includes('e') || s.includes('.') ? s : `${s}.0`;
    }
    if (Array.isArray(v)) return `[${v.map((e) => this.element(e)).join(', ')}]`;
    if (isMap(v)) {
      const saved = this.out;
      this.out = '';
      this.mapBody([], v, true);
      const inner = this.out;
      this.out = saved;
      return inner;
    }
    if (isGoObject(v)) {
      const info = v[GO];
      if (info.type === 'time.Time') {
        const format = info.method?.('Format');
        if (format) return String(format('2006-01-02T15:04:05.999999999Z07:00'));
      }
      const text = info.method?.('MarshalText');
      if (text) return quoteToml(String(text()));
      if (info.string) return quoteToml(info.string());
    }
    if (v === null || v === undefined) throw new TomlError('toml: cannot encode array with nil element');
    throw new TomlError(`toml: unsupported type: ${typeof v}`);
  }
}

/** toml.NewEncoder(w).Encode(v). Throws TomlError with BurntSushi's message. */
export function encodeToml(v: unknown): string {
  const enc = new TomlEncoder();
  enc.encode([], v);
  return enc.out;
}

// --- Decoding --------------------------------------------------------------------------------

/**
 * toml.Unmarshal into map[string]interface{}: integers int64, floats float64, datetimes as
 * their RFC 3339 text (the template value model has no time.Time constructor here).
 */
export function decodeToml(text: string): GoMap {
  return new TomlParser(text).parse();
}

/**
 * A TOML datetime as Go's time.Time marshals it (RFC 3339, nanoseconds trimmed): local dates
 * and times are placed in UTC, a bare time on 0000-01-01, as BurntSushi's decoder does.
 */
function datetimeText(t: string): string {
  let s = t.replace(' ', 'T').replace('t', 'T').replace('z', 'Z');
  if (/^\d{2}:/.test(s)) s = `0000-01-01T${s}`;
  if (!s.includes('T')) s += 'T00:00:00';
  s = s.replace(/T(\d{2}:\d{2})(?=$|[Z+-])/, 'T$1:00');
  s = s.replace(/\.(\d+?)0*(?=$|[Z+-])/, (_, d: string) => (/^0+$/.test(d) ? '' : `.${d.slice(0, 9)}`));
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(s)) s += 'Z';
  return s.replace(/\+00:00$/, 'Z');
}

const DATETIME =
  /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?|^\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?/;

class TomlParser {
  private pos = 0;
  private line = 1;
  /** BurntSushi's "last key" in errors: the current table path plus the key being parsed */
  private context: string[] = [];
  private currentKey = '';
  private readonly root = newMap();
  /** tables created by a header or by dotted keys, and whether they were explicitly defined */
  private readonly defined = new Set<GoMap>();
  private readonly inlineTables = new Set<unknown>();
  private readonly staticArrays = new Set<unknown>();

  constructor(private readonly s: string) {}

  private fail(msg: string): never {
    const last = [...this.context, ...(this.currentKey === '' ? [] : [this.currentKey])]
      .map(keyPiece)
      .join('.');
    const where = last === '' ? '' : ` (last key ${JSON.stringify(last)})`;
    throw new TomlError(`toml: line ${this.line}${where}: ${msg}`);
  }

  private peek(): string {
    return this.s[this.pos] ?? '';
  }

  private skipWs(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  private skipComment(): void {
    if (this.peek() === '#') while (this.pos < this.s.length && this.peek() !== '\n') this.pos++;
  }

  /** Whitespace, newlines and comments (inside arrays). */
  private skipAll(): void {
    for (;;) {
      this.skipWs();
      this.skipComment();
      if (this.peek() === '\n') {
        this.pos++;
        this.line++;
      } else if (this.s.startsWith('\r\n', this.pos)) {
        this.pos += 2;
        this.line++;
      } else return;
    }
  }

  private endOfLine(): void {
    this.skipWs();
    this.skipComment();
    if (this.pos >= this.s.length) return;
    if (this.peek() === '\n' || this.s.startsWith('\r\n', this.pos)) return;
    this.fail(
      `expected a top-level item to end with a newline, comment, or EOF, but got ${JSON.stringify(this.peek())} instead`,
    );
  }

  parse(): GoMap {
    let current = this.root;
    while (this.pos < this.s.length) {
      this.skipAll();
      if (this.pos >= this.s.length) break;
      if (this.peek() === '[') {
        const array = this.s[this.pos + 1] === '[';
        this.pos += array ? 2 : 1;
        this.context = [];
        this.currentKey = '';
        this.skipWs();
        const key = this.key();
        this.skipWs();
        if (!this.s.startsWith(array ? ']]' : ']', this.pos))
          this.fail(`expected ${array ? "']]'" : "']'"} to close table header`);
        this.pos += array ? 2 : 1;
        current = array ? this.arrayTable(key) : this.table(key);
        this.context = key;
      } else {
        if (this.peek() === '=') this.fail("unexpected '=': key name appears blank");
        const key = this.key();
        this.currentKey = key[key.length - 1]!;
        this.skipWs();
        if (this.peek() !== '=')
          this.fail(`expected key separator '=', but got ${JSON.stringify(this.peek())} instead`);
        this.pos++;
        this.skipWs();
        this.assign(current, key, this.value());
      }
      this.endOfLine();
    }
    return this.root;
  }

  private table(key: string[]): GoMap {
    let m = this.root;
    for (let i = 0; i < key.length; i++) {
      const k = key[i]!;
      let next = m[k];
      if (next === undefined) {
        next = newMap();
        mapSet(m, k, next);
      } else if (Array.isArray(next) && !this.staticArrays.has(next)) next = next[next.length - 1];
      if (!isMap(next) || this.inlineTables.has(next))
        this.fail(
          `Key '${key.slice(0, i + 1).join('.')}' was already created and cannot be used as a table.`,
        );
      if (i === key.length - 1) {
        if (this.defined.has(next)) this.fail(`Key '${key.join('.')}' has already been defined.`);
        this.defined.add(next);
      }
      m = next;
    }
    return m;
  }

  private arrayTable(key: string[]): GoMap {
    const parent = this.table0(key.slice(0, -1));
    const last = key[key.length - 1]!;
    let arr = parent[last];
    if (arr === undefined) {
      arr = [];
      mapSet(parent, last, arr);
    }
    if (!Array.isArray(arr) || this.staticArrays.has(arr))
      this.fail(`Key '${key.join('.')}' was already created and cannot be used as an array.`);
    const m = newMap();
    arr.push(m);
    return m;
  }

  /** Walks to a table without marking it defined (parents of [[array]] headers). */
  private table0(key: string[]): GoMap {
    let m = this.root;
    for (const k of key) {
      let next = m[k];
      if (next === undefined) {
        next = newMap();
        mapSet(m, k, next);
      } else if (Array.isArray(next)) next = next[next.length - 1];
      if (!isMap(next)) this.fail(`Key '${key.join('.')}' was already created as a hash.`);
      m = next;
    }
    return m;
  }

  private assign(table: GoMap, key: string[], v: unknown): void {
    let m = table;
    for (let i = 0; i < key.length - 1; i++) {
      const k = key[i]!;
      let next = m[k];
      if (next === undefined) {
        next = newMap();
        mapSet(m, k, next);
      }
      if (!isMap(next) || this.inlineTables.has(next))
        this.fail(`Key '${key.slice(0, i + 1).join('.')}' has already been defined.`);
      m = next;
    }
    const last = key[key.length - 1]!;
    if (Object.hasOwn(m, last)) this.fail(`Key '${key.join('.')}' has already been defined.`);
    mapSet(m, last, v);
  }

  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipWs();
      const c = this.peek();
      if (c === '"' || c === "'") parts.push(this.string(false));
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.pos, this.pos + 1024));
        if (!m) this.fail(`bare keys cannot contain ${JSON.stringify(c)}`);
        parts.push(m[0]);
        this.pos += m[0].length;
      }
      this.skipWs();
      if (this.peek() !== '.') return parts;
      this.pos++;
    }
  }

  private value(): unknown {
    const c = this.peek();
    if (c === '' || c === '\n') this.fail('unexpected EOF; expected value');
    if (c === '"' || c === "'") return this.string(true);
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const rest = this.s.slice(this.pos, this.pos + 64);
    if (rest.startsWith('true')) {
      this.pos += 4;
      return true;
    }
    if (rest.startsWith('false')) {
      this.pos += 5;
      return false;
    }
    const dt = DATETIME.exec(rest);
    if (dt && (dt[0].length > 4 || dt[0].includes(':'))) {
      this.pos += dt[0].length;
      return datetimeText(dt[0]);
    }
    const num =
      /^[-+]?(?:inf|nan|0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|[0-9_]+(?:\.[0-9_]+)?(?:[eE][-+]?[0-9_]+)?)/.exec(
        rest,
      );
    if (!num) this.fail(`expected value but found ${JSON.stringify(c)} instead`);
    this.pos += num[0].length;
    return this.number(num[0]);
  }

  private number(t: string): unknown {
    const body = t.replace(/^[-+]/, '');
    if (body === 'inf') return t[0] === '-' ? -Infinity : Infinity;
    if (body === 'nan') return Number.NaN;
    if (/_(?![0-9A-Fa-f])|(?<![0-9A-Fa-f])_/.test(body))
      this.fail(
        `Invalid ${/[.eE]/.test(body) && !body.startsWith('0x') ? 'float' : 'integer'} ${JSON.stringify(t)}: underscores must be surrounded by digits`,
      );
    const clean = t.replace(/_/g, '');
    if (/^[-+]?0[xob]/.test(clean)) {
      if (/^[-+]/.test(clean)) this.fail(`Invalid integer ${JSON.stringify(t)}`);
      return int64(BigInt(clean));
    }
    if (/[.eE]/.test(clean)) {
      if (/^[-+]?0\d/.test(clean))
        this.fail(`Invalid float ${JSON.stringify(t)}: cannot have leading zeroes`);
      return Number(clean);
    }
    if (/^[-+]?0\d/.test(clean))
      this.fail(`Invalid integer ${JSON.stringify(t)}: cannot have leading zeroes`);
    const n = BigInt(clean);
    if (n > (1n << 63n) - 1n || n < -(1n << 63n)) this.fail(`${t} is out of range for int64`);
    return int64(n);
  }

  private array(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    for (;;) {
      this.skipAll();
      if (this.peek() === ']') {
        this.pos++;
        this.staticArrays.add(out);
        return out;
      }
      out.push(this.value());
      this.skipAll();
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      if (this.peek() === ']') continue;
      this.fail(
        `expected a comma (',') or array terminator (']'), but got ${this.peek() === '' ? 'end of file' : JSON.stringify(this.peek())}`,
      );
    }
  }

  private inlineTable(): GoMap {
    this.pos++;
    // inside an inline table the key being defined becomes part of the error context
    const outerContext = this.context;
    const outerKey = this.currentKey;
    this.context = [...this.context, this.currentKey];
    const m = newMap();
    this.skipWs();
    const done = () => {
      this.pos++;
      this.inlineTables.add(m);
      this.context = outerContext;
      this.currentKey = outerKey;
      return m;
    };
    if (this.peek() === '}') return done();
    for (;;) {
      const key = this.key();
      this.currentKey = key[key.length - 1]!;
      if (this.peek() !== '=')
        this.fail(`expected key separator '=', but got ${JSON.stringify(this.peek())} instead`);
      this.pos++;
      this.skipWs();
      this.assign(m, key, this.value());
      this.skipWs();
      if (this.peek() === ',') {
        this.pos++;
        this.skipWs();
        continue;
      }
      if (this.peek() === '}') return done();
      this.fail(
        `expected a comma or an inline table terminator '}', but got ${this.peek() === '' ? 'end of file' : JSON.stringify(this.peek())} instead`,
      );
    }
  }

  private string(allowMultiline: boolean): string {
    const q = this.peek();
    const multi = allowMultiline && this.s.startsWith(q.repeat(3), this.pos);
    const delim = multi ? q.repeat(3) : q;
    this.pos += delim.length;
    if (multi && this.peek() === '\n') {
      this.pos++;
      this.line++;
    } else if (multi && this.s.startsWith('\r\n', this.pos)) this.pos += 2;
    let out = '';
    for (;;) {
      if (this.pos >= this.s.length) this.fail("unexpected EOF; expected '\"'");
      if (this.s.startsWith(delim, this.pos)) {
        // up to two extra quotes may close a multi-line string
        let extra = 0;
        while (multi && extra < 2 && this.s[this.pos + delim.length + extra] === q) extra++;
        out += q.repeat(extra);
        this.pos += delim.length + extra;
        return out;
      }
      const c = this.peek();
      if (c === '\n') {
        if (!multi) this.fail('strings cannot contain newlines');
        this.line++;
      }
      if (c === '\\' && q === '"') {
        const e = this.s[this.pos + 1] ?? '';
        this.pos += 2;
        const simple: Record<string, string> = {
          b: '\b',
          t: '\t',
          n: '\n',
          f: '\f',
          r: '\r',
          e: '\x1b',
          '"': '"',
          '\\': '\\',
        };
        if (e in simple) out += simple[e];
        else if (e === 'u' || e === 'U' || e === 'x') {
          const len = e === 'u' ? 4 : e === 'U' ? 8 : 2;
          const hex = this.s.slice(this.pos, this.pos + len);
          if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) this.fail(`invalid escape: '\\${e}'`);
          const cp = Number.parseInt(hex, 16);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            this.fail(`Escaped character '\\u${hex}' is not valid UTF-8.`);
          out += String.fromCodePoint(cp);
          this.pos += len;
        } else if (multi && /[ \t\r\n]/.test(e)) {
          // line-ending backslash trims the newline and leading whitespace that follows
          this.pos--;
          while (/[ \t\r\n]/.test(this.peek())) {
            if (this.peek() === '\n') this.line++;
            this.pos++;
          }
        } else this.fail(`invalid escape: '\\${e}'`);
        continue;
      }
      out += c;
      this.pos++;
    }
  }
}
