/**
 * Interim YAML reading for the chart room, shaped like sigs.k8s.io/yaml's Unmarshal into
 * interface{}: YAML 1.1 scalars (yes/no are booleans), every number a float64, non-string map keys
 * turned into strings. It goes through the `yaml` package until the yaml room's `decodeYaml`
 * (Go's exact error texts) lands; only this file changes then.
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
import * as templateRoom from '../template/index.ts';
import { type GoMap, mapSet } from '../template/index.ts';

export class YamlError extends Error {}

const OPTIONS = { version: '1.1', uniqueKeys: false, merge: true, intAsBigInt: false } as const;

/**
 * The template room's sigs.k8s.io/yaml decoder, once its index exports it: it words syntax
 * errors exactly as go-yaml does, so a document is checked there first.
 */
const goDecode = (templateRoom as Record<string, unknown>).decodeYaml as ((text: string) => unknown) | undefined;

function checkWithGo(text: string): void {
  if (typeof goDecode === 'function') goDecode(text);
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
  checkWithGo(text);
  const lc = new LineCounter();
  const doc = parseDocument(text, { ...OPTIONS, lineCounter: lc });
  if (doc.errors.length > 0) throw failure(doc, lc);
  return toGoValue(doc.contents);
}

/** The parsed node tree of one document, for decoding into a typed struct (Chart.yaml). */
export function parseYamlNode(text: string): Node | null {
  checkWithGo(text);
  const lc = new LineCounter();
  const doc = parseDocument(text, { ...OPTIONS, lineCounter: lc });
  if (doc.errors.length > 0) throw failure(doc, lc);
  return doc.contents;
}

/** Each document of a multi-document stream (k8s.io/apimachinery's YAMLReader). */
export function decodeYamlDocuments(text: string): unknown[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { ...OPTIONS, lineCounter: lc });
  if (!Array.isArray(docs)) return [];
  const out: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw failure(doc, lc);
    out.push(toGoValue(doc.contents));
  }
  return out;
}
