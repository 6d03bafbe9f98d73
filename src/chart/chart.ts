/**
 * The chart model (Helm's chart/v2 package): Chart.yaml metadata, dependencies, files, the
 * parent/child tree, and Helm's metadata validation with its messages.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { formatFloatG, type GoMap, resolvePlain } from '../template/index.ts';
import { parseVersion } from './semver.ts';
import { parseYamlNode, toGoValue } from './yaml.ts';

export interface ChartFile {
  /** slash-separated path relative to the chart root, e.g. `templates/deployment.yaml` */
  name: string;
  data: Uint8Array;
}

export interface Maintainer {
  name: string;
  email: string;
  url: string;
}

export interface Dependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  importValues: unknown[];
  alias: string;
}

export interface Metadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: (Maintainer | null)[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string> | null;
  kubeVersion: string;
  dependencies: (Dependency | null)[];
  type: string;
}

export const API_VERSION_V1 = 'v1';
export const API_VERSION_V2 = 'v2';

export class Chart {
  metadata: Metadata;
  templates: ChartFile[] = [];
  values: GoMap = {};
  schema: Uint8Array | undefined;
  /** everything that is not Chart.yaml, values.yaml, values.schema.json, templates/ or charts/ */
  files: ChartFile[] = [];
  /** every file as loaded */
  raw: ChartFile[] = [];
  lock: unknown;
  parent: Chart | undefined;
  dependencies: Chart[] = [];

  constructor(metadata: Metadata) {
    this.metadata = metadata;
  }

  name(): string {
    return this.metadata.name;
  }

  isRoot(): boolean {
    return this.parent === undefined;
  }

  addDependency(...charts: Chart[]): void {
    for (const c of charts) {
      c.parent = this;
      this.dependencies.push(c);
    }
  }

  setDependencies(...charts: Chart[]): void {
    this.dependencies = [];
    this.addDependency(...charts);
  }

  /** `parent/charts/child` as used in template names. */
  fullPath(): string {
    return this.parent ? `${this.parent.fullPath()}/charts/${this.name()}` : this.name();
  }

  isLibrary(): boolean {
    return this.metadata.type.toLowerCase() === 'library';
  }

  /** crds/*.yaml|yml|json of this chart and then of its dependencies, with their full names. */
  crdObjects(): { name: string; filename: string; file: ChartFile }[] {
    const out: { name: string; filename: string; file: ChartFile }[] = [];
    for (const f of this.files) {
      if (f.name.startsWith('crds/') && hasManifestExtension(f.name)) {
        out.push({ name: f.name, filename: `${this.fullPath()}/${f.name}`, file: f });
      }
    }
    for (const d of this.dependencies) out.push(...d.crdObjects());
    return out;
  }

  /** `*c` in Go: a new chart node sharing everything, metadata and children included. */
  copyShallow(): Chart {
    const c = new Chart(this.metadata);
    Object.assign(c, this);
    c.dependencies = [...this.dependencies];
    return c;
  }

  /** A shallow copy with its own metadata (and dependency list), as Helm's alias handling makes. */
  copy(): Chart {
    const c = new Chart({
      ...this.metadata,
      dependencies: this.metadata.dependencies.map((d) => (d ? { ...d } : d)),
    });
    c.templates = this.templates;
    c.values = this.values;
    c.schema = this.schema;
    c.files = this.files;
    c.raw = this.raw;
    c.lock = this.lock;
    return c;
  }
}

function hasManifestExtension(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot).toLowerCase() : '';
  return ext === '.yaml' || ext === '.yml' || ext === '.json';
}

export function emptyMetadata(): Metadata {
  return {
    name: '',
    home: '',
    sources: [],
    version: '',
    description: '',
    keywords: [],
    maintainers: [],
    icon: '',
    apiVersion: '',
    condition: '',
    tags: '',
    appVersion: '',
    deprecated: false,
    annotations: null,
    kubeVersion: '',
    dependencies: [],
    type: '',
  };
}

// --- decoding Chart.yaml (sigs.k8s.io/yaml into a Go struct) ------------------------------

/** A JSON-unmarshal type error, worded as encoding/json words it. */
class StructError extends Error {}

function jsonKind(node: unknown): string {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number' || typeof v === 'bigint') return 'number';
    if (typeof v === 'boolean') return 'bool';
    if (v === null) return 'null';
  }
  return 'string';
}

function typeError(node: unknown, struct: string, field: string, goType: string): StructError {
  return new StructError(
    `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(node)} into Go struct field ${struct}.${field} of type ${goType}`,
  );
}

function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** A string field: sigs.k8s.io/yaml keeps a scalar's source text when the target is a string. */
function str(node: unknown, struct: string, field: string): string {
  if (isNull(node)) return '';
  if (!isScalar(node)) throw typeError(node, struct, field, 'string');
  if (node.type === 'PLAIN' && typeof node.source === 'string') {
    // sigs.k8s.io/yaml turns a non-string scalar bound for a string field into text its own way:
    // ints in decimal, floats as FormatFloat(f, 'g', -1, 32) — so `version: 1.0` reads as "1"
    const r = resolvePlain(node.source);
    if (r.tag === 'int') return String(r.value);
    if (r.tag === 'float') return formatFloatG(r.value, 32);
    if (r.tag === 'bool') return String(r.value);
  }
  if (typeof node.value === 'string') return node.value;
  return String(node.source ?? node.value);
}

function bool(node: unknown, struct: string, field: string): boolean {
  if (isNull(node)) return false;
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  throw typeError(node, struct, field, 'bool');
}

function strList(node: unknown, struct: string, field: string): string[] {
  if (isNull(node)) return [];
  if (!isSeq(node)) throw typeError(node, struct, field, '[]string');
  return node.items.map((n) => str(n, struct, field));
}

/** Struct fields by lower-cased JSON name; encoding/json matches keys case-insensitively. */
function fieldsOf(node: unknown, struct: string, parentField: string, goType: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (isNull(node)) return out;
  if (!isMap(node)) throw typeError(node, struct, parentField, goType);
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    const lk = k.toLowerCase();
    // an exact-case key wins over a case-insensitive one
    if (out.has(lk) && k !== lk) continue;
    out.set(lk, pair.value);
  }
  return out;
}

function decodeMaintainer(node: unknown): Maintainer | null {
  if (isNull(node)) return null;
  const f = fieldsOf(node, 'Metadata', 'maintainers', 'chart.Maintainer');
  return {
    name: str(f.get('name'), 'Maintainer', 'name'),
    email: str(f.get('email'), 'Maintainer', 'email'),
    url: str(f.get('url'), 'Maintainer', 'url'),
  };
}

function decodeDependency(node: unknown): Dependency | null {
  if (isNull(node)) return null;
  const f = fieldsOf(node, 'Metadata', 'dependencies', 'chart.Dependency');
  const iv = f.get('import-values');
  let importValues: unknown[] = [];
  if (!isNull(iv)) {
    if (!isSeq(iv)) throw typeError(iv, 'Dependency', 'import-values', '[]interface {}');
    importValues = toGoValue(iv) as unknown[];
  }
  return {
    name: str(f.get('name'), 'Dependency', 'name'),
    version: str(f.get('version'), 'Dependency', 'version'),
    repository: str(f.get('repository'), 'Dependency', 'repository'),
    condition: str(f.get('condition'), 'Dependency', 'condition'),
    tags: strList(f.get('tags'), 'Dependency', 'tags'),
    enabled: bool(f.get('enabled'), 'Dependency', 'enabled'),
    importValues,
    alias: str(f.get('alias'), 'Dependency', 'alias'),
  };
}

/** Decodes Chart.yaml (or requirements.yaml) text over `into`, as yaml.Unmarshal into *Metadata does. */
export function decodeMetadata(text: string, into: Metadata): Metadata {
  let root: Node | null;
  try {
    root = parseYamlNode(text);
  } catch (e) {
    throw new Error((e as Error).message);
  }
  if (isNull(root)) return into;
  if (!isMap(root)) {
    throw new Error(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(root)} into Go value of type chart.Metadata`,
    );
  }
  const f = fieldsOf(root, 'Metadata', '', 'chart.Metadata');
  const m = into;
  const setStr = (key: string, apply: (v: string) => void) => {
    if (f.has(key)) apply(str(f.get(key), 'Metadata', key));
  };
  setStr('name', (v) => (m.name = v));
  setStr('home', (v) => (m.home = v));
  setStr('version', (v) => (m.version = v));
  setStr('description', (v) => (m.description = v));
  setStr('icon', (v) => (m.icon = v));
  setStr('apiversion', (v) => (m.apiVersion = v));
  setStr('condition', (v) => (m.condition = v));
  setStr('tags', (v) => (m.tags = v));
  setStr('appversion', (v) => (m.appVersion = v));
  setStr('kubeversion', (v) => (m.kubeVersion = v));
  setStr('type', (v) => (m.type = v));
  if (f.has('sources')) m.sources = strList(f.get('sources'), 'Metadata', 'sources');
  if (f.has('keywords')) m.keywords = strList(f.get('keywords'), 'Metadata', 'keywords');
  if (f.has('deprecated')) m.deprecated = bool(f.get('deprecated'), 'Metadata', 'deprecated');
  if (f.has('maintainers')) {
    const n = f.get('maintainers');
    if (!isNull(n) && !isSeq(n)) throw typeError(n, 'Metadata', 'maintainers', '[]*chart.Maintainer');
    m.maintainers = isSeq(n) ? n.items.map(decodeMaintainer) : [];
  }
  if (f.has('dependencies')) {
    const n = f.get('dependencies');
    if (!isNull(n) && !isSeq(n)) throw typeError(n, 'Metadata', 'dependencies', '[]*chart.Dependency');
    m.dependencies = isSeq(n) ? n.items.map(decodeDependency) : [];
  }
  if (f.has('annotations')) {
    const n = f.get('annotations');
    if (isNull(n)) m.annotations = null;
    else {
      if (!isMap(n)) throw typeError(n, 'Metadata', 'annotations', 'map[string]string');
      const a: Record<string, string> = {};
      for (const pair of n.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : '';
        a[k] = str(pair.value, 'Metadata', 'annotations');
      }
      m.annotations = a;
    }
  }
  return m;
}

// --- validation ----------------------------------------------------------------------------

export class ValidationError extends Error {
  constructor(msg: string) {
    super(`validation: ${msg}`);
  }
}

/** unicode.IsSpace -> ' ', non-printable characters dropped (Helm's sanitizeString). */
export function sanitizeString(s: string): string {
  let out = '';
  for (const ch of s) {
    if (GO_SPACE.test(ch)) out += ' ';
    else if (GO_PRINT.test(ch)) out += ch;
  }
  return out;
}

/** unicode.IsSpace */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
/** unicode.IsPrint (letters, marks, numbers, punctuation, symbols; ASCII space is handled above) */
const GO_PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

const ALIAS_RE = /^[a-zA-Z0-9_-]+$/;

function quoteGo(s: string): string {
  return JSON.stringify(s);
}

/** Metadata.Validate: sanitizes in place and throws Helm's first complaint. */
export function validateMetadata(md: Metadata): void {
  md.name = sanitizeString(md.name);
  md.description = sanitizeString(md.description);
  md.home = sanitizeString(md.home);
  md.icon = sanitizeString(md.icon);
  md.condition = sanitizeString(md.condition);
  md.tags = sanitizeString(md.tags);
  md.appVersion = sanitizeString(md.appVersion);
  md.kubeVersion = sanitizeString(md.kubeVersion);
  md.sources = md.sources.map(sanitizeString);
  md.keywords = md.keywords.map(sanitizeString);

  if (md.apiVersion === '') throw new ValidationError('chart.metadata.apiVersion is required');
  if (md.name === '') throw new ValidationError('chart.metadata.name is required');
  if (md.name === '.' || md.name === '..')
    throw new ValidationError(`chart.metadata.name ${quoteGo(md.name)} is not allowed`);
  if (md.name.includes('/') || md.name.replace(/\/+$/, '') !== md.name)
    throw new ValidationError(`chart.metadata.name ${quoteGo(md.name)} is invalid`);
  if (md.version === '') throw new ValidationError('chart.metadata.version is required');
  if (!parseVersion(md.version))
    throw new ValidationError(`chart.metadata.version ${quoteGo(md.version)} is invalid`);
  if (!['', 'application', 'library'].includes(md.type))
    throw new ValidationError('chart.metadata.type must be application or library');
  for (const m of md.maintainers) {
    if (!m) throw new ValidationError('maintainers must not contain empty or null nodes');
    m.name = sanitizeString(m.name);
    m.email = sanitizeString(m.email);
    m.url = sanitizeString(m.url);
  }
  const seen = new Set<string>();
  for (const d of md.dependencies) {
    if (!d) throw new ValidationError('dependencies must not contain empty or null nodes');
    d.name = sanitizeString(d.name);
    d.version = sanitizeString(d.version);
    d.repository = sanitizeString(d.repository);
    d.condition = sanitizeString(d.condition);
    d.tags = d.tags.map(sanitizeString);
    if (d.alias !== '' && !ALIAS_RE.test(d.alias))
      throw new ValidationError(`dependency ${quoteGo(d.name)} has disallowed characters in the alias`);
    const key = d.alias !== '' ? d.alias : d.name;
    if (seen.has(key))
      throw new ValidationError(`more than one dependency with name or alias ${quoteGo(key)}`);
    seen.add(key);
  }
}
