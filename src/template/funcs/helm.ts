/**
 * Helm's own template functions (pkg/engine/engine.go and funcs.go): include, tpl, required,
 * fail, lookup, and the DNS-less getHostByName. `include` and `tpl` run against the set that is
 * executing them, which is how Helm's re-binding of both inside tpl's clone behaves.
 */
import { TemplateError, WrappedError } from '../errors.ts';
import type { ExecState } from '../exec.ts';
import { goQuote } from '../lex.ts';
import type { FuncDef, FuncMap } from './types.ts';

/** Helm's bound on nested includes of one template name. */
export const INCLUDE_RECURSION_MAX = 1000;

/** Helm marks messages of `required` and `fail` so its error printer can show them bare. */
export const WARN_START = 'HELM_ERR_START';
export const WARN_END = 'HELM_ERR_END';

export function warnWrap(msg: string): string {
  return WARN_START + msg + WARN_END;
}

function include(state: ExecState, name: string, data: unknown): string {
  const counts = state.shared.includeCounts;
  const seen = counts.get(name);
  if (seen !== undefined) {
    if (seen > INCLUDE_RECURSION_MAX) {
      throw new WrappedError(
        `rendering template has a nested reference name: ${name}: unable to execute template`,
        new Error('unable to execute template'),
      );
    }
    counts.set(name, seen + 1);
  } else counts.set(name, 1);
  try {
    return state.set.executeShared(name, data, state.shared);
  } finally {
    counts.set(name, (counts.get(name) ?? 1) - 1);
  }
}

function tpl(state: ExecState, text: string, data: unknown): string {
  // A clone, so {{define}}s inside the string stay local to this call; parsed under the set's
  // own name ("gotpl" in Helm), which is the name its errors then carry.
  const t = state.set.clone();
  let tree;
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

/** Helm's functions; `lookup` is the offline placeholder (an empty map), as in `helm template`. */
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
