/**
 * Sprig's semver functions. `semver` returns a *semver.Version whose methods templates call
 * (`(semver .Chart.Version).Major`, `.Prerelease`, `.Compare`, ...).
 */
import { GO, type GoObject, isGoObject, TypedInt } from '../../value.ts';
import { def, FuncError, type FuncMap } from '../types.ts';
import {
  checkConstraints,
  compareVersions,
  parseConstraints,
  parseVersion,
  type Version,
  versionString,
} from './b-semver.ts';

const VERSION = Symbol('semver.Version');

type VersionObject = GoObject & { [VERSION]: Version };

/** A *semver.Version (pointer = true) or a semver.Version value (what IncMajor & co return). */
export function versionObject(v: Version, pointer = true): VersionObject {
  const other = (o: unknown): Version => {
    if (isGoObject(o) && VERSION in o) return (o as VersionObject)[VERSION];
    throw new FuncError(`wrong type for value; expected *semver.Version; got ${typeName(o)}`);
  };
  const bump = (next: Partial<Version>) => {
    const n = { ...v, ...next };
    const prefix = v.original.startsWith('v') ? 'v' : '';
    return versionObject({ ...n, original: prefix + versionString(n) }, false);
  };
  const methods: Record<string, (...args: unknown[]) => unknown> = {
    Major: () => new TypedInt('uint64', v.major),
    Minor: () => new TypedInt('uint64', v.minor),
    Patch: () => new TypedInt('uint64', v.patch),
    Prerelease: () => v.pre,
    Metadata: () => v.metadata,
    String: () => versionString(v),
    IncPatch: () => bump(v.pre ? { pre: '', metadata: '' } : { pre: '', metadata: '', patch: v.patch + 1n }),
    IncMinor: () => bump({ pre: '', metadata: '', patch: 0n, minor: v.minor + 1n }),
    IncMajor: () => bump({ pre: '', metadata: '', patch: 0n, minor: 0n, major: v.major + 1n }),
    // pointer-receiver methods exist only on *Version
    ...(pointer
      ? {
          Original: () => v.original,
          LessThan: (o: unknown) => compareVersions(v, other(o)) < 0,
          LessThanEqual: (o: unknown) => compareVersions(v, other(o)) <= 0,
          GreaterThan: (o: unknown) => compareVersions(v, other(o)) > 0,
          GreaterThanEqual: (o: unknown) => compareVersions(v, other(o)) >= 0,
          Equal: (o: unknown) => compareVersions(v, other(o)) === 0,
          Compare: (o: unknown) => BigInt(compareVersions(v, other(o))),
        }
      : {}),
  };
  return {
    [VERSION]: v,
    [GO]: {
      type: pointer ? '*semver.Version' : 'semver.Version',
      kind: pointer ? 'ptr' : 'struct',
      field: () => ({ found: false }),
      method: (name) => methods[name],
      string: () => versionString(v),
    },
  };
}

function typeName(o: unknown): string {
  if (o === null || o === undefined) return '<nil>';
  if (isGoObject(o)) return o[GO].type;
  return typeof o === 'bigint' ? 'int' : typeof o === 'number' ? 'float64' : typeof o;
}

function semverCompare(constraint: string, version: string): boolean {
  const c = parseConstraints(constraint);
  return checkConstraints(c, parseVersion(version));
}

export const semverFuncs: FuncMap = {
  semver: def(['string'], (s: string) => versionObject(parseVersion(s))),
  semverCompare: def(['string', 'string'], semverCompare),
};
