/**
 * Sprig's date functions. `date` and friends accept a time.Time or unix seconds as int, int32
 * or int64; any other value (notably a float64 from values.yaml) silently means "now", as in
 * Sprig. Zone names that fail to load fall back to UTC.
 */
import { intValue, TypedInt } from '../../value.ts';
import { def, FuncError, type FuncMap } from '../types.ts';
import {
  addNanos,
  formatDuration,
  formatTime,
  fromNanos,
  type GoTime,
  goTime,
  inLocation,
  isGoTime,
  Local,
  loadLocation,
  nowNanos,
  parseDuration,
  parseTime,
  timeNanos,
  UTC,
} from './b-gotime.ts';

export { setNowForTesting } from './b-gotime.ts';

function now(): GoTime {
  return fromNanos(nowNanos(), Local);
}

/** The time a `date`-style argument stands for. */
function toTime(v: unknown, kinds: readonly string[]): GoTime {
  if (isGoTime(v)) return v;
  const unixKind = typeof v === 'bigint' ? 'int' : v instanceof TypedInt ? v.kind : undefined;
  if (unixKind && kinds.includes(unixKind)) return goTime(Number(intValue(v)), 0, Local);
  return now();
}

function dateInZone(layout: string, date: unknown, zone: string): string {
  const t = toTime(date, ['int', 'int32', 'int64']);
  return formatTime(inLocation(t, loadLocation(zone) ?? UTC), layout);
}

/** time.Time parameters: the executor cannot convert to them, so check here. */
function asTime(v: unknown): GoTime {
  if (isGoTime(v)) return v;
  const got =
    v === undefined || v === null
      ? '<nil>'
      : typeof v === 'bigint'
        ? 'int'
        : typeof v === 'number'
          ? 'float64'
          : typeof v;
  throw new FuncError(`wrong type for value; expected time.Time; got ${got}`);
}

function sinceNanos(t: GoTime): bigint {
  return nowNanos() - timeNanos(t);
}

/** Duration.Round(time.Second): halves round away from zero. */
function roundToSecond(d: bigint): bigint {
  const s = 1_000_000_000n;
  const r = d % s;
  if (r === 0n) return d;
  const abs = r < 0n ? -r : r;
  const down = d - r;
  if (abs + abs < s) return down;
  return d < 0n ? down - s : down + s;
}

function ago(date: unknown): string {
  const t = toTime(date, ['int', 'int64']);
  return formatDuration(roundToSecond(sinceNanos(t)));
}

function duration(sec: unknown): string {
  let n = 0n;
  if (typeof sec === 'string') n = /^[+-]?\d+$/.test(sec) ? BigInt(sec) : 0n;
  else if (sec instanceof TypedInt && sec.kind === 'int64') n = sec.value;
  if (n > 0x7fffffffffffffffn || n < -0x8000000000000000n) n = 0n;
  return formatDuration(BigInt.asIntN(64, n * 1_000_000_000n));
}

const YEAR = 365n * 24n * 3_600_000_000_000n;
const MONTH = 30n * 24n * 3_600_000_000_000n;
const DAY = 24n * 3_600_000_000_000n;
const HOUR = 3_600_000_000_000n;
const MINUTE = 60_000_000_000n;
const SECOND = 1_000_000_000n;

function durationRound(v: unknown): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof TypedInt && v.kind === 'int64') d = v.value;
  else if (isGoTime(v)) d = sinceNanos(v);
  const u = d < 0n ? -d : d;
  for (const [size, unit] of [
    [YEAR, 'y'],
    [MONTH, 'mo'],
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
    [SECOND, 's'],
  ] as const) {
    if (u > size) return `${u / size}${unit}`;
  }
  return '0s';
}

function dateModify(mod: string, date: unknown): GoTime {
  const t = asTime(date);
  try {
    return addNanos(t, parseDuration(mod));
  } catch {
    return t;
  }
}

const S = 'string';
const ANY = 'interface {}';

export const dateFuncs: FuncMap = {
  now: def([], now),
  date: def([S, ANY], (layout: string, d: unknown) => dateInZone(layout, d, 'Local')),
  dateInZone: def([S, ANY, S], dateInZone),
  date_in_zone: def([S, ANY, S], dateInZone),
  htmlDate: def([ANY], (d: unknown) => dateInZone('2006-01-02', d, 'Local')),
  htmlDateInZone: def([ANY, S], (d: unknown, zone: string) => dateInZone('2006-01-02', d, zone)),
  dateModify: def([S, ANY], dateModify),
  date_modify: def([S, ANY], dateModify),
  mustDateModify: def([S, ANY], (mod: string, d: unknown) => addNanos(asTime(d), parseDuration(mod))),
  must_date_modify: def([S, ANY], (mod: string, d: unknown) => addNanos(asTime(d), parseDuration(mod))),
  ago: def([ANY], ago),
  duration: def([ANY], duration),
  durationRound: def([ANY], durationRound),
  toDate: def([S, S], (layout: string, s: string) => {
    try {
      return parseTime(layout, s, Local);
    } catch {
      return goTime(-62135596800, 0, UTC);
    }
  }),
  mustToDate: def([S, S], (layout: string, s: string) => parseTime(layout, s, Local)),
  unixEpoch: def([ANY], (d: unknown) => String(unixSeconds(asTime(d)))),
};

function unixSeconds(t: GoTime): bigint {
  const n = timeNanos(t);
  return n / SECOND - (n % SECOND < 0n ? 1n : 0n);
}
