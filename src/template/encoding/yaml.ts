/**
 * YAML the way Helm sees it through sigs.k8s.io/yaml: decoding is go-yaml v2 -> JSON ->
 * interface{} (so numbers become float64 and keys strings), encoding is json.Marshal -> go-yaml
 * v2 Marshal (toYaml). toYamlPretty's go-yaml v3 encoder is here too.
 */
import YAML from 'yaml';
import { GO, type GoObject, isMap, mapSet, newMap, TypedInt, typeOf } from '../value.ts';
import { formatFloatG } from './float.ts';
import { decodeJson, encodeJson, formatJsonFloat, JsonError, toWellFormed } from './json.ts';
import { EmitMapping, type EmitNode, PlainText, YamlEmitter } from './yaml-emitter.ts';
import { FALLBACK, fastDecodeYaml } from './yaml-fast.ts';
import { isBase60Float, isOldBool, type Resolved, resolvePlain } from './yaml-resolve.ts';

/** An error whose message is exactly what Helm's Go code would print. */
export { FALLBACK } from './yaml-fast.ts';

export class YamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlError';
  }
}

// --- Encoding: toYaml ------------------------------------------------------------------------

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

const v2Emitter = {
  width: 80,
  v3: false,
  canUsePlain: (s: string) => resolvePlain(s).tag === 'str' && !isBase60Float(s),
};

const v3Emitter = {
  width: Number.POSITIVE_INFINITY,
  v3: true,
  canUsePlain: (s: string) => resolvePlain(s, true).tag === 'str' && !isBase60Float(s) && !isOldBool(s),
};

/**
 * sigs.k8s.io/yaml Marshal, as Helm's toYaml uses it: the value goes through json.Marshal first
 * (so only JSON-visible data survives), then go-yaml v2 writes it. Output ends with a newline.
 * Throws YamlError("error marshaling into JSON: ...") for NaN, Inf or functions.
 */
export function encodeYaml(v: unknown): string {
  let node: EmitNode;
  try {
    node = jsonShaped(v);
  } catch (e) {
    // json.Marshal failures are wrapped; go-yaml's own errors on the JSON text are not
    if (e instanceof JsonError) throw new YamlError(`error marshaling into JSON: ${e.message}`);
    throw e;
  }
  return new YamlEmitter(v2Emitter).document(node);
}

/** A number after the JSON round trip: integral JSON text reads back as a go-yaml int. */
function jsonNumber(x: number): PlainText {
  const text = formatJsonFloat(x);
  if (/^-?\d+$/.test(text)) {
    const i = BigInt(text);
    if ((i >= INT64_MIN && i <= INT64_MAX) || (i >= 0n && i <= UINT64_MAX))
      return new PlainText(i.toString());
  }
  return new PlainText(formatFloatG(x));
}

/** The data json.Marshal would produce, re-read by go-yaml v2, ready for the emitter. */
function jsonShaped(v: unknown): EmitNode {
  if (v === null || v === undefined) return new PlainText('null');
  switch (typeof v) {
    case 'string':
      return jsonStringAsYaml(v);
    case 'boolean':
      return new PlainText(v ? 'true' : 'false');
    case 'bigint':
      return new PlainText(v.toString());
    case 'number':
      return jsonNumber(v);
  }
  if (v instanceof TypedInt) return new PlainText(v.value.toString());
  if (Array.isArray(v)) return v.map(jsonShaped);
  if (isMap(v)) {
    const keys = Object.keys(v).sort(v2KeyCompare);
    return new EmitMapping(keys.map((k) => [jsonKeyAsYaml(k), jsonShaped(v[k])]));
  }
  // structs, time.Time, functions: whatever encoding/json makes of them
  return jsonShaped(decodeJson(encodeJson(v)));
}

/** Characters libyaml's reader rejects (json.Marshal leaves them unescaped). */
const YAML_FORBIDDEN = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/**
 * A string as go-yaml v2 reads it back from json.Marshal's output: a raw NEL (U+0085) is a line
 * break inside the double-quoted JSON string and folds like one.
 */
function jsonStringAsYaml(s: string): string {
  const w = toWellFormed(s);
  if (YAML_FORBIDDEN.test(w)) throw new YamlError('yaml: control characters are not allowed');
  if (!w.includes('\u0085')) return w;
  return w.replace(/ *(?:\u0085 *)+/g, (m) => {
    const breaks = m.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/** A JSON object key as go-yaml v2 reads it: a NEL makes it a multi-line implicit key. */
function jsonKeyAsYaml(k: string): string {
  const w = toWellFormed(k);
  if (YAML_FORBIDDEN.test(w)) throw new YamlError('yaml: control characters are not allowed');
  if (w.includes('\u0085')) throw new YamlError("yaml: line 1: did not find expected ',' or '}'");
  return w;
}

// --- Encoding: toYamlPretty (go-yaml v3 Encoder, indent 2, no JSON round trip) ---------------

/** go-yaml v3's Encoder with SetIndent(2) over the Go value itself (floats stay floats). */
export function encodeYamlPretty(v: unknown): string {
  return new YamlEmitter(v3Emitter).document(goShaped(v));
}

function goShaped(v: unknown): EmitNode {
  if (v === null || v === undefined) return new PlainText('null');
  switch (typeof v) {
    case 'string':
      return toWellFormed(v);
    case 'boolean':
      return new PlainText(v ? 'true' : 'false');
    case 'bigint':
      return new PlainText(v.toString());
    case 'number':
      return new PlainText(yamlFloat(v));
    case 'function':
      throw new YamlError(`cannot marshal type: ${typeOf(v)}`);
  }
  if (v instanceof TypedInt) return new PlainText(v.value.toString());
  if (Array.isArray(v)) return v.map(goShaped);
  if (isMap(v)) {
    const keys = Object.keys(v).sort(v3KeyCompare);
    return new EmitMapping(keys.map((k) => [toWellFormed(k), goShaped(v[k])]));
  }
  return goObjectShaped(v as GoObject);
}

function goObjectShaped(v: GoObject): EmitNode {
  const info = v[GO];
  if (info.type === 'time.Time' || info.type === '*time.Time') {
    const format = info.method?.('Format');
    if (format) return new PlainText(String(format('2006-01-02T15:04:05.999999999Z07:00')));
  }
  const marshalText = info.method?.('MarshalText');
  if (marshalText) return String(marshalText());
  // go-yaml's default key for a struct field is its name in lower case
  const fields = (info.fields?.() ?? []).filter(([name]) => /^\p{Lu}/u.test(name));
  return new EmitMapping(fields.map(([name, value]) => [name.toLowerCase(), goShaped(value)]));
}

/** go-yaml's float form: shortest %g, with .inf/-.inf/.nan. */
function yamlFloat(x: number): string {
  if (Number.isNaN(x)) return '.nan';
  if (x === Infinity) return '.inf';
  if (x === -Infinity) return '-.inf';
  return formatFloatG(x);
}

// --- go-yaml's key order ("natural" order: digit runs compare as numbers) --------------------

const isLetter = (c: string) => {
  const x = c.charCodeAt(0);
  if (x < 0x80) return (x >= 0x61 && x <= 0x7a) || (x >= 0x41 && x <= 0x5a);
  return /\p{L}/u.test(c);
};
const isDigitRune = (c: string) => {
  const x = c.charCodeAt(0);
  if (x < 0x80) return x >= 0x30 && x <= 0x39;
  return /\p{Nd}/u.test(c);
};

/** Integer value of the digit run in `r` starting at `i`, wrapping like Go's int64. */
function digitRun(r: string[], i: number, seed: bigint): [bigint, number] {
  let n = seed;
  let j = i;
  for (; j < r.length && isDigitRune(r[j]!); j++)
    n = BigInt.asIntN(64, n * 10n + BigInt(r[j]!.codePointAt(0)! - 48));
  return [n, j];
}

/** keyList.Less from go-yaml's sorter.go, for string keys. */
function keyLess(a: string, b: string, v3: boolean): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) {
      // v3: after a digit, a letter sorts first (so "a1b" < "a12")
      if (v3 && i > 0 && isDigitRune(ar[i - 1]!)) return al;
      return bl;
    }
    let seed = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigitRune(ar[j]!); j--) {
        if (ar[j] !== '0') {
          seed = 1n;
          break;
        }
      }
    }
    const [an, ai] = digitRun(ar, i, seed);
    const [bn, bi] = digitRun(br, i, seed);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

/** Keys that are plain lowercase/uppercase words compare bytewise under keyLess too. */
const LETTERS_ONLY = /^[A-Za-z]*$/;

function v2KeyCompare(a: string, b: string): number {
  if (LETTERS_ONLY.test(a) && LETTERS_ONLY.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return keyLess(a, b, false) ? -1 : keyLess(b, a, false) ? 1 : 0;
}

function v3KeyCompare(a: string, b: string): number {
  return keyLess(a, b, true) ? -1 : keyLess(b, a, true) ? 1 : 0;
}

// --- Decoding --------------------------------------------------------------------------------

/**
 * sigs.k8s.io/yaml Unmarshal into interface{}: the first document only, YAML 1.1 typing, then
 * JSON semantics (numbers float64, keys strings, timestamps strings). Empty input is nil.
 * Throws YamlError with Go's text, e.g. "error converting YAML to JSON: yaml: line 2: ...".
 */
export function decodeYaml(text: string): unknown {
  const fast = decodeYamlFast(text);
  return fast === FALLBACK ? decodeYamlTree(text).value : fast;
}

/**
 * decodeYaml's fast path alone: the value of a plain block-style document, or FALLBACK when
 * the text needs the full decoder (which also reports every error).
 */
export function decodeYamlFast(text: string): unknown {
  // the fast decoder declines text with YAML_FORBIDDEN or CONTROL_CHARS characters
  return fastDecodeYaml(text);
}

const CONTROL_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;

/**
 * decodeYaml that also hands back the parsed node tree of the document (failsafe schema, so a
 * scalar node's value is its text), for callers that decode the same text into a typed struct
 * (a manifest's head) and must not parse it twice. `resolveScalarNode` types its scalars.
 */
export function decodeYamlTree(text: string): { value: unknown; doc: YAML.Document.Parsed | undefined } {
  if (YAML_FORBIDDEN.test(text) || CONTROL_CHARS.test(text))
    throw new YamlError('error converting YAML to JSON: yaml: control characters are not allowed');
  const docs = YAML.parseAllDocuments(text, {
    schema: 'failsafe',
    uniqueKeys: false,
    strict: false,
    prettyErrors: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[0];
  // go-yaml stops once a flow collection at the root is closed: a stray token after it is unseen
  const root = doc?.contents;
  const flowRoot = (YAML.isMap(root) || YAML.isSeq(root)) && root.flow === true;
  const end = flowRoot ? (root.range?.[1] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  const error = doc?.errors.find((e) => !(e.code === 'UNEXPECTED_TOKEN' && e.pos[0] >= end));
  if (error) throw new YamlError(`error converting YAML to JSON: ${goSyntaxError(text, error)}`);
  if (!doc || doc.contents === null) return { value: null, doc };
  const decoder = new NodeDecoder(doc, text);
  let value: unknown;
  try {
    value = decoder.decode(doc.contents);
  } catch (e) {
    if (e instanceof YamlError) throw new YamlError(`error converting YAML to JSON: ${e.message}`);
    throw e;
  }
  if (decoder.typeErrors.length > 0)
    throw new YamlError(
      `error converting YAML to JSON: yaml: unmarshal errors:\n  ${decoder.typeErrors.join('\n  ')}`,
    );
  return { value, doc };
}

/** go-yaml's defence against alias bombs ("billion laughs"). */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

type YamlNode = YAML.Scalar | YAML.YAMLMap | YAML.YAMLSeq | YAML.Alias;

const STD_TAG = 'tag:yaml.org,2002:';

/**
 * go-yaml's typing of a scalar node from the failsafe parse: its tag, or for an untagged plain
 * scalar its implicit (YAML 1.1) type. A tag the text does not fit reports through
 * `onTypeError` and reads as null.
 */
export function resolveScalarNode(
  node: YAML.Scalar,
  onTypeError: (r: Resolved, want: string, text: string) => void = () => {},
): Resolved {
  const raw = node.value;
  if (Buffer.isBuffer(raw)) return { tag: 'str', value: raw.toString('utf8') };
  const text = raw === null || raw === undefined ? '' : String(raw);
  const plain = node.type === 'PLAIN' || node.type === undefined;
  const tag = node.tag;
  if (tag === undefined || tag === '!') {
    if (!plain || tag === '!') return { tag: 'str', value: text };
    return resolvePlain(text);
  }
  if (!tag.startsWith(STD_TAG)) return { tag: 'str', value: text };
  const want = tag.slice(STD_TAG.length);
  if (want === 'str' || want === 'binary') return { tag: 'str', value: text };
  const r = resolvePlain(text);
  if (r.tag === want || !['int', 'float', 'bool', 'null', 'timestamp'].includes(want)) return r;
  if (want === 'float' && r.tag === 'int') return { tag: 'float', value: Number(r.value) };
  onTypeError(r, want, text);
  return { tag: 'null', value: null };
}

class NodeDecoder {
  decodeCount = 0;
  aliasCount = 0;
  aliasDepth = 0;
  readonly typeErrors: string[] = [];
  private readonly activeAliases = new Set<YAML.Alias>();

  constructor(
    private readonly doc: YAML.Document.Parsed,
    private readonly source: string,
  ) {}

  decode(n: unknown): unknown {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    )
      throw new YamlError('yaml: document contains excessive aliasing');
    if (n === null || n === undefined) return null;
    const node = n as YamlNode;
    if (YAML.isAlias(node)) return this.alias(node);
    if (YAML.isScalar(node)) return this.scalar(node);
    if (YAML.isMap(node)) return this.mapping(node);
    if (YAML.isSeq(node)) return (node.items as unknown[]).map((item) => this.decode(item));
    return null;
  }

  private alias(node: YAML.Alias): unknown {
    if (this.activeAliases.has(node))
      throw new YamlError(`yaml: anchor '${node.source}' value contains itself`);
    const target = node.resolve(this.doc);
    if (target === undefined) throw new YamlError(`yaml: unknown anchor '${node.source}' referenced`);
    this.activeAliases.add(node);
    this.aliasDepth++;
    const v = this.decode(target);
    this.aliasDepth--;
    this.activeAliases.delete(node);
    return v;
  }

  private resolveScalar(node: YAML.Scalar): Resolved {
    return resolveScalarNode(node, (r, want, text) => {
      this.typeErrors.push(`line ${this.lineOf(node)}: cannot decode !!${r.tag} \`${text}\` as a !!${want}`);
    });
  }

  private lineOf(node: YAML.Scalar): number {
    return lineIndex(this.source, node.range?.[0] ?? 0) + 1;
  }

  private scalar(node: YAML.Scalar): unknown {
    return jsonScalar(this.resolveScalar(node));
  }

  private isMergeKey(key: unknown): boolean {
    return (
      YAML.isScalar(key) &&
      key.value === '<<' &&
      (key.type === 'PLAIN' || key.tag === `${STD_TAG}merge`) &&
      (key.tag === undefined || key.tag === `${STD_TAG}merge`)
    );
  }

  private mapping(node: YAML.YAMLMap): Record<string, unknown> {
    const out = newMap();
    this.fill(node, out);
    return out;
  }

  /** Decodes a mapping's pairs into `out` in order: later keys (and merges) overwrite earlier. */
  private fill(node: YAML.YAMLMap, out: Record<string, unknown>): void {
    for (const pair of node.items) {
      if (this.isMergeKey(pair.key)) {
        this.merge(pair.value, out);
        continue;
      }
      const key = this.mapKey(pair.key, pair.value);
      mapSet(out, key, this.decode(pair.value));
    }
  }

  private merge(value: unknown, out: Record<string, unknown>): void {
    const wantMap = () => new YamlError('yaml: map merge requires map or sequence of maps as the value');
    const mergeOne = (n: unknown) => {
      let target = n;
      if (YAML.isAlias(n)) target = n.resolve(this.doc);
      if (!YAML.isMap(target)) throw wantMap();
      const merged = this.decode(n);
      if (isMap(merged)) for (const k of Object.keys(merged)) mapSet(out, k, merged[k]);
    };
    if (YAML.isMap(value) || YAML.isAlias(value)) mergeOne(value);
    else if (YAML.isSeq(value)) {
      // earlier maps in the list take precedence, so apply them last
      const items = value.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) mergeOne(items[i]);
    } else throw wantMap();
  }

  /** A key as sigs.k8s.io/yaml turns it into a JSON object key. */
  private mapKey(key: unknown, value: unknown): string {
    this.decodeCount++;
    const unsupported = (k: string, type: string) =>
      new YamlError(
        `unsupported map key of type: ${type}, key: ${k}, value: ${goSyntaxOf(this.decode(value), true)}`,
      );
    if (YAML.isAlias(key)) {
      const v = this.alias(key);
      if (typeof v === 'string') return v;
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      if (typeof v === 'number') return formatFloatG(v, 32);
      throw unsupported('<nil>', '%!s(<nil>)');
    }
    if (key === null || key === undefined) throw unsupported('<nil>', '%!s(<nil>)');
    if (YAML.isMap(key) || YAML.isSeq(key))
      throw new YamlError(`yaml: invalid map key: ${goSyntaxOf(this.decode(key))}`);
    const r = this.resolveScalar(key as YAML.Scalar);
    switch (r.tag) {
      case 'str':
      case 'timestamp':
      case 'merge':
        return r.value;
      case 'bool':
        return r.value ? 'true' : 'false';
      case 'int':
        if (r.unsigned) throw unsupported(`0x${r.value.toString(16)}`, 'uint64');
        return r.value.toString();
      case 'float': {
        // sigs.k8s.io/yaml formats float keys as float32
        const s = formatFloatG(r.value, 32);
        return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
      }
      case 'null':
        throw unsupported('<nil>', '%!s(<nil>)');
    }
  }
}

/**
 * fmt's %#v of a decoded go-yaml v2 value (before the JSON step, so maps are
 * map[interface {}]interface {}); numbers here are already float64, close enough for messages.
 */
function goSyntaxOf(v: unknown, top = false): string {
  if (v === null || v === undefined) return top ? '<nil>' : 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return formatFloatG(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSyntaxOf(x)).join(', ')}}`;
  if (isMap(v))
    return `map[interface {}]interface {}{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goSyntaxOf(v[k])}`)
      .join(', ')}}`;
  return String(v);
}

/** 0-based line of a source offset. */
function lineIndex(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A resolved scalar after json.Marshal + json.Unmarshal into interface{}. */
function jsonScalar(r: Resolved): unknown {
  switch (r.tag) {
    case 'null':
      return null;
    case 'bool':
      return r.value;
    case 'int':
      return Number(r.value);
    case 'float':
      if (!Number.isFinite(r.value))
        throw new YamlError(
          `json: unsupported value: ${Number.isNaN(r.value) ? 'NaN' : r.value > 0 ? '+Inf' : '-Inf'}`,
        );
      // JSON has no negative zero for ints, but -0.0 survives as a float
      return r.value;
    default:
      return r.value;
  }
}

/**
 * Maps the `yaml` package's parse errors onto libyaml's messages and line numbering. libyaml's
 * scanner errors print the 1-based line (and no line at all on the first line); its parser
 * errors print the 0-based line of the offending token, and at the end of input the mark moves
 * to a fresh line. The mapping covers the common mistakes, not every libyaml message.
 */
function goSyntaxError(text: string, error: YAML.YAMLError): string {
  const pos = Math.min(error.pos[0], text.length);
  const scanner = (msg: string, at = pos) => {
    const line = lineIndex(text, at);
    return line === 0 ? `yaml: ${msg}` : `yaml: line ${line + 1}: ${msg}`;
  };
  const parser = (msg: string, line: number) => (line === 0 ? `yaml: ${msg}` : `yaml: line ${line}: ${msg}`);
  // the end-of-stream mark: libyaml forces a new line unless already at column 0
  const eofLine = lineIndex(text, text.length) + (text.length > 0 && !text.endsWith('\n') ? 1 : 0);
  const message = error.message;
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const rest = text.slice(pos);
      const colon = /:(?=[ \t\r\n]|$)/.exec(rest);
      const dash = /\n[ ]*- /.exec(text.slice(Math.max(0, pos - 1)));
      if (error.code === 'MULTILINE_IMPLICIT_KEY' && dash && (!colon || dash.index < colon.index))
        return parser('did not find expected key', lineIndex(text, pos - 1 + dash.index + 1));
      return scanner('mapping values are not allowed in this context', pos + (colon?.index ?? 0));
    }
    case 'TAB_AS_INDENT':
      return lineIndex(text, pos) === 0
        ? 'yaml: found character that cannot start any token'
        : scanner('found a tab character that violates indentation');
    case 'BAD_SCALAR_START':
      return scanner('found character that cannot start any token');
    case 'BAD_DQ_ESCAPE':
      return scanner('found unknown escape character');
    case 'TAG_RESOLVE_FAILED':
      return scanner("did not find the expected '>'");
    case 'MISSING_CHAR':
      if (message.startsWith('Missing closing'))
        return scanner('found unexpected end of stream', text.length);
      if (message.startsWith('Implicit map keys need to be followed'))
        return `yaml: line ${eofLine + 1}: could not find expected ':'`;
      if (message.startsWith('Missing directives-end')) return 'yaml: found unknown directive name';
      break;
    case 'BAD_INDENT': {
      if (message.startsWith('Flow sequence') || message.startsWith('Flow map')) {
        const close = message.startsWith('Flow map') ? '}' : ']';
        const empty = /[[{,]\s*$/.test(text.replace(/#.*$/gm, ''));
        // a wrong closing bracket is reported where it stands, a missing one at the end
        const line = pos < text.length && /[\]}]/.test(text[pos]!) ? lineIndex(text, pos) : eofLine;
        return parser(
          empty ? 'did not find expected node content' : `did not find expected ',' or '${close}'`,
          line,
        );
      }
      if (message.startsWith('Block scalar values') && text[pos] === '\t')
        return scanner('found a tab character where an indentation space is expected');
      const line = lineIndex(text, pos);
      return parser(
        inSequence(text, line) ? "did not find expected '-' indicator" : 'did not find expected key',
        line,
      );
    }
    case 'UNEXPECTED_TOKEN': {
      const line = lineIndex(text, pos);
      return parser(
        inSequence(text, line) ? "did not find expected '-' indicator" : 'did not find expected key',
        line,
      );
    }
  }
  return scanner(message.split(' at line')[0]!);
}

/** Whether the nearest non-blank line above `line` is a block sequence entry. */
function inSequence(text: string, line: number): boolean {
  const lines = text.split('\n');
  for (let i = line - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    return /^\s*- /.test(l) || /^\s*-$/.test(l);
  }
  return false;
}
