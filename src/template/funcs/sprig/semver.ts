import type { FuncMap } from '../types.ts';

/** PLACEHOLDER: being written. */
export const semverFuncs: FuncMap = {};
