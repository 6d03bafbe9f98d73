/**
 * Masterminds/semver v3.4 as Helm 4.1 links it: NewVersion (coercing, so "v1", "1.2" and
 * leading zeros parse), Compare, and constraint strings with their quirks (`x`/`*` wildcards
 * make a constraint "dirty"; a prerelease in any part of an `||` branch lets prereleases match
 * that branch; `a - b` ranges are rewritten to `>= a, <= b`). Error texts are the library's.
 */
import { FuncError } from '../types.ts';

export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

// Go's `\s` is ASCII-only; JS's is wider, so spell it out
const WS = '[\\t\\n\\f\\r ]';
const LOOSE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const CV =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
// alternation order matters: matching is leftmost-first in Go and JS alike
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CONSTRAINT = new RegExp(`^${WS}*(${OPS})${WS}*(${CV})${WS}*$`);
const RANGE = new RegExp(`${WS}*(${CV})${WS}+-${WS}+(${CV})${WS}*`, 'g');
const FIND = new RegExp(`(${OPS})${WS}*(${CV})`, 'g');
const VALID = new RegExp(
  `^(${WS}*(${OPS})${WS}*(${CV})${WS}*)((?:${WS}+|,${WS}*)(${OPS})${WS}*(${CV})${WS}*)*$`,
);

const UINT64_MAX = 0xffffffffffffffffn;
const ALLOWED = /^[0-9A-Za-z-]*$/;

function parseSegment(s: string): bigint {
  const n = BigInt(s);
  if (n > UINT64_MAX) {
    throw new FuncError(
      `error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`,
    );
  }
  return n;
}

function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (part === '') throw new FuncError('invalid prerelease string');
    if (/^[0-9]+$/.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new FuncError('version segment starts with 0');
    } else if (!ALLOWED.test(part)) throw new FuncError('invalid prerelease string');
  }
}

function validateMetadata(m: string): void {
  for (const part of m.split('.')) {
    if (part === '' || !ALLOWED.test(part)) throw new FuncError('invalid metadata string');
  }
}

/** semver.NewVersion with CoerceNewVersion on (the v3.4 default). */
export function parseVersion(v: string): Version {
  const m = LOOSE.exec(v);
  if (!m) throw new FuncError('invalid semantic version');
  const version: Version = {
    major: parseSegment(m[1]!),
    minor: m[2] ? parseSegment(m[2].slice(1)) : 0n,
    patch: m[3] ? parseSegment(m[3].slice(1)) : 0n,
    pre: m[5] ?? '',
    metadata: m[8] ?? '',
    original: v,
  };
  if (version.pre) validatePrerelease(version.pre);
  if (version.metadata) validateMetadata(version.metadata);
  return version;
}

export function versionString(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** Version.Compare: metadata is ignored; a release sorts after its prereleases. */
export function compareVersions(a: Version, b: Version): number {
  const d = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (d !== 0) return d;
  if (a.pre === '' && b.pre === '') return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}

function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function asUint(s: string): bigint | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n > UINT64_MAX ? undefined : n;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const si = asUint(s);
  const oi = asUint(o);
  if (si === undefined && oi === undefined) return s > o ? 1 : -1;
  if (oi === undefined) return -1;
  if (si === undefined) return 1;
  return si > oi ? 1 : -1;
}

interface Constraint {
  con: Version;
  orig: string;
  op: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

export interface Constraints {
  branches: Constraint[][];
  containsPre: boolean[];
}

const isX = (s: string) => s === 'x' || s === '*' || s === 'X';

function parseConstraint(c: string): Constraint {
  if (c.length === 0) {
    const zero: Version = { major: 0n, minor: 0n, patch: 0n, pre: '', metadata: '', original: '0.0.0' };
    return { con: zero, orig: c, op: '', dirty: true, minorDirty: false, patchDirty: false };
  }
  const m = CONSTRAINT.exec(c);
  if (!m) throw new FuncError(`improper constraint: ${c}`);
  const [, op, orig, major, minor = '', patch = '', pre = ''] = m as unknown as string[];
  let ver = orig!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major!) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    minorDirty = dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    patchDirty = dirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  let con: Version;
  try {
    con = parseVersion(ver);
  } catch {
    throw new FuncError('constraint parser error');
  }
  return { con, orig: orig!, op: op!, dirty, minorDirty, patchDirty };
}

/** semver.NewConstraint. */
export function parseConstraints(text: string): Constraints {
  let c = text;
  for (const m of text.matchAll(RANGE)) c = c.replace(m[0], `>= ${m[1]}, <= ${m[11]} `);
  const branches: Constraint[][] = [];
  const containsPre: boolean[] = [];
  for (const part of c.split('||')) {
    if (!VALID.test(part)) throw new FuncError(`improper constraint: ${part}`);
    const found = [...part.matchAll(FIND)].map((m) => m[0]);
    const parsed = (found.length > 0 ? found : [part]).map(parseConstraint);
    branches.push(parsed);
    containsPre.push(parsed.some((p) => p.con.pre !== ''));
  }
  return { branches, containsPre };
}

/** Constraints.Check. */
export function checkConstraints(cs: Constraints, v: Version): boolean {
  return cs.branches.some((branch, i) => branch.every((c) => checkOne(c, v, cs.containsPre[i]!)));
}

function checkOne(c: Constraint, v: Version, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  const d = compareVersions(v, c.con);
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(c, v) : d === 0;
    case '!=':
      return notEqual(c, v);
    case '>':
      if (!c.dirty) return d === 1;
      if (v.major !== c.con.major) return v.major > c.con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return d === 1;
    case '<':
      return d < 0;
    case '>=':
    case '=>':
      return d >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return d <= 0;
      if (v.major > c.con.major) return false;
      return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde(c, v);
    case '^':
      return caret(c, v);
  }
  return false;
}

function notEqual(c: Constraint, v: Version): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
      return false;
    }
  }
  return compareVersions(v, c.con) !== 0;
}

function tilde(c: Constraint, v: Version): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  const con = c.con;
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) {
    return true;
  }
  if (v.major !== con.major) return false;
  return v.minor === con.minor || c.minorDirty;
}

function caret(c: Constraint, v: Version): boolean {
  const con = c.con;
  if (compareVersions(v, con) < 0) return false;
  if (con.major > 0n || c.minorDirty) return v.major === con.major;
  if (v.major > 0n) return false;
  if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
  if (v.minor > 0n) return false;
  return con.patch === v.patch;
}
