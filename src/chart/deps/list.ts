/**
 * `helm dependency list` (Helm's action.Dependency.List): each Chart.yaml dependency with the
 * state of charts/ for it, then warnings for charts in charts/ that Chart.yaml does not name.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Chart, Dependency } from '../chart.ts';
import { loadChart } from '../load.ts';
import { parseConstraint, parseVersion } from '../semver.ts';
import { declaresDependencies } from './manager.ts';
import { satisfies } from './resolve.ts';

/** semver.StrictNewVersion: MAJOR.MINOR.PATCH with optional pre-release and build, nothing else. */
const STRICT_SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Whether `version` meets `constraint`: "ok", or the status word Helm prints. */
function versionStatus(constraintText: string, version: string): 'ok' | 'invalid version' | 'wrong version' {
  if (version === constraintText) return 'ok';
  const c = parseConstraint(constraintText);
  if (!c || !parseVersion(version)) return 'invalid version';
  return satisfies(c, version) ? 'ok' : 'wrong version';
}

/** The chart archives in charts/ that look like NAME-*.tgz, as filepath.Glob sorts them. */
function archivesFor(chartPath: string, name: string): string[] {
  const dir = join(chartPath, 'charts');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(`${name}-`) && n.endsWith('.tgz') && n.length >= name.length + 5)
    .sort()
    .map((n) => join(dir, n));
}

function archiveStatus(archive: string, dep: Dependency): string | undefined {
  if (!existsSync(archive)) return undefined;
  let c: Chart;
  try {
    c = loadChart(archive);
  } catch {
    return 'corrupt';
  }
  if (c.name() !== dep.name) return 'misnamed';
  return versionStatus(dep.version, c.metadata.version);
}

/** Helm's dependencyStatus for one Chart.yaml dependency. */
export function dependencyStatus(chartPath: string, dep: Dependency, parent: Chart): string {
  const archives = archivesFor(chartPath, dep.name);
  if (archives.length > 1) {
    const found = archives.filter((a) => STRICT_SEMVER.test(basename(a, '.tgz').slice(dep.name.length + 1)));
    if (found.length === 1) {
      const r = archiveStatus(found[0]!, dep);
      if (r !== undefined) return r;
    } else if (found.length > 1) {
      return 'too many matches';
    }
  } else if (archives.length === 1) {
    const r = archiveStatus(archives[0]!, dep);
    if (r !== undefined) return r;
  }
  let depChart: Chart | undefined;
  for (const item of parent.dependencies) if (item.name() === dep.name) depChart = item;
  if (!depChart) return 'missing';
  const s = versionStatus(dep.version, depChart.metadata.version);
  return s === 'ok' ? 'unpacked' : s;
}

/** gosuri/uitable with MaxColWidth: cells padded to the column width and joined by tabs. */
export function formatTable(rows: string[][], maxColWidth: number): string {
  const width = (s: string) => [...s].length;
  const truncate = (s: string) => {
    if (maxColWidth <= 0 || width(s) <= maxColWidth) return s;
    const chars = [...s];
    return maxColWidth <= 3
      ? chars.slice(0, maxColWidth).join('')
      : `${chars.slice(0, maxColWidth - 3).join('')}...`;
  };
  const cells = rows.map((r) => r.map(truncate));
  const cols = Math.max(...cells.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  return cells.map((r) => r.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('\t')).join('\n');
}

/** The text `helm dependency list CHART` prints; `chartPath` as given, cleaned. */
export function listDependencies(chartPath: string, maxColWidth = 80): string {
  const c = loadChart(chartPath);
  if (!declaresDependencies(c)) return `WARNING: no dependencies at ${join(chartPath, 'charts')}\n`;
  const deps = c.metadata.dependencies as Dependency[];
  const rows = [['NAME', 'VERSION', 'REPOSITORY', 'STATUS']];
  for (const d of deps) rows.push([d.name, d.version, d.repository, dependencyStatus(chartPath, d, c)]);
  let out = `${formatTable(rows, maxColWidth)}\n\n`;
  out += missingWarnings(chartPath, deps);
  return out;
}

/** printMissing: charts in charts/ that are not charts, or that Chart.yaml does not declare. */
function missingWarnings(chartPath: string, reqs: Dependency[]): string {
  const dir = join(chartPath, 'charts');
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return '';
  }
  let out = '';
  for (const n of names) {
    const f = join(dir, n);
    let isDir = false;
    try {
      isDir = statSync(f).isDirectory();
    } catch (e) {
      out += `Warning: ${(e as Error).message}\n`;
    }
    if (!isDir && extname(f) !== '.tgz') continue;
    let c: Chart;
    try {
      c = loadChart(f);
    } catch {
      out += `WARNING: ${JSON.stringify(f)} is not a chart.\n`;
      continue;
    }
    if (!reqs.some((d) => d.name === c.name()))
      out += `WARNING: ${JSON.stringify(f)} is not in Chart.yaml.\n`;
  }
  return out;
}
