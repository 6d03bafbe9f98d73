/**
 * Go's text/template with Helm's function set. Public surface of the template room.
 */

export { TemplateError, type TemplateErrorKind } from './errors.ts';
export type { ExecState, MissingKey } from './exec.ts';
export { formatFloat, formatValue, quote, sprint, sprintf, sprintln } from './fmt.ts';
export { builtinFuncs } from './funcs/builtins.ts';
export { helmOnlyFuncs } from './funcs/helm.ts';
export { def, type FuncDef, FuncError, type FuncMap, type ParamType } from './funcs/types.ts';
export { helmFuncMap, type RenderOptions, renderTemplates } from './render.ts';
export { type TemplateOptions, TemplateSet } from './template.ts';
export * from './value.ts';
export { decodeJson, encodeJson, JsonError, type JsonEncodeOptions } from './encoding/json.ts';
export { decodeToml, encodeToml, TomlError } from './encoding/toml.ts';
export {
  decodeYaml,
  decodeYamlTree,
  encodeYaml,
  encodeYamlPretty,
  resolveScalarNode,
  YamlError,
} from './encoding/yaml.ts';
export { sprigFuncs } from './funcs/index.ts';
export { atoi, parseGoFloat, parseGoInt, quoteRune, unquote } from './strconv.ts';
export { formatFloatG } from './encoding/float.ts';
export { type Resolved, resolvePlain } from './encoding/yaml-resolve.ts';
