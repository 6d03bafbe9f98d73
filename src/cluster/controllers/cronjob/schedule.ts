// Cron schedules as the CronJob controller reads them (robfig/cron v3's
// ParseStandard): five fields (minute hour day-of-month month day-of-week)
// with lists, ranges, steps, `*`/`?` and month/day names, or a descriptor
// (@hourly ... @yearly, @every DURATION), optionally prefixed by TZ=/CRON_TZ=.
// Next() finds the first matching minute after an instant; day-of-month and
// day-of-week are ORed unless either is `*` (cron's historical rule).

export interface CronSchedule {
  /** The first activation strictly after `ms` (epoch ms); undefined when none within five years. */
  next(ms: number): number | undefined;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const months: Bounds = {
  min: 1,
  max: 12,
  names: {
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    oct: 10,
    nov: 11,
    dec: 12,
  },
};
const weekdays: Bounds = {
  min: 0,
  max: 6,
  names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 },
};
const fieldBounds: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  months,
  weekdays,
];

const descriptors: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface Field {
  values: Set<number>;
  /** Written as `*` or `?` (without a step above 1). */
  star: boolean;
}

function parseNumber(text: string): number {
  if (!/^[+-]?\d+$/.test(text))
    throw new Error(`failed to parse int from ${text}: strconv.Atoi: parsing "${text}": invalid syntax`);
  const n = Number(text);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${text}`);
  return n;
}

function parseValue(text: string, bounds: Bounds): number {
  const named = bounds.names?.[text.toLowerCase()];
  return named ?? parseNumber(text);
}

function parseRange(expr: string, bounds: Bounds, field: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    start = parseValue(lowAndHigh[0]!, bounds);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseValue(lowAndHigh[1]!, bounds);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNumber(rangeAndStep[1]!);
    // "N/step" means N through the maximum.
    if (single) end = bounds.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new Error(`too many slashes: ${expr}`);
  if (start < bounds.min)
    throw new Error(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new Error(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) field.values.add(v);
  if (star) field.star = true;
}

function parseField(text: string, bounds: Bounds): Field {
  const field: Field = { values: new Set(), star: false };
  for (const part of text.split(',')) parseRange(part, bounds, field);
  return field;
}

/** Go's time.ParseDuration for the units a schedule uses. */
function parseDuration(text: string): number {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  if (!/^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.test(text)) {
    throw new Error(`failed to parse duration ${text}: time: invalid duration "${text}"`);
  }
  let ms = 0;
  for (const m of text.matchAll(re)) ms += Number(m[1]) * units[m[2]!]!;
  return ms;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(zone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(ms);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** True when `zone` is a time zone this runtime knows (time.LoadLocation). */
export function knownTimeZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

class FieldSchedule implements CronSchedule {
  constructor(
    private readonly minute: Field,
    private readonly hour: Field,
    private readonly dom: Field,
    private readonly month: Field,
    private readonly dow: Field,
    private readonly zone: string,
  ) {}

  private dayMatches(d: Date): boolean {
    const domMatch = this.dom.values.has(d.getUTCDate());
    const dowMatch = this.dow.values.has(d.getUTCDay());
    if (this.dom.star || this.dow.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  next(ms: number): number | undefined {
    const utc = this.zone === '' || this.zone === 'UTC' || this.zone === 'Local';
    const offset = utc ? 0 : zoneOffsetMs(this.zone, ms);
    // Search in wall-clock time (a Date read with its UTC getters), from the next whole minute.
    const d = new Date(Math.floor((ms + offset) / 60_000) * 60_000 + 60_000);
    const limit = d.getUTCFullYear() + 5;
    while (d.getUTCFullYear() <= limit) {
      if (!this.month.values.has(d.getUTCMonth() + 1)) {
        d.setUTCMonth(d.getUTCMonth() + 1, 1);
        d.setUTCHours(0, 0, 0, 0);
        continue;
      }
      if (!this.dayMatches(d)) {
        d.setUTCDate(d.getUTCDate() + 1);
        d.setUTCHours(0, 0, 0, 0);
        continue;
      }
      if (!this.hour.values.has(d.getUTCHours())) {
        d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
        continue;
      }
      if (!this.minute.values.has(d.getUTCMinutes())) {
        d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
        continue;
      }
      const wall = d.getTime();
      return utc ? wall : wall - zoneOffsetMs(this.zone, wall - offset);
    }
    return undefined;
  }
}

/** @every: activations every delay (whole seconds, at least one) after the instant given. */
class EverySchedule implements CronSchedule {
  constructor(private readonly delayMs: number) {}
  next(ms: number): number {
    return Math.floor(ms / 1000) * 1000 + this.delayMs;
  }
}

/** Parses a schedule as cron.ParseStandard does; throws with robfig/cron's message. */
export function parseSchedule(spec: string): CronSchedule {
  let text = spec.trim();
  let zone = '';
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) {
    const space = text.indexOf(' ');
    const eq = text.indexOf('=');
    zone = text.slice(eq + 1, space < 0 ? undefined : space);
    if (!knownTimeZone(zone)) throw new Error(`provided bad location ${zone}: unknown time zone ${zone}`);
    text = space < 0 ? '' : text.slice(space).trim();
  }
  if (text === '') throw new Error('empty spec string');
  if (text.startsWith('@')) {
    if (text.startsWith('@every ')) {
      const delay = parseDuration(text.slice('@every '.length));
      return new EverySchedule(Math.max(1000, Math.floor(delay / 1000) * 1000));
    }
    const expanded = descriptors[text];
    if (!expanded) throw new Error(`unrecognized descriptor: ${text}`);
    text = expanded;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) {
    throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  }
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, fieldBounds[i]!));
  return new FieldSchedule(minute!, hour!, dom!, month!, dow!, zone);
}
