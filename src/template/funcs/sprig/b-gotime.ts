/**
 * Go's time package as Sprig's date functions use it: time.Time as a GoObject (instant +
 * location), Go reference-time layouts for Format and Parse, time.Duration parsing and printing,
 * and locations (UTC, Local, IANA names through Intl, fixed offsets). The clock is injectable.
 */
import { readFileSync } from 'node:fs';
import { GO, type GoObject, intValue, TypedInt } from '../../value.ts';
import { FuncError } from '../types.ts';

// --- Clock -------------------------------------------------------------------------------

let clock: () => bigint = () => BigInt(Date.now()) * 1_000_000n;

/** Replaces what `now` returns (unix nanoseconds); pass undefined to restore the real clock. */
export function setNowForTesting(nowNanos: (() => bigint) | undefined): void {
  clock = nowNanos ?? (() => BigInt(Date.now()) * 1_000_000n);
}

export function nowNanos(): bigint {
  return clock();
}

// --- Locations ---------------------------------------------------------------------------

export interface Location {
  /** What Location.String() prints: "UTC", "Local", "America/New_York", or a fixed zone's name. */
  name: string;
  /** Offset east of UTC in seconds and zone abbreviation in effect at a unix second. */
  lookup(unixSec: number): { offset: number; abbr: string };
}

export const UTC: Location = { name: 'UTC', lookup: () => ({ offset: 0, abbr: 'UTC' }) };

export function fixedZone(name: string, offset: number): Location {
  return { name, lookup: () => ({ offset, abbr: name }) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function intlLookup(zone: string, unixSec: number): { offset: number; abbr: string } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
      timeZoneName: 'short',
    });
    formatters.set(zone, f);
  }
  // Intl covers +-8.64e15 ms; clamp so far-off instants still get some offset
  const ms = Math.max(-8.64e15, Math.min(8.64e15, unixSec * 1000));
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const local =
    civilToDays(year, Number(parts.month), Number(parts.day)) * 86400 +
    Number(parts.hour) * 3600 +
    Number(parts.minute) * 60 +
    Number(parts.second);
  const offset = local - Math.floor(ms / 1000);
  return { offset, abbr: zoneAbbr(zone, ms, parts.timeZoneName ?? '', offset) };
}

/**
 * Go prints the abbreviations of the system tzdata ("CET", "JST", or "+04" where tzdata has no
 * name). Intl cannot tell those apart, so read them from the same TZif file Go would load and
 * pick the abbreviation of the latest transition with the offset Intl reports; without the file,
 * fall back to Intl's en-US name or Go's numeric form.
 */
function zoneAbbr(zone: string, ms: number, usName: string, offset: number): string {
  const tzif = readTzif(zone);
  if (tzif) {
    const sec = Math.floor(ms / 1000);
    let found: string | undefined;
    for (let i = 0; i < tzif.times.length && tzif.times[i]! <= sec; i++) {
      const info = tzif.infos[tzif.idx[i]!]!;
      if (info.offset === offset) found = info.abbr;
    }
    found ??= [...tzif.infos].reverse().find((i) => i.offset === offset)?.abbr;
    if (found) return found;
  }
  if (!/^GMT([+-]|$)/.test(usName)) return usName;
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = Math.floor((a % 3600) / 60);
  return `${offset < 0 ? '-' : '+'}${hh}${mm ? String(mm).padStart(2, '0') : ''}`;
}

interface Tzif {
  times: number[];
  idx: number[];
  infos: { offset: number; abbr: string }[];
}

const tzifCache = new Map<string, Tzif | undefined>();

/** The v1 (32-bit) body of /usr/share/zoneinfo/NAME: transitions, their types, abbreviations. */
function readTzif(zone: string): Tzif | undefined {
  if (tzifCache.has(zone)) return tzifCache.get(zone);
  let out: Tzif | undefined;
  try {
    const dir = process.env.ZONEINFO || '/usr/share/zoneinfo';
    const b = readFileSync(`${dir}/${zone}`);
    if (b.toString('latin1', 0, 4) === 'TZif') {
      // header counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
      const [timecnt, typecnt, charcnt] = [32, 36, 40].map((o) => b.readUInt32BE(o)) as [
        number,
        number,
        number,
      ];
      let p = 44;
      const times = Array.from({ length: timecnt }, (_, i) => b.readInt32BE(p + 4 * i));
      p += 4 * timecnt;
      const idx = Array.from({ length: timecnt }, (_, i) => b[p + i]!);
      p += timecnt;
      const raw = Array.from({ length: typecnt }, (_, i) => ({
        offset: b.readInt32BE(p + 6 * i),
        abbrAt: b[p + 6 * i + 5]!,
      }));
      p += 6 * typecnt;
      const chars = b.toString('latin1', p, p + charcnt);
      const infos = raw.map((r) => ({
        offset: r.offset,
        abbr: chars.slice(r.abbrAt, chars.indexOf('\0', r.abbrAt)),
      }));
      out = { times, idx, infos };
    }
  } catch {
    out = undefined;
  }
  tzifCache.set(zone, out);
  return out;
}

function systemZone(): string {
  return process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Go names Local "UTC" when TZ selects UTC (or nothing loadable), "Local" otherwise. */
export const Local: Location = {
  get name() {
    const z = systemZone();
    return z === 'UTC' || z === 'Etc/UTC' ? 'UTC' : 'Local';
  },
  lookup: (sec) => {
    const z = systemZone();
    return z === 'UTC' || z === 'Etc/UTC' ? { offset: 0, abbr: 'UTC' } : intlLookup(z, sec);
  },
};

/** time.LoadLocation; undefined when Go would fail (unknown or non-canonically spelled name). */
export function loadLocation(name: string): Location | undefined {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return Local;
  if (/^[+-]/.test(name) || name.includes('..')) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    // Go looks names up as file paths: case matters
    if (resolved.toLowerCase() === name.toLowerCase() && resolved !== name) return undefined;
  } catch {
    return undefined;
  }
  return { name, lookup: (sec) => intlLookup(name, sec) };
}

// --- Calendar ----------------------------------------------------------------------------

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12; out-of-range normalizes). */
export function civilToDays(y: number, m: number, d: number): number {
  y += Math.floor((m - 1) / 12);
  m = ((((m - 1) % 12) + 12) % 12) + 1;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysToCivil(z: number): { year: number; month: number; day: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (m: number, y: number) =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// --- time.Time ---------------------------------------------------------------------------

const TIME = Symbol('time.Time');

export interface GoTime extends GoObject {
  readonly [TIME]: { sec: number; nsec: number; loc: Location };
}

export function isGoTime(v: unknown): v is GoTime {
  return typeof v === 'object' && v !== null && TIME in v;
}

/** The fields Go's formatting needs, in the time's own location. */
function civil(t: GoTime) {
  const { sec, nsec, loc } = t[TIME];
  const { offset, abbr } = loc.lookup(sec);
  const local = sec + offset;
  const days = Math.floor(local / 86400);
  const secOfDay = local - days * 86400;
  const { year, month, day } = daysToCivil(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    nsec,
    weekday: (((days + 4) % 7) + 7) % 7,
    yday: days - civilToDays(year, 1, 1) + 1,
    offset,
    abbr,
  };
}

/** A time.Time at unix seconds + nanoseconds, shown in `loc`. */
export function goTime(sec: number, nsec: number, loc: Location): GoTime {
  const t = { [TIME]: { sec, nsec, loc } } as { [TIME]: { sec: number; nsec: number; loc: Location } };
  const self = t as unknown as GoTime;
  const other = (o: unknown): GoTime => {
    if (isGoTime(o)) return o;
    throw new FuncError(`wrong type for value; expected time.Time; got ${typeName(o)}`);
  };
  const nanos = () => BigInt(sec) * 1_000_000_000n + BigInt(nsec);
  const methods: Record<string, (...a: unknown[]) => unknown> = {
    String: () => formatTime(self, '2006-01-02 15:04:05.999999999 -0700 MST'),
    Format: (layout) => formatTime(self, String(layout)),
    Unix: () => new TypedInt('int64', BigInt(sec)),
    UnixMilli: () => new TypedInt('int64', nanos() / 1_000_000n),
    UnixMicro: () => new TypedInt('int64', nanos() / 1_000n),
    UnixNano: () => new TypedInt('int64', nanos()),
    Year: () => BigInt(civil(self).year),
    Month: () => goEnum('time.Month', civil(self).month, MONTHS[civil(self).month - 1]!),
    Day: () => BigInt(civil(self).day),
    Hour: () => BigInt(civil(self).hour),
    Minute: () => BigInt(civil(self).minute),
    Second: () => BigInt(civil(self).second),
    Nanosecond: () => BigInt(nsec),
    YearDay: () => BigInt(civil(self).yday),
    Weekday: () => goEnum('time.Weekday', civil(self).weekday, DAYS[civil(self).weekday]!),
    UTC: () => goTime(sec, nsec, UTC),
    Local: () => goTime(sec, nsec, Local),
    Location: () => locationObject(loc),
    IsZero: () => sec === ZERO_UNIX && nsec === 0,
    Add: (d) => addNanos(self, durationNanos(d)),
    AddDate: (y, m, d) => {
      const c = civil(self);
      const days = civilToDays(c.year + Number(y), c.month + Number(m), c.day + Number(d));
      const local = days * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
      return goTime(local - loc.lookup(local - c.offset).offset, nsec, loc);
    },
    Sub: (u) => durationObject(nanos() - timeNanos(other(u))),
    Before: (u) => nanos() < timeNanos(other(u)),
    After: (u) => nanos() > timeNanos(other(u)),
    Equal: (u) => nanos() === timeNanos(other(u)),
    Compare: (u) => {
      const a = nanos();
      const b = timeNanos(other(u));
      return BigInt(a < b ? -1 : a > b ? 1 : 0);
    },
  };
  Object.defineProperty(t, GO, {
    value: {
      type: 'time.Time',
      kind: 'struct',
      field: () => ({ found: false }),
      method: (name: string) => methods[name],
      string: methods.String,
    },
  });
  return self;
}

/** Unix second of Go's zero Time (January 1, year 1, 00:00:00 UTC). */
export const ZERO_UNIX = -62135596800;

export function zeroTime(): GoTime {
  return goTime(ZERO_UNIX, 0, UTC);
}

export function timeNanos(t: GoTime): bigint {
  return BigInt(t[TIME].sec) * 1_000_000_000n + BigInt(t[TIME].nsec);
}

export function timeLocation(t: GoTime): Location {
  return t[TIME].loc;
}

export function inLocation(t: GoTime, loc: Location): GoTime {
  return goTime(t[TIME].sec, t[TIME].nsec, loc);
}

export function fromNanos(n: bigint, loc: Location): GoTime {
  const sec = n / 1_000_000_000n - (n % 1_000_000_000n < 0n ? 1n : 0n);
  return goTime(Number(sec), Number(n - sec * 1_000_000_000n), loc);
}

export function addNanos(t: GoTime, d: bigint): GoTime {
  return fromNanos(timeNanos(t) + d, t[TIME].loc);
}

function durationNanos(d: unknown): bigint {
  const i = intValue(d) ?? (isDuration(d) ? d[DURATION] : undefined);
  if (i === undefined)
    throw new FuncError(`wrong type for value; expected time.Duration; got ${typeName(d)}`);
  return i;
}

function typeName(o: unknown): string {
  if (o === null || o === undefined) return '<nil>';
  if (typeof o === 'object' && GO in o) return (o as GoObject)[GO].type;
  return typeof o === 'bigint' ? 'int' : typeof o === 'number' ? 'float64' : typeof o;
}

function goEnum(type: string, n: number, name: string): GoObject {
  return { [GO]: { type, kind: 'int', string: () => name, isZero: () => n === 0 } };
}

function locationObject(loc: Location): GoObject {
  return { [GO]: { type: '*time.Location', kind: 'ptr', string: () => loc.name } };
}

// --- Durations ---------------------------------------------------------------------------

const DURATION = Symbol('time.Duration');
type DurationObject = GoObject & { [DURATION]: bigint };

function isDuration(v: unknown): v is DurationObject {
  return typeof v === 'object' && v !== null && DURATION in v;
}

export function durationObject(n: bigint): GoObject {
  const d = BigInt.asIntN(64, n);
  return {
    [DURATION]: d,
    [GO]: {
      type: 'time.Duration',
      kind: 'int64',
      string: () => formatDuration(d),
      isZero: () => d === 0n,
      method: (name) => (name === 'String' ? () => formatDuration(d) : undefined),
    },
  } as DurationObject;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** time.ParseDuration; errors carry Go's text. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const q = goQuoteString(orig);
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw new FuncError(`time: invalid duration ${q}`);
  let total = 0n;
  const limit = 1n << 63n;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [all, intPart = '', fracPart] = num;
    if (intPart === '' && (fracPart === undefined || fracPart === '')) {
      throw new FuncError(`time: invalid duration ${q}`);
    }
    s = s.slice(all.length);
    const unitMatch = /^[^\d.]*/.exec(s)![0];
    if (unitMatch === '') throw new FuncError(`time: missing unit in duration ${q}`);
    const unit = UNITS[unitMatch];
    if (unit === undefined)
      throw new FuncError(`time: unknown unit ${goQuoteString(unitMatch)} in duration ${q}`);
    s = s.slice(unitMatch.length);
    const v = BigInt(intPart || '0');
    if (v > limit / unit) throw new FuncError(`time: invalid duration ${q}`);
    let part = v * unit;
    if (fracPart) {
      // Go truncates the fraction toward zero at nanosecond precision
      part += (BigInt(fracPart) * unit) / 10n ** BigInt(fracPart.length);
    }
    total += part;
    if (total > limit) throw new FuncError(`time: invalid duration ${q}`);
  }
  if (!neg && total > limit - 1n) throw new FuncError(`time: invalid duration ${q}`);
  return neg ? -total : total;
}

/** Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export function formatDuration(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    const [unit, prec] = u < 1_000n ? ['ns', 0] : u < 1_000_000n ? ['µs', 3] : ['ms', 6];
    out = fraction(u, prec) + unit;
  } else {
    out = `${fraction(u % 60_000_000_000n, 9)}s`;
    u /= 60_000_000_000n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** v / 10^prec with the fraction's trailing zeros (and a bare point) dropped. */
function fraction(v: bigint, prec: number): string {
  const p = 10n ** BigInt(prec);
  const frac = prec > 0 ? (v % p).toString().padStart(prec, '0').replace(/0+$/, '') : '';
  return `${v / p}${frac ? `.${frac}` : ''}`;
}

export function goQuoteString(s: string): string {
  return `"${s.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

// --- Layouts -----------------------------------------------------------------------------

type Chunk =
  | { kind: 'lit'; text: string }
  | { kind: 'std'; std: string; text: string; digits?: number; sep?: string };

/** Splits a Go layout into literals and reference-time elements, as time's nextStdChunk does. */
function layoutChunks(layout: string): Chunk[] {
  const out: Chunk[] = [];
  let lit = '';
  const push = (std: string, text: string, extra: Partial<Chunk> = {}) => {
    if (lit) out.push({ kind: 'lit', text: lit });
    lit = '';
    out.push({ kind: 'std', std, text, ...extra } as Chunk);
  };
  let i = 0;
  const at = (s: string) => layout.startsWith(s, i);
  while (i < layout.length) {
    const c = layout[i]!;
    let m: string | undefined;
    if (c === 'J' && at('January')) m = 'January';
    else if (c === 'J' && at('Jan')) m = 'Jan';
    else if (c === 'M' && at('Monday')) m = 'Monday';
    else if (c === 'M' && at('Mon')) m = 'Mon';
    else if (c === 'M' && at('MST')) m = 'MST';
    else if (c === '0' && at('002')) m = '002';
    else if (c === '0' && /^[1-6]$/.test(layout[i + 1] ?? '')) m = layout.slice(i, i + 2);
    else if (c === '1' && at('15')) m = '15';
    else if (c === '1') m = '1';
    else if (c === '2' && at('2006')) m = '2006';
    else if (c === '2') m = '2';
    else if (c === '_' && at('_2006')) {
      // "_2006" is a literal underscore followed by the year
      lit += '_';
      i++;
      continue;
    } else if (c === '_' && at('_2')) m = '_2';
    else if (c === '_' && at('__2')) m = '__2';
    else if (c === '3' || c === '4' || c === '5') m = c;
    else if (c === 'P' && at('PM')) m = 'PM';
    else if (c === 'p' && at('pm')) m = 'pm';
    else if (c === '-' || c === 'Z') {
      for (const z of ['070000', '07:00:00', '0700', '07:00', '07']) {
        if (layout.startsWith(z, i + 1)) {
          m = c + z;
          break;
        }
      }
    } else if ((c === '.' || c === ',') && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
      const ch = layout[i + 1]!;
      let j = i + 1;
      while (layout[j] === ch) j++;
      if (!/[0-9]/.test(layout[j] ?? '')) {
        push(ch === '0' ? '.0' : '.9', layout.slice(i, j), { digits: j - i - 1, sep: c });
        i = j;
        continue;
      }
    }
    if (m !== undefined) {
      push(m, m);
      i += m.length;
    } else {
      lit += c;
      i++;
    }
  }
  if (lit) out.push({ kind: 'lit', text: lit });
  return out;
}

const pad = (n: number, w: number) =>
  n < 0 ? `-${String(-n).padStart(w, '0')}` : String(n).padStart(w, '0');

/** Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const c = civil(t);
  let out = '';
  for (const ch of layoutChunks(layout)) {
    if (ch.kind === 'lit') {
      out += ch.text;
      continue;
    }
    const h12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
    switch (ch.std) {
      case '2006':
        out += pad(c.year, 4);
        break;
      case '06':
        out += pad(((c.year % 100) + 100) % 100, 2);
        break;
      case 'January':
        out += MONTHS[c.month - 1];
        break;
      case 'Jan':
        out += MONTHS[c.month - 1]!.slice(0, 3);
        break;
      case '1':
        out += c.month;
        break;
      case '01':
        out += pad(c.month, 2);
        break;
      case 'Monday':
        out += DAYS[c.weekday];
        break;
      case 'Mon':
        out += DAYS[c.weekday]!.slice(0, 3);
        break;
      case '2':
        out += c.day;
        break;
      case '_2':
        out += String(c.day).padStart(2, ' ');
        break;
      case '02':
        out += pad(c.day, 2);
        break;
      case '__2':
        out += String(c.yday).padStart(3, ' ');
        break;
      case '002':
        out += pad(c.yday, 3);
        break;
      case '15':
        out += pad(c.hour, 2);
        break;
      case '3':
        out += h12;
        break;
      case '03':
        out += pad(h12, 2);
        break;
      case '4':
        out += c.minute;
        break;
      case '04':
        out += pad(c.minute, 2);
        break;
      case '5':
        out += c.second;
        break;
      case '05':
        out += pad(c.second, 2);
        break;
      case 'PM':
        out += c.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += c.hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        out += c.abbr || numericZone(c.offset, '-0700');
        break;
      case '.0':
      case '.9': {
        const digits = String(c.nsec).padStart(9, '0').slice(0, ch.digits);
        if (ch.std === '.0') out += ch.sep + digits;
        else {
          const trimmed = digits.replace(/0+$/, '');
          if (trimmed) out += ch.sep + trimmed;
        }
        break;
      }
      default:
        // numeric zones; the Z forms print "Z" for UTC
        if (ch.std[0] === 'Z' && c.offset === 0) out += 'Z';
        else out += numericZone(c.offset, ch.std);
    }
  }
  return out;
}

function numericZone(offset: number, std: string): string {
  const form = std.slice(1);
  const a = Math.abs(offset);
  let s = (offset < 0 ? '-' : '+') + pad(Math.floor(a / 3600), 2);
  if (form === '07') return s;
  const colon = form.includes(':') ? ':' : '';
  s += colon + pad(Math.floor((a % 3600) / 60), 2);
  if (form === '070000' || form === '07:00:00') s += colon + pad(a % 60, 2);
  return s;
}

// --- Parsing -----------------------------------------------------------------------------

/** time.ParseInLocation for the common layout elements, with Go's error texts. */
export function parseTime(layout: string, value: string, loc: Location): GoTime {
  const q = goQuoteString;
  const fail = (layoutElem: string, valueElem: string) =>
    new FuncError(
      `parsing time ${q(value)} as ${q(layout)}: cannot parse ${q(valueElem)} as ${q(layoutElem)}`,
    );
  const rangeFail = (what: string) => new FuncError(`parsing time ${q(value)}: ${what} out of range`);
  let v = value;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let pm: boolean | undefined;
  let zoneOffset: number | undefined;
  let zoneName: string | undefined;
  const num = (fixed: boolean, std: string): number => {
    const m = /^\d\d?/.exec(v);
    if (!m || (fixed && m[0].length < 2)) throw fail(std, v);
    v = v.slice(m[0].length);
    return Number(m[0]);
  };
  const chunks = layoutChunks(layout);
  for (let ci = 0; ci < chunks.length; ci++) {
    const ch = chunks[ci]!;
    if (ch.kind === 'lit') {
      // Go skips runs of spaces in both layout and value
      let l = ch.text;
      while (l.length > 0) {
        if (l[0] === ' ') {
          if (v.length > 0 && v[0] !== ' ') throw fail(ch.text, v);
          l = l.replace(/^ +/, '');
          v = v.replace(/^ +/, '');
          continue;
        }
        if (v[0] !== l[0]) throw fail(ch.text, v);
        l = l.slice(1);
        v = v.slice(1);
      }
      continue;
    }
    const std = ch.std;
    switch (std) {
      case '2006': {
        if (v.length < 4 || !/^\d{4}/.test(v)) throw fail(std, v);
        year = Number(v.slice(0, 4));
        v = v.slice(4);
        break;
      }
      case '06': {
        if (!/^\d\d/.test(v)) throw fail(std, v);
        const y = Number(v.slice(0, 2));
        year = y >= 69 ? 1900 + y : 2000 + y;
        v = v.slice(2);
        break;
      }
      case 'January':
      case 'Jan': {
        const names = std === 'Jan' ? MONTHS.map((n) => n.slice(0, 3)) : MONTHS;
        const i = names.findIndex((n) => v.slice(0, n.length).toLowerCase() === n.toLowerCase());
        if (i < 0) throw fail(std, v);
        month = i + 1;
        v = v.slice(names[i]!.length);
        break;
      }
      case 'Monday':
      case 'Mon': {
        const names = std === 'Mon' ? DAYS.map((n) => n.slice(0, 3)) : DAYS;
        const i = names.findIndex((n) => v.slice(0, n.length).toLowerCase() === n.toLowerCase());
        if (i < 0) throw fail(std, v);
        v = v.slice(names[i]!.length);
        break;
      }
      case '1':
      case '01':
        month = num(std === '01', std);
        if (month < 1 || month > 12) throw rangeFail('month');
        break;
      case '2':
      case '_2':
      case '02':
        if (std === '_2' && v[0] === ' ') v = v.slice(1);
        day = num(std === '02', std);
        break;
      case '__2':
      case '002': {
        const m = /^[ \d]{0,2}\d/.exec(v);
        if (!m) throw fail(std, v);
        yday = Number(m[0].trim());
        v = v.slice(m[0].length);
        break;
      }
      case '15':
        hour = num(false, std);
        if (hour >= 24) throw rangeFail('hour');
        break;
      case '3':
      case '03':
        hour = num(std === '03', std);
        if (hour > 12) throw rangeFail('hour');
        break;
      case '4':
      case '04':
        min = num(std === '04', std);
        if (min >= 60) throw rangeFail('minute');
        break;
      case '5':
      case '05': {
        sec = num(std === '05', std);
        if (sec >= 60) throw rangeFail('second');
        // Go accepts a fractional second here even when the layout has none
        const next = chunks[ci + 1];
        const frac = /^[.,]\d+/.exec(v);
        if (frac && !(next?.kind === 'std' && (next.std === '.0' || next.std === '.9'))) {
          nsec = fracNanos(frac[0].slice(1));
          v = v.slice(frac[0].length);
        }
        break;
      }
      case 'PM':
      case 'pm': {
        const s = v.slice(0, 2);
        const up = s.toUpperCase();
        if (std === 'PM' ? s !== 'PM' && s !== 'AM' : s !== 'pm' && s !== 'am') throw fail(std, v);
        pm = up === 'PM';
        v = v.slice(2);
        break;
      }
      case 'MST': {
        const m = /^(UTC|GMT[+-]\d{1,2}|[A-Z]{3,5}T?|[A-Z]{3})/.exec(v);
        if (!m) throw fail(std, v);
        zoneName = m[0];
        v = v.slice(m[0].length);
        break;
      }
      case '.0':
      case '.9': {
        if (std === '.0') {
          const m = new RegExp(`^[.,]\\d{${ch.digits}}`).exec(v);
          if (!m) throw fail(ch.text, v);
          nsec = fracNanos(m[0].slice(1));
          v = v.slice(m[0].length);
        } else {
          const m = /^[.,]\d+/.exec(v);
          if (m) {
            nsec = fracNanos(m[0].slice(1));
            v = v.slice(m[0].length);
          }
        }
        break;
      }
      default: {
        if (std[0] === 'Z' && v[0] === 'Z') {
          v = v.slice(1);
          zoneOffset = 0;
          zoneName = 'UTC';
          break;
        }
        const form = std.slice(1);
        const pattern: Record<string, RegExp> = {
          '070000': /^[+-]\d{6}/,
          '07:00:00': /^[+-]\d\d:\d\d:\d\d/,
          '0700': /^[+-]\d{4}/,
          '07:00': /^[+-]\d\d:\d\d/,
          '07': /^[+-]\d\d/,
        };
        const m = pattern[form]!.exec(v);
        if (!m) throw fail(std, v);
        const digits = m[0].slice(1).replaceAll(':', '');
        const off =
          Number(digits.slice(0, 2)) * 3600 +
          Number(digits.slice(2, 4) || 0) * 60 +
          Number(digits.slice(4, 6) || 0);
        zoneOffset = m[0][0] === '-' ? -off : off;
        v = v.slice(m[0].length);
      }
    }
  }
  if (v.length > 0) throw new FuncError(`parsing time ${q(value)}: extra text: ${q(v)}`);
  if (pm === true && hour < 12) hour += 12;
  else if (pm === false && hour === 12) hour = 0;
  if (yday >= 0) {
    if (yday < 1 || yday > (isLeap(year) ? 366 : 365)) throw rangeFail('day-of-year');
    if (month < 0) {
      const d = daysToCivil(civilToDays(year, 1, 1) + yday - 1);
      month = d.month;
      day = d.day;
    }
  }
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  if (day < 1 || day > daysIn(month, year)) throw rangeFail('day');
  const local = civilToDays(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
  if (zoneOffset !== undefined) {
    const unix = local - zoneOffset;
    // Go reuses the location when its offset at that instant agrees
    if (loc.lookup(unix).offset === zoneOffset) return goTime(unix, nsec, loc);
    if (zoneOffset === 0 && zoneName === 'UTC') return goTime(unix, nsec, UTC);
    return goTime(unix, nsec, fixedZone('', zoneOffset));
  }
  if (zoneName !== undefined) {
    const guess = loc.lookup(local - loc.lookup(local).offset);
    if (guess.abbr === zoneName) return goTime(local - guess.offset, nsec, loc);
    if (zoneName === 'UTC') return goTime(local, nsec, UTC);
    const gmt = /^GMT([+-]\d{1,2})$/.exec(zoneName);
    if (gmt) {
      const off = Number(gmt[1]) * 3600;
      return goTime(local - off, nsec, fixedZone(zoneName, off));
    }
    return goTime(local, nsec, fixedZone(zoneName, 0));
  }
  // no zone in the value: a wall-clock time in loc
  let unix = local - loc.lookup(local).offset;
  unix = local - loc.lookup(unix).offset;
  return goTime(unix, nsec, loc);
}

function fracNanos(digits: string): number {
  return Number(digits.slice(0, 9).padEnd(9, '0'));
}
