/**
 * The values rule (Helm's lint/rules/values.go): values.yaml must exist (info) and parse, and,
 * with user overrides coalesced over it, satisfy values.schema.json when there is one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GoMap, helmFuncMap } from '../../template/index.ts';
import { coalesceTables, deepCopy, type Warn } from '../values.ts';
import { SchemaCompileError, validateAgainstSchema } from '../jsonschema.ts';
import { type Linter, Severity } from './support.ts';

const VALUES_FILE = 'values.yaml';

export function lintValues(
  linter: Linter,
  overrides: GoMap,
  skipSchemaValidation: boolean,
  warn: Warn,
): void {
  const path = join(linter.chartDir, VALUES_FILE);
  if (!linter.rule(Severity.Info, VALUES_FILE, existsSync(path) ? undefined : 'file does not exist')) return;
  linter.rule(Severity.Error, VALUES_FILE, valuesProblem(path, overrides, skipSchemaValidation, warn));
}

/** common.ReadValuesFile: one YAML mapping (an empty file is an empty map). */
export function readValuesFile(text: string): GoMap {
  const m = (helmFuncMap().fromYaml!.fn as (t: string) => GoMap)(text);
  if (typeof m.Error === 'string' && Object.keys(m).length === 1) throw new Error(m.Error);
  return m;
}

function valuesProblem(
  path: string,
  overrides: GoMap,
  skipSchemaValidation: boolean,
  warn: Warn,
): string | undefined {
  let values: GoMap;
  try {
    values = readValuesFile(readFileSync(path, 'utf8'));
  } catch (e) {
    return `unable to parse YAML: ${(e as Error).message}`;
  }
  // only the top-level chart's values are checked, coalesced as tables (as Helm 2 did)
  let coalesced = coalesceTables({}, deepCopy(overrides), warn);
  coalesced = coalesceTables(coalesced, values, warn);
  const schemaPath = path.replace(/\.yaml$/, '.schema.json');
  let schema = '';
  try {
    schema = readFileSync(schemaPath, 'utf8');
  } catch {
    return undefined;
  }
  if (schema.length === 0 || skipSchemaValidation) return undefined;
  try {
    return validateAgainstSchema(coalesced, schema);
  } catch (e) {
    if (e instanceof SchemaCompileError) return e.message;
    throw e;
  }
}
