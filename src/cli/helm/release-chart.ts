/**
 * The chart side of `helm install`: the local chart (directory or archive) located as
 * Install.LocateChart does, its values merged from -f/--set*, and the installability and
 * dependency checks of runInstall.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Chart, loadChart, mergeUserValues, type ValueOptions } from '../../chart/index.ts';
import type { GoMap } from '../../template/index.ts';

function locateChart(ref: string): string {
  const path = resolve(ref);
  if (existsSync(path)) return path;
  if (ref.startsWith('.') || ref.startsWith('/')) throw new Error(`path "${ref}" not found`);
  if (/^(oci|https?):\/\//.test(ref))
    throw new Error(`fetching charts from ${ref} is not supported by bosun yet`);
  throw new Error(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`);
}

/** A chart directory's file times, RFC 3339 as Go marshals them; none for archives. */
function directoryModTimes(
  path: string,
  rfc3339: (d: Date, nanos: number) => string,
): (name: string) => string | undefined {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    isDir = false;
  }
  return (name) => {
    if (!isDir) return undefined;
    try {
      const ns = statSync(join(path, name), { bigint: true }).mtimeNs;
      return rfc3339(new Date(Number(ns / 1_000_000n)), Number(ns % 1_000_000_000n));
    } catch {
      return undefined;
    }
  };
}

export async function loadReleaseChart(
  ref: string,
  values: ValueOptions,
): Promise<{ chart: Chart; values: GoMap; modTime: (name: string) => string | undefined }> {
  const { nowRfc3339 } = await import('../../release/index.ts');
  const path = locateChart(ref);
  const vals = mergeUserValues(values);
  const chart = loadChart(path);
  const type = chart.metadata.type;
  if (type !== '' && type !== 'application') throw new Error(`${type} charts are not installable`);
  const reqs = chart.metadata.dependencies.filter((d) => d !== null);
  if (reqs.length > 0) {
    const present = new Set(chart.dependencies.map((d) => d.name()));
    const missing = reqs.filter((r) => !present.has(r.name)).map((r) => r.name);
    if (missing.length > 0)
      throw new Error(
        `an error occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
      );
  }
  return { chart, values: vals, modTime: directoryModTimes(path, nowRfc3339) };
}
