import type { FuncMap } from './types.ts';

/** PLACEHOLDER: Go's builtins (and, or, len, index, eq, printf, ...) being written. */
export const builtinFuncs: FuncMap = {};
