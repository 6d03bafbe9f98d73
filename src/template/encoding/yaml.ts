/**
 * YAML the way Helm sees it through sigs.k8s.io/yaml: decoding is go-yaml v2 -> JSON ->
 * interface{} (so numbers become float64 and keys strings), encoding is json.Marshal -> go-yaml
 * v2 Marshal (toYaml). toYamlPretty's go-yaml v3 encoder is here too.
 */
import YAML from 'yaml';
import {
  GO,
  type GoObject,
  isGoObject,
  isMap,
  mapSet,
  newMap,
  TypedInt,
  typeOf,
} from '../value.ts';
import { formatFloatG } from './float.ts';
import { decodeJson, encodeJson, formatJsonFloat, JsonError } from './json.ts';
import { EmitMapping, type EmitNode, PlainText, YamlEmitter } from './yaml-emitter.ts';
import { isBase60Float, isOldBool, type Resolved, resolvePlain } from './yaml-resolve.ts';

/** An error whose message is exactly what Helm's Go code would print. */
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
  canUsePlain: (s: string) =>
    resolvePlain(s, true).tag === 'str' && !isBase60Float(s) && !isOldBool(s),
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
      return wellFormed(v);
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
    return new EmitMapping(keys.map((k) => [wellFormed(k), jsonShaped(v[k])]));
  }
  // structs, time.Time, functions: whatever encoding/json makes of them
  return jsonShaped(decodeJson(encodeJson(v)));
}

function wellFormed(s: string): string {
  return /[\ud800-\udfff]/.test(s)
    ? s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    : s;
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
      return wellFormed(v);
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
    return new EmitMapping(keys.map((k) => [wellFormed(k), goShaped(v[k])]));
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

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigitRune = (c: string) => /\p{Nd}/u.test(c);

/** Integer value of the digit run in `r` starting at `i`, wrapping like Go's int64. */
function digitRun(r: string[], i: number, seed: bigint): [bigint, number] {
  let n = seed;
  let j = i;
  for (; j < r.length && isDigitRune(r[j]!); j++) n = BigInt.asIntN(64, n * 10n + BigInt(r[j]!.codePointAt(0)! - 48));
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

function v2KeyCompare(a: string, b: string): number {
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
  const docs = YAML.parseAllDocuments(text, {
    schema: 'failsafe',
    uniqueKeys: false,
    strict: false,
    prettyErrors: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[0];
  const error = doc?.errors[0];
  if (error) throw new YamlError(`error converting YAML to JSON: ${goSyntaxError(text, error)}`);
  if (!doc || doc.contents === null) return null;
  const decoder = new NodeDecoder(doc);
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
  return value;
}

/** go-yaml's defence against alias bombs ("billion laughs"). */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

type YamlNode = YAML.Scalar | YAML.YAMLMap | YAML.YAMLSeq | YAML.Alias;

const STD_TAG = 'tag:yaml.org,2002:';

class NodeDecoder {
  decodeCount = 0;
  aliasCount = 0;
  aliasDepth = 0;
  readonly typeErrors: string[] = [];
  private readonly activeAliases = new Set<YAML.Alias>();
  private readonly lineStarts: number[];

  constructor(private readonly doc: YAML.Document.Parsed) {
    this.lineStarts = [0];
    const src = String(doc.toString ? '' : '');
    void src;
  }

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
    this.typeErrors.push(
      `line ${this.lineOf(node)}: cannot decode !!${r.tag} \`${text}\` as a !!${want}`,
    );
    return { tag: 'null', value: null };
  }

  private lineOf(node: YAML.Scalar): number {
    const start = node.range?.[0] ?? 0;
    const src = (this.doc as unknown as { source?: string }).source;
    if (typeof src !== 'string') return 1;
    let line = 1;
    for (let i = 0; i < start && i < src.length; i++) if (src.charCodeAt(i) === 10) line++;
    return line;
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
      const key = this.mapKey(pair.key);
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
  private mapKey(key: unknown): string {
    this.decodeCount++;
    if (YAML.isAlias(key)) {
      const v = this.alias(key);
      return keyString(v, key);
    }
    if (key === null || key === undefined) throw unsupportedKey(null, '<nil>');
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
        if (r.unsigned) throw unsupportedKey(r.value, 'uint64');
        return r.value.toString();
      case 'float': {
        // sigs.k8s.io/yaml formats float keys as float32
        const s = formatFloatG(r.value, 32);
        return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
      }
      case 'null':
        throw unsupportedKey(null, '<nil>');
    }
  }
}

function keyString(v: unknown, _node: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  throw unsupportedKey(null, '<nil>');
}

function unsupportedKey(k: bigint | null, type: string): YamlError {
  const key = k === null ? '<nil>' : `0x${k.toString(16)}`;
  return new YamlError(`unsupported map key of type: ${type}, key: ${key}, value: <nil>`);
}

function goSyntaxOf(v: unknown): string {
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntaxOf).join(', ')}}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return '<nil>';
  return String(v);
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
        throw new YamlError(`json: unsupported value: ${Number.isNaN(r.value) ? 'NaN' : r.value > 0 ? '+Inf' : '-Inf'}`);
      // JSON has no negative zero for ints, but -0.0 survives as a float
      return r.value;
    default:
      return r.value;
  }
}

/** Maps the `yaml` package's parse errors onto libyaml's messages and line numbering. */
function goSyntaxError(text: string, error: YAML.YAMLError): string {
  const line = (error.linePos?.[0]?.line ?? 1) as number;
  void text;
  const msg = LIBYAML_MESSAGES[error.code] ?? error.message.split(' at line')[0];
  return `yaml: line ${line}: ${msg}`;
}

const LIBYAML_MESSAGES: Partial<Record<YAML.ErrorCode, string>> = {
  BLOCK_AS_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  BAD_INDENT: 'did not find expected key',
  TAB_AS_INDENT: 'found character that cannot start any token',
  MISSING_CHAR: 'did not find expected node content',
  MULTILINE_IMPLICIT_KEY: 'could not find expected \':\'',
};
