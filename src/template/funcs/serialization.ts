/**
 * Serialization functions: Helm's (pkg/engine/funcs.go: toYaml, fromYaml, toJson, fromJson,
 * toToml, ...) and Sprig's JSON family (toPrettyJson, toRawJson, mustFromJson, ...). Where both
 * define a name (toJson, mustToJson, fromJson) Helm's definition wins, as in Helm's funcMap.
 *
 * Helm's from* functions never fail: errors land in an "Error" key (maps) or as the only
 * element (arrays). The must* variants fail the template with Go's error text.
 */
import { decodeJson, decodeJsonLenient, encodeJson, jsonKindName } from '../encoding/json.ts';
import { decodeToml, encodeToml } from '../encoding/toml.ts';
import { decodeYaml, encodeYaml, encodeYamlPretty } from '../encoding/yaml.ts';
import { type GoMap, isMap, mapSet, newMap } from '../value.ts';
import { def, FuncError, type FuncMap } from './types.ts';

const MAP_TYPE = 'map[string]interface {}';
const SLICE_TYPE = '[]interface {}';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function trimNewline(s: string): string {
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

/** Helm's toYaml: sigs.k8s.io/yaml Marshal without the final newline; "" on error. */
export function toYaml(v: unknown): string {
  try {
    return trimNewline(encodeYaml(v));
  } catch {
    return '';
  }
}

function mustToYaml(v: unknown): string {
  try {
    return trimNewline(encodeYaml(v));
  } catch (e) {
    throw new FuncError(message(e));
  }
}

function toYamlPretty(v: unknown): string {
  try {
    return trimNewline(encodeYamlPretty(v));
  } catch {
    return '';
  }
}

/** Go's json error for a document of the wrong kind for the target type. */
function wrongKind(v: unknown, target: string): string {
  return `json: cannot unmarshal ${jsonKindName(v)} into Go value of type ${target}`;
}

/** The YAML unmarshal path: sigs.k8s.io/yaml wraps JSON-stage errors in two prefixes. */
function yamlInto(text: string, target: 'map' | 'slice'): { value: unknown; error?: string } {
  let v: unknown;
  try {
    v = decodeYaml(text);
  } catch (e) {
    return { value: undefined, error: message(e) };
  }
  // a null document leaves the target nil: an empty map or slice here
  if (v === null) return { value: undefined };
  const ok = target === 'map' ? isMap(v) : Array.isArray(v);
  if (ok) return { value: v };
  const typeName = target === 'map' ? MAP_TYPE : SLICE_TYPE;
  return {
    value: undefined,
    error: `error unmarshaling JSON: while decoding JSON: ${wrongKind(v, typeName)}`,
  };
}

function fromYaml(text: string): GoMap {
  const r = yamlInto(text, 'map');
  const m = (r.value as GoMap | undefined) ?? newMap();
  if (r.error !== undefined) mapSet(m, 'Error', r.error);
  return m;
}

function fromYamlArray(text: string): unknown[] {
  const r = yamlInto(text, 'slice');
  if (r.error !== undefined) return [r.error];
  return (r.value as unknown[] | undefined) ?? [];
}

function jsonInto(text: string, target: 'map' | 'slice'): { value: unknown; error?: string } {
  const r = decodeJsonLenient(text);
  if (r.value === undefined || r.value === null) return { value: undefined, error: r.error };
  const ok = target === 'map' ? isMap(r.value) : Array.isArray(r.value);
  if (!ok) return { value: undefined, error: wrongKind(r.value, target === 'map' ? MAP_TYPE : SLICE_TYPE) };
  return r;
}

function fromJson(text: string): GoMap {
  const r = jsonInto(text, 'map');
  const m = (r.value as GoMap | undefined) ?? newMap();
  if (r.error !== undefined) mapSet(m, 'Error', r.error);
  return m;
}

function fromJsonArray(text: string): unknown[] {
  const r = jsonInto(text, 'slice');
  if (r.error !== undefined) return [r.error];
  return (r.value as unknown[] | undefined) ?? [];
}

function toJson(v: unknown): string {
  try {
    return encodeJson(v);
  } catch {
    return '';
  }
}

function mustToJson(v: unknown): string {
  try {
    return encodeJson(v);
  } catch (e) {
    throw new FuncError(message(e));
  }
}

function mustToPrettyJson(v: unknown): string {
  try {
    return encodeJson(v, { indent: '  ' });
  } catch (e) {
    throw new FuncError(message(e));
  }
}

/** Sprig's toRawJson panics on error (unlike toJson), so both raw variants fail the template. */
function mustToRawJson(v: unknown): string {
  try {
    return encodeJson(v, { escapeHTML: false });
  } catch (e) {
    throw new FuncError(message(e));
  }
}

function mustFromJson(text: string): unknown {
  try {
    return decodeJson(text);
  } catch (e) {
    throw new FuncError(message(e));
  }
}

/** Helm's toToml returns the error text as its result. */
function toToml(v: unknown): string {
  try {
    return encodeToml(v);
  } catch (e) {
    return message(e);
  }
}

function fromToml(text: string): GoMap {
  try {
    return decodeToml(text);
  } catch (e) {
    const m = newMap();
    mapSet(m, 'Error', message(e));
    return m;
  }
}

export const serializationFuncs: FuncMap = {
  // Sprig (defaults.go)
  toPrettyJson: def(['interface {}'], (v: unknown) => {
    try {
      return encodeJson(v, { indent: '  ' });
    } catch {
      return '';
    }
  }),
  toRawJson: def(['interface {}'], mustToRawJson),
  mustToPrettyJson: def(['interface {}'], mustToPrettyJson),
  mustToRawJson: def(['interface {}'], mustToRawJson),
  mustFromJson: def(['string'], mustFromJson),
  // Helm (pkg/engine/funcs.go), overriding Sprig's toJson, mustToJson and fromJson
  toToml: def(['interface {}'], toToml),
  fromToml: def(['string'], fromToml),
  toYaml: def(['interface {}'], toYaml),
  mustToYaml: def(['interface {}'], mustToYaml),
  toYamlPretty: def(['interface {}'], toYamlPretty),
  fromYaml: def(['string'], fromYaml),
  fromYamlArray: def(['string'], fromYamlArray),
  toJson: def(['interface {}'], toJson),
  mustToJson: def(['interface {}'], mustToJson),
  fromJson: def(['string'], fromJson),
  fromJsonArray: def(['string'], fromJsonArray),
};
