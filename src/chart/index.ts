/**
 * Charts: loading (directory, archive, buffered files), the Chart.yaml model and its validation,
 * values (files, --set family, coalescing), dependency processing, semver ranges.
 */

export { loadArchiveFiles, MAX_DECOMPRESSED_CHART_SIZE, MAX_DECOMPRESSED_FILE_SIZE } from './archive.ts';
export {
  API_VERSION_V1,
  API_VERSION_V2,
  Chart,
  type ChartFile,
  type Dependency,
  type Maintainer,
  type Metadata,
  ValidationError,
} from './chart.ts';
export { processDependencies } from './dependencies.ts';
export { compileFilesGlob, goMatch } from './glob.ts';
export { IgnoreRules } from './ignore.ts';
export { fileText, loadArchive, loadChart, loadDir, loadFiles } from './load.ts';
export { isCompatibleRange, parseConstraint, parseVersion } from './semver.ts';
export {
  parseInto,
  parseIntoFile,
  parseIntoString,
  parseJson,
  parseLiteralInto,
  parseSet,
  typedVal,
} from './strvals.ts';
export {
  asValues,
  coalesceTables,
  coalesceValues,
  GLOBAL_KEY,
  mergeMaps,
  mergeTables,
  mergeUserValues,
  mergeValues,
  readValues,
  stderrWarn,
  type ValueOptions,
  valuesTable,
  type Warn,
} from './values.ts';
export { decodeYaml, decodeYamlDocuments, parseYamlNode, splitYamlDocuments } from './yaml.ts';
export * from './create/index.ts';
export * from './deps/index.ts';
export * from './save/index.ts';
export { SchemaCompileError, validateAgainstSchema, validateValuesAgainstSchemas } from './jsonschema.ts';
