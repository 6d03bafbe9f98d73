/**
 * Reading a multi-document manifest the way k8s.io/apimachinery's YAMLOrJSONDecoder does for
 * Helm's lint: documents split at `---` lines, each decoded on its own (so error lines count from
 * the document's start) into the few fields lint looks at.
 */
import { helmFuncMap, sprintf } from '../../template/index.ts';

/** Helm's k8sYamlStruct: apiVersion, kind, metadata.name, metadata.namespace. */
export interface K8sHead {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
}

/** yaml.YAMLReader: a line starting with `---` followed by nothing or a comment ends a document. */
export function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let buf = '';
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest === '' || rest.startsWith('#')) {
        if (buf !== '') docs.push(buf);
        buf = '';
        continue;
      }
    }
    buf += line;
  }
  if (buf !== '') docs.push(buf);
  return docs;
}

let fromYaml: ((text: string) => Record<string, unknown>) | undefined;

/** sigs.k8s.io/yaml into interface{}, through the template room's `fromYaml` (Go's messages). */
function decodeMap(text: string): { value?: Record<string, unknown>; error?: string } {
  fromYaml ??= helmFuncMap().fromYaml!.fn as (text: string) => Record<string, unknown>;
  const m = fromYaml(text);
  const err = m.Error;
  if (typeof err === 'string' && Object.keys(m).length === 1) {
    // a document that is not a mapping names the struct it failed to fill
    return { error: err.replace('map[string]interface {}', 'rules.k8sYamlStruct') };
  }
  return { value: m };
}

/** A struct field the way encoding/json finds it: exact key first, then case-insensitively. */
function field(m: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(m, name)) return m[name];
  const lower = name.toLowerCase();
  const key = Object.keys(m).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : m[key];
}

/** A scalar into a Go string field: sigs.k8s.io/yaml turns numbers and booleans into text. */
function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return sprintf('%v', v);
  return '';
}

/**
 * Each document's head, or the first decoding error (after which Helm stops reading the file).
 * `null` marks an empty document, which Helm skips.
 */
export function decodeHeads(content: string): { heads: (K8sHead | null)[]; error?: string } {
  const heads: (K8sHead | null)[] = [];
  for (const doc of splitDocuments(content)) {
    const r = decodeMap(doc);
    if (r.error !== undefined) return { heads, error: r.error };
    const m = r.value!;
    if (Object.keys(m).length === 0 && /^\s*(#.*)?(\n\s*(#.*)?)*$/.test(doc)) {
      heads.push(null);
      continue;
    }
    const md = field(m, 'metadata');
    const meta = md && typeof md === 'object' && !Array.isArray(md) ? (md as Record<string, unknown>) : {};
    heads.push({
      apiVersion: text(field(m, 'apiVersion')),
      kind: text(field(m, 'kind')),
      name: text(field(meta, 'name')),
      namespace: text(field(meta, 'namespace')),
    });
  }
  return { heads };
}

/** The parsed documents themselves, for rules that look deeper (List items). */
export function decodeMaps(content: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const doc of splitDocuments(content)) {
    const r = decodeMap(doc);
    if (r.value) out.push(r.value);
  }
  return out;
}
