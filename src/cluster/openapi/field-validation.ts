/**
 * Field validation as kube-apiserver does it (`fieldValidation=Strict|Warn|Ignore`): unknown
 * fields (not in the kind's schema) and duplicate fields (a key repeated in one JSON object).
 * Messages match upstream's strict JSON decoder: `unknown field "spec.foo"`,
 * `duplicate field "metadata.name"`, paths joined with `.` and list indexes as `[0]`, in the
 * order the decoder meets them. Duplicates need the raw JSON text; a parsed object has lost them.
 */
import type { SchemaNode } from '../../kube/schema.ts';

export type FieldValidationMode = 'Strict' | 'Warn' | 'Ignore';

export interface FieldValidationResult {
  /** Every strict-decoding complaint, e.g. `unknown field "spec.foo"`. */
  issues: string[];
  /** Strict mode with issues: `strict decoding error: <issues joined by ", ">`. */
  error?: string;
  /** Warn mode: one `Warning` header text per issue. */
  warnings: string[];
}

/** Strict: the error; Warn: the warnings; Ignore: nothing (and no work). */
export function validateFields(
  obj: unknown,
  schema: SchemaNode | undefined,
  mode: FieldValidationMode,
  options: { raw?: string } = {},
): FieldValidationResult {
  if (mode === 'Ignore' || !schema) return { issues: [], warnings: [] };
  const issues =
    options.raw !== undefined ? strictIssuesOfJson(options.raw, schema) : unknownFieldIssues(obj, schema);
  if (issues.length === 0) return { issues, warnings: [] };
  if (mode === 'Warn') return { issues, warnings: issues };
  return { issues, error: strictDecodingError(issues), warnings: [] };
}

/** `strict decoding error: unknown field "a", duplicate field "b"` (apimachinery's strictDecodingError). */
export function strictDecodingError(issues: string[]): string {
  return `strict decoding error: ${issues.join(', ')}`;
}

/**
 * The create/update 400 message: `Deployment in version "v1" cannot be handled as a Deployment:
 * strict decoding error: unknown field "spec.foo"`.
 */
export function cannotBeHandledMessage(kind: string, version: string, detail: string): string {
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`;
}

function isStruct(schema: SchemaNode): boolean {
  return schema.properties !== undefined && !schema.preserveUnknownFields;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Unknown fields of an already-parsed object (patch results), in key order. */
export function unknownFieldIssues(value: unknown, schema: SchemaNode): string[] {
  const issues: string[] = [];
  const walk = (v: unknown, s: SchemaNode | undefined, path: string): void => {
    if (!s || s.preserveUnknownFields || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk(item, s.items, `${path}[${i}]`);
      });
      return;
    }
    for (const [key, child] of Object.entries(v)) {
      if (isStruct(s)) {
        const field = s.properties?.[key];
        if (!field) issues.push(`unknown field ${JSON.stringify(join(path, key))}`);
        else walk(child, field, join(path, key));
      } else if (s.additionalProperties) walk(child, s.additionalProperties, join(path, key));
    }
  };
  walk(value, schema, '');
  return issues;
}

/** Unknown and duplicate fields of a JSON text, in document order. Invalid JSON yields none (the decoder reports it). */
export function strictIssuesOfJson(text: string, schema: SchemaNode): string[] {
  const issues: string[] = [];
  let pos = 0;
  const skipSpace = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos] as string)) pos++;
  };
  const fail = (): never => {
    throw new SyntaxError(`invalid JSON at ${pos}`);
  };
  const readString = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) fail();
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const skipScalar = () => {
    if (text[pos] === '"') {
      readString();
      return;
    }
    const start = pos;
    while (pos < text.length && !',}] \t\n\r'.includes(text[pos] as string)) pos++;
    if (pos === start) fail();
  };
  // `check` false: skip the value entirely (Go discards an unknown field's value unread).
  const value = (s: SchemaNode | undefined, path: string, check: boolean): void => {
    skipSpace();
    const c = text[pos];
    if (c === '{') object(s, path, check);
    else if (c === '[') array(s, path, check);
    else skipScalar();
  };
  const object = (s: SchemaNode | undefined, path: string, check: boolean): void => {
    pos++;
    const seen = new Set<string>();
    // Free-form values decode as map[string]interface{}: duplicates still count, unknowns cannot exist.
    const struct = check && s !== undefined && isStruct(s);
    const freeForm = check && (s === undefined || s.preserveUnknownFields === true);
    skipSpace();
    if (text[pos] === '}') {
      pos++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') fail();
      const key = readString();
      skipSpace();
      if (text[pos] !== ':') fail();
      pos++;
      const childPath = join(path, key);
      if (struct) {
        const field = s?.properties?.[key];
        if (!field) {
          issues.push(`unknown field ${JSON.stringify(childPath)}`);
          value(undefined, childPath, false);
        } else {
          if (seen.has(key)) issues.push(`duplicate field ${JSON.stringify(childPath)}`);
          seen.add(key);
          value(field, childPath, true);
        }
      } else if (check && (freeForm || s?.additionalProperties)) {
        if (seen.has(key)) issues.push(`duplicate field ${JSON.stringify(childPath)}`);
        seen.add(key);
        value(freeForm ? undefined : s?.additionalProperties, childPath, true);
      } else value(undefined, childPath, false);
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return;
      }
      fail();
    }
  };
  const array = (s: SchemaNode | undefined, path: string, check: boolean): void => {
    pos++;
    skipSpace();
    if (text[pos] === ']') {
      pos++;
      return;
    }
    const items = s?.preserveUnknownFields ? undefined : s?.items;
    const checkItems = check && (items !== undefined || s === undefined || s.preserveUnknownFields === true);
    for (let i = 0; ; i++) {
      value(items, `${path}[${i}]`, checkItems);
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return;
      }
      fail();
    }
  };
  try {
    value(schema, '', true);
  } catch (err) {
    if (err instanceof SyntaxError) return [];
    throw err;
  }
  return issues;
}

/** structured-merge-diff's value.ToString for a map-key value: strings quoted, numbers and booleans bare. */
function keyValueString(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/**
 * Server-side apply's schema check of an applied configuration: `.spec.foo: field not declared
 * in schema` (structured-merge-diff paths: `.field`, `[name="app"]` for map lists, `[="x"]` for
 * sets, `[0]` for atomic lists). Several errors are listed after `errors:`, one per line.
 * Returns undefined when the object fits the schema.
 */
export function applySchemaError(obj: unknown, schema: SchemaNode): string | undefined {
  const errors: string[] = [];
  const walk = (v: unknown, s: SchemaNode | undefined, path: string): void => {
    if (!s || s.preserveUnknownFields || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        let element = `[${i}]`;
        if (s.listType === 'map' && s.listMapKeys && item && typeof item === 'object') {
          const keys = [...s.listMapKeys]
            .sort()
            .filter((k) => (item as Record<string, unknown>)[k] !== undefined);
          element = `[${keys.map((k) => `${k}=${keyValueString((item as Record<string, unknown>)[k])}`).join(',')}]`;
        } else if (s.listType === 'set') element = `[=${keyValueString(item)}]`;
        walk(item, s.items, `${path}${element}`);
      });
      return;
    }
    for (const key of Object.keys(v).sort()) {
      const child = (v as Record<string, unknown>)[key];
      if (isStruct(s)) {
        const field = s.properties?.[key];
        if (!field) errors.push(`${path}.${key}: field not declared in schema`);
        else walk(child, field, `${path}.${key}`);
      } else if (s.additionalProperties) walk(child, s.additionalProperties, `${path}.${key}`);
    }
  };
  walk(obj, schema, '');
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : ['errors:', ...errors.map((e) => `  ${e}`)].join('\n');
}
