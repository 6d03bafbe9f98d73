/**
 * Chart.yaml and Chart.lock as Helm writes them: the Go structs go through json.Marshal (fields
 * with `omitempty` vanish when empty) and then go-yaml v2 (keys sorted), via sigs.k8s.io/yaml.
 */
import { helmFuncMap } from '../../template/index.ts';
import type { Dependency, Metadata } from '../chart.ts';

const funcs = helmFuncMap();

/** sigs.k8s.io/yaml Marshal of a JSON-shaped value; ends with a newline. */
export function marshalYaml(v: unknown): string {
  return `${funcs.mustToYaml!.fn(v) as string}\n`;
}

/** json.Marshal of a JSON-shaped value (HTML characters escaped, as encoding/json does). */
export function marshalJson(v: unknown): string {
  return funcs.mustToJson!.fn(v) as string;
}

type Shape = Record<string, unknown>;

function put(out: Shape, key: string, v: string | boolean | readonly unknown[] | null): void {
  if (v === '' || v === false || v === null || (Array.isArray(v) && v.length === 0)) return;
  out[key] = v;
}

/** A chart.Dependency's JSON fields, in struct order (name and repository have no omitempty). */
export function dependencyFields(d: Dependency): [string, unknown][] {
  const fields: [string, unknown][] = [['name', d.name]];
  if (d.version !== '') fields.push(['version', d.version]);
  fields.push(['repository', d.repository]);
  if (d.condition !== '') fields.push(['condition', d.condition]);
  if (d.tags.length > 0) fields.push(['tags', d.tags]);
  if (d.enabled) fields.push(['enabled', true]);
  if (d.importValues.length > 0) fields.push(['import-values', d.importValues]);
  if (d.alias !== '') fields.push(['alias', d.alias]);
  return fields;
}

function dependencyShape(d: Dependency | null): Shape | null {
  return d ? Object.fromEntries(dependencyFields(d)) : null;
}

/** json.Marshal of a *chart.Dependency, fields in declaration order. */
export function dependencyJson(d: Dependency | null): string {
  if (!d) return 'null';
  return `{${dependencyFields(d)
    .map(([k, v]) => `${marshalJson(k)}:${marshalJson(v)}`)
    .join(',')}}`;
}

/** The JSON shape of chart.Metadata (every field is omitempty). */
export function metadataShape(md: Metadata, withDependencies = true): Shape {
  const out: Shape = {};
  put(out, 'name', md.name);
  put(out, 'home', md.home);
  put(out, 'sources', md.sources);
  put(out, 'version', md.version);
  put(out, 'description', md.description);
  put(out, 'keywords', md.keywords);
  put(
    out,
    'maintainers',
    md.maintainers.map((m) => {
      if (!m) return null;
      const s: Shape = {};
      put(s, 'name', m.name);
      put(s, 'email', m.email);
      put(s, 'url', m.url);
      return s;
    }),
  );
  put(out, 'icon', md.icon);
  put(out, 'apiVersion', md.apiVersion);
  put(out, 'condition', md.condition);
  put(out, 'tags', md.tags);
  put(out, 'appVersion', md.appVersion);
  put(out, 'deprecated', md.deprecated);
  if (md.annotations && Object.keys(md.annotations).length > 0) out.annotations = { ...md.annotations };
  put(out, 'kubeVersion', md.kubeVersion);
  if (withDependencies) put(out, 'dependencies', md.dependencies.map(dependencyShape));
  put(out, 'type', md.type);
  return out;
}

/** yaml.Marshal(chart.Metadata): what `helm show chart` prints and Chart.yaml in an archive. */
export function chartfileYaml(md: Metadata, withDependencies = true): string {
  return marshalYaml(metadataShape(md, withDependencies));
}

// --- Chart.lock ----------------------------------------------------------------------------

export interface Lock {
  /** time.Time in RFC 3339 with nanoseconds, as MarshalJSON writes it */
  generated: string;
  digest: string;
  /** a dependency the resolver skipped stays null, as Helm leaves it nil */
  dependencies: (Dependency | null)[];
}

function emptyDependency(): Dependency {
  return {
    name: '',
    version: '',
    repository: '',
    condition: '',
    tags: [],
    enabled: false,
    importValues: [],
    alias: '',
  };
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** time.Time's JSON round trip: fraction without trailing zeros, a zero offset written as Z. */
export function normalizeTime(text: string): string {
  const m = RFC3339.exec(text);
  if (!m)
    throw new Error(`parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const zone = m[3]!.toUpperCase() === 'Z' || m[3] === '+00:00' ? 'Z' : m[3]!;
  return `${m[1]}${frac === '.' ? '' : frac}${zone}`;
}

/** The Date of an RFC 3339 timestamp (sub-millisecond digits dropped). */
export function timeOf(text: string): Date {
  return new Date(normalizeTime(text).replace(/(\.\d{3})\d+/, '$1'));
}

/** time.Now() in RFC 3339 with the local offset and nine fractional digits (zeros trimmed). */
export function nowRfc3339(now: Date = new Date()): string {
  const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000) % 1000;
  const nanos = Number(process.hrtime.bigint() % 1000n);
  const offset = -now.getTimezoneOffset();
  const local = new Date(now.getTime() + offset * 60_000);
  const base = local.toISOString().slice(0, 19);
  const frac =
    `${String(local.getUTCMilliseconds()).padStart(3, '0')}${String(micros).padStart(3, '0')}${String(nanos).padStart(3, '0')}`.replace(
      /0+$/,
      '',
    );
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zone =
    offset === 0
      ? 'Z'
      : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${base}${frac ? `.${frac}` : ''}${zone}`;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

/** A Chart.lock (as the loader decoded it into plain values) read into the chart.Lock struct. */
export function decodeLock(raw: unknown): Lock | undefined {
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  const generatedRaw = m.generated;
  const generated =
    generatedRaw instanceof Date
      ? generatedRaw.toISOString()
      : typeof generatedRaw === 'string'
        ? generatedRaw
        : '0001-01-01T00:00:00Z';
  const deps = Array.isArray(m.dependencies) ? m.dependencies : [];
  return {
    generated: normalizeTime(generated),
    digest: str(m.digest),
    dependencies: deps.map((d) => {
      const f = (d ?? {}) as Record<string, unknown>;
      const dep = emptyDependency();
      dep.name = str(f.name);
      dep.version = str(f.version);
      dep.repository = str(f.repository);
      dep.condition = str(f.condition);
      dep.tags = Array.isArray(f.tags) ? f.tags.map(str) : [];
      dep.enabled = f.enabled === true;
      dep.importValues = Array.isArray(f['import-values']) ? f['import-values'] : [];
      dep.alias = str(f.alias);
      return dep;
    }),
  };
}

/** yaml.Marshal(chart.Lock) */
export function lockYaml(lock: Lock): string {
  return marshalYaml({
    generated: lock.generated,
    digest: lock.digest,
    dependencies: lock.dependencies.map(dependencyShape),
  });
}
