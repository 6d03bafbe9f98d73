/**
 * The lint action (Helm's pkg/action/lint.go and chart/v2/lint.RunAll): every rule over one
 * chart directory or archive, and the failure count under --strict.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { KubeVersion } from '../../engine/index.ts';
import type { GoMap } from '../../template/index.ts';
import { loadArchiveFiles } from '../archive.ts';
import { decodeMetadata, emptyMetadata } from '../chart.ts';
import { fileText } from '../load.ts';
import { stderrWarn, type Warn } from '../values.ts';
import { lintChartfile } from './chartfile.ts';
import { lintCrds } from './crds.ts';
import { lintDependencies } from './dependencies.ts';
import { Linter, type LintMessage, Severity } from './support.ts';
import { lintTemplates, slogValue } from './templates.ts';
import { lintValues } from './values.ts';

export interface LintOptions {
  strict?: boolean;
  namespace?: string;
  skipSchemaValidation?: boolean;
  kubeVersion?: KubeVersion;
  /** Helm's log lines (coalescing warnings, lint-mode `required`/`fail`); stderr by default */
  log?: Warn;
}

export interface LintResult {
  totalChartsLinted: number;
  messages: LintMessage[];
  /** problems at or above the failing severity, and charts that could not be linted at all */
  errors: string[];
}

/** lint.RunAll: the rules in Helm's order over one chart directory. */
export function runAllRules(baseDir: string, values: GoMap, opts: LintOptions = {}): Linter {
  const log = slogLines(opts.log ?? stderrWarn);
  const linter = new Linter(resolve(baseDir));
  lintChartfile(linter);
  lintValues(linter, values, opts.skipSchemaValidation ?? false, log);
  lintTemplates(linter, {
    namespace: opts.namespace ?? 'default',
    values,
    kubeVersion: opts.kubeVersion,
    skipSchemaValidation: opts.skipSchemaValidation ?? false,
    log,
  });
  lintDependencies(linter);
  lintCrds(linter);
  return linter;
}

/** Coalescing warnings arrive as bare text; Helm logs them through slog at INFO level. */
function slogLines(log: Warn): Warn {
  return (msg) => log(msg.startsWith('level=') ? msg : `level=INFO msg=${slogValue(msg)}`);
}

export class Lint {
  constructor(readonly options: LintOptions = {}) {}

  run(paths: string[], values: GoMap): LintResult {
    const failAt = this.options.strict ? Severity.Warning : Severity.Error;
    const result: LintResult = { totalChartsLinted: 0, messages: [], errors: [] };
    for (const path of paths) {
      let linter: Linter;
      try {
        linter = lintChart(path, values, this.options);
      } catch (e) {
        result.errors.push((e as Error).message);
        continue;
      }
      result.messages.push(...linter.messages);
      result.totalChartsLinted++;
      for (const m of linter.messages) if (m.severity >= failAt) result.errors.push(m.message);
    }
    return result;
  }
}

/** action.HasWarningsOrErrors */
export function hasWarningsOrErrors(result: LintResult): boolean {
  return result.messages.some((m) => m.severity > Severity.Info) || result.errors.length > 0;
}

export function isArchivePath(path: string): boolean {
  return path.endsWith('.tgz') || path.endsWith('.tar.gz');
}

function lintChart(path: string, values: GoMap, opts: LintOptions): Linter {
  if (!isArchivePath(path)) return lintDir(path, values, opts);
  const temp = mkdtempSync(join(tmpdir(), 'helm-lint'));
  try {
    let data: Uint8Array;
    try {
      data = readFileSync(path);
    } catch (e) {
      throw new Error(`unable to open tarball: ${goFsError(e, 'open', path)}`);
    }
    let chartDir: string;
    try {
      chartDir = expand(temp, data);
    } catch (e) {
      throw new Error(`unable to extract tarball: ${(e as Error).message}`);
    }
    return lintDir(chartDir, values, opts);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function lintDir(chartPath: string, values: GoMap, opts: LintOptions): Linter {
  const chartYaml = join(chartPath, 'Chart.yaml');
  try {
    statSync(chartYaml);
  } catch (e) {
    throw new Error(`unable to check Chart.yaml file in chart: ${goFsError(e, 'stat', chartYaml)}`);
  }
  return runAllRules(chartPath, values, opts);
}

/** chartutil.Expand: the archive's files under dest/<chart name>/; returns that directory. */
function expand(dest: string, data: Uint8Array): string {
  const files = loadArchiveFiles(data);
  const chartYaml = files.find((f) => f.name === 'Chart.yaml');
  if (!chartYaml) throw new Error('chart name is missing');
  const md = decodeMetadata(fileText(chartYaml), emptyMetadata());
  const dir = join(dest, md.name);
  for (const f of files) {
    const target = join(dir, f.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.data);
  }
  return dir;
}

/** Go's *PathError text for a failed stat/open. */
function goFsError(e: unknown, op: string, path: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'ENOTDIR'
        ? 'not a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (e as Error).message;
  return `${op} ${path}: ${reason}`;
}
