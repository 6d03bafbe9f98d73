/**
 * kubectl's non-table printers: `-o yaml|json` (a `kind: List` around several objects),
 * `-o name` (`kind.group/name`), `custom-columns` (tab-aligned, `<none>` for missing values,
 * several results joined by commas), `jsonpath` and `go-template` (with kubectl's `exists` and
 * `base64decode`).
 */
import {
  def,
  encodeJson,
  encodeYaml,
  FuncError,
  isMap,
  sprint,
  TemplateError,
  TemplateSet,
} from '../../template/index.ts';
import { JsonPath, JsonPathError, relaxedJsonPath } from './jsonpath.ts';

export type OutputKind =
  | 'table'
  | 'wide'
  | 'yaml'
  | 'json'
  | 'name'
  | 'jsonpath'
  | 'jsonpath-file'
  | 'jsonpath-as-json'
  | 'custom-columns'
  | 'custom-columns-file'
  | 'go-template'
  | 'go-template-file'
  | 'template'
  | 'templatefile';

export interface OutputFormat {
  kind: OutputKind;
  /** What follows `=`: the template, spec or file name. */
  arg: string;
}

const knownFormats = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'kyaml',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
];

export class OutputFormatError extends Error {
  override name = 'OutputFormatError';
}

/** Parses `-o`; the message for an unknown format lists the allowed ones as kubectl does. */
export function parseOutputFormat(output: string | undefined, allowed = knownFormats): OutputFormat {
  if (!output) return { kind: 'table', arg: '' };
  const eq = output.indexOf('=');
  const kind = eq >= 0 ? output.slice(0, eq) : output;
  const arg = eq >= 0 ? output.slice(eq + 1) : '';
  if (!allowed.includes(kind))
    throw new OutputFormatError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowed.join(',')}`,
    );
  return { kind: kind as OutputKind, arg };
}

/** `-o json`: json.MarshalIndent with four spaces. */
export function jsonText(obj: unknown): string {
  return `${encodeJson(obj, { indent: '    ' })}\n`;
}

/** `-o yaml`: sigs.k8s.io/yaml. */
export function yamlText(obj: unknown): string {
  return encodeYaml(obj);
}

/** The object kubectl prints for several results with `-o yaml|json`. */
export function listOf(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Integral JSON numbers as Go int64 (unstructured decoding), so fmt prints `3`, not `3e+00`-style floats. */
function unstructuredInts(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v) && Number.isSafeInteger(v)) return BigInt(v);
  if (Array.isArray(v)) return v.map(unstructuredInts);
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = unstructuredInts(x);
    return out;
  }
  return v;
}

export interface CustomColumn {
  header: string;
  path: JsonPath;
}

/** Parses `HEADER:.path,HEADER2:.path2`. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec.length === 0)
    throw new OutputFormatError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.split(':');
    if (colon.length !== 2)
      throw new OutputFormatError(
        `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`,
      );
    return { header: colon[0], path: new JsonPath(relaxedJsonPath(colon[1]), { allowMissingKeys: true }) };
  });
}

/** A custom-columns file: headers on the first line, paths on the second, separated by spaces. */
export function parseCustomColumnsFile(text: string): CustomColumn[] {
  const lines = text.split('\n');
  const headers = (lines[0] ?? '').split(/\s+/).filter(Boolean);
  const paths = (lines[1] ?? '').split(/\s+/).filter(Boolean);
  if (headers.length !== paths.length)
    throw new OutputFormatError(
      `number of headers (${headers.length}) and field specifications (${paths.length}) don't match`,
    );
  return headers.map((h, i) => ({
    header: h,
    path: new JsonPath(relaxedJsonPath(paths[i]), { allowMissingKeys: true }),
  }));
}

/** Tab-separated custom-columns lines (header first unless noHeaders). */
export function customColumnsLines(objects: unknown[], columns: CustomColumn[], noHeaders = false): string[] {
  const lines: string[] = [];
  if (!noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  for (const obj of objects) {
    const data = unstructuredInts(obj);
    const cells = columns.map((c) => {
      const results = c.path.findResults(data);
      const texts: string[] = [];
      if (results.length === 0 || results[0].length === 0) texts.push('<none>');
      for (const set of results) for (const v of set) texts.push(sprint(v));
      return texts.join(',');
    });
    lines.push(cells.join('\t'));
  }
  return lines;
}

export function jsonPathOutput(template: string, obj: unknown, allowMissingKeys = true): string {
  return new JsonPath(template, { allowMissingKeys }).execute(obj);
}

const kubectlTemplateFuncs = {
  // kubectl's go-template helpers
  exists: def(
    ['interface {}'],
    (item: unknown, ...keys: string[]) => {
      let cur = item;
      for (const k of keys) {
        if (!isMap(cur) || !Object.hasOwn(cur, k)) return false;
        cur = (cur as Record<string, unknown>)[k];
      }
      return true;
    },
    'string',
  ),
  base64decode: def(['string'], (s: string) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0)
      throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${s.length}`);
    return Buffer.from(s, 'base64').toString('latin1');
  }),
};

export function goTemplateOutput(template: string, obj: unknown, allowMissingKeys = true): string {
  const set = new TemplateSet({
    funcs: kubectlTemplateFuncs,
    missingKey: allowMissingKeys ? 'default' : 'error',
  });
  set.parse('output', template);
  return set.execute('output', obj);
}

export { JsonPathError, TemplateError };
