/** kubectl's printers: tables from the server, YAML/JSON/name, custom-columns, JSONPath, go-template. */
export { JsonPath, JsonPathError, type JsonPathOptions, jsonPathText, relaxedJsonPath } from './jsonpath.ts';
export {
  type CustomColumn,
  customColumnsLines,
  goTemplateOutput,
  jsonPathOutput,
  jsonText,
  listOf,
  type OutputFormat,
  OutputFormatError,
  type OutputKind,
  parseCustomColumns,
  parseCustomColumnsFile,
  parseOutputFormat,
  yamlText,
} from './output.ts';
export {
  cellText,
  formatLabels,
  type Table,
  type TableColumn,
  type TablePrintOptions,
  type TableRow,
  tableLines,
} from './table.ts';
export { alignTabs, kubectlTabwriter, type TabwriterOptions } from './tabwriter.ts';
export { typedJsonText } from './typed.ts';
