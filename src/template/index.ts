/**
 * Go's text/template with Helm's function set. Public surface of the template room.
 */

export { formatFloat, formatValue, quote, sprint, sprintf, sprintln } from './fmt.ts';
export { def, type FuncDef, FuncError, type FuncMap, type ParamType } from './funcs/types.ts';
export * from './value.ts';
export { TemplateError, type TemplateErrorKind } from './errors.ts';
export type { ExecState, MissingKey } from './exec.ts';
export { builtinFuncs } from './funcs/builtins.ts';
export { helmOnlyFuncs } from './funcs/helm.ts';
export { helmFuncMap, type RenderOptions, renderTemplates } from './render.ts';
export { TemplateSet, type TemplateOptions } from './template.ts';
