/**
 * Go's time texts for release records: RFC 3339 with nanoseconds in the local zone (what
 * time.Now() marshals to), and the two layouts helm prints (time.ANSIC for LAST DEPLOYED and
 * `helm history`, time.Time.String for `helm list`), each in the offset the record carries.
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function offsetText(minutesEast: number, colon: boolean): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const m = Math.abs(minutesEast);
  return `${sign}${pad(Math.floor(m / 60))}${colon ? ':' : ''}${pad(m % 60)}`;
}

/** time.Now() as json.Marshal writes it: local wall time, trailing zeros of the fraction cut. */
export function nowRfc3339(date = new Date(), nanos?: number): string {
  const east = -date.getTimezoneOffset();
  const wall = new Date(date.getTime() + east * 60_000);
  const ns = nanos ?? (date.getTime() % 1000) * 1_000_000 + Number(process.hrtime.bigint() % 1_000_000n);
  const frac = ns === 0 ? '' : `.${pad(ns, 9).replace(/0+$/, '')}`;
  const zone = east === 0 ? 'Z' : offsetText(east, true);
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${frac}${zone}`;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
  /** minutes east of UTC; undefined for `Z` */
  offset?: number;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([Zz])|([+-])(\d\d):(\d\d))$/;

function parse(text: string): Wall | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    fraction: (m[7] ?? '').replace(/0+$/, ''),
    offset: m[8] ? undefined : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])),
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.ANSIC: `Mon Jan _2 15:04:05 2006`. */
export function formatAnsic(text: string): string {
  const w = parse(text);
  if (!w) return text;
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  return `${DAYS[weekday]} ${MONTHS[w.month - 1]} ${String(w.day).padStart(2, ' ')} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} ${w.year}`;
}

/** The zone abbreviation Go shows for an offset: UTC for `Z`, Local's name when it matches. */
function zoneName(w: Wall): string {
  if (w.offset === undefined) return 'UTC';
  const instant = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - w.offset * 60_000;
  const local = -new Date(instant).getTimezoneOffset();
  if (local === w.offset) {
    const name = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
      .formatToParts(new Date(instant))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && /^[A-Z]{3,5}$/.test(name)) return name;
  }
  return offsetText(w.offset, false);
}

/** time.Time.String(): `2006-01-02 15:04:05.999999999 -0700 MST`. */
export function formatGoString(text: string): string {
  const w = parse(text);
  if (!w) return text;
  const frac = w.fraction ? `.${w.fraction}` : '';
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${frac} ${offsetText(w.offset ?? 0, false)} ${zoneName(w)}`;
}

/** Milliseconds since the epoch of an RFC 3339 text (0 when unreadable). */
export function epochMillis(text: string | undefined): number {
  if (!text) return 0;
  const t = Date.parse(text);
  return Number.isNaN(t) ? 0 : t;
}

// Go layout tokens, longest first where one is a prefix of another.
const LAYOUT_TOKENS = [
  'January',
  'Monday',
  '2006',
  '-07:00:00',
  '-0700',
  '-07:00',
  'Z07:00:00',
  'Z0700',
  'Z07:00',
  '-07',
  'Z07',
  'Jan',
  'Mon',
  'MST',
  '002',
  '__2',
  '01',
  '02',
  '_2',
  '03',
  '04',
  '05',
  '06',
  '15',
  'PM',
  'pm',
  '1',
  '2',
  '3',
  '4',
  '5',
];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LONG_MONTHS = [
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

/** time.Time.Format with a Go layout (`helm list --time-format`), in the record's offset. */
export function formatGoLayout(text: string, layout: string): string {
  const w = parse(text);
  if (!w) return text;
  const off = w.offset ?? 0;
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  const yday = Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86_400_000) + 1;
  const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  const zone = (colon: boolean, z: boolean, short = false) => {
    if (z && off === 0) return 'Z';
    const t = offsetText(off, colon);
    return short ? t.slice(0, 3) : t;
  };
  let out = '';
  let i = 0;
  while (i < layout.length) {
    // fractional seconds: .000 (fixed) or .999 (trailing zeros cut), also with a comma
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      const digits = frac[1]!;
      const f = w.fraction.padEnd(9, '0').slice(0, digits.length);
      if (digits[0] === '0') out += `${layout[i]}${f}`;
      else if (f.replace(/0+$/, '')) out += `${layout[i]}${f.replace(/0+$/, '')}`;
      i += frac[0].length;
      continue;
    }
    const token = LAYOUT_TOKENS.find((t) => layout.startsWith(t, i));
    if (!token) {
      out += layout[i];
      i++;
      continue;
    }
    i += token.length;
    switch (token) {
      case 'January':
        out += LONG_MONTHS[w.month - 1];
        break;
      case 'Jan':
        out += MONTHS[w.month - 1];
        break;
      case '1':
        out += String(w.month);
        break;
      case '01':
        out += pad(w.month);
        break;
      case 'Monday':
        out += LONG_DAYS[weekday];
        break;
      case 'Mon':
        out += DAYS[weekday];
        break;
      case '2006':
        out += String(w.year).padStart(4, '0');
        break;
      case '06':
        out += pad(w.year % 100);
        break;
      case '2':
        out += String(w.day);
        break;
      case '02':
        out += pad(w.day);
        break;
      case '_2':
        out += String(w.day).padStart(2, ' ');
        break;
      case '002':
        out += pad(yday, 3);
        break;
      case '__2':
        out += String(yday).padStart(3, ' ');
        break;
      case '15':
        out += pad(w.hour);
        break;
      case '3':
        out += String(h12);
        break;
      case '03':
        out += pad(h12);
        break;
      case '4':
        out += String(w.minute);
        break;
      case '04':
        out += pad(w.minute);
        break;
      case '5':
        out += String(w.second);
        break;
      case '05':
        out += pad(w.second);
        break;
      case 'PM':
        out += w.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += w.hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        out += zoneName(w);
        break;
      case '-0700':
        out += zone(false, false);
        break;
      case '-07:00':
        out += zone(true, false);
        break;
      case '-07':
        out += zone(false, false, true);
        break;
      case '-07:00:00':
        out += `${zone(true, false)}:00`;
        break;
      case 'Z0700':
        out += zone(false, true);
        break;
      case 'Z07:00':
        out += zone(true, true);
        break;
      case 'Z07':
        out += off === 0 ? 'Z' : zone(false, false, true);
        break;
      case 'Z07:00:00':
        out += off === 0 ? 'Z' : `${zone(true, false)}:00`;
        break;
    }
  }
  return out;
}
