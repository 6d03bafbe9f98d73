import type { FuncMap } from './types.ts';

/** PLACEHOLDER: include, tpl, required, lookup being written. */
export const helmOnlyFuncs: FuncMap = {};
