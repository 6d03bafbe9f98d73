/**
 * go-yaml's implicit typing of plain scalars (resolve.go): which unquoted strings are bools,
 * nulls, ints, floats or timestamps. The encoder uses it to decide what must be quoted, the
 * decoder to type plain scalars. v2 (sigs.k8s.io/yaml, toYaml, values files) is YAML 1.1-ish:
 * `yes`/`on`/`n` are bools there.
 */

export type Resolved =
  | { tag: 'str'; value: string }
  | { tag: 'null'; value: null }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int'; value: bigint; unsigned?: boolean }
  | { tag: 'float'; value: number }
  | { tag: 'merge'; value: string }
  | { tag: 'timestamp'; value: string };

const BOOL_TRUE_V2 = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const BOOL_FALSE_V2 = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];

function buildTable(v2: boolean): Map<string, Resolved> {
  const m = new Map<string, Resolved>();
  const trues = v2 ? BOOL_TRUE_V2 : ['true', 'True', 'TRUE'];
  const falses = v2 ? BOOL_FALSE_V2 : ['false', 'False', 'FALSE'];
  for (const s of trues) m.set(s, { tag: 'bool', value: true });
  for (const s of falses) m.set(s, { tag: 'bool', value: false });
  for (const s of ['', '~', 'null', 'Null', 'NULL']) m.set(s, { tag: 'null', value: null });
  for (const s of ['.nan', '.NaN', '.NAN']) m.set(s, { tag: 'float', value: Number.NaN });
  for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'])
    m.set(s, { tag: 'float', value: Infinity });
  for (const s of ['-.inf', '-.Inf', '-.INF']) m.set(s, { tag: 'float', value: -Infinity });
  m.set('<<', { tag: 'merge', value: '<<' });
  return m;
}

const TABLE_V2 = buildTable(true);
const TABLE_V3 = buildTable(false);

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** The first-character hint go-yaml uses to skip obvious strings. */
function hint(c: string): 'S' | 'D' | 'M' | '.' | undefined {
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseInt/ParseUint(s, 0, 64) digits with base prefix; undefined when invalid. */
function parseGoInt(s: string, allowSign: boolean): bigint | undefined {
  let neg = false;
  let body = s;
  if (allowSign && (body[0] === '+' || body[0] === '-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  let digits: RegExp;
  let prefix = '';
  if (/^0[xX]/.test(body)) {
    prefix = '0x';
    body = body.slice(2);
    digits = /^[0-9a-fA-F]+$/;
  } else if (/^0[bB]/.test(body)) {
    prefix = '0b';
    body = body.slice(2);
    digits = /^[01]+$/;
  } else if (/^0[oO]/.test(body)) {
    prefix = '0o';
    body = body.slice(2);
    digits = /^[0-7]+$/;
  } else if (body.length > 1 && body[0] === '0') {
    prefix = '0o';
    body = body.slice(1);
    digits = /^[0-7]+$/;
  } else digits = /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  const v = BigInt(prefix + body);
  return neg ? -v : v;
}

/** Go's ParseFloat syntax check for the decimal forms go-yaml can reach (no hex, no inf). */
function parseGoFloat(s: string): number | undefined {
  // underscores are accepted by ParseFloat only between digits
  if (!/^[-+]?(?:(?:\d(?:_?\d)*)?\.?(?:\d(?:_?\d)*)?)(?:[eE][-+]?\d(?:_?\d)*)?$/.test(s)) return undefined;
  if (!/\d/.test(s.replace(/[eE].*$/, ''))) return undefined;
  const v = Number(s.replace(/_/g, ''));
  // ParseFloat reports a range error for overflow: go-yaml then treats the text as a string
  if (!Number.isFinite(v)) return undefined;
  return v;
}

/**
 * resolve("", s) for a plain scalar. `v3` selects go-yaml v3's table (only true/false bools;
 * v3 still quotes YAML 1.1 bools when encoding, see isOldBool).
 */
export function resolvePlain(s: string, v3 = false): Resolved {
  const h = s === '' ? 'N' : hint(s[0]!);
  if (h === undefined) return { tag: 'str', value: s };
  const known = (v3 ? TABLE_V3 : TABLE_V2).get(s);
  if (known) return known;
  if (h === 'N' || h === 'M') return { tag: 'str', value: s };
  if (h === '.') {
    const f = parseGoFloat(s);
    return f === undefined ? { tag: 'str', value: s } : { tag: 'float', value: f };
  }
  if (isTimestamp(s)) return { tag: 'timestamp', value: s };
  const plain = s.replace(/_/g, '');
  const i = parseGoInt(plain, true);
  if (i !== undefined && i >= INT64_MIN && i <= INT64_MAX) return { tag: 'int', value: i };
  // ParseUint takes no sign
  if (i !== undefined && i <= UINT64_MAX && plain[0] !== '-' && plain[0] !== '+')
    return { tag: 'int', value: i, unsigned: true };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = parseGoFloat(plain);
    if (f !== undefined) return { tag: 'float', value: f };
  }
  if (plain.startsWith('0b')) {
    const b = /^[01]+$/.test(plain.slice(2)) ? BigInt(plain) : undefined;
    if (b !== undefined && b <= INT64_MAX) return { tag: 'int', value: b };
    if (b !== undefined && b <= UINT64_MAX) return { tag: 'int', value: b, unsigned: true };
  } else if (plain.startsWith('-0b') && /^[01]+$/.test(plain.slice(3))) {
    const b = -BigInt(`0b${plain.slice(3)}`);
    if (b >= INT64_MIN) return { tag: 'int', value: b };
  }
  return { tag: 'str', value: s };
}

/** go-yaml's isBase60Float: YAML 1.1 sexagesimal numbers are quoted on output. */
export function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0]!;
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
}

/** go-yaml v3's isOldBool: YAML 1.1 bools that v3 no longer resolves but still quotes. */
export function isOldBool(s: string): boolean {
  return BOOL_TRUE_V2.includes(s) && !['true', 'True', 'TRUE'].includes(s)
    ? true
    : BOOL_FALSE_V2.includes(s) && !['false', 'False', 'FALSE'].includes(s);
}

// --- Timestamps: go-yaml tries time.Parse with a few layouts -------------------------------

/** Reads 1 or 2 digits (Go's getnum with fixed=false). */
function getNum(s: string, i: number): [number, number] | undefined {
  const d = (k: number) => s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57;
  if (!d(i)) return undefined;
  if (!d(i + 1)) return [s.charCodeAt(i) - 48, i + 1];
  return [(s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48, i + 2];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Whether time.Parse accepts s with one of go-yaml's layouts: "2006-1-2T15:4:5.999999999Z07:00"
 * (T or t), "2006-1-2 15:4:5.999999999", "2006-1-2".
 */
export function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const m = getNum(s, 5);
  if (!m || m[0] < 1 || m[0] > 12 || s[m[1]] !== '-') return false;
  const d = getNum(s, m[1] + 1);
  if (!d || d[0] < 1 || d[0] > daysIn(m[0], year)) return false;
  let i = d[1];
  if (i === s.length) return true;
  const sep = s[i];
  let zone: boolean;
  if (sep === 'T' || sep === 't') {
    zone = true;
    i++;
  } else if (sep === ' ') {
    zone = false;
    // a space in a Go layout matches any run of spaces
    while (s[i] === ' ') i++;
  } else return false;
  const hh = getNum(s, i);
  if (!hh || hh[0] >= 24 || s[hh[1]] !== ':') return false;
  const mm = getNum(s, hh[1] + 1);
  if (!mm || mm[0] >= 60 || s[mm[1]] !== ':') return false;
  const ss = getNum(s, mm[1] + 1);
  if (!ss || ss[0] >= 60) return false;
  i = ss[1];
  if ((s[i] === '.' || s[i] === ',') && /\d/.test(s[i + 1] ?? '')) {
    i++;
    while (/\d/.test(s[i] ?? '')) i++;
  }
  if (!zone) return i === s.length;
  if (s[i] === 'Z') return i + 1 === s.length;
  const tz = /^[+-](\d\d):(\d\d)$/.exec(s.slice(i));
  return tz !== null && Number(tz[1]) <= 24 && Number(tz[2]) <= 60;
}
