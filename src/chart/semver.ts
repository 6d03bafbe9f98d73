/**
 * Semantic versions and constraints as Masterminds/semver v3 reads them (the library Helm uses
 * for chart versions, dependency ranges and `kubeVersion`): loose versions ("1", "1.2", "v1.2.3"),
 * x-ranges, `~`, `^`, hyphen ranges, `||`, and its prerelease rule (a prerelease version only
 * satisfies a constraint that itself names a prerelease).
 */

export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const VERSION_RE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** semver.NewVersion; undefined when the text is not a version. */
export function parseVersion(text: string): Version | undefined {
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  const pre = m[4] ?? '';
  // Masterminds rejects numeric prerelease identifiers with leading zeros
  for (const part of pre ? pre.split('.') : []) {
    if (/^[0-9]+$/.test(part) && part.length > 1 && part.startsWith('0')) return undefined;
  }
  return {
    major: BigInt(m[1]!),
    minor: m[2] ? BigInt(m[2].slice(1)) : 0n,
    patch: m[3] ? BigInt(m[3].slice(1)) : 0n,
    pre,
    metadata: m[5] ?? '',
    original: text,
  };
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) return cmpBig(BigInt(x), BigInt(y));
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  return (
    cmpBig(a.major, b.major) ||
    cmpBig(a.minor, b.minor) ||
    cmpBig(a.patch, b.patch) ||
    comparePrerelease(a.pre, b.pre)
  );
}

interface Term {
  op: string;
  v: Version;
  /** which parts were wildcards or missing: 0 = none, 1 = patch, 2 = minor, 3 = major */
  dirty: 0 | 1 | 2 | 3;
  pre: boolean;
}

const TERM_RE =
  /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*(v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?)\s*$/;

function isWild(s: string | undefined): boolean {
  return s === undefined || s === 'x' || s === 'X' || s === '*';
}

function parseTerm(text: string): Term | undefined {
  const m = TERM_RE.exec(text);
  if (!m) return undefined;
  const major = m[3]!;
  const minor = m[4]?.slice(1);
  const patch = m[5]?.slice(1);
  for (const p of [major, minor, patch])
    if (p !== undefined && !isWild(p) && !/^[0-9]+$/.test(p)) return undefined;
  let dirty: Term['dirty'] = 0;
  if (isWild(major)) dirty = 3;
  else if (isWild(minor)) dirty = 2;
  else if (isWild(patch)) dirty = 1;
  const num = (s: string | undefined) => (isWild(s) ? 0n : BigInt(s!));
  const v: Version = {
    major: num(major),
    minor: dirty >= 2 ? 0n : num(minor),
    patch: dirty >= 1 ? 0n : num(patch),
    pre: m[6] ?? '',
    metadata: m[7] ?? '',
    original: m[2]!,
  };
  return { op: m[1] ?? '', v, dirty, pre: v.pre !== '' };
}

export type Constraint = Term[][];

/** semver.NewConstraint; undefined when the text does not parse. */
export function parseConstraint(text: string): Constraint | undefined {
  const groups: Constraint = [];
  for (const orPart of text.split('||')) {
    const terms: Term[] = [];
    // a hyphen range "1.2 - 1.4" is ">= 1.2, <= 1.4"
    const expanded = orPart.replace(
      /\s*(v?[0-9xX*]+(?:\.[0-9xX*]+)*(?:-[0-9A-Za-z.-]+)?)\s+-\s+(v?[0-9xX*]+(?:\.[0-9xX*]+)*(?:-[0-9A-Za-z.-]+)?)\s*/g,
      ' >= $1, <= $2 ',
    );
    // operators may be separated from their version by spaces; items by commas or spaces
    const normalized = expanded.replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, '$1');
    const items = normalized
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (items.length === 0) return undefined;
    for (const item of items) {
      const t = parseTerm(item);
      if (!t) return undefined;
      terms.push(t);
    }
    groups.push(terms);
  }
  return groups;
}

function termCheck(t: Term, v: Version): boolean {
  // a prerelease version only matches a constraint that names a prerelease
  if (v.pre !== '' && !t.pre) return false;
  const c = t.v;
  const cmp = compareVersions(v, c);
  switch (t.op) {
    case '':
    case '=':
      if (t.dirty === 3) return true;
      if (t.dirty === 2) return v.major === c.major;
      if (t.dirty === 1) return v.major === c.major && v.minor === c.minor;
      return cmp === 0;
    case '!=':
      if (t.dirty === 3) return false;
      if (t.dirty === 2) return v.major !== c.major;
      if (t.dirty === 1) return !(v.major === c.major && v.minor === c.minor);
      return cmp !== 0;
    case '>':
      if (t.dirty === 3) return false;
      if (t.dirty === 2) return v.major > c.major;
      if (t.dirty === 1) return v.major > c.major || (v.major === c.major && v.minor > c.minor);
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (t.dirty === 3) return true;
      if (t.dirty === 2) return v.major <= c.major;
      if (t.dirty === 1) return v.major < c.major || (v.major === c.major && v.minor <= c.minor);
      return cmp <= 0;
    case '~':
    case '~>':
      if (cmp < 0) return false;
      if (t.dirty === 3) return true;
      if (v.major !== c.major) return false;
      if (t.dirty === 2) return true;
      return v.minor === c.minor;
    case '^':
      if (cmp < 0) return false;
      if (t.dirty === 3) return true;
      if (c.major > 0n || t.dirty === 2) return v.major === c.major;
      if (c.minor > 0n || t.dirty === 1) return v.major === 0n && v.minor === c.minor;
      return v.major === 0n && v.minor === 0n && v.patch === c.patch;
  }
  return false;
}

export function constraintCheck(c: Constraint, v: Version): boolean {
  return c.some((group) => group.every((t) => termCheck(t, v)));
}

/** chartutil.IsCompatibleRange: false when either side does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const v = parseVersion(version);
  const c = parseConstraint(constraint);
  if (!v || !c) return false;
  return constraintCheck(c, v);
}
