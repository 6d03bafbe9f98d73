/**
 * Resolving Chart.yaml dependencies to exact versions (Helm's internal/resolver) for the
 * repositories bosun can reach today: `file://` paths and charts already in charts/. Chart
 * repositories (https://, oci://, @alias) arrive with the repository work.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import type { Dependency } from '../chart.ts';
import { loadDir } from '../load.ts';
import { dependencyJson, type Lock, nowRfc3339 } from '../save/chartfile.ts';
import { type Constraint, constraintCheck, parseConstraint, parseVersion } from '../semver.ts';

export const FILE_SCHEME = 'file://';

/** Raised for dependencies on chart repositories, which bosun cannot fetch yet. */
export class RemoteRepositoryError extends Error {
  constructor(deps: Dependency[]) {
    super(
      `chart repositories are not supported by bosun yet (they arrive with the repository work): ${deps
        .map((d) => `${JSON.stringify(d.name)} from ${JSON.stringify(d.repository)}`)
        .join(', ')}; only file:// dependencies can be fetched`,
    );
    this.name = 'RemoteRepositoryError';
  }
}

export function isRemote(d: Dependency): boolean {
  return d.repository !== '' && !d.repository.startsWith(FILE_SCHEME);
}

/** Throws for dependencies bosun cannot fetch. */
export function requireLocalRepositories(deps: Dependency[]): void {
  const remote = deps.filter(isRemote);
  if (remote.length > 0) throw new RemoteRepositoryError(remote);
}

/** resolver.GetLocalPath: a file:// repository (or a charts/NAME path) relative to the chart. */
export function getLocalPath(repo: string, chartPath: string): string {
  const p = repo.startsWith(FILE_SCHEME) ? repo.slice(FILE_SCHEME.length) : repo;
  const depPath = isAbsolute(p) ? resolvePath(p) : join(chartPath, p);
  if (!existsSync(depPath)) throw new Error(`directory ${depPath} not found`);
  return depPath;
}

/** semver.NewConstraint with Masterminds' error text. */
export function constraintOf(text: string): Constraint {
  const c = parseConstraint(text);
  if (!c) throw new Error(`improper constraint: ${text}`);
  return c;
}

/** Whether `version` satisfies `constraint` (an unparsable version never does). */
export function satisfies(constraint: Constraint, version: string): boolean {
  const v = parseVersion(version);
  return v !== undefined && constraintCheck(constraint, v);
}

function lockedDependency(name: string, repository: string, version: string): Dependency {
  return {
    name,
    version,
    repository,
    condition: '',
    tags: [],
    enabled: false,
    importValues: [],
    alias: '',
  };
}

function depsJson(deps: (Dependency | null)[] | null): string {
  return deps === null ? 'null' : `[${deps.map(dependencyJson).join(',')}]`;
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** resolver.HashReq: the digest of json.Marshal([2][]*Dependency{req, lock}). */
export function hashReq(req: (Dependency | null)[], lock: (Dependency | null)[]): string {
  return sha256(`[${depsJson(req)},${depsJson(lock)}]`);
}

/** resolver.HashV2Req: Helm 2's digest of {"dependencies": req}, accepted for v1 charts. */
export function hashV2Req(req: (Dependency | null)[]): string {
  return sha256(`{"dependencies":${depsJson(req)}}`);
}

/** Resolver.Resolve: every dependency pinned to the version it will be fetched at. */
export function resolveDependencies(reqs: Dependency[], chartPath: string, now?: Date): Lock {
  requireLocalRepositories(reqs);
  const locked: (Dependency | null)[] = new Array(reqs.length).fill(null);
  const missing: string[] = [];
  reqs.forEach((d, i) => {
    let constraint: Constraint;
    try {
      constraint = constraintOf(d.version);
    } catch (e) {
      throw new Error(
        `dependency ${JSON.stringify(d.name)} has an invalid version/constraint format: ${(e as Error).message}`,
      );
    }
    if (d.repository === '') {
      getLocalPath(join('charts', d.name), chartPath);
      locked[i] = lockedDependency(d.name, '', d.version);
      return;
    }
    const ch = loadDir(getLocalPath(d.repository, chartPath));
    // Helm skips (and leaves unlocked) a local chart whose own version does not parse
    if (!parseVersion(ch.metadata.version)) return;
    if (!satisfies(constraint, ch.metadata.version)) {
      missing.push(
        `${JSON.stringify(d.name)} (repository ${JSON.stringify(d.repository)}, version ${JSON.stringify(d.version)})`,
      );
      return;
    }
    locked[i] = lockedDependency(d.name, d.repository, ch.metadata.version);
  });
  if (missing.length > 0) {
    throw new Error(
      `can't get a valid version for ${missing.length} subchart(s): ${missing.join(', ')}. Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml`,
    );
  }
  return {
    generated: nowRfc3339(now),
    digest: hashReq(reqs, locked),
    dependencies: locked,
  };
}
