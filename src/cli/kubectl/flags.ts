/**
 * Command-line flags the way kubectl's pflag reads them: `--name=value`, `--name value`,
 * `-n value`, `-nvalue`, booleans as `--all` or `--all=false`, repeatable flags, `--` ending
 * flags, and pflag's messages for unknown flags and missing values.
 */
export type FlagType = 'string' | 'bool' | 'int' | 'stringArray' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | boolean | number | string[];
  /** Value when given without `=value` (pflag's NoOptDefVal), e.g. `--dry-run` means `client`. */
  noOptDefault?: string;
}

export class FlagError extends Error {
  override name = 'FlagError';
}

export interface ParsedFlags {
  values: Map<string, string | boolean | number | string[]>;
  /** Names given on the command line (to tell a default from an explicit value). */
  changed: Set<string>;
  args: string[];
}

/** kubectl's persistent flags, accepted by every command. */
export const globalFlags: FlagSpec[] = [
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'token', type: 'string' },
  { name: 'request-timeout', type: 'string', default: '0' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'certificate-authority', type: 'string' },
  { name: 'client-certificate', type: 'string' },
  { name: 'client-key', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'as-uid', type: 'string' },
  { name: 'username', type: 'string' },
  { name: 'password', type: 'string' },
  { name: 'tls-server-name', type: 'string' },
  { name: 'cache-dir', type: 'string' },
  { name: 'match-server-version', type: 'bool' },
  { name: 'disable-compression', type: 'bool' },
  { name: 'warnings-as-errors', type: 'bool' },
  { name: 'profile', type: 'string' },
  { name: 'profile-output', type: 'string' },
  { name: 'log-flush-frequency', type: 'string' },
  { name: 'v', short: 'v', type: 'int', default: 0 },
  { name: 'vmodule', type: 'string' },
];

function parseBool(name: string, v: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new FlagError(
    `invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`,
  );
}

function setValue(parsed: ParsedFlags, spec: FlagSpec, raw: string, label: string): void {
  parsed.changed.add(spec.name);
  switch (spec.type) {
    case 'bool':
      parsed.values.set(spec.name, parseBool(spec.name, raw));
      return;
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw))
        throw new FlagError(
          `invalid argument "${raw}" for "${label}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`,
        );
      parsed.values.set(spec.name, Number.parseInt(raw, 10));
      return;
    }
    case 'stringArray': {
      const prev = parsed.values.get(spec.name);
      const list = Array.isArray(prev) && parsed.changed.has(spec.name) ? prev : [];
      parsed.values.set(spec.name, [...list, raw]);
      return;
    }
    default:
      parsed.values.set(spec.name, raw);
  }
}

/** Parses `argv` against `specs` plus the global flags. */
export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const all = [...specs, ...globalFlags];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const parsed: ParsedFlags = { values: new Map(), changed: new Set(), args: [] };
  for (const s of all) if (s.default !== undefined) parsed.values.set(s.name, s.default);
  // every list flag starts empty, so a repeat appends to what the user gave
  const firstSet = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      parsed.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (spec.type === 'stringArray' && !firstSet.has(name)) {
        firstSet.add(name);
        parsed.values.set(name, []);
      }
      if (eq >= 0) setValue(parsed, spec, a.slice(eq + 1), `--${name}`);
      else if (spec.type === 'bool') setValue(parsed, spec, 'true', `--${name}`);
      else if (spec.noOptDefault !== undefined) setValue(parsed, spec, spec.noOptDefault, `--${name}`);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        setValue(parsed, spec, argv[++i], `--${name}`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let j = 1;
      while (j < a.length) {
        const c = a[j];
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const label = `-${c}, --${spec.name}`;
        if (spec.type === 'stringArray' && !firstSet.has(spec.name)) {
          firstSet.add(spec.name);
          parsed.values.set(spec.name, []);
        }
        const rest = a.slice(j + 1);
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            setValue(parsed, spec, rest.slice(1), label);
            break;
          }
          setValue(parsed, spec, 'true', label);
          j++;
          continue;
        }
        if (rest.length > 0) setValue(parsed, spec, rest.startsWith('=') ? rest.slice(1) : rest, label);
        else if (spec.noOptDefault !== undefined) setValue(parsed, spec, spec.noOptDefault, label);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          setValue(parsed, spec, argv[++i], label);
        }
        break;
      }
      continue;
    }
    parsed.args.push(a);
  }
  return parsed;
}

/** Typed accessors over parsed flags. */
export class Flags {
  constructor(readonly parsed: ParsedFlags) {}
  get args(): string[] {
    return this.parsed.args;
  }
  str(name: string): string {
    const v = this.parsed.values.get(name);
    return typeof v === 'string' ? v : '';
  }
  bool(name: string): boolean {
    return this.parsed.values.get(name) === true;
  }
  int(name: string): number {
    const v = this.parsed.values.get(name);
    return typeof v === 'number' ? v : 0;
  }
  list(name: string): string[] {
    const v = this.parsed.values.get(name);
    return Array.isArray(v) ? v : [];
  }
  changed(name: string): boolean {
    return this.parsed.changed.has(name);
  }
}

/** Go's time.ParseDuration for the forms kubectl users write (`30s`, `1m30s`, `500ms`, `0`). */
export function parseDuration(text: string): number {
  if (text === '0' || text === '') return 0;
  // a bare integer is seconds for --request-timeout
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(text))) {
    ms += Number(m[1]) * units[m[2]];
    consumed = re.lastIndex;
  }
  if (consumed !== text.length) throw new FlagError(`time: invalid duration "${text}"`);
  return ms;
}
