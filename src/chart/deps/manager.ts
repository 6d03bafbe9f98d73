/**
 * `helm dependency build|update` (Helm's downloader.Manager) for local dependencies: resolve
 * Chart.yaml's constraints, package each file:// chart into charts/, drop outdated archives,
 * and write Chart.lock.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { API_VERSION_V1, type Chart, type Dependency } from '../chart.ts';
import { fileText, loadArchiveFile, loadChart, loadDir } from '../load.ts';
import { decodeLock, type Lock, lockYaml } from '../save/chartfile.ts';
import { modTimesFromDir } from '../save/modtimes.ts';
import { saveArchive } from '../save/save.ts';
import { decodeYaml } from '../yaml.ts';
import {
  constraintOf,
  FILE_SCHEME,
  getLocalPath,
  hashReq,
  hashV2Req,
  requireLocalRepositories,
  resolveDependencies,
  satisfies,
} from './resolve.ts';

function goErrno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'ENOTDIR') return 'not a directory';
  return (e as Error).message;
}

/**
 * Whether Chart.yaml (or a v1 requirements.yaml) has a `dependencies` list at all: Helm tells a
 * missing list (nil) from an empty one, and our metadata keeps both as [].
 */
export function declaresDependencies(chart: Chart): boolean {
  if (chart.metadata.dependencies.length > 0) return true;
  for (const f of chart.raw) {
    if (f.name !== 'Chart.yaml' && f.name !== 'requirements.yaml') continue;
    let doc: unknown;
    try {
      doc = decodeYaml(fileText(f));
    } catch {
      continue;
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) continue;
    for (const [k, v] of Object.entries(doc)) {
      if (k.toLowerCase() === 'dependencies' && v !== null && v !== undefined) return true;
    }
  }
  return false;
}

export interface ManagerOptions {
  /** where progress lines go (Helm's Manager.Out) */
  out?: (text: string) => void;
  debug?: boolean;
}

export class Manager {
  private readonly out: (text: string) => void;
  private readonly debug: boolean;

  constructor(
    readonly chartPath: string,
    opts: ManagerOptions = {},
  ) {
    this.out = opts.out ?? (() => {});
    this.debug = opts.debug ?? false;
  }

  /** Manager.Build: rebuild charts/ from Chart.lock, or update when there is no lock. */
  build(): void {
    const c = this.loadChartDir();
    const lock = decodeLock(c.lock);
    if (!lock) {
      this.update();
      return;
    }
    const req = c.metadata.dependencies as Dependency[];
    const isV1 = c.metadata.apiVersion === API_VERSION_V1;
    this.checkRepositories(req);
    if (hashReq(req, lock.dependencies) !== lock.digest) {
      if (!isV1) {
        throw new Error(
          'the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies',
        );
      }
      process.stderr.write('warning: a valid Helm v3 hash was not found. Checking against Helm v2 hash...\n');
      if (hashV2Req(req) !== lock.digest) {
        throw new Error(
          'the lock file (requirements.lock) is out of sync with the dependencies file (requirements.yaml). Please update the dependencies',
        );
      }
    }
    requireLocalRepositories(lock.dependencies.filter((d) => d !== null));
    this.downloadAll(lock.dependencies);
  }

  /** Manager.Update: resolve Chart.yaml afresh, fetch, and write the lock if it changed. */
  update(): void {
    const c = this.loadChartDir();
    if (!declaresDependencies(c)) return;
    const req = c.metadata.dependencies as Dependency[];
    this.checkRepositories(req);
    const lock = resolveDependencies(req, this.chartPath);
    this.downloadAll(lock.dependencies);
    lock.digest = hashReq(req, lock.dependencies);
    const old = decodeLock(c.lock);
    if (old && old.digest === lock.digest) return;
    writeLock(this.chartPath, lock, c.metadata.apiVersion === API_VERSION_V1);
  }

  private loadChartDir(): Chart {
    let isDir: boolean;
    try {
      isDir = statSync(this.chartPath).isDirectory();
    } catch (e) {
      throw new Error(`could not find ${this.chartPath}: stat ${this.chartPath}: ${goErrno(e)}`);
    }
    if (!isDir) throw new Error('only unpacked charts can be updated');
    return loadChart(this.chartPath);
  }

  /** resolveRepoNames, for the repositories bosun knows: file:// paths must exist. */
  private checkRepositories(req: Dependency[]): void {
    requireLocalRepositories(req);
    for (const d of req) {
      if (!d.repository.startsWith(FILE_SCHEME)) continue;
      getLocalPath(d.repository, this.chartPath);
      if (this.debug) this.out(`Repository from local path: ${d.repository}\n`);
    }
  }

  /** Manager.downloadAll: build the new archives in a temporary directory, then move them in. */
  private downloadAll(deps: (Dependency | null)[]): void {
    const destPath = join(this.chartPath, 'charts');
    const tmpPath = join(this.chartPath, `tmpcharts-${process.pid}`);
    let destIsDir: boolean | undefined;
    try {
      destIsDir = statSync(destPath).isDirectory();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`unable to retrieve file info for '${destPath}': ${goErrno(e)}`);
      }
    }
    if (destIsDir === false) throw new Error(`${JSON.stringify(destPath)} is not a directory`);
    if (destIsDir === undefined) mkdirSync(destPath, { recursive: true, mode: 0o755 });
    mkdirSync(tmpPath, { recursive: true, mode: 0o755 });
    try {
      this.out(`Saving ${deps.length} charts\n`);
      let saveError: Error | undefined;
      for (const dep of deps) {
        if (!dep) continue;
        try {
          if (dep.repository === '') {
            this.checkUnmanaged(dep, destPath);
            continue;
          }
          if (this.debug) this.out(`Archiving ${dep.name} from repo ${dep.repository}\n`);
          dep.version = tarFromLocalDir(this.chartPath, dep, tmpPath);
        } catch (e) {
          if (e instanceof HardError) throw new Error(e.message);
          saveError = e as Error;
          break;
        }
      }
      if (saveError) {
        this.out(`Save error occurred:  ${saveError.message}\n`);
        throw saveError;
      }
      this.safeMoveDeps(deps, tmpPath, destPath);
    } finally {
      rmSync(tmpPath, { recursive: true, force: true });
    }
  }

  /** A dependency without a repository must already sit unpacked in charts/ at a fitting version. */
  private checkUnmanaged(dep: Dependency, destPath: string): void {
    this.out(
      `Dependency ${dep.name} did not declare a repository. Assuming it exists in the charts directory\n`,
    );
    const chartPath = join(destPath, dep.name);
    let ch: Chart;
    try {
      ch = loadDir(chartPath);
    } catch (e) {
      throw new HardError(`unable to load chart '${chartPath}': ${(e as Error).message}`);
    }
    let constraint: ReturnType<typeof constraintOf>;
    try {
      constraint = constraintOf(dep.version);
    } catch (e) {
      throw new HardError(
        `dependency ${dep.name} has an invalid version/constraint format: ${(e as Error).message}`,
      );
    }
    if (!satisfies(constraint, ch.metadata.version)) {
      throw new Error(
        `dependency ${dep.name} at version ${ch.metadata.version} does not satisfy the constraint ${dep.version}`,
      );
    }
  }

  /** Manager.safeMoveDeps */
  private safeMoveDeps(deps: (Dependency | null)[], source: string, dest: string): void {
    const local = new Set(deps.filter((d) => d !== null && d.repository === '').map((d) => d!.name));
    const moved = new Set<string>();
    const sourceFiles = readdirSync(source, { withFileTypes: true }).sort(byName);
    const destFiles = readdirSync(dest, { withFileTypes: true }).sort(byName);
    for (const file of sourceFiles) {
      if (file.isDirectory()) continue;
      const from = join(source, file.name);
      moved.add(file.name);
      try {
        loadArchiveFile(from);
      } catch (e) {
        this.out(`Could not verify ${from} for moving: ${(e as Error).message} (Skipping)`);
        continue;
      }
      try {
        renameSync(from, join(dest, file.name));
      } catch (e) {
        this.out(`Unable to move ${from} to charts dir ${(e as Error).message} (Skipping)`);
      }
    }
    this.out('Deleting outdated charts\n');
    for (const file of destFiles) {
      if (file.isDirectory() || moved.has(file.name)) continue;
      const fname = join(dest, file.name);
      let ch: Chart;
      try {
        ch = loadArchiveFile(fname);
      } catch (e) {
        this.out(`Could not verify ${fname} for deletion: ${(e as Error).message} (Skipping)\n`);
        continue;
      }
      if (local.has(ch.name())) continue;
      try {
        rmSync(fname);
      } catch (e) {
        this.out(`Could not delete ${fname}: ${(e as Error).message} (Skipping)`);
      }
    }
  }
}

/** An error downloadAll returns at once, without "Save error occurred". */
class HardError extends Error {}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** tarFromLocalDir: package the file:// chart into `destPath` when its version fits. */
function tarFromLocalDir(chartPath: string, dep: Dependency, destPath: string): string {
  const origPath = getLocalPath(dep.repository, chartPath);
  const ch = loadDir(origPath);
  let constraint: ReturnType<typeof constraintOf>;
  try {
    constraint = constraintOf(dep.version);
  } catch (e) {
    throw new Error(
      `dependency ${dep.name} has an invalid version/constraint format: ${(e as Error).message}`,
    );
  }
  if (!satisfies(constraint, ch.metadata.version)) {
    throw new Error(`can't get a valid version for dependency ${dep.name}`);
  }
  saveArchive(ch, destPath, { modTimes: modTimesFromDir(ch, origPath) });
  return ch.metadata.version;
}

/** writeLock: Chart.lock (requirements.lock for v1 charts), refusing to write through a symlink. */
export function writeLock(chartPath: string, lock: Lock, legacy: boolean): void {
  const name = legacy ? 'requirements.lock' : 'Chart.lock';
  const dest = join(chartPath, name);
  try {
    if (lstatSync(dest).isSymbolicLink()) {
      throw new Error(`the ${name} file is a symlink to ${JSON.stringify(readlinkSync(dest))}`);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === undefined) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`error getting info for ${JSON.stringify(dest)}: ${goErrno(e)}`);
    }
  }
  writeFileSync(dest, lockYaml(lock), { mode: 0o644 });
}
