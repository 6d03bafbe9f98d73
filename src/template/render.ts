/**
 * Helm's rendering mode (pkg/engine/engine.go): every chart file parsed into one shared set
 * named "gotpl", each non-partial file executed with `.Template` set, `<no value>` removed, and
 * errors rewritten the way Helm 4 prints them.
 */
import { TemplateError, unwrapError } from './errors.ts';
import { lookupFunc } from './funcs/helm.ts';
import { builtinFuncs, helmOnlyFuncs, serializationFuncs, sprigFuncs } from './funcs/index.ts';
import type { FuncMap } from './funcs/types.ts';
import { TemplateSet } from './template.ts';
import { compareStrings, isMap, MAP_TYPE } from './value.ts';

/** Helm's top-level data, .Values and .Template are common.Values, which %T and typeOf show. */
function markCommonValues(m: unknown): void {
  if (isMap(m) && !(MAP_TYPE in m))
    Object.defineProperty(m, MAP_TYPE, { value: 'common.Values', enumerable: false, configurable: true });
}

export interface RenderOptions {
  /** Helm's --strict rendering: missingkey=error. */
  strict?: boolean;
  lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => unknown;
  /** Extra functions, or overrides (Helm's CustomTemplateFuncs). */
  funcs?: FuncMap;
  /**
   * Data for one file when charts differ (Helm gives each subchart its own scoped values while
   * sharing one template set); defaults to the `data` argument for every file.
   */
  dataFor?: (filename: string) => Record<string, unknown>;
}

/** The name of Helm's root template; tpl strings are parsed and reported under it. */
export const HELM_ROOT_TEMPLATE = 'gotpl';

/** builtins + Sprig + Helm's serialization and engine functions, minus env/expandenv. */
export function helmFuncMap(opts: RenderOptions = {}): FuncMap {
  const m: FuncMap = { ...builtinFuncs, ...sprigFuncs, ...serializationFuncs, ...helmOnlyFuncs };
  delete m.env;
  delete m.expandenv;
  if (opts.lookup) m.lookup = lookupFunc(opts.lookup);
  if (opts.funcs) Object.assign(m, opts.funcs);
  return m;
}

/** A template set configured as Helm's engine configures its own. */
export function newHelmTemplateSet(opts: RenderOptions = {}): TemplateSet {
  return new TemplateSet({
    funcs: helmFuncMap(opts),
    missingKey: opts.strict ? 'error' : 'zero',
  }).setRootName(HELM_ROOT_TEMPLATE);
}

/**
 * Renders every non-partial file the way Helm's engine does; see RenderOptions. Throws a
 * TemplateError whose message is what Helm prints after "Error: INSTALLATION FAILED: ".
 */
export function renderTemplates(
  files: Map<string, string>,
  data: Record<string, unknown>,
  opts: RenderOptions = {},
): Map<string, string> {
  return executeParsed(parseHelmTemplates(files, opts), data, opts);
}

/** The first half of renderTemplates: every file parsed into one Helm-configured set. */
export interface ParsedTemplates {
  set: TemplateSet;
  /** file names in Helm's parse (and execution) order */
  order: string[];
}

/** Parses the files as renderTemplates does; the result may be executed many times (trees are immutable). */
export function parseHelmTemplates(files: Map<string, string>, opts: RenderOptions = {}): ParsedTemplates {
  const set = newHelmTemplateSet(opts);
  const order = sortTemplates([...files.keys()]);
  for (const filename of order) {
    try {
      set.parse(filename, files.get(filename)!);
    } catch (e) {
      throw cleanupParseError(filename, e);
    }
  }
  return { set, order };
}

/** The second half of renderTemplates: each non-partial file executed with its data. */
export function executeParsed(
  parsed: ParsedTemplates,
  data: Record<string, unknown>,
  opts: Pick<RenderOptions, 'dataFor'> = {},
): Map<string, string> {
  const { set, order: keys } = parsed;
  const rendered = new Map<string, string>();
  for (const filename of keys) {
    if (baseName(filename).startsWith('_')) continue;
    const vals = opts.dataFor?.(filename) ?? data;
    // Helm writes .Template into the shared values map itself, so later files see the change.
    vals.Template = { BasePath: templateBasePath(filename), Name: filename };
    markCommonValues(vals);
    markCommonValues(vals.Template);
    markCommonValues(vals.Values);
    let out: string;
    try {
      out = set.execute(filename, vals);
    } catch (e) {
      throw reformatExecError(filename, e);
    }
    // Go prints "<no value>" for missing values even with missingkey=zero; Helm drops it.
    rendered.set(filename, out.replaceAll('<no value>', ''));
  }
  return rendered;
}

/** Helm's parse order: deeper paths first, then reverse lexical order. */
export function sortTemplates(names: string[]): string[] {
  const depth = (s: string) => s.split('/').length - 1;
  return [...names].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return compareStrings(b, a);
  });
}

function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** `chart/templates` for `chart/templates/x.yaml`, `a/charts/b/templates` for a subchart file. */
export function templateBasePath(filename: string): string {
  const parts = filename.split('/');
  let i = 0;
  while (i + 2 < parts.length && parts[i + 1] === 'charts') i += 2;
  return parts
    .slice(0, i + 1)
    .concat('templates')
    .join('/');
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

function rewrap(original: unknown, message: string, kind: 'parse' | 'exec', template: string): TemplateError {
  const e = asError(original);
  const t = e instanceof TemplateError ? e : undefined;
  return new TemplateError(message, {
    kind,
    template,
    line: t?.line,
    col: t?.col,
    execError: t?.execError ?? false,
    cause: e,
  });
}

/** Helm's cleanupParseError: `parse error at (file:line): last part of Go's message`. */
export function cleanupParseError(filename: string, err: unknown): TemplateError {
  const msg = asError(err).message;
  const tokens = msg.split(': ');
  if (tokens.length === 1) return rewrap(err, `parse error in (${filename}): ${msg}`, 'parse', filename);
  return rewrap(err, `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`, 'parse', filename);
}

interface Traceable {
  location: string;
  message: string;
  executedFunction: string;
}

function traceableString(t: Traceable): string {
  let s = '';
  if (t.location !== '') s += `${t.location}\n  `;
  if (t.executedFunction !== '') s += `${t.executedFunction}\n    `;
  if (t.message !== '') s += `${t.message}\n`;
  return s;
}

function cutChained(msg: string): string {
  const cut = msg.indexOf(' template:');
  return cut >= 0 ? msg.slice(0, cut) : msg;
}

/** Helm's parseTemplateExecErrorString. */
function parseExecErrorString(s: string): Traceable | undefined {
  const prefix = 'template: ';
  if (!s.startsWith(prefix)) return undefined;
  const rest = s.slice(prefix.length);
  if (rest.startsWith('no template ')) return { location: '', message: s, executedFunction: '' };
  const exec = parseExecutingAt(rest);
  if (exec) return exec;
  const sep = rest.lastIndexOf(': ');
  if (sep >= 0)
    return { location: rest.slice(0, sep), message: cutChained(rest.slice(sep + 2)), executedFunction: '' };
  return undefined;
}

function parseExecutingAt(rest: string): Traceable | undefined {
  const marker = ': executing ';
  const idx = rest.indexOf(marker);
  if (idx < 0) return undefined;
  const templateName = rest.slice(0, idx);
  const after = rest.slice(idx + marker.length);
  if (after === '' || after[0] !== '"') return undefined;
  const endQuote = after.indexOf('"', 1);
  if (endQuote < 0) return undefined;
  const functionName = after.slice(1, endQuote);
  const afterFunc = after.slice(endQuote + 1);
  const atPrefix = ' at <';
  if (!afterFunc.startsWith(atPrefix)) return undefined;
  const afterAt = afterFunc.slice(atPrefix.length);
  const end = afterAt.indexOf('>: ');
  if (end < 0) return undefined;
  return {
    location: templateName,
    message: cutChained(afterAt.slice(end + 3)),
    executedFunction: `executing "${functionName}" at <${afterAt.slice(0, end)}>:`,
  };
}

function hasExecError(e: unknown): boolean {
  for (let cur = e; cur !== undefined && cur !== null; cur = unwrapError(cur))
    if (cur instanceof TemplateError && cur.execError) return true;
  return false;
}

/** Helm 4's reformatExecErrorMsg: required/fail bare, else a location trace when every link parses. */
export function reformatExecError(filename: string, err: unknown): TemplateError {
  const e = asError(err);
  if (!hasExecError(e)) return rewrap(e, e.message, 'exec', filename);
  const msg = e.message;
  const first = msg.indexOf(': ');
  const second = first < 0 ? -1 : msg.indexOf(': ', first + 2);
  if (second < 0) return rewrap(e, `execution error in (${filename}): ${msg}`, 'exec', filename);
  const location = msg.slice(first + 2, second);
  const warn = /HELM_ERR_START([\s\S]*)HELM_ERR_END/.exec(msg.slice(second + 2));
  if (warn) return rewrap(e, `execution error at (${location}): ${warn[1]}`, 'exec', filename);
  const trace: Traceable[] = [];
  for (let cur: unknown = e; cur !== undefined && cur !== null; cur = unwrapError(cur)) {
    const t = parseExecErrorString(asError(cur).message);
    if (t === undefined) return rewrap(e, e.message, 'exec', filename);
    const last = trace[trace.length - 1];
    if (
      last === undefined ||
      last.location !== t.location ||
      last.message !== t.message ||
      last.executedFunction !== t.executedFunction
    )
      trace.push(t);
  }
  return rewrap(e, trace.map(traceableString).join('').trim(), 'exec', filename);
}
