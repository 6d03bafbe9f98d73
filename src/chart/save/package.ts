/**
 * The package action (Helm's action.Package without signing): load a chart directory, apply
 * --version / --app-version, check that declared dependencies are present, write the archive.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Chart } from '../chart.ts';
import { loadChart } from '../load.ts';
import { parseVersion } from '../semver.ts';
import { modTimesFromDir } from './modtimes.ts';
import { saveArchive } from './save.ts';

export class Package {
  version = '';
  appVersion = '';
  /** "." means the working directory (and the printed path is then absolute) */
  destination = '.';

  /** Packages the chart directory at `path` (absolute) and returns the archive's path. */
  run(path: string): string {
    const chart = loadChartDir(path);
    if (this.version !== '') chart.metadata.version = this.version;
    if (!parseVersion(chart.metadata.version)) throw new Error('invalid semantic version');
    if (this.appVersion !== '') chart.metadata.appVersion = this.appVersion;
    checkDependencies(chart);
    const dest = this.destination === '.' ? process.cwd() : this.destination;
    try {
      return saveArchive(chart, dest, { modTimes: modTimesFromDir(chart, path) });
    } catch (e) {
      throw new Error(`failed to save: ${(e as Error).message}`);
    }
  }
}

/** loader.LoadDir: the path must be a directory holding a Chart.yaml. */
export function loadChartDir(path: string): Chart {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // reported below as the Chart.yaml that cannot be opened
  }
  if (!isDir) {
    const chartYaml = join(path, 'Chart.yaml');
    let reason = 'no such file or directory';
    try {
      statSync(path);
      reason = 'not a directory';
    } catch {}
    throw new Error(`unable to detect chart at ${chartYaml}: open ${chartYaml}: ${reason}`);
  }
  return loadChart(path);
}

/** action.CheckDependencies: every dependency in Chart.yaml must be loaded from charts/. */
export function checkDependencies(chart: Chart): void {
  const reqs = chart.metadata.dependencies.filter((d) => d !== null);
  const present = new Set(chart.dependencies.map((d) => d.name()));
  const missing = reqs.filter((r) => !present.has(r.name)).map((r) => r.name);
  if (missing.length > 0) {
    throw new Error(`found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`);
  }
}
