/**
 * `helm create`: Helm's chart scaffold (chartutil.Create) and charts made from a starter
 * (chartutil.CreateFrom).
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Metadata } from '../chart.ts';
import { loadChart } from '../load.ts';
import { marshalYaml } from '../save/chartfile.ts';
import { saveDir } from '../save/save.ts';
import { readValues } from '../values.ts';
import { CHART_NAME_PLACEHOLDER, SCAFFOLD_FILES } from './scaffold.ts';

export { CHART_NAME_PLACEHOLDER, SCAFFOLD_FILES } from './scaffold.ts';

const MAX_CHART_NAME_LENGTH = 250;
const CHART_NAME = /^[a-zA-Z0-9._-]+$/;

export function validateChartName(name: string): void {
  if (name === '' || name.length > MAX_CHART_NAME_LENGTH) {
    throw new Error(`chart name must be between 1 and ${MAX_CHART_NAME_LENGTH} characters`);
  }
  if (!CHART_NAME.test(name)) {
    throw new Error(`chart name must match the regular expression "${CHART_NAME.source}"`);
  }
}

function goErrno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'ENOTDIR') return 'not a directory';
  return (e as Error).message;
}

function writeScaffoldFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  writeFileSync(path, content, { mode: 0o644 });
}

/**
 * chartutil.Create: writes the scaffold for chart `name` into `dir/name` and returns that path.
 * Existing files are overwritten, each announced through `warn`.
 */
export function createChart(name: string, dir: string, warn: (msg: string) => void): string {
  validateChartName(name);
  const path = resolve(dir);
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (e) {
    throw new Error(`stat ${path}: ${goErrno(e)}`);
  }
  if (!st.isDirectory()) throw new Error(`no such directory ${path}`);
  const cdir = join(path, name);
  if (existsSync(cdir) && !statSync(cdir).isDirectory()) {
    throw new Error(`file ${cdir} already exists and is not a directory`);
  }
  for (const f of SCAFFOLD_FILES) {
    const file = join(cdir, f.path);
    if (existsSync(file)) warn(`WARNING: File "${file}" already exists. Overwriting.\n`);
    writeScaffoldFile(file, f.content.replaceAll(CHART_NAME_PLACEHOLDER, name));
  }
  mkdirSync(join(cdir, 'charts'), { recursive: true, mode: 0o755 });
  return cdir;
}

/** The Chart.yaml `helm create --starter` gives the new chart. */
export function starterMetadata(name: string): Metadata {
  return {
    name,
    home: '',
    sources: [],
    version: '0.1.0',
    description: 'A Helm chart for Kubernetes',
    keywords: [],
    maintainers: [],
    icon: '',
    apiVersion: 'v2',
    condition: '',
    tags: '',
    appVersion: '0.1.0',
    deprecated: false,
    annotations: null,
    kubeVersion: '',
    dependencies: [],
    type: 'application',
  };
}

/**
 * chartutil.CreateFrom: loads the starter chart at `src`, gives it `metadata`, replaces
 * <CHARTNAME> in its templates and values.yaml with the new name, and writes it unpacked into
 * `dest`.
 */
export function createFrom(metadata: Metadata, dest: string, src: string): void {
  let starter: ReturnType<typeof loadChart>;
  try {
    starter = loadChart(src);
  } catch (e) {
    throw new Error(`could not load ${src}: ${(e as Error).message}`);
  }
  starter.metadata = metadata;
  const name = metadata.name;
  const transform = (data: Uint8Array) =>
    new TextEncoder().encode(new TextDecoder().decode(data).replaceAll(CHART_NAME_PLACEHOLDER, name));
  starter.templates = starter.templates.map((t) => ({ name: t.name, data: transform(t.data) }));
  try {
    starter.values = readValues(marshalYaml(starter.values).replaceAll(CHART_NAME_PLACEHOLDER, name));
  } catch (e) {
    throw new Error(`transforming values file: ${(e as Error).message}`);
  }
  starter.raw = starter.raw.map((f) =>
    f.name === 'values.yaml' ? { name: f.name, data: transform(f.data) } : f,
  );
  saveDir(starter, dest);
}

/** Where `helm create --starter NAME` looks for named starters ($HELM_DATA_HOME/starters). */
export function startersDir(): string {
  const dataHome =
    process.env.HELM_DATA_HOME ??
    join(process.env.XDG_DATA_HOME ?? join(process.env.HOME ?? '', '.local', 'share'), 'helm');
  return join(dataHome, 'starters');
}
