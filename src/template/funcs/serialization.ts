import type { FuncMap } from './types.ts';

/** PLACEHOLDER: toJson/fromJson/toYaml/fromYaml/toToml/... being written. */
export const serializationFuncs: FuncMap = {};
