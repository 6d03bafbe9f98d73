/**
 * YAML for the chart room. Values come from the template room's `decodeYaml` (sigs.k8s.io/yaml
 * semantics and go-yaml's error texts); multi-document streams are split as k8s.io's YAMLReader
 * splits them; typed structs (Chart.yaml, a manifest's head) are decoded from the `yaml`
 * package's node tree after the same Go-faithful check, because sigs.k8s.io/yaml keeps a
 * scalar's text when the target field is a string.
 */
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  parseDocument,
} from 'yaml';
import { type GoMap, decodeYaml as goDecodeYaml, mapSet } from '../template/index.ts';

export class YamlError extends Error {}

const OPTIONS = { version: '1.1', uniqueKeys: false, merge: true, intAsBigInt: false } as const;

function checkWithGo(text: string): void {
  goDecodeYaml(text);
}

/** Go's error text for the first problem of a parsed document. */
function failure(doc: Document.Parsed, lc: LineCounter): YamlError {
  const e = doc.errors[0]!;
  const line = lc.linePos(e.pos[0]).line;
  const msg = e.code === 'DUPLICATE_KEY' ? 'mapping key already defined' : e.message.split('\n')[0];
  return new YamlError(`error converting YAML to JSON: yaml: line ${line}: ${msg}`);
}

/** The Go value of a node: maps, slices, strings, bools, float64 numbers, nil. */
export function toGoValue(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isMap(node)) {
    const out: GoMap = {};
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? pair.key.value : toGoValue(pair.key);
      mapSet(out, keyString(k), toGoValue(pair.value));
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((n) => toGoValue(n));
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Date) return String(node.source);
    if (v === undefined) return null;
    return v;
  }
  return null;
}

function keyString(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k === null) return 'null';
  if (typeof k === 'number') return String(k);
  return String(k);
}

/** sigs.k8s.io/yaml Unmarshal of one document into interface{}. */
export function decodeYaml(text: string): unknown {
  return goDecodeYaml(text);
}

/** The parsed node tree of one document, for decoding into a typed struct (Chart.yaml). */
export function parseYamlNode(text: string): Node | null {
  checkWithGo(text);
  const lc = new LineCounter();
  const doc = parseDocument(text, { ...OPTIONS, lineCounter: lc });
  if (doc.errors.length > 0) throw failure(doc, lc);
  return doc.contents;
}

/**
 * The documents of a stream as k8s.io/apimachinery's YAMLReader cuts them: at lines starting
 * with `---` followed by nothing but spaces or a comment.
 */
export function splitYamlDocuments(text: string): string[] {
  const docs: string[] = [];
  let current = '';
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && !rest.startsWith('#')) {
        throw new YamlError(`invalid Yaml document separator: ${rest}`);
      }
      if (current.length > 0) docs.push(current);
      current = '';
      continue;
    }
    current += line;
  }
  if (current.length > 0) docs.push(current);
  return docs;
}

/** Each document of a multi-document stream, decoded. */
export function decodeYamlDocuments(text: string): unknown[] {
  return splitYamlDocuments(text).map((d) => goDecodeYaml(d));
}
