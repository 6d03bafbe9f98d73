/**
 * Go's text/template with Helm's function set. Public surface of the template room.
 */

export { formatFloatG } from './encoding/float.ts';
export { decodeJson, encodeJson, type JsonEncodeOptions, JsonError } from './encoding/json.ts';
export { decodeToml, encodeToml, TomlError } from './encoding/toml.ts';
export {
  decodeYaml,
  decodeYamlFast,
  decodeYamlTree,
  encodeYaml,
  encodeYamlPretty,
  FALLBACK,
  resolveScalarNode,
  YamlError,
} from './encoding/yaml.ts';
export { type Resolved, resolvePlain } from './encoding/yaml-resolve.ts';
export { TemplateError, type TemplateErrorKind } from './errors.ts';
export type { ExecState, MissingKey } from './exec.ts';
export { formatFloat, formatValue, quote, sprint, sprintf, sprintln } from './fmt.ts';
export { builtinFuncs } from './funcs/builtins.ts';
export { helmOnlyFuncs } from './funcs/helm.ts';
export { sprigFuncs } from './funcs/index.ts';
export { def, type FuncDef, FuncError, type FuncMap, type ParamType } from './funcs/types.ts';
export {
  executeParsed,
  helmFuncMap,
  type ParsedTemplates,
  parseHelmTemplates,
  type RenderOptions,
  renderTemplates,
} from './render.ts';
export { atoi, parseGoFloat, parseGoInt, quoteRune, unquote } from './strconv.ts';
export { type TemplateOptions, TemplateSet } from './template.ts';
export { decodeParsedTemplates, encodeParsedTemplates } from './tree-codec.ts';
export * from './value.ts';
