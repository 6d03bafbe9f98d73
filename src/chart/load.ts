/**
 * Loading a chart from a directory, a .tgz, or a list of buffered files (Helm's chart/v2/loader):
 * Chart.yaml first, then values, schema, templates, subcharts (directories or archives under
 * charts/), and everything else as `.Files`.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isGzip, loadArchiveFiles, MAX_DECOMPRESSED_FILE_SIZE, trimBom } from './archive.ts';
import {
  API_VERSION_V1,
  API_VERSION_V2,
  Chart,
  type ChartFile,
  decodeMetadata,
  emptyMetadata,
  type Metadata,
  validateMetadata,
} from './chart.ts';
import { HELM_IGNORE, IgnoreRules } from './ignore.ts';
import { readValues } from './values.ts';
import { decodeYaml } from './yaml.ts';

const decoder = new TextDecoder();

/**
 * What decoding a Chart.yaml (or requirements.yaml) text sets, by the text: loading a chart again
 * (a library caller's loop) skips the YAML parse. Held only for texts that decoded into plain
 * data; each use gets its own copy, since callers change metadata (package --version, deps).
 */
const metadataFields = new Map<string, Partial<Metadata>>();
const METADATA_CACHE_ENTRIES = 256;

/** A copy of JSON-like data, or undefined for anything else (class instances, functions). */
function copyPlain(v: unknown): { value: unknown } | undefined {
  if (v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : { value: v };
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const c = copyPlain(x);
      if (!c) return undefined;
      out.push(c.value);
    }
    return { value: out };
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const out: Record<string, unknown> = Object.create(proto);
  for (const [k, x] of Object.entries(v)) {
    const c = copyPlain(x);
    if (!c) return undefined;
    out[k] = c.value;
  }
  return { value: out };
}

/** decodeMetadata(text, into), through metadataFields. */
function decodeMetadataCached(text: string, into: Metadata): void {
  let fields = metadataFields.get(text);
  if (!fields) {
    const fresh = {} as Metadata;
    try {
      decodeMetadata(text, fresh);
    } catch {
      // the error, and whatever the decode set before it, as the uncached call gives them
      decodeMetadata(text, into);
      return;
    }
    const copy = copyPlain(fresh);
    if (!copy) {
      decodeMetadata(text, into);
      return;
    }
    fields = copy.value as Partial<Metadata>;
    if (metadataFields.size >= METADATA_CACHE_ENTRIES) metadataFields.clear();
    metadataFields.set(text, fields);
  }
  Object.assign(into, copyPlain(fields)!.value);
}

export function fileText(f: ChartFile | Uint8Array): string {
  return decoder.decode(f instanceof Uint8Array ? f : f.data);
}

/**
 * loader.Load (Helm 4's generic loader): reads Chart.yaml's apiVersion first and hands v1/v2
 * charts to the v2 loader; v3 charts are not supported here.
 */
export function loadChart(path: string): Chart {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new Error(`stat ${path}: no such file or directory`);
  }
  if (st.isDirectory()) {
    const chartYaml = join(resolve(path), 'Chart.yaml');
    let text: string;
    try {
      text = readFileSync(chartYaml, 'utf8');
    } catch {
      throw new Error(`unable to detect chart at ${chartYaml}: open ${chartYaml}: no such file or directory`);
    }
    checkApiVersion(text);
    return loadDir(path);
  }
  const data = readFileSync(path);
  ensureArchive(path, data);
  let files: ChartFile[];
  try {
    files = loadArchiveFiles(data);
  } catch (e) {
    if ((e as Error).message === 'gzip: invalid header') {
      throw new Error(
        `file '${path}' does not appear to be a valid chart file (details: gzip: invalid header)`,
      );
    }
    throw new Error('unable to load chart archive');
  }
  const chartYaml = files.find((f) => f.name === 'Chart.yaml');
  if (!chartYaml) throw new Error('unable to detect chart version, no Chart.yaml found');
  checkApiVersion(fileText(chartYaml));
  return loadFiles(files);
}

/** The chartBase probe: only apiVersion is decoded, and only v1/v2 (or none) load as v2 charts. */
function checkApiVersion(text: string): void {
  let root: unknown;
  try {
    root = decodeYaml(text);
  } catch (e) {
    throw new Error(`cannot load Chart.yaml: ${(e as Error).message}`);
  }
  if (root === null) return;
  const fail = (what: string) =>
    new Error(
      `cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${what}`,
    );
  if (typeof root !== 'object' || Array.isArray(root)) {
    throw fail(`${Array.isArray(root) ? 'array' : jsonKind(root)} into Go value of type loader.chartBase`);
  }
  const entry = Object.entries(root as Record<string, unknown>).find(
    ([k]) => k.toLowerCase() === 'apiversion',
  );
  const v = entry?.[1];
  if (v !== undefined && v !== null && typeof v === 'object') {
    throw fail(
      `${Array.isArray(v) ? 'array' : 'object'} into Go struct field chartBase.apiVersion of type string`,
    );
  }
  const apiVersion = v === undefined || v === null ? '' : String(v);
  if (apiVersion === 'v3') throw new Error('apiVersion v3 charts are not supported by bosun yet');
  if (apiVersion !== '' && apiVersion !== API_VERSION_V1 && apiVersion !== API_VERSION_V2) {
    throw new Error('unsupported chart version');
  }
}

function jsonKind(v: unknown): string {
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string';
}

/** loader.LoadFile with archive.EnsureArchive's checks. */
export function loadArchiveFile(path: string): Chart {
  const data = readFileSync(path);
  ensureArchive(path, data);
  return loadArchive(data);
}

function ensureArchive(path: string, data: Uint8Array): void {
  if (isGzip(data)) return;
  if (path.endsWith('.yml') || path.endsWith('.yaml')) {
    throw new Error(`file '${path}' seems to be a YAML file, but expected a gzipped archive`);
  }
  throw new Error(`file '${path}' does not appear to be a gzipped archive; got '${sniffContentType(data)}'`);
}

/** A small part of http.DetectContentType: enough for the messages users actually see. */
function sniffContentType(data: Uint8Array): string {
  // helm sniffs a zeroed 512-byte buffer it read into: a shorter file ends in NULs (binary)
  const head = new Uint8Array(512);
  head.set(data.subarray(0, 512));
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'application/zip';
  for (const b of head) {
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return 'application/octet-stream';
  }
  return 'text/plain; charset=utf-8';
}

export function loadArchive(data: Uint8Array): Chart {
  return loadFiles(loadArchiveFiles(data));
}

/** loader.LoadDir: walks the directory (following symlinks), honouring .helmignore. */
export function loadDir(dir: string): Chart {
  const top = resolve(dir);
  const rules = existsSync(join(top, HELM_IGNORE))
    ? IgnoreRules.parse(readFileSync(join(top, HELM_IGNORE), 'utf8'))
    : new IgnoreRules();
  rules.addDefaults();
  const files: ChartFile[] = [];
  const walk = (abs: string, rel: string) => {
    const names = readdirSync(abs).sort();
    for (const name of names) {
      const childAbs = join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      let st = lstatSync(childAbs);
      if (st.isSymbolicLink()) {
        const target = realpathSync(childAbs);
        st = statSync(target);
      }
      if (st.isDirectory()) {
        if (rules.ignore(childRel, true)) continue;
        walk(childAbs, childRel);
        continue;
      }
      if (rules.ignore(childRel, false)) continue;
      if (!st.isFile()) {
        throw new Error(`cannot load irregular file ${childAbs} as it has file mode type bits set`);
      }
      if (st.size > MAX_DECOMPRESSED_FILE_SIZE) {
        throw new Error(
          `chart file "${name}" is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`,
        );
      }
      files.push({ name: childRel, data: trimBom(readFileSync(childAbs)) });
    }
  };
  walk(top, '');
  return loadFiles(files);
}

/** Go's path.Ext of the last element. */
function ext(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot >= 0 ? base.slice(dot) : '';
}

/** loader.LoadFiles: builds the chart tree from buffered files. */
export function loadFiles(files: ChartFile[]): Chart {
  let chart: Chart | undefined;
  for (const f of files) {
    if (f.name === 'Chart.yaml') {
      const md = chart?.metadata ?? emptyMetadata();
      try {
        decodeMetadataCached(fileText(f), md);
      } catch (e) {
        throw new Error(`cannot load Chart.yaml: ${(e as Error).message}`);
      }
      if (md.apiVersion === '') md.apiVersion = API_VERSION_V1;
      chart ??= new Chart(md);
    }
  }
  const c = chart ?? new Chart(emptyMetadata());
  let sawMetadata = chart !== undefined;
  c.raw = files;
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of files) {
    if (f.name === 'Chart.yaml') continue;
    if (f.name === 'Chart.lock' || f.name === 'requirements.lock') {
      try {
        c.lock = decodeYaml(fileText(f));
      } catch (e) {
        throw new Error(`cannot load ${f.name}: ${(e as Error).message}`);
      }
      if (f.name === 'requirements.lock') {
        sawMetadata = true;
        if (c.metadata.apiVersion !== API_VERSION_V1) {
          process.stderr.write(
            'Warning: Dependency locking is handled in Chart.lock since apiVersion "v2". We recommend migrating to Chart.lock.\n',
          );
        }
        if (c.metadata.apiVersion === API_VERSION_V1) c.files.push(f);
      }
    } else if (f.name === 'values.yaml') {
      try {
        c.values = readValues(fileText(f));
      } catch (e) {
        throw new Error(`cannot load values.yaml: ${(e as Error).message}`);
      }
    } else if (f.name === 'values.schema.json') {
      c.schema = f.data;
    } else if (f.name === 'requirements.yaml') {
      sawMetadata = true;
      if (c.metadata.apiVersion !== API_VERSION_V1) {
        process.stderr.write(
          'Warning: Dependencies are handled in Chart.yaml since apiVersion "v2". We recommend migrating dependencies to Chart.yaml.\n',
        );
      }
      try {
        decodeMetadataCached(fileText(f), c.metadata);
      } catch (e) {
        throw new Error(`cannot load requirements.yaml: ${(e as Error).message}`);
      }
      if (c.metadata.apiVersion === API_VERSION_V1) c.files.push(f);
    } else if (f.name.startsWith('templates/')) {
      c.templates.push(f);
    } else if (f.name.startsWith('charts/')) {
      if (ext(f.name) === '.prov') {
        c.files.push(f);
        continue;
      }
      const rest = f.name.slice('charts/'.length);
      const cname = rest.split('/')[0]!;
      const list = subcharts.get(cname) ?? [];
      list.push({ name: rest, data: f.data });
      subcharts.set(cname, list);
    } else {
      c.files.push(f);
    }
  }
  if (!sawMetadata) throw new Error('Chart.yaml file is missing');
  validateMetadata(c.metadata);

  // Go iterates a map here; we take names in sorted order so the result is stable
  for (const n of [...subcharts.keys()].sort()) {
    const sub = subcharts.get(n)!;
    if (n.startsWith('_') || n.startsWith('.')) continue;
    let sc: Chart;
    try {
      if (ext(n) === '.tgz') {
        const file = sub[0]!;
        if (file.name !== n) {
          throw new Error(`error unpacking subchart tar in ${c.name()}: expected ${n}, got ${file.name}`);
        }
        sc = loadArchive(file.data);
      } else {
        const buff: ChartFile[] = [];
        for (const f of sub) {
          const slash = f.name.indexOf('/');
          if (slash < 0) continue;
          buff.push({ name: f.name.slice(slash + 1), data: f.data });
        }
        sc = loadFiles(buff);
      }
    } catch (e) {
      const msg = (e as Error).message;
      if (msg.startsWith('error unpacking subchart tar in')) throw e;
      throw new Error(`error unpacking subchart ${n} in ${c.name()}: ${msg}`);
    }
    c.addDependency(sc);
  }
  return c;
}
