/**
 * Values: reading values files, merging user input (-f files then --set-json, --set, --set-string,
 * --set-file, --set-literal, in that order whatever the command line order), and coalescing them
 * with chart defaults (Helm's chartutil coalesce: globals flow down, a subchart sees its own key,
 * `null` deletes a default, and Helm's warnings for table/non-table clashes).
 */
import { readFileSync } from 'node:fs';
import { type GoMap, hasKey, isMap, MAP_TYPE, mapGet, mapSet, TypedInt } from '../template/index.ts';
import type { Chart } from './chart.ts';
import { decodeJson } from './jsondecode.ts';
import { parseInto, parseIntoFile, parseIntoString, parseJson, parseLiteralInto } from './strvals.ts';
import { parseUrlScheme } from './urlparse.ts';
import { decodeYaml, splitYamlDocuments } from './yaml.ts';

export const GLOBAL_KEY = 'global';

/** A warning Helm prints through log.Printf while coalescing. */
export type Warn = (msg: string) => void;

/** Helm 4 sends log.Printf through slog's text handler: `level=INFO msg="..."`. */
export const stderrWarn: Warn = (msg) =>
  process.stderr.write(msg.startsWith('level=') ? `${msg}\n` : `level=INFO msg=${JSON.stringify(msg)}\n`);

/** loader.LoadValues: every YAML document of the text, merged in order. */
export function readValues(text: string): GoMap {
  let values: GoMap = {};
  let docs: string[];
  try {
    docs = splitYamlDocuments(text);
  } catch (e) {
    throw new Error(`error reading yaml document: ${(e as Error).message}`);
  }
  for (const raw of docs) {
    let doc: unknown;
    try {
      doc = decodeYaml(raw);
    } catch (e) {
      throw new Error(`cannot unmarshal yaml document: ${(e as Error).message}`);
    }
    if (doc === null) continue;
    if (!isMap(doc)) {
      throw new Error(
        `cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(doc)} into Go value of type map[string]interface {}`,
      );
    }
    values = mergeMaps(values, doc);
  }
  return values;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** loader.MergeMaps: b over a, recursing where both sides are maps. */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = {};
  for (const k of Object.keys(a)) mapSet(out, k, a[k]);
  for (const k of Object.keys(b)) {
    const v = b[k];
    const bv = mapGet(out, k);
    if (isMap(v) && isMap(bv)) mapSet(out, k, mergeMaps(bv, v));
    else mapSet(out, k, v);
  }
  return out;
}

/** The user's value flags, as `helm template`/`install` take them. */
export interface ValueOptions {
  valueFiles?: string[];
  values?: string[];
  stringValues?: string[];
  fileValues?: string[];
  jsonValues?: string[];
  literalValues?: string[];
}

/** Schemes Helm has a getter for; any other path is read from disk, whatever it looks like. */
const GETTER_SCHEMES = new Set(['http', 'https', 'oci']);

/** values.readFile: stdin for `-`, Go's URL parse errors, then the file. */
function readUserFile(path: string, readStdin: () => string): string {
  if (path.trim() === '-') return readStdin();
  const url = parseUrlScheme(path);
  if ('error' in url) throw new Error(url.error);
  if (GETTER_SCHEMES.has(url.scheme)) {
    throw new Error(`could not find protocol handler for: ${url.scheme}`);
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new Error(`read ${path}: is a directory`);
    if (code === 'EACCES') throw new Error(`open ${path}: permission denied`);
    throw new Error(`open ${path}: no such file or directory`);
  }
}

/** values.Options.MergeValues. */
export function mergeUserValues(
  opts: ValueOptions,
  readStdin: () => string = () => readFileSync(0, 'utf8'),
): GoMap {
  let base: GoMap = {};
  for (const file of opts.valueFiles ?? []) {
    const raw = readUserFile(file, readStdin);
    let current: GoMap;
    try {
      current = readValues(raw);
    } catch (e) {
      throw new Error(`failed to parse ${file}: ${(e as Error).message}`);
    }
    base = mergeMaps(base, current);
  }
  for (const value of opts.jsonValues ?? []) {
    const trimmed = value.trim();
    if (trimmed.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = decodeJson(trimmed);
      } catch {
        throw new Error(`failed parsing --set-json data JSON: ${value}`);
      }
      if (!isMap(parsed)) throw new Error(`failed parsing --set-json data JSON: ${value}`);
      base = mergeMaps(base, parsed);
    } else {
      try {
        parseJson(value, base);
      } catch {
        throw new Error(`failed parsing --set-json data ${value}`);
      }
    }
  }
  for (const value of opts.values ?? []) {
    try {
      parseInto(value, base);
    } catch (e) {
      throw new Error(`failed parsing --set data: ${(e as Error).message}`);
    }
  }
  for (const value of opts.stringValues ?? []) {
    try {
      parseIntoString(value, base);
    } catch (e) {
      throw new Error(`failed parsing --set-string data: ${(e as Error).message}`);
    }
  }
  for (const value of opts.fileValues ?? []) {
    try {
      parseIntoFile(value, base, (p) => readUserFile(p, readStdin));
    } catch (e) {
      throw new Error(`failed parsing --set-file data: ${(e as Error).message}`);
    }
  }
  for (const value of opts.literalValues ?? []) {
    try {
      parseLiteralInto(value, base);
    } catch (e) {
      throw new Error(`failed parsing --set-literal data: ${(e as Error).message}`);
    }
  }
  return base;
}

// --- coalescing ----------------------------------------------------------------------------

/** A deep copy of maps and slices (copystructure.Copy on plain values). */
export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) mapSet(out, k, deepCopy(v[k]));
    return out as T;
  }
  return v;
}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

/** Go's %v of a value in a warning. */
function show(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (isMap(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${show(v[k])}`)
      .join(' ')}]`;
  if (Array.isArray(v)) return `[${v.map(show).join(' ')}]`;
  if (typeof v === 'object' && 'value' in (v as object)) return String((v as { value: unknown }).value);
  return String(v);
}

/** chartutil.CoalesceValues: user values over chart defaults, recursively into subcharts. */
export function coalesceValues(chart: Chart, vals: GoMap | null, warn: Warn = stderrWarn): GoMap {
  const copy = vals ? deepCopy(vals) : {};
  return coalesce(warn, chart, copy, '', false);
}

/** chartutil.MergeValues: like coalesceValues but `null` does not delete. */
export function mergeValues(chart: Chart, vals: GoMap | null, warn: Warn = stderrWarn): GoMap {
  const copy = vals ? deepCopy(vals) : {};
  return coalesce(warn, chart, copy, '', true);
}

function coalesce(warn: Warn, ch: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
  coalesceChartValues(warn, ch, dest, prefix, merge);
  return coalesceDeps(warn, ch, dest, prefix, merge);
}

function coalesceDeps(warn: Warn, ch: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
  for (const sub of ch.dependencies) {
    const name = sub.name();
    if (!hasKey(dest, name)) mapSet(dest, name, {});
    else if (!isMap(mapGet(dest, name))) {
      throw new Error(`type mismatch on ${name}: ${goTypeForT(mapGet(dest, name))}`);
    }
    const dv = mapGet(dest, name) as GoMap;
    const subPrefix = concatPrefix(prefix, ch.name());
    coalesceGlobals(warn, dv, dest, subPrefix);
    mapSet(dest, name, coalesce(warn, sub, dv, subPrefix, merge));
  }
  return dest;
}

/**
 * How Go's %t prints its operand: a bool as itself, anything else as `%!t(type=value)`; fmt
 * applies the verb to each element of a slice and to each key and value of a map.
 */
function goTypeForT(v: unknown): string {
  if (typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return '%!t(<nil>)';
  if (Array.isArray(v)) return `[${v.map(goTypeForT).join(' ')}]`;
  if (isMap(v)) {
    const entries = Object.keys(v)
      .sort()
      .map((k) => `${goTypeForT(k)}:${goTypeForT(v[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return `%!t(${goTypeName(v)}=${show(v)})`;
}

function goTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (v instanceof TypedInt) return v.kind;
  return typeof v;
}

function coalesceGlobals(warn: Warn, dest: GoMap, src: GoMap, prefix: string): void {
  let dg: GoMap;
  let sg: GoMap;
  if (!hasKey(dest, GLOBAL_KEY)) dg = {};
  else {
    const v = mapGet(dest, GLOBAL_KEY);
    if (!isMap(v)) {
      warn(`warning: skipping globals because destination ${GLOBAL_KEY} is not a table.`);
      return;
    }
    dg = v;
  }
  if (!hasKey(src, GLOBAL_KEY)) sg = {};
  else {
    const v = mapGet(src, GLOBAL_KEY);
    if (!isMap(v)) {
      warn(`warning: skipping globals because source ${GLOBAL_KEY} is not a table.`);
      return;
    }
    sg = v;
  }
  for (const key of Object.keys(sg)) {
    const val = sg[key];
    if (isMap(val)) {
      const vv: GoMap = { ...val };
      if (!hasKey(dg, key)) mapSet(dg, key, vv);
      else {
        const destv = mapGet(dg, key);
        if (!isMap(destv))
          warn(`Conflict: cannot merge map onto non-map for ${JSON.stringify(key)}. Skipping.`);
        else {
          coalesceTablesFullKey(warn, vv, destv, concatPrefix(prefix, key), true);
          mapSet(dg, key, vv);
        }
      }
    } else if (isMap(mapGet(dg, key))) {
      warn(`key ${key} is table. Skipping`);
    } else {
      mapSet(dg, key, val);
    }
  }
  mapSet(dest, GLOBAL_KEY, dg);
}

function coalesceChartValues(warn: Warn, ch: Chart, v: GoMap, prefix: string, merge: boolean): void {
  const subPrefix = concatPrefix(prefix, ch.name());
  const vc = deepCopy(ch.values ?? {});
  for (const key of Object.keys(vc)) {
    const val = vc[key];
    if (hasKey(v, key)) {
      const value = mapGet(v, key);
      if (value === null && !merge) {
        delete v[key];
      } else if (isMap(value)) {
        if (!isMap(val)) {
          if (val !== null) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        } else {
          // a subchart's own table is always merged, so its nulls survive to reach the subchart
          const childMerge = ch.dependencies.some((d) => d.name() === key) ? true : merge;
          coalesceTablesFullKey(warn, value, val, concatPrefix(subPrefix, key), childMerge);
        }
      }
    } else {
      mapSet(v, key, val);
    }
  }
}

/** chartutil.CoalesceTables: dst wins, src fills the gaps. */
export function coalesceTables(dst: GoMap, src: GoMap, warn: Warn = stderrWarn): GoMap {
  return coalesceTablesFullKey(warn, dst, src, '', false);
}

/** chartutil.MergeTables. */
export function mergeTables(dst: GoMap, src: GoMap, warn: Warn = stderrWarn): GoMap {
  return coalesceTablesFullKey(warn, dst, src, '', true);
}

function coalesceTablesFullKey(
  warn: Warn,
  dst: GoMap | null,
  src: GoMap | null,
  prefix: string,
  merge: boolean,
): GoMap {
  if (src === null) return dst as GoMap;
  if (dst === null) return src;
  const srcOriginalNonNil = new Set<string>();
  for (const key of Object.keys(src)) if (src[key] !== null) srcOriginalNonNil.add(key);
  for (const key of Object.keys(dst)) if (dst[key] === null) mapSet(src, key, null);
  for (const key of Object.keys(src)) {
    const val = src[key];
    const fullkey = concatPrefix(prefix, key);
    const ok = hasKey(dst, key);
    const dv = mapGet(dst, key);
    if (ok && !merge && dv === null && srcOriginalNonNil.has(key)) {
      delete dst[key];
    } else if (!ok) {
      mapSet(dst, key, val);
    } else if (isMap(val)) {
      if (isMap(dv)) coalesceTablesFullKey(warn, dv, val, fullkey, merge);
      else warn(`warning: cannot overwrite table with non table for ${fullkey} (${show(val)})`);
    } else if (isMap(dv) && val !== null) {
      warn(`warning: destination for ${fullkey} is a table. Ignoring non-table value (${show(val)})`);
    }
  }
  return dst;
}

/** Tags a map as Helm's `common.Values` (what `typeOf .Values` prints). */
export function asValues(m: GoMap): GoMap {
  Object.defineProperty(m, MAP_TYPE, { value: 'common.Values', enumerable: false, configurable: true });
  return m;
}

/** Values.Table: the map at a dotted path, or undefined when a step is missing or not a map. */
export function valuesTable(v: GoMap, path: string): GoMap | undefined {
  let cur: unknown = v;
  for (const part of path.split('.')) {
    if (!isMap(cur) || !hasKey(cur, part)) return undefined;
    cur = mapGet(cur, part);
  }
  return isMap(cur) ? cur : undefined;
}

/** Values.PathValue: the non-table value at a dotted path (undefined when absent). */
export function pathValue(v: GoMap, path: string): { found: boolean; value: unknown } {
  const parts = path.split('.');
  const key = parts.pop()!;
  const table = parts.length === 0 ? v : valuesTable(v, parts.join('.'));
  if (!table || !hasKey(table, key)) return { found: false, value: undefined };
  const value = mapGet(table, key);
  if (isMap(value)) return { found: false, value: undefined };
  return { found: true, value };
}
