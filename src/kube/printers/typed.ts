/**
 * `-o json` of an object kubectl holds as a Go struct (a typed client's result, e.g. the
 * ReplicaSets and ControllerRevisions `rollout history -o json` prints) rather than as
 * unstructured maps: encoding/json then writes the fields in struct declaration order (TypeMeta's
 * kind before apiVersion) and only map keys sorted. The field order comes from the type facts'
 * SchemaNode, whose properties are listed in declaration order.
 */

import { formatJsonFloat, quoteJsonString } from '../../template/encoding/json.ts';
import type { SchemaNode } from '../schema.ts';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function inStructOrder(value: unknown, schema: SchemaNode | undefined): unknown {
  // RawExtension and untyped values: the bytes as the server sent them.
  if (!schema || schema.preserveUnknownFields) return value;
  if (Array.isArray(value)) return value.map((v) => inStructOrder(v, schema.items));
  if (!isObject(value)) return value;
  const out: Obj = {};
  if (schema.properties) {
    // Kinds embed TypeMeta first (kind, then apiVersion); the type facts list apiVersion first.
    const props = schema.properties;
    const fields =
      'kind' in props && 'apiVersion' in props && 'metadata' in props
        ? ['kind', 'apiVersion', ...Object.keys(props).filter((f) => f !== 'kind' && f !== 'apiVersion')]
        : Object.keys(props);
    for (const field of fields) if (field in value) out[field] = inStructOrder(value[field], props[field]);
    // Fields the type facts do not know stay, after the known ones.
    for (const k of Object.keys(value).sort()) if (!(k in out)) out[k] = value[k];
    return out;
  }
  // map[string]T: encoding/json sorts the keys
  for (const k of Object.keys(value).sort()) out[k] = inStructOrder(value[k], schema.additionalProperties);
  return out;
}

/** encoding/json's MarshalIndent over values already in field order (HTML-escaped strings). */
function marshalIndent(v: unknown, indent: string, depth = 0): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quoteJsonString(v, true);
  if (typeof v === 'number') return formatJsonFloat(v);
  if (typeof v === 'boolean') return String(v);
  const inner = indent.repeat(depth + 1);
  const close = `\n${indent.repeat(depth)}`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + marshalIndent(x, indent, depth + 1)).join(',\n')}${close}]`;
  }
  const entries = Object.entries(v as Obj).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  const fields = entries.map(
    ([k, x]) => `${inner}${quoteJsonString(k, true)}: ${marshalIndent(x, indent, depth + 1)}`,
  );
  return `{\n${fields.join(',\n')}${close}}`;
}

/** json.MarshalIndent(obj, "", "    ") of the typed object `schema` describes, with a newline. */
export function typedJsonText(obj: Obj, schema: SchemaNode | undefined): string {
  return `${marshalIndent(inStructOrder(obj, schema), '    ')}\n`;
}
