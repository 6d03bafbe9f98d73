/**
 * Helm's own template functions (pkg/engine/engine.go and funcs.go): include, tpl, required,
 * fail, lookup, and the DNS-less getHostByName. `include` and `tpl` run against the set that is
 * executing them, which is how Helm's re-binding of both inside tpl's clone behaves.
 */
import { NestingLimit, TemplateError, WrappedError } from '../errors.ts';
import { type ExecState, type IncludeFrame, NESTING_LIMIT } from '../exec.ts';
import { goQuote } from '../lex.ts';
import type { Tree } from '../node.ts';
import type { FuncDef, FuncMap } from './types.ts';

/** Helm's bound on nested includes of one template name. */
export const INCLUDE_RECURSION_MAX = 1000;

/** Helm marks messages of `required` and `fail` so its error printer can show them bare. */
export const WARN_START = 'HELM_ERR_START';
export const WARN_END = 'HELM_ERR_END';

export function warnWrap(msg: string): string {
  return WARN_START + msg + WARN_END;
}

/** Frames of the include stack are popped by the outermost include only (see include). */
interface ActiveInclude extends IncludeFrame {
  /** The template being included. */
  target: string;
}

function nestedReferenceError(name: string): WrappedError {
  return new WrappedError(
    `rendering template has a nested reference name: ${name}: unable to execute template`,
    new Error('unable to execute template'),
  );
}

function include(state: ExecState, name: string, data: unknown): string {
  const shared = state.shared;
  const counts = shared.includeCounts;
  const seen = counts.get(name);
  if (seen !== undefined) {
    if (seen > INCLUDE_RECURSION_MAX) throw nestedReferenceError(name);
    counts.set(name, seen + 1);
  } else counts.set(name, 1);
  const stack = (shared.includeStack ??= []) as ActiveInclude[];
  const level = stack.length;
  stack.push({ ...state.callSite('include'), target: name });
  const nesting = shared.nesting ?? 0;
  let unwindingLimit = false;
  try {
    if (nesting >= NESTING_LIMIT) throw new NestingLimit();
    shared.nesting = nesting + 1;
    return state.set.executeShared(name, data, shared);
  } catch (e) {
    unwindingLimit = e instanceof NestingLimit;
    if (!unwindingLimit || level > 0) throw e;
    // Outermost include: the recursion ran past what the JS stack holds long before Helm's
    // bound; finish its cycle on paper and report what Helm reports when the bound is hit.
    throw extrapolateRecursion(stack);
  } finally {
    shared.nesting = nesting;
    counts.set(name, (counts.get(name) ?? 1) - 1);
    // Frames stay while a NestingLimit unwinds, for the outermost include to read.
    if (level === 0 || !unwindingLimit) stack.length = level;
  }
}

/**
 * Helm's error for include recursion, from the frames recorded up to the JS stack's limit:
 * repeats their final cycle until some name passes INCLUDE_RECURSION_MAX active calls.
 */
function extrapolateRecursion(frames: ActiveInclude[]): Error {
  const n = frames.length;
  let period = 0;
  for (let p = 1; p <= n / 3 && period === 0; p++) {
    let same = true;
    for (let i = 0; i < 2 * p && same; i++)
      same = frames[n - 1 - i].siteKey === frames[n - 1 - i - p].siteKey;
    if (same) period = p;
  }
  if (period === 0) return new WrappedError('include recursion too deep to evaluate');
  const active = new Map<string, number>();
  for (const f of frames) active.set(f.target, (active.get(f.target) ?? 0) + 1);
  const chain: ActiveInclude[] = frames.slice(1);
  for (let k = 0; ; k++) {
    const f = frames[n - period + (k % period)];
    const v = active.get(f.target) ?? 0;
    chain.push(f);
    if (v > INCLUDE_RECURSION_MAX) {
      const base = nestedReferenceError(f.target);
      const text = chain.map((c) => c.site()).join('') + base.message;
      return new TemplateError(text, { kind: 'exec', template: f.target, cause: base });
    }
    active.set(f.target, v + 1);
  }
}

function tpl(state: ExecState, text: string, data: unknown): string {
  // A clone, so {{define}}s inside the string stay local to this call; parsed under the set's
  // own name ("gotpl" in Helm), which is the name its errors then carry.
  const t = state.set.clone();
  let tree: Tree;
  try {
    tree = t.parseTree(t.name, text);
  } catch (e) {
    throw new WrappedError(`cannot parse template ${goQuote(text)}: ${(e as Error).message}`, e);
  }
  let out: string;
  try {
    out = t.executeTree(tree, data, state.shared);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    throw new WrappedError(`error during tpl function execution for ${goQuote(text)}: ${e.message}`, e);
  }
  return out.replaceAll('<no value>', '');
}

function required(warn: string, val: unknown): unknown {
  if (val === null || val === undefined || val === '') throw new WrappedError(warnWrap(warn));
  return val;
}

function fail(msg: string): string {
  throw new WrappedError(warnWrap(msg));
}

const fourStrings = ['string', 'string', 'string', 'string'] as const;

/**
 * Helm's functions. `lookup` is the offline placeholder (an empty map); `fail` and
 * `getHostByName` are Helm's overrides of Sprig's (a marked message; no DNS).
 */
export const helmOnlyFuncs: FuncMap = {
  include: { fn: include, params: ['string', 'interface {}'], needsState: true },
  tpl: { fn: tpl, params: ['string', 'interface {}'], needsState: true },
  required: { fn: required, params: ['string', 'interface {}'] },
  fail: { fn: fail, params: ['string'] },
  lookup: { fn: () => ({}), params: fourStrings },
  getHostByName: { fn: () => '', params: ['string'] },
};

/** `lookup` backed by a caller's function (a cluster client, or a test double). */
export function lookupFunc(
  lookup: (apiVersion: string, kind: string, namespace: string, name: string) => unknown,
): FuncDef {
  return { fn: lookup, params: fourStrings };
}
