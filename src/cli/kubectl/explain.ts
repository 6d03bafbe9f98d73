/**
 * `kubectl explain TYPE[.FIELD...]` as kubectl 1.35 does it: the argument is read as a JSONPath
 * (`{.TYPE.FIELD}`), the type resolved through discovery with the shortcut expander's rules, and
 * the schema rendered from the server's OpenAPI v3 group-version document (`plaintext`, the
 * default) or from the OpenAPI v2 document (`--output plaintext-openapiv2`). Both renderers are
 * ours; they reproduce upstream's layout, wrapping and quirks (v3: kubectl's plaintext template;
 * v2: its model/fields printers) so the text is byte for byte kubectl's.
 */
import type { ApiResource } from '../../kube/client/index.ts';
import { quote, sprint } from '../../template/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { KubectlError, out, runCommand, type Session } from './session.ts';

type Json = Record<string, any>;

const specs: FlagSpec[] = [
  { name: 'recursive', type: 'bool' },
  { name: 'api-version', type: 'string' },
  { name: 'output', short: 'o', type: 'string', default: 'plaintext' },
];

const PLAINTEXT = 'plaintext';
const PLAINTEXT_OPENAPI_V2 = 'plaintext-openapiv2';

interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** apimachinery's GroupVersionResource.String(). */
function gvrString(gvr: GroupVersionResource): string {
  return `${gvr.group}/${gvr.version}, Resource=${gvr.resource}`;
}

/** apimachinery's GroupVersionKind.String(). */
function gvkString(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

/** apimachinery's ParseGroupVersion. */
function parseGroupVersion(text: string): { group: string; version: string } {
  if (text === '' || text === '/') return { group: '', version: '' };
  const parts = text.split('/');
  if (parts.length === 1) return { group: '', version: text };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  throw new KubectlError(`error: unexpected GroupVersion string: ${text}`);
}

// ---------------------------------------------------------------------------------------------
// The argument as a JSONPath: only what explain looks at (is each node a plain field, and its
// name), with client-go's parser errors for malformed input.

type PathNode = { field: string } | { other: string };

class PathSyntaxError extends Error {}

function isAlphaNumeric(c: string | undefined): boolean {
  return c !== undefined && (c === '_' || /[\p{L}\p{Nd}]/u.test(c));
}

function isPathTerminator(c: string | undefined): boolean {
  return c === undefined || ' \t\r\n.,[]$@{}'.includes(c);
}

/** Go's `%#U` of a rune. */
function goRuneLabel(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(c) ? `${hex} '${c}'` : hex;
}

const slicePattern = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;

/** A walk over `{...}` text with client-go's jsonpath grammar, recording the node kinds. */
class PathScanner {
  private pos = 0;
  readonly roots: PathNode[][] = [];
  private textRoots = 0;

  constructor(private readonly input: string) {}

  private char(at = this.pos): string | undefined {
    const code = this.input.codePointAt(at);
    return code === undefined ? undefined : String.fromCodePoint(code);
  }

  private advanceChar(): string | undefined {
    const c = this.char();
    if (c !== undefined) this.pos += c.length;
    return c;
  }

  scan(): void {
    let textStart = this.pos;
    while (this.pos < this.input.length) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > textStart) this.textRoots++;
        this.pos++;
        const nodes: PathNode[] = [];
        this.roots.push(nodes);
        this.action(nodes);
        textStart = this.pos;
        continue;
      }
      this.advanceChar();
    }
    if (this.pos > textStart) this.textRoots++;
  }

  get rootCount(): number {
    return this.roots.length + this.textRoots;
  }

  private action(nodes: PathNode[]): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos++;
        return;
      }
      if (rest.startsWith('[?(')) {
        this.filter(nodes);
        continue;
      }
      if (rest.startsWith('..')) {
        const last = nodes.at(-1);
        if (last && 'other' in last && last.other === 'recursive')
          throw new PathSyntaxError('invalid multiple recursive descent');
        this.pos += 2;
        nodes.push({ other: 'recursive' });
        if (isAlphaNumeric(this.char())) this.field(nodes);
        continue;
      }
      const c = this.advanceChar();
      if (c === undefined || c === '\r' || c === '\n') throw new PathSyntaxError('unclosed action');
      if (c === ' ' || c === '@' || c === '$') continue;
      if (c === '[') this.array(nodes);
      else if (c === '"' || c === "'") this.quoted(nodes, c);
      else if (c === '.') this.field(nodes);
      else if (c === '+' || c === '-' || /\p{Nd}/u.test(c)) this.number(nodes);
      else if (isAlphaNumeric(c)) this.identifier(nodes, c);
      else throw new PathSyntaxError(`unrecognized character in action: ${goRuneLabel(c)}`);
    }
  }

  private field(nodes: PathNode[]): void {
    const start = this.pos;
    for (;;) {
      const c = this.char();
      if (c === '\\') {
        this.pos++;
        this.advanceChar();
        continue;
      }
      if (isPathTerminator(c)) break;
      this.advanceChar();
    }
    const value = this.input.slice(start, this.pos);
    nodes.push(value === '*' ? { other: 'wildcard' } : { field: value.replaceAll('\\', '') });
  }

  private identifier(nodes: PathNode[], first: string): void {
    let value = first;
    while (!isPathTerminator(this.char())) value += this.advanceChar();
    nodes.push({ other: value });
  }

  private number(nodes: PathNode[]): void {
    while (this.char() === '.' || /\p{Nd}/u.test(this.char() ?? '')) this.advanceChar();
    nodes.push({ other: 'number' });
  }

  private quoted(nodes: PathNode[], quoteChar: string): void {
    for (;;) {
      const c = this.advanceChar();
      if (c === undefined || c === '\n') throw new PathSyntaxError('unterminated quoted string');
      if (c === '\\') {
        this.advanceChar();
        continue;
      }
      if (c === quoteChar) break;
    }
    nodes.push({ other: 'text' });
  }

  private array(nodes: PathNode[]): void {
    const start = this.pos;
    for (;;) {
      const c = this.advanceChar();
      if (c === undefined || c === '\n') throw new PathSyntaxError('unterminated array');
      if (c === ']') break;
    }
    let text = this.input.slice(start, this.pos - 1);
    if (text === '*') text = ':';
    if (text.split(',').length > 1) {
      nodes.push({ other: 'union' });
      return;
    }
    // `['key']` is a field
    const dictKey = /^'([^']*)'$/.exec(text);
    if (dictKey) {
      const inner = new PathScanner(`{.${dictKey[1]}}`);
      inner.scan();
      nodes.push(...(inner.roots[0] ?? []));
      return;
    }
    if (!slicePattern.test(text)) throw new PathSyntaxError(`invalid array index ${text}`);
    nodes.push({ other: 'array' });
  }

  private filter(nodes: PathNode[]): void {
    this.pos += 3;
    let quoteOpen = false;
    let quoteClosed = false;
    let pair = '';
    for (;;) {
      const c = this.advanceChar();
      if (c === undefined || c === '\n') throw new PathSyntaxError('unterminated filter');
      if (c === '"' || c === "'") {
        if (!quoteOpen) {
          quoteOpen = true;
          pair = c;
        } else if (this.input[this.pos - 2] !== '\\' && c === pair) quoteClosed = true;
      } else if (c === ')' && quoteOpen === quoteClosed) break;
    }
    if (this.advanceChar() !== ']') throw new PathSyntaxError('unclosed array expect ]');
    nodes.push({ other: 'filter' });
  }
}

/** kubectl explain's jsonPathParse: the nodes of `{.<text>}` (one trailing dot ignored). */
function parsePath(text: string): PathNode[] {
  const trimmed = text.endsWith('.') ? text.slice(0, -1) : text;
  const scanner = new PathScanner(`{.${trimmed}}`);
  try {
    scanner.scan();
  } catch (e) {
    if (e instanceof PathSyntaxError) throw new KubectlError(`error: ${e.message}`);
    throw e;
  }
  if (scanner.rootCount !== 1) throw new KubectlError('error: must pass in 1 jsonpath string');
  return scanner.roots[0];
}

function fieldNames(nodes: PathNode[], message: string): string[] {
  return nodes.map((n) => {
    if (!('field' in n)) throw new KubectlError(`error: invalid jsonpath syntax, ${message}`);
    return n.field;
  });
}

// ---------------------------------------------------------------------------------------------
// Resource resolution: client-go's shortcut expander over the discovery-backed RESTMapper.

/** Every served resource in RESTMapper priority: groups in discovery order, preferred version first. */
async function prioritised(session: Session): Promise<ApiResource[]> {
  const all = await session.discovery.allResources();
  const preferred = new Set(
    (await session.discovery.preferredResources()).map((r) => `${r.group}/${r.version}`),
  );
  const groups = [...new Set(all.map((r) => r.group))];
  return groups.flatMap((g) => {
    const members = all.filter((r) => r.group === g);
    return [
      ...members.filter((r) => preferred.has(`${r.group}/${r.version}`)),
      ...members.filter((r) => !preferred.has(`${r.group}/${r.version}`)),
    ];
  });
}

/**
 * `RESTMapper.ResourcesFor({Resource: word})` behind the shortcut expander: a word that is not
 * exactly a plural or singular name is expanded when it is a short name (with a warning when
 * the short name also names other resources); plural or singular names then match case-blind.
 */
async function resourcesFor(session: Session, word: string): Promise<ApiResource[]> {
  const all = await prioritised(session);
  const singular = (r: ApiResource) => r.singular || r.kind.toLowerCase();
  let group: string | undefined;
  let name = word;
  if (!all.some((r) => r.resource === word || r.singular === word)) {
    const warned = new Set<string>();
    let found: { group: string; resource: string } | undefined;
    for (const r of all) {
      if (!r.shortNames.includes(word)) continue;
      if (!found) {
        found = { group: r.group, resource: r.resource };
        continue;
      }
      if (found.group === r.group && found.resource === r.resource) continue;
      const long = r.group ? `${r.resource}.${r.group}` : r.resource;
      if (!warned.has(long)) {
        warned.add(long);
        session.warn([`short name "${word}" could also match lower priority resource ${long}`]);
      }
    }
    if (found) {
      group = found.group;
      name = found.resource;
    }
  }
  const lower = name.toLowerCase();
  if (!lower)
    throw new KubectlError(
      `error: a resource must be present, got: ${gvrString({ group: group ?? '', version: '', resource: '' })}`,
    );
  const matches = all.filter(
    (r) => (group === undefined || r.group === group) && (r.resource === lower || singular(r) === lower),
  );
  if (matches.length === 0) throw new KubectlError(`the server doesn't have a resource type "${word}"`);
  return matches;
}

const gvrOf = (r: ApiResource): GroupVersionResource => ({
  group: r.group,
  version: r.version,
  resource: r.resource,
});

interface Request {
  resource: ApiResource;
  gvr: GroupVersionResource;
  fields: string[];
}

/** explain.SplitAndParseResourceRequestWithMatchingPrefix: `deployments.apps.spec` names the group. */
async function requestWithMatchingPrefix(session: Session, text: string): Promise<Request> {
  const nodes = parsePath(text);
  const first = nodes[0];
  if (!first || !('field' in first))
    throw new KubectlError('error: invalid jsonpath syntax, first node must be field node');
  const candidates = await resourcesFor(session, first.field);
  for (const r of candidates) {
    const groupResource = r.group ? `${r.resource}.${r.group}` : r.resource;
    if (!text.startsWith(groupResource)) continue;
    const suffix = text.slice(groupResource.length);
    const fields = suffix ? fieldNames(parsePath(suffix).slice(1), 'first node must be field node') : [];
    return { resource: r, gvr: gvrOf(r), fields };
  }
  const r = candidates[0];
  return { resource: r, gvr: gvrOf(r), fields: fieldNames(nodes.slice(1), 'first node must be field node') };
}

/** explain.SplitAndParseResourceRequest (with --api-version): the first word is only a resource. */
async function plainRequest(session: Session, text: string): Promise<Request> {
  const nodes = parsePath(text);
  const first = nodes[0];
  if (!first || !('field' in first))
    throw new KubectlError('error: invalid jsonpath syntax, first node must be field node');
  const r = (await resourcesFor(session, first.field))[0];
  return { resource: r, gvr: gvrOf(r), fields: fieldNames(nodes.slice(1), 'all nodes must be field nodes') };
}

// ---------------------------------------------------------------------------------------------
// Text helpers shared by both renderers.

/** Go's unicode.IsSpace, minus NBSP (go-wordwrap treats NBSP as part of a word). */
const WRAP_SPACE = /[\t\n\v\f\r \u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/**
 * github.com/mitchellh/go-wordwrap (v1.0.1), which kubectl's `wrap` template function uses:
 * breaks at white space once a line would pass `limit` runes; runs of spaces at a break vanish;
 * a word longer than the limit stays whole.
 */
function wordWrap(text: string, limit: number): string {
  let result = '';
  let lineLength = 0;
  let word = '';
  let wordLength = 0;
  let spaces = '';
  let spacesLength = 0;
  const flush = () => {
    lineLength += spacesLength + wordLength;
    result += spaces + word;
    spaces = '';
    spacesLength = 0;
    word = '';
    wordLength = 0;
  };
  for (const c of text) {
    if (c === '\n') {
      if (wordLength === 0) {
        if (lineLength + spacesLength <= limit) result += spaces;
        spaces = '';
        spacesLength = 0;
      } else flush();
      result += c;
      lineLength = 0;
    } else if (WRAP_SPACE.test(c)) {
      if (spacesLength === 0 || wordLength > 0) flush();
      spaces += c;
      spacesLength++;
    } else {
      word += c;
      wordLength++;
      if (lineLength + wordLength + spacesLength > limit && wordLength < limit) {
        result += '\n';
        lineLength = 0;
        spaces = '';
        spacesLength = 0;
      }
    }
  }
  if (wordLength === 0) {
    if (lineLength + spacesLength <= limit) result += spaces;
  } else result += spaces + word;
  return result;
}

/** The template's `indent`: pads the first line and every line after a newline. */
function indent(amount: number, text: string): string {
  const pad = ' '.repeat(amount);
  return pad + text.replaceAll('\n', `\n${pad}`);
}

// ---------------------------------------------------------------------------------------------
// OpenAPI v3 renderer (kubectl's `plaintext` template), over the group-version document.

/** Go template truth: false, 0, nil, and empty strings, lists and maps are false. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A nested schema that is a schema (not `additionalProperties: true`). */
function subschema(v: unknown): Json | undefined {
  return isMap(v) && truthy(v) ? v : undefined;
}

/** Go's sort order of map keys (byte order; ASCII names compare the same in UTF-16). */
function sortedKeys(map: unknown): string[] {
  return isMap(map) ? Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : [];
}

class V3Renderer {
  constructor(
    private readonly document: Json,
    private readonly recursive: boolean,
  ) {}

  /** A local `#/a/b` reference, or undefined (the template then uses the schema itself). */
  private resolveRef(ref: unknown): Json | undefined {
    if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
    let current: unknown = this.document;
    for (const part of decodeURIComponent(ref.slice(1)).split('/')) {
      if (part === '') continue;
      if (!isMap(current)) return undefined;
      current = current[part];
    }
    return isMap(current) ? current : undefined;
  }

  private resolved(schema: Json): Json {
    const target = this.resolveRef(schema.$ref);
    return target && truthy(target) ? target : schema;
  }

  /** The schema of `gvk`: the first component (in name order) that declares it. */
  schemaOf(gvk: Json): Json | undefined {
    const schemas = this.document.components?.schemas;
    for (const name of sortedKeys(schemas)) {
      const schema = schemas[name];
      const declared = schema?.['x-kubernetes-group-version-kind'];
      if (!Array.isArray(declared)) continue;
      if (declared.some((d) => sameGvk(d, gvk))) return schema;
    }
    return undefined;
  }

  /** Follows the field path, then prints the focused schema; '' when the path leads nowhere. */
  output(schema: Json, path: string[], history: Set<string>): string {
    const ref = typeof schema.$ref === 'string' ? schema.$ref : '';
    const next = new Set(history).add(ref);
    const resolved = this.resolved(schema);
    if (path.length === 0) {
      let text = 'DESCRIPTION:\n';
      text += `${indent(4, wordWrap(this.description(resolved) || '<empty>', 76))}\n`;
      const fields = this.fieldList(resolved, 1, new Set());
      if (fields) text += `FIELDS:\n${fields}`;
      return text;
    }
    if (ref && history.has(ref)) return '';
    const properties = resolved.properties;
    if (truthy(properties) && isMap(properties) && truthy(properties[path[0]])) {
      const field: Json = properties[path[0]];
      let text = '';
      if (path.length === 1) {
        text += `FIELD: ${path[0]} <${this.typeGuess(field)}>\n${this.enumText(field, true, -1, 0)}\n\n`;
      }
      return text + this.output(field, path.slice(1), new Set());
    }
    const items = subschema(resolved.items);
    if (items) return this.output(items, path, next);
    const values = subschema(resolved.additionalProperties);
    if (values) return this.output(values, path, next);
    for (const alternative of Array.isArray(resolved.allOf) ? resolved.allOf : []) {
      const text = this.output(alternative, path, next);
      if (text) return text;
    }
    return '';
  }

  /** The schema's description and those of what it is made of, one per line. */
  private description(schema: Json): string {
    const s = this.resolved(schema);
    if (!truthy(s)) return '';
    let text = truthy(s.description) ? `${s.description}\n` : '';
    for (const alternative of Array.isArray(s.allOf) ? s.allOf : []) text += this.description(alternative);
    const items = subschema(s.items);
    if (items) text += this.description(items);
    const values = subschema(s.additionalProperties);
    if (values) text += this.description(values);
    return text;
  }

  private fieldList(schema: Json, level: number, history: Set<string>): string {
    const ref = typeof schema.$ref === 'string' ? schema.$ref : '';
    if (ref && history.has(ref)) return '';
    const next = new Set(history).add(ref);
    const resolved = this.resolved(schema);
    let text = '';
    for (const name of sortedKeys(resolved.properties)) {
      text += this.fieldDetail(name, resolved, level);
      if (this.recursive) text += this.fieldList(resolved.properties[name], level + 1, next);
    }
    for (const alternative of Array.isArray(resolved.allOf) ? resolved.allOf : [])
      text += this.fieldList(alternative, level, next);
    const items = subschema(resolved.items);
    if (items) text += this.fieldList(items, level, next);
    const values = subschema(resolved.additionalProperties);
    if (values) text += this.fieldList(values, level, next);
    return text;
  }

  private fieldDetail(name: string, parent: Json, level: number): string {
    const pad = level * 2;
    const field: Json = parent.properties[name];
    let text = `${' '.repeat(pad)}${name}\t<${this.typeGuess(field)}>`;
    if (Array.isArray(parent.required) && parent.required.includes(name)) text += ' -required-';
    text += `${this.enumText(field, false, 4, pad)}\n`;
    if (!this.recursive) {
      const description = truthy(field.description) ? String(field.description) : '<no description>';
      text += `${indent(pad + 2, wordWrap(description, 78 - pad))}\n\n`;
    }
    return text;
  }

  /** `string`, `Object`, `[]Container`, `map[string]string`, a definition's short name... */
  private typeGuess(schema: unknown): string {
    if (!isMap(schema) || !truthy(schema))
      throw new KubectlError("error: expected schema argument to subtemplate 'typeguess'");
    const items = subschema(schema.items);
    if (items) return `[]${this.typeGuess(items)}`;
    const values = subschema(schema.additionalProperties);
    if (values) return `map[string]${this.typeGuess(values)}`;
    if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && !truthy(schema.properties))
      return this.typeGuess(schema.allOf[0]);
    if (truthy(schema.$ref)) {
      const target = this.resolveRef(schema.$ref);
      if (!target || !truthy(target) || !truthy(target.type) || target.type === 'object') {
        const name = String(schema.$ref).split('/').at(-1) ?? '';
        return name.split('.').at(-1) || 'Object';
      }
      return String(target.type);
    }
    if (schema.type === 'object') return 'Object';
    return truthy(schema.type) ? sprint(schema.type) : 'Object';
  }

  /** `ENUM:` lines under a FIELD header, or an `enum: a, b, ....` line under a field. */
  private enumText(schema: Json, long: boolean, limit: number, pad: number): string {
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) return '';
    let text = long ? 'ENUM:' : `\n${' '.repeat(pad)}enum: `;
    for (const [i, value] of schema.enum.entries()) {
      if (limit > -1 && i >= limit) {
        text += ', ....';
        break;
      }
      if (i > 0 && !long) text += ', ';
      else if (long) text += '\n    ';
      text += value === '' ? '""' : value === null ? '<no value>' : sprint(value);
    }
    return text;
  }
}

function sameGvk(a: unknown, b: Json): boolean {
  if (!isMap(a)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

interface Rendered {
  /** What kubectl writes to stdout (before an error, if any). */
  text: string;
  /** kubectl's error line, when rendering failed. */
  error?: string;
}

/** The GVK of a resource: from the first REST operation (in kubectl's search order) that names one. */
function gvkFromPaths(document: Json, gvr: GroupVersionResource): Json | undefined {
  const prefix = gvr.group ? `/apis/${gvr.group}` : '/api';
  const base = `${prefix}/${gvr.version}`;
  const searchPaths = [
    `${base}/${gvr.resource}`,
    `${base}/${gvr.resource}/{name}`,
    `${base}/namespaces/{namespace}/${gvr.resource}`,
    `${base}/namespaces/{namespace}/${gvr.resource}/{name}`,
  ];
  let gvk: unknown;
  for (const path of searchPaths) {
    const element = document.paths?.[path];
    if (!truthy(element)) continue;
    // the template assigns as it tries each method, so a later path overrides an earlier one
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = element[method];
      if (!truthy(operation)) continue;
      gvk = operation['x-kubernetes-group-version-kind'];
      if (truthy(gvk)) break;
    }
  }
  return truthy(gvk) && isMap(gvk) ? gvk : undefined;
}

/** kubectl's plaintext template over one OpenAPI v3 group-version document. */
function renderPlaintext(
  document: Json,
  gvr: GroupVersionResource,
  fieldPath: string[],
  recursive: boolean,
): Rendered {
  const gvk = gvkFromPaths(document, gvr);
  if (!gvk) return { text: '', error: `error: GVR (${gvrString(gvr)}) not found in OpenAPI schema` };
  let text = '';
  if (truthy(gvk.group)) text += `GROUP:      ${sprint(gvk.group)}\n`;
  text += `KIND:       ${sprint(gvk.kind)}\nVERSION:    ${sprint(gvk.version)}\n\n`;
  const renderer = new V3Renderer(document, recursive);
  const schema = renderer.schemaOf(gvk);
  if (!schema) return { text, error: `error: GVK ${sprint(gvk)} not found in OpenAPI schema` };
  const body = renderer.output(schema, fieldPath, new Set());
  if (!body) return { text, error: `error: field "${fieldPath.at(-1)}" does not exist` };
  return { text: `${text}${body}\n` };
}

// ---------------------------------------------------------------------------------------------
// OpenAPI v2 renderer (`--output plaintext-openapiv2`): kube-openapi's proto model of the
// swagger definitions, printed by kubectl's model and fields printers.

type Model =
  | { is: 'kind'; description: string; fields: Map<string, Model>; required: string[] }
  | { is: 'map'; description: string; values: Model }
  | { is: 'array'; description: string; items: Model }
  | { is: 'primitive'; description: string; type: string }
  | { is: 'arbitrary'; description: string }
  | { is: 'ref'; description: string; name: string; target: () => Model };

class V2Models {
  private readonly parsed = new Map<string, Model>();

  constructor(private readonly definitions: Json) {}

  model(name: string): Model | undefined {
    let model = this.parsed.get(name);
    if (!model && isMap(this.definitions[name])) {
      model = this.parse(this.definitions[name]);
      this.parsed.set(name, model);
    }
    return model;
  }

  private parse(s: Json): Model {
    const description = typeof s.description === 'string' ? s.description : '';
    if (typeof s.$ref === 'string' && s.$ref !== '') {
      const name = s.$ref.replace(/^#\/definitions\//, '');
      return {
        is: 'ref',
        description,
        name,
        target: () => this.model(name) ?? { is: 'arbitrary', description: '' },
      };
    }
    const types: unknown[] = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
    const kind = (): Model => {
      const fields = new Map<string, Model>();
      for (const [name, sub] of Object.entries(isMap(s.properties) ? s.properties : {}))
        fields.set(name, this.parse(sub as Json));
      return { is: 'kind', description, fields, required: Array.isArray(s.required) ? s.required : [] };
    };
    if (types.length === 0) return s.properties !== undefined ? kind() : { is: 'arbitrary', description };
    if (types[0] === 'object') {
      if (s.properties !== undefined) return kind();
      const values = isMap(s.additionalProperties)
        ? this.parse(s.additionalProperties)
        : { is: 'arbitrary' as const, description };
      return { is: 'map', description, values };
    }
    if (types[0] === 'array')
      return { is: 'array', description, items: this.parse(isMap(s.items) ? s.items : {}) };
    return { is: 'primitive', description, type: String(types[0]) };
  }

  /** The definition declaring `gvk` (the last in name order, as kubectl's map fills). */
  lookupResource(gvk: GroupVersionKind): Model | undefined {
    let found: string | undefined;
    for (const name of sortedKeys(this.definitions)) {
      const declared = this.definitions[name]?.['x-kubernetes-group-version-kind'];
      if (!Array.isArray(declared)) continue;
      if (
        declared.some(
          (d: Json) => d?.group === gvk.group && d?.version === gvk.version && d?.kind === gvk.kind,
        )
      )
        found = name;
    }
    return found ? this.model(found) : undefined;
  }
}

function typeName(model: Model): string {
  switch (model.is) {
    case 'array':
      return `[]${typeName(model.items)}`;
    case 'map':
      return `map[string]${typeName(model.values)}`;
    case 'kind':
      return 'Object';
    case 'primitive':
      return model.type;
    case 'ref':
      return typeName(model.target());
    default:
      return '';
  }
}

const BULLET = /^(\d+\.?|-|\*)[\t\n\f\r ]/;

/** kubectl explain's v2 formatter: reflows words, keeping list items, code blocks and blank lines. */
function wrapLines(text: string, width: number): string[] {
  const wrapped: string[] = [];
  let words: string[] = [];
  let lastWord = '';
  const byteLength = (s: string) => Buffer.byteLength(s);
  const flush = () => {
    if (words.length === 0) return;
    lastWord = '';
    wrapped.push(words.join(' '));
    words = [];
  };
  const add = (word: string): boolean => {
    if (words.length === 0 || byteLength([...words, word].join(' ')) <= width) {
      words.push(word);
      return true;
    }
    return false;
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('    ')) {
      flush();
      wrapped.push(line);
      continue;
    }
    const bare = line.trim();
    if (wrapped.length > 0 && bare === '') {
      flush();
      wrapped.push('');
      continue;
    }
    if (lastWord.endsWith(':') || bare === '' || BULLET.test(bare)) flush();
    for (const word of line.split(
      /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/,
    )) {
      if (word === '') continue;
      lastWord = word;
      if (!add(word)) {
        flush();
        add(word);
      }
    }
  }
  flush();
  return wrapped;
}

class Formatter {
  text = '';
  constructor(readonly level = 0) {}

  indented(by: number): Formatter {
    const child = new Formatter(this.level + by);
    child.write = (s) => this.write(s);
    return child;
  }

  /** One line at this indentation; an empty line is just a newline. */
  line(s: string): void {
    this.write(s === '' ? '\n' : `${' '.repeat(this.level)}${s}\n`);
  }

  wrapped(s: string): void {
    for (const l of wrapLines(s, 80 - this.level)) this.line(l);
  }

  write = (s: string): void => {
    this.text += s;
  };
}

const visitedReferences = new Set<string>();

function printFields(model: Model, f: Formatter, recursive: boolean): void {
  if (model.is === 'array') printFields(model.items, f, recursive);
  else if (model.is === 'map') printFields(model.values, f, recursive);
  else if (model.is === 'ref') {
    if (!recursive) printFields(model.target(), f, false);
    // a reference already open on this path is a cycle
    else if (!visitedReferences.has(model.name)) {
      visitedReferences.add(model.name);
      printFields(model.target(), f, true);
      visitedReferences.delete(model.name);
    }
  } else if (model.is === 'kind') {
    for (const name of [...model.fields.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const field = model.fields.get(name) as Model;
      if (recursive) {
        f.line(`${name}\t<${typeName(field)}>`);
        printFields(field, f.indented(3), true);
        continue;
      }
      const required = model.required.includes(name) ? ' -required-' : '';
      f.line(`${name}\t<${typeName(field)}>${required}`);
      f.indented(2).wrapped(field.description);
      f.line('');
    }
  }
}

/** kubectl's fieldLookup: walks the path through references, arrays and maps; stops at leaves. */
function lookupField(model: Model, path: string[]): Model {
  let current = model;
  let rest = path;
  for (;;) {
    if (current.is === 'primitive' || current.is === 'arbitrary') return current;
    if (rest.length === 0) return current;
    if (current.is === 'kind') {
      const field = current.fields.get(rest[0]);
      if (!field) throw new KubectlError(`error: field ${quote(rest[0])} does not exist`);
      rest = rest.slice(1);
      current = field;
    } else if (current.is === 'array') current = current.items;
    else if (current.is === 'map') current = current.values;
    else current = current.target();
  }
}

/** kubectl's v2 model printer for `gvk` (`--output plaintext-openapiv2`). */
function renderPlaintextOpenAPIV2(
  root: Model,
  gvk: GroupVersionKind,
  fieldPath: string[],
  recursive: boolean,
): string {
  const name = fieldPath.at(-1) ?? '';
  let model = lookupField(root, fieldPath);
  const f = new Formatter();
  const descriptions: string[] = [];
  let type = '';
  const header = () => {
    f.line(`KIND:     ${gvk.kind}`);
    f.line(`VERSION:  ${gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version}\n`);
  };
  const printDescription = (own: string) => {
    f.line('DESCRIPTION:');
    let empty = true;
    for (const [i, d] of [...descriptions, own].entries()) {
      if (d === '') continue;
      empty = false;
      if (i !== 0) f.line('');
      f.indented(5).wrapped(d);
    }
    if (empty) f.indented(5).wrapped('<empty>');
  };
  for (;;) {
    if (model.is === 'array' || model.is === 'map') {
      descriptions.push(model.description);
      type ||= typeName(model);
      model = model.is === 'array' ? model.items : model.values;
    } else if (model.is === 'ref') {
      descriptions.push(model.description);
      model = model.target();
    } else break;
  }
  header();
  if (model.is === 'kind') {
    type ||= 'Object';
    if (name) f.line(`RESOURCE: ${name} <${type}>\n`);
    printDescription(model.description);
    f.line('\nFIELDS:');
    printFields(model, f.indented(3), recursive);
  } else if (model.is === 'primitive') {
    type ||= model.type;
    f.line(`FIELD:    ${name} <${type}>\n`);
    printDescription(model.description);
  } else printDescription(model.description);
  return f.text;
}

// ---------------------------------------------------------------------------------------------
// The command.

/** `/openapi/v3`: the group-version documents the server publishes. */
type OpenAPIV3Index = Record<string, { serverRelativeURL?: string }>;

async function explainV3(
  session: Session,
  index: OpenAPIV3Index,
  request: Request,
  apiVersion: string,
  format: string,
  recursive: boolean,
): Promise<void> {
  const gvr = { ...request.gvr };
  if (apiVersion) Object.assign(gvr, parseGroupVersion(apiVersion));
  const key = gvr.group ? `apis/${gvr.group}/${gvr.version}` : `api/${gvr.version}`;
  const entry = index[key];
  if (!entry) throw new KubectlError(`error: couldn't find resource for "${gvrString(gvr)}"`);
  const url = new URL(entry.serverRelativeURL ?? `/openapi/v3/${key}`, 'http://server');
  const document = await session.rest.json('GET', url.pathname, {
    query: Object.fromEntries(url.searchParams),
  });
  if (format !== PLAINTEXT) throw new KubectlError(`error: unrecognized format: ${format}`);
  const rendered = renderPlaintext(document ?? {}, gvr, request.fields, recursive);
  out(rendered.text);
  if (rendered.error) throw new KubectlError(rendered.error);
}

async function explainV2(session: Session, request: Request, apiVersion: string, recursive: boolean) {
  let gvk: GroupVersionKind = {
    group: request.resource.group,
    version: request.resource.version,
    kind: request.resource.kind,
  };
  if (apiVersion) gvk = { ...parseGroupVersion(apiVersion), kind: gvk.kind };
  const document = await session.rest.json('GET', '/openapi/v2');
  const models = new V2Models(isMap(document?.definitions) ? document.definitions : {});
  const root = models.lookupResource(gvk);
  if (!root) throw new KubectlError(`error: couldn't find resource for ${quote(gvkString(gvk))}`);
  out(renderPlaintextOpenAPIV2(root, gvk, request.fields, recursive));
}

async function explain(flags: Flags, session: () => Session): Promise<number> {
  if (flags.args.length === 0)
    throw new KubectlError(
      'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  if (flags.args.length > 1) throw new KubectlError('error: We accept only this format: explain RESOURCE');
  const s = session();
  const apiVersion = flags.str('api-version');
  const request = apiVersion
    ? await plainRequest(s, flags.args[0])
    : await requestWithMatchingPrefix(s, flags.args[0]);
  const format = flags.str('output');
  const recursive = flags.bool('recursive');
  if (format === PLAINTEXT_OPENAPI_V2) {
    await explainV2(s, request, apiVersion, recursive);
    return 0;
  }
  let index: OpenAPIV3Index;
  try {
    index = (await s.rest.json('GET', '/openapi/v3'))?.paths ?? {};
  } catch (e) {
    // a server without OpenAPI v3 gets the v2 rendering
    if (format !== PLAINTEXT) throw e;
    await explainV2(s, request, apiVersion, recursive);
    return 0;
  }
  await explainV3(s, index, request, apiVersion, format, recursive);
  return 0;
}

export async function runExplain(argv: string[]): Promise<void> {
  await runCommand('explain', argv, specs, explain);
}
