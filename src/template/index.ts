/**
 * Go's text/template with Helm's function set. Public surface of the template room.
 */

export { formatFloat, formatValue, quote, sprint, sprintf, sprintln } from './fmt.ts';
export { def, type FuncDef, FuncError, type FuncMap, type ParamType } from './funcs/types.ts';
export * from './value.ts';
