/**
 * The `--set` family's little language (Helm's pkg/strvals): `a.b=c,d[0]=e,f={x,y}` with `\`
 * escapes. `--set` types its scalars (true/false/null, int64), `--set-string` keeps strings,
 * `--set-file` reads a file per value, `--set-json` takes JSON values, `--set-literal` takes the
 * rest of the argument verbatim. Errors read as Helm's do, including the ones Go produces by
 * recovering from a failed type assertion ("unable to parse key: interface conversion: ...").
 */
import { type GoMap, hasKey, int64, isMap, mapGet, mapSet, TypedInt } from '../template/index.ts';
import { goQuote, goQuoteRune } from './goquote.ts';
import { decodeJsonPrefix } from './jsondecode.ts';

export const MAX_INDEX = 65536;
export const MAX_NESTED_NAME_LEVEL = 30;

class EOF extends Error {
  constructor(message = 'EOF') {
    super(message);
  }
}

/** fmt.Errorf("error parsing index: %w", err): still io.EOF to errors.Is, which ends parsing quietly. */
function indexError(e: unknown): Error {
  const msg = `error parsing index: ${(e as Error).message}`;
  return e instanceof EOF ? new EOF(msg) : new Error(msg);
}
class NotList extends Error {}

/** A Go panic inside the parser, turned into an error by the recover in key(). */
class Panic extends Error {}

type ValueReader = (rs: string) => unknown;

class Scanner {
  readonly chars: string[];
  pos = 0;
  constructor(s: string) {
    this.chars = Array.from(s);
  }
  read(): string | undefined {
    return this.pos < this.chars.length ? this.chars[this.pos++] : undefined;
  }
  unread(): void {
    this.pos--;
  }
  rest(): string {
    return this.chars.slice(this.pos).join('');
  }
}

/** Reads until one of `stop`; returns [text, stopChar]; throws EOF with the text read so far. */
function runesUntil(sc: Scanner, stop: string, escapes: boolean): { text: string; last: string | undefined } {
  let v = '';
  for (;;) {
    const r = sc.read();
    if (r === undefined) return { text: v, last: undefined };
    if (stop.includes(r)) return { text: v, last: r };
    if (escapes && r === '\\') {
      const next = sc.read();
      if (next === undefined) return { text: v, last: undefined };
      v += next;
      continue;
    }
    v += r;
  }
}

function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (v instanceof TypedInt) return v.kind;
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

function assertList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  throw new Panic(`interface conversion: interface {} is ${goTypeName(v)}, not []interface {}`);
}

function assertMap(v: unknown): GoMap {
  if (isMap(v)) return v;
  throw new Panic(`interface conversion: interface {} is ${goTypeName(v)}, not map[string]interface {}`);
}

function set(data: GoMap, key: string, val: unknown): void {
  if (key.length === 0) return;
  mapSet(data, key, val);
}

function setIndex(list: unknown[], index: number, val: unknown): unknown[] {
  if (index < 0) throw new Error(`negative ${index} index not allowed`);
  if (index > MAX_INDEX)
    throw new Error(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  const out = list.length <= index ? [...list, ...new Array(index + 1 - list.length).fill(null)] : list;
  out[index] = val;
  return out;
}

/** strconv.Atoi with Go's error text. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) {
    throw new Error(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  }
  return Number(n);
}

/** Go's %q of a []rune: `['a' '\\t']`. */
function quoteRunes(s: string): string {
  return `[${Array.from(s, goQuoteRune).join(' ')}]`;
}

/** typedVal: what `--set` makes of a scalar. */
export function typedVal(val: string, asString: boolean): unknown {
  if (asString) return val;
  // strings.EqualFold: simple Unicode folding, where the long s (U+017F) matches 's'
  const lower = val.toLowerCase().replaceAll('\u017f', 's');
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (val === '0') return int64(0n);
  if (val.length !== 0 && val[0] !== '0' && /^[+-]?[0-9]+$/.test(val)) {
    const n = BigInt(val);
    if (n <= 9223372036854775807n && n >= -9223372036854775808n) return int64(n);
  }
  return val;
}

type Mode = 'typed' | 'string' | 'file' | 'json' | 'literal';

class Parser {
  private readonly sc: Scanner;
  constructor(
    s: string,
    private readonly mode: Mode,
    private readonly reader: ValueReader,
  ) {
    this.sc = new Scanner(s);
  }

  private get escapes(): boolean {
    return this.mode !== 'literal';
  }

  parse(data: GoMap): void {
    for (;;) {
      try {
        this.key(data, 0);
      } catch (e) {
        if (e instanceof EOF) return;
        throw e;
      }
    }
  }

  private key(data: GoMap, level: number): void {
    try {
      this.keyInner(data, level);
    } catch (e) {
      if (e instanceof Panic) throw new Error(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyInner(data: GoMap, level: number): void {
    const stop = this.mode === 'literal' ? '=[.' : '=[,.';
    const { text: k, last } = runesUntil(this.sc, stop, this.escapes);
    if (last === undefined) {
      if (k.length === 0) throw new EOF();
      throw new Error(`key ${goQuote(k)} has no value`);
    }
    if (last === '[') {
      let i: number;
      try {
        i = this.keyIndex();
      } catch (e) {
        throw indexError(e);
      }
      let list: unknown[] = [];
      if (hasKey(data, k)) list = assertList(mapGet(data, k));
      let err: unknown;
      try {
        list = this.listItem(list, i, level);
      } catch (e) {
        err = e;
        if (e instanceof Panic) throw e;
      }
      set(data, k, list);
      if (err) throw err;
      return;
    }
    if (last === '=') {
      if (this.mode === 'literal') {
        set(data, k, runesUntil(this.sc, '', false).text);
        return;
      }
      if (this.mode === 'json') {
        if (this.emptyVal()) {
          set(data, k, null);
          return;
        }
        set(data, k, this.jsonValue());
        this.emptyVal();
        return;
      }
      let vl: unknown[];
      try {
        vl = this.valList();
      } catch (e) {
        if (e instanceof EOF) {
          set(data, k, '');
          throw e;
        }
        if (e instanceof NotList) {
          const rs = runesUntil(this.sc, ',', true).text;
          set(data, k, this.reader(rs));
          return;
        }
        throw e;
      }
      set(data, k, vl);
      return;
    }
    if (last === ',') {
      set(data, k, '');
      throw new Error(`key ${goQuote(k)} has no value (cannot end with ,)`);
    }
    // last === '.'
    level++;
    if (level > MAX_NESTED_NAME_LEVEL) {
      throw new Error(
        `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
      );
    }
    let inner: GoMap = {};
    if (hasKey(data, k)) inner = assertMap(mapGet(data, k));
    let err: unknown;
    try {
      this.key(inner, level);
    } catch (e) {
      err = e;
    }
    if (err === undefined && Object.keys(inner).length === 0) {
      throw new Error(`key map ${goQuote(k)} has no value`);
    }
    if (Object.keys(inner).length !== 0) set(data, k, inner);
    if (err) throw err;
  }

  private keyIndex(): number {
    const { text, last } = runesUntil(this.sc, ']', this.escapes);
    if (last === undefined) throw new EOF();
    return atoi(text);
  }

  private listItem(list: unknown[], i: number, level: number): unknown[] {
    if (i < 0) throw new Error(`negative ${i} index not allowed`);
    const { text: k, last } = runesUntil(this.sc, '[.=', this.escapes);
    if (k.length > 0) throw new Error(`unexpected data at end of array index: ${quoteRunes(k)}`);
    if (last === undefined) throw new EOF();
    if (last === '=') {
      if (this.mode === 'literal') return setIndex(list, i, runesUntil(this.sc, '', false).text);
      if (this.mode === 'json') {
        if (this.emptyVal()) return setIndex(list, i, null);
        const out = setIndex(list, i, this.jsonValue());
        this.emptyVal();
        return out;
      }
      try {
        return setIndex(list, i, this.valList());
      } catch (e) {
        if (e instanceof EOF) return setIndex(list, i, '');
        if (e instanceof NotList) {
          const rs = runesUntil(this.sc, ',', true).text;
          return setIndex(list, i, this.reader(rs));
        }
        throw e;
      }
    }
    if (last === '[') {
      let next: number;
      try {
        next = this.keyIndex();
      } catch (e) {
        throw indexError(e);
      }
      let crt: unknown[] = [];
      if (list.length > i && list[i] !== null && list[i] !== undefined) crt = assertList(list[i]);
      return setIndex(list, i, this.listItem(crt, next, level));
    }
    // last === '.'
    let inner: GoMap = {};
    if (list.length > i) {
      if (isMap(list[i])) inner = list[i] as GoMap;
      else {
        list[i] = {};
        inner = list[i] as GoMap;
      }
    }
    this.key(inner, level);
    return setIndex(list, i, inner);
  }

  /** Skips spaces; true at end of input or after a comma (an empty JSON value). */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === undefined || r === ',') return true;
      if (!/\s/.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  /** One JSON value from the input (encoding/json Decoder.Decode); the input goes on after it. */
  private jsonValue(): unknown {
    const rest = this.sc.rest();
    const { value, length } = decodeJsonPrefix(rest);
    this.sc.pos += Array.from(rest.slice(0, length)).length;
    return value;
  }

  private valList(): unknown[] {
    const r = this.sc.read();
    if (r === undefined) throw new EOF();
    if (r !== '{') {
      this.sc.unread();
      throw new NotList();
    }
    const list: unknown[] = [];
    for (;;) {
      const { text, last } = runesUntil(this.sc, ',}', true);
      if (last === undefined) throw new Error("list must terminate with '}'");
      if (last === '}') {
        const after = this.sc.read();
        if (after !== undefined && after !== ',') this.sc.unread();
        list.push(this.reader(text));
        return list;
      }
      list.push(this.reader(text));
    }
  }
}

/** strvals.ParseInto: `--set`. */
export function parseInto(s: string, dest: GoMap): void {
  new Parser(s, 'typed', (rs) => typedVal(rs, false)).parse(dest);
}

/** strvals.ParseIntoString: `--set-string`. */
export function parseIntoString(s: string, dest: GoMap): void {
  new Parser(s, 'string', (rs) => typedVal(rs, true)).parse(dest);
}

/** strvals.ParseIntoFile: `--set-file`; `reader` gets the file path and returns its content. */
export function parseIntoFile(s: string, dest: GoMap, reader: (path: string) => unknown): void {
  new Parser(s, 'file', reader).parse(dest);
}

/** strvals.ParseJSON: `--set-json` in its `key=json` form. */
export function parseJson(s: string, dest: GoMap): void {
  new Parser(s, 'json', () => null).parse(dest);
}

/** strvals.ParseLiteralInto: `--set-literal`. */
export function parseLiteralInto(s: string, dest: GoMap): void {
  new Parser(s, 'literal', (rs) => rs).parse(dest);
}

/** strvals.Parse: a fresh map from one `--set` argument. */
export function parseSet(s: string): GoMap {
  const out: GoMap = {};
  parseInto(s, out);
  return out;
}
