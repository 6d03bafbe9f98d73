/**
 * Writing charts (Helm's chartutil.Save and SaveDir): a chart archive `NAME-VERSION.tgz` laid out
 * as Helm lays it out, or an unpacked chart directory.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { API_VERSION_V1, API_VERSION_V2, type Chart, type ChartFile, validateMetadata } from '../chart.ts';
import { chartfileYaml, decodeLock, lockYaml, timeOf } from './chartfile.ts';
import { gzipHelm } from './gzip.ts';
import type { ModTimes } from './modtimes.ts';
import { type TarFile, writeTar } from './tar.ts';

export interface SaveOptions {
  /** mod times of the chart's files; a file without one is stamped with `now` (as Helm does) */
  modTimes?: ModTimes;
  now?: Date;
}

const encoder = new TextEncoder();

/** Go's filepath.Base check: a chart name must not move the file elsewhere. */
function validateName(name: string): void {
  if (goBase(name) !== name) throw new Error(`${JSON.stringify(name)} is not a valid chart name`);
}

function goBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return basename(trimmed);
}

function goErrno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'ENOTDIR') return 'not a directory';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message;
}

/** isValid JSON, as json.Valid judges it */
function isValidJson(data: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
    return true;
  } catch {
    return false;
  }
}

/** The tar entries of a chart and its dependencies (writeTarContents), in Helm's order. */
export function archiveEntries(chart: Chart, opts: SaveOptions = {}, prefix = ''): TarFile[] {
  validateName(chart.name());
  const now = opts.now ?? new Date();
  const base = prefix === '' ? chart.name() : `${prefix}/${chart.name()}`;
  const out: TarFile[] = [];
  const add = (name: string, data: Uint8Array, modTime: Date | undefined) => {
    out.push({ name: `${base}/${name}`, data, mode: 0o644, modTime: modTime ?? now });
  };
  const timeOfFile = (f: ChartFile | undefined) => (f ? opts.modTimes?.get(f.data) : undefined);
  const md = chart.metadata;

  // v1 charts keep their dependencies in requirements.yaml, which travels as an ordinary file
  const chartYaml = chart.raw.find((f) => f.name === 'Chart.yaml');
  add(
    'Chart.yaml',
    encoder.encode(chartfileYaml(md, md.apiVersion !== API_VERSION_V1)),
    timeOfFile(chartYaml),
  );

  if (md.apiVersion === API_VERSION_V2) {
    const lock = decodeLock(chart.lock);
    if (lock) add('Chart.lock', encoder.encode(lockYaml(lock)), timeOf(lock.generated));
  }
  for (const f of chart.raw) if (f.name === 'values.yaml') add('values.yaml', f.data, timeOfFile(f));
  if (chart.schema) {
    if (!isValidJson(chart.schema)) throw new Error('invalid JSON in values.schema.json');
    const f = chart.raw.find((r) => r.name === 'values.schema.json');
    add('values.schema.json', chart.schema, timeOfFile(f));
  }
  for (const f of chart.templates) add(f.name, f.data, timeOfFile(f));
  for (const f of chart.files) add(f.name, f.data, timeOfFile(f));
  for (const dep of chart.dependencies) out.push(...archiveEntries(dep, { ...opts, now }, `${base}/charts`));
  return out;
}

/** The bytes of a chart archive as Helm writes it. Validates (and sanitizes) the metadata. */
export function archiveBytes(chart: Chart, opts: SaveOptions = {}): Uint8Array {
  try {
    validateMetadata(chart.metadata);
  } catch (e) {
    throw new Error(`chart validation: ${(e as Error).message}`);
  }
  return gzipHelm(writeTar(archiveEntries(chart, opts)));
}

/**
 * chartutil.Save: writes `outDir/NAME-VERSION.tgz` (creating outDir) and returns its path, joined
 * as Go joins it. The archive is written to a temporary file and renamed, so a failure leaves
 * nothing behind.
 */
export function saveArchive(chart: Chart, outDir: string, opts: SaveOptions = {}): string {
  const data = archiveBytes(chart, opts);
  const filename = join(outDir, `${chart.name()}-${chart.metadata.version}.tgz`);
  const dir = dirname(filename);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`stat ${dir}: ${goErrno(e)}`);
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    isDir = true;
  }
  if (!isDir) throw new Error(`is not a directory: ${dir}`);
  writeAtomically(filename, data);
  return filename;
}

function writeAtomically(path: string, data: Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data, { mode: 0o644 });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function writeChartFile(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  writeFileSync(path, data, { mode: 0o644 });
}

/**
 * chartutil.SaveDir: writes the chart unpacked into `dest/NAME` (Chart.yaml re-serialised,
 * values, schema, templates and files as they are) and its dependencies as archives in charts/.
 */
export function saveDir(chart: Chart, dest: string, opts: SaveOptions = {}): void {
  validateName(chart.name());
  const outdir = join(dest, chart.name());
  try {
    if (!statSync(outdir).isDirectory())
      throw new Error(`file ${outdir} already exists and is not a directory`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === undefined) throw e;
  }
  mkdirSync(outdir, { recursive: true, mode: 0o755 });
  const md = chart.metadata;
  writeChartFile(join(outdir, 'Chart.yaml'), chartfileYaml(md, md.apiVersion !== API_VERSION_V1));
  for (const f of chart.raw)
    if (f.name === 'values.yaml') writeChartFile(join(outdir, 'values.yaml'), f.data);
  if (chart.schema) writeChartFile(join(outdir, 'values.schema.json'), chart.schema);
  for (const f of [...chart.templates, ...chart.files]) writeChartFile(join(outdir, f.name), f.data);
  for (const dep of chart.dependencies) {
    try {
      saveArchive(dep, join(outdir, 'charts'), opts);
    } catch (e) {
      throw new Error(`saving ${dep.fullPath()}: ${(e as Error).message}`);
    }
  }
}
