/**
 * Shared by the sprig-b test and its recorder: a case is a template (run through the real helm to
 * record what Go prints) and the same call made directly on our FuncDefs.
 */
import { dateFuncs } from '../../../../src/template/funcs/sprig/dates.ts';
import { dictFuncs } from '../../../../src/template/funcs/sprig/dicts.ts';
import { listFuncs } from '../../../../src/template/funcs/sprig/lists.ts';
import { regexFuncs } from '../../../../src/template/funcs/sprig/regex.ts';
import { semverFuncs } from '../../../../src/template/funcs/sprig/semver.ts';
import type { FuncMap } from '../../../../src/template/funcs/types.ts';
import { GO, isGoObject } from '../../../../src/template/value.ts';

export const funcs: FuncMap = {
  ...listFuncs,
  ...dictFuncs,
  ...semverFuncs,
  ...regexFuncs,
  ...dateFuncs,
};

/** Calls a function by its template name with already converted arguments. */
export function call(name: string, ...args: unknown[]): unknown {
  const f = funcs[name];
  if (!f) throw new Error(`no function ${name}`);
  return f.fn(...args);
}

/** Calls a method of a GoObject, as `.Method args` does. */
export function method(obj: unknown, name: string, ...args: unknown[]): unknown {
  if (!isGoObject(obj)) throw new Error(`not a Go object: ${String(obj)}`);
  const m = obj[GO].method?.(name);
  if (!m) throw new Error(`no method ${name}`);
  return m(...args);
}

export type Case = [template: string, run: () => unknown];
