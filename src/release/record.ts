/**
 * The release record as Helm v4 stores it (pkg/release/v1): JSON with Go's field names and
 * order, gzip (best compression) then base64. Records Helm v3 wrote have the same shape minus
 * `apply_method`, so one reader serves both. The chart is kept as the JSON object the record
 * holds, so a record read and written back loses nothing bosun does not model.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Chart, Metadata } from '../chart/index.ts';
import type { Hook as RenderedHook } from '../engine/index.ts';
import { decodeJson, encodeJson, type GoMap } from '../template/index.ts';

export type Status =
  | 'unknown'
  | 'deployed'
  | 'uninstalled'
  | 'superseded'
  | 'failed'
  | 'uninstalling'
  | 'pending-install'
  | 'pending-upgrade'
  | 'pending-rollback';

export const STATUSES: readonly Status[] = [
  'unknown',
  'deployed',
  'uninstalled',
  'superseded',
  'failed',
  'uninstalling',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
];

export function isPending(s: string): boolean {
  return s === 'pending-install' || s === 'pending-upgrade' || s === 'pending-rollback';
}

export interface Info {
  /** RFC 3339 times as the record holds them (their offset decides how Helm prints them) */
  firstDeployed?: string;
  lastDeployed?: string;
  deleted?: string;
  description: string;
  status: Status | string;
  notes: string;
  resources?: unknown;
}

export interface HookExecution {
  startedAt?: string;
  completedAt?: string;
  phase: string;
}

export interface HookRecord {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: string[];
  lastRun: HookExecution;
  weight: number;
  deletePolicies: string[];
  outputLogPolicies: string[];
}

/** Helm's chart JSON (metadata, lock, templates, values, schema, files); no subcharts. */
export type ChartRecord = GoMap;

export interface Release {
  name: string;
  namespace: string;
  version: number;
  info: Info;
  chart: ChartRecord;
  /** null when the record has none (Go's nil map) */
  config: GoMap | null;
  manifest: string;
  hooks: HookRecord[];
  /** `ssa` or `csa`; absent in Helm 3 records */
  applyMethod?: string;
  /** the storage object's labels (not part of the JSON) */
  labels: Record<string, string>;
}

export class RecordError extends Error {
  override name = 'RecordError';
}

// --- encoding: Go structs in field order, maps sorted (json.Marshal) ---

/** A Go struct: fields in declaration order, already filtered by omitempty. */
class GoStruct {
  constructor(readonly fields: [string, unknown][]) {}
}

function struct(fields: [string, unknown, boolean?][]): GoStruct {
  // the third element says "keep even when empty"
  return new GoStruct(fields.filter(([, v, keep]) => keep || !isEmpty(v)).map(([k, v]) => [k, v]));
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && !(v instanceof GoStruct) && !(v instanceof Uint8Array))
    return Object.keys(v as object).length === 0;
  return false;
}

function writeGoJson(v: unknown): string {
  if (v instanceof GoStruct)
    return `{${v.fields.map(([k, x]) => `${encodeJson(k)}:${writeGoJson(x)}`).join(',')}}`;
  if (v instanceof Uint8Array) return encodeJson(Buffer.from(v).toString('base64'));
  if (Array.isArray(v)) return `[${v.map(writeGoJson).join(',')}]`;
  if (v === undefined) return 'null';
  return encodeJson(v);
}

const METADATA_FIELDS = [
  'name',
  'home',
  'sources',
  'version',
  'description',
  'keywords',
  'maintainers',
  'icon',
  'apiVersion',
  'condition',
  'tags',
  'appVersion',
  'deprecated',
  'annotations',
  'kubeVersion',
  'dependencies',
  'type',
];
const MAINTAINER_FIELDS = ['name', 'email', 'url'];
// name and repository have no omitempty
const DEPENDENCY_FIELDS: [string, boolean][] = [
  ['name', true],
  ['version', false],
  ['repository', true],
  ['condition', false],
  ['tags', false],
  ['enabled', false],
  ['import-values', false],
  ['alias', false],
];

function metadataStruct(md: GoMap | undefined): GoStruct | null {
  if (!md) return null;
  return struct(
    METADATA_FIELDS.map((f) => {
      const v = md[f];
      if (f === 'maintainers' && Array.isArray(v))
        return [f, v.map((m) => (m ? struct(MAINTAINER_FIELDS.map((k) => [k, (m as GoMap)[k]])) : null))];
      if (f === 'dependencies' && Array.isArray(v))
        return [f, v.map((d) => (d ? dependencyStruct(d as GoMap) : null))];
      return [f, v];
    }),
  );
}

function dependencyStruct(d: GoMap): GoStruct {
  return struct(DEPENDENCY_FIELDS.map(([k, keep]) => [k, d[k] ?? (keep ? '' : undefined), keep]));
}

function fileStruct(f: unknown): unknown {
  if (!f || typeof f !== 'object') return f;
  const m = f as GoMap;
  return struct([
    ['name', m.name ?? '', true],
    ['data', m.data ?? null, true],
    ['modtime', m.modtime],
  ]);
}

function chartStruct(c: ChartRecord | undefined): GoStruct | undefined {
  if (!c) return undefined;
  const files = (v: unknown) => (Array.isArray(v) ? v.map(fileStruct) : null);
  return struct([
    ['metadata', metadataStruct(c.metadata as GoMap | undefined), true],
    ['lock', c.lock ?? null, true],
    ['templates', files(c.templates), true],
    ['values', c.values ?? null, true],
    ['schema', c.schema ?? null, true],
    // time.Time under omitempty is never empty
    ['schemamodtime', c.schemamodtime ?? ZERO_TIME, true],
    ['files', files(c.files), true],
    ['modtime', c.modtime],
  ]);
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

function hookStruct(h: HookRecord): GoStruct {
  return struct([
    ['name', h.name],
    ['kind', h.kind],
    ['path', h.path],
    ['manifest', h.manifest],
    ['events', h.events],
    // a struct under omitempty is never empty
    [
      'last_run',
      struct([
        ['started_at', h.lastRun.startedAt],
        ['completed_at', h.lastRun.completedAt],
        ['phase', h.lastRun.phase, true],
      ]),
      true,
    ],
    ['weight', h.weight],
    ['delete_policies', h.deletePolicies],
    ['output_log_policies', h.outputLogPolicies],
  ]);
}

function releaseStruct(r: Release): GoStruct {
  return struct([
    ['name', r.name],
    [
      'info',
      struct([
        ['first_deployed', r.info.firstDeployed],
        ['last_deployed', r.info.lastDeployed],
        ['deleted', r.info.deleted],
        ['description', r.info.description],
        ['status', r.info.status],
        ['notes', r.info.notes],
        ['resources', r.info.resources],
      ]),
    ],
    ['chart', chartStruct(r.chart)],
    ['config', r.config],
    ['manifest', r.manifest],
    ['hooks', r.hooks.map(hookStruct)],
    ['version', r.version],
    ['namespace', r.namespace],
    ['apply_method', r.applyMethod],
  ]);
}

/** json.Marshal of the release, as `helm status -o json` and the stored record have it. */
export function releaseJson(r: Release): string {
  return writeGoJson(releaseStruct(r));
}

/** The `release` datum of a Secret or ConfigMap: base64(gzip(json)). */
export function encodeRelease(r: Release): string {
  return gzipSync(Buffer.from(releaseJson(r)), { level: 9 }).toString('base64');
}

/** Reads a stored record: base64, gunzip when it starts with gzip's magic, JSON. */
export function decodeRelease(data: string): Release {
  let bytes = Buffer.from(data, 'base64');
  if (bytes.length > 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08)
    bytes = gunzipSync(bytes);
  let raw: GoMap;
  try {
    raw = decodeJson(bytes.toString('utf8')) as GoMap;
  } catch (e) {
    throw new RecordError((e as Error).message);
  }
  return releaseFromJson(raw);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
// an empty string is how some writers spell a zero time
const time = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function releaseFromJson(raw: GoMap): Release {
  const info = (raw.info ?? {}) as GoMap;
  const hooks = Array.isArray(raw.hooks) ? (raw.hooks as GoMap[]) : [];
  return {
    name: str(raw.name),
    namespace: str(raw.namespace),
    version: typeof raw.version === 'number' ? raw.version : Number(raw.version ?? 0),
    info: {
      firstDeployed: time(info.first_deployed),
      lastDeployed: time(info.last_deployed),
      deleted: time(info.deleted),
      description: str(info.description),
      status: str(info.status),
      notes: str(info.notes),
      resources: info.resources ?? undefined,
    },
    chart: (raw.chart ?? undefined) as ChartRecord,
    config: (raw.config ?? null) as GoMap | null,
    manifest: str(raw.manifest),
    hooks: hooks.map((h) => {
      const run = (h.last_run ?? {}) as GoMap;
      return {
        name: str(h.name),
        kind: str(h.kind),
        path: str(h.path),
        manifest: str(h.manifest),
        events: strs(h.events),
        lastRun: {
          startedAt: time(run.started_at),
          completedAt: time(run.completed_at),
          phase: str(run.phase),
        },
        weight: typeof h.weight === 'number' ? h.weight : 0,
        deletePolicies: strs(h.delete_policies),
        outputLogPolicies: strs(h.output_log_policies),
      };
    }),
    applyMethod: typeof raw.apply_method === 'string' ? raw.apply_method : undefined,
    labels: {},
  };
}

// --- from our chart and rendered hooks ---

function metadataRecord(md: Metadata): GoMap {
  const out: GoMap = {};
  for (const f of METADATA_FIELDS) {
    const v = (md as unknown as GoMap)[f];
    if (f === 'dependencies' && Array.isArray(v))
      out[f] = v.map((d) =>
        d
          ? {
              name: d.name,
              version: d.version,
              repository: d.repository,
              condition: d.condition,
              tags: d.tags,
              enabled: d.enabled,
              'import-values': d.importValues,
              alias: d.alias,
            }
          : null,
      );
    else out[f] = v;
  }
  return out;
}

/**
 * The chart as Helm puts it in a release record (its own files; subcharts are not kept).
 * `modTime` gives a file's modification time (RFC 3339) when the loader's source knows it.
 */
export function chartRecord(
  chart: Chart,
  modTime: (name: string) => string | undefined = () => undefined,
): ChartRecord {
  const file = (f: { name: string; data: Uint8Array }) => ({
    name: f.name,
    data: f.data,
    modtime: modTime(f.name),
  });
  return {
    metadata: metadataRecord(chart.metadata),
    lock: (chart.lock as GoMap | undefined) ?? null,
    // Go's nil slices: the loader appends to them, so none stays nil
    templates: chart.templates.length ? chart.templates.map(file) : null,
    values: chart.values,
    schema: chart.schema ?? null,
    files: chart.files.length ? chart.files.map(file) : null,
    schemamodtime: chart.schema ? modTime('values.schema.json') : undefined,
    modtime: modTime('Chart.yaml'),
  };
}

export function hookRecord(h: RenderedHook): HookRecord {
  return {
    name: h.name,
    kind: h.kind,
    path: h.path,
    manifest: h.manifest,
    events: [...h.events],
    lastRun: { phase: '' },
    weight: h.weight,
    deletePolicies: [...h.deletePolicies],
    outputLogPolicies: [...h.outputLogPolicies],
  };
}

export function chartMetadata(r: Release): GoMap {
  return ((r.chart?.metadata as GoMap | undefined) ?? {}) as GoMap;
}

/** `NAME-VERSION`, or MISSING when the record has no chart (Helm's formatChartName). */
export function chartName(r: Release): string {
  if (!r.chart?.metadata) return 'MISSING';
  const md = chartMetadata(r);
  return `${str(md.name)}-${str(md.version)}`;
}

export function appVersion(r: Release): string {
  return r.chart?.metadata ? str(chartMetadata(r).appVersion) : 'MISSING';
}

/** json.Marshal of the chart's Chart.yaml dependencies (`helm get metadata -o json`). */
export function dependenciesJson(r: Release): string {
  const deps = chartMetadata(r).dependencies;
  return writeGoJson(Array.isArray(deps) ? deps.map((d) => (d ? dependencyStruct(d as GoMap) : null)) : null);
}
