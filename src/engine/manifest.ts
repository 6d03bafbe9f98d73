/**
 * Helm's post-processing of rendered files (pkg/release/v1/util): splitting a file into
 * documents, reading each document's head (apiVersion, kind, metadata.name, annotations),
 * separating hooks, and sorting into install order.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import {
  compareStrings,
  decodeYamlFast,
  decodeYamlTree,
  FALLBACK,
  isMap as isGoMap,
  resolveScalarNode,
} from '../template/index.ts';
import { diskCache } from './disk-cache.ts';

/** unicode.IsSpace */
function isGoSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Go's strings.TrimSpace (unicode.IsSpace at both ends). */
export function trimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** RE2's ASCII \s: [\t\n\f\r ] */
function isReSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;
}

/**
 * Go's regexp.Split(s, -1) on `(?:^|\s*\n)---\s*`, by hand: a regexp engine retries the
 * `\s*\n` at every blank of an indented document, which is slow on big manifests. A match is
 * `---` at the start, or `---` right after a newline, taking the whole run of blanks before it
 * (not reaching back into the previous match) and all blanks after it.
 */
function splitOnSeparators(s: string): string[] {
  const parts: string[] = [];
  let last = 0; // end of the previous match: where the regexp's next search starts
  let from = 0;
  for (;;) {
    const i = s.indexOf('---', from);
    if (i < 0) break;
    let start = -1;
    if (i === 0) start = 0;
    else if (i - 1 >= last && s.charCodeAt(i - 1) === 0x0a) {
      start = i - 1;
      while (start > last && isReSpace(s.charCodeAt(start - 1))) start--;
    }
    if (start < 0) {
      from = i + 1;
      continue;
    }
    let end = i + 3;
    while (end < s.length && isReSpace(s.charCodeAt(end))) end++;
    parts.push(s.slice(last, start));
    last = end;
    from = end;
  }
  parts.push(s.slice(last));
  return parts;
}

/** releaseutil.SplitManifests: documents of a rendered file, trimmed, empty ones dropped. */
export function splitManifests(bigFile: string): string[] {
  const docs = splitOnSeparators(trimSpace(bigFile));
  const out: string[] = [];
  for (const d of docs) {
    if (d === '') continue;
    out.push(trimSpace(d));
  }
  return out;
}

export interface SimpleHead {
  apiVersion: string;
  kind: string;
  metadata?: { name: string; annotations: Record<string, string> | null };
}

type YamlDoc = NonNullable<ReturnType<typeof decodeYamlTree>['doc']>;

/** A node with aliases followed, as go-yaml decodes them. */
function deref(n: unknown, doc: YamlDoc): unknown {
  let cur = n;
  for (let i = 0; isAlias(cur) && i < 1000; i++) cur = cur.resolve(doc);
  return cur;
}

/** The JSON type sigs.k8s.io/yaml turns a node into, for encoding/json's error text. */
function jsonKind(node: unknown): string {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const r = resolveScalarNode(node);
    if (r.tag === 'int' || r.tag === 'float') return 'number';
    if (r.tag === 'bool') return 'bool';
  }
  return 'string';
}

function isNull(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && resolveScalarNode(n).tag === 'null');
}

class HeadError extends Error {
  constructor(kind: string, target: string) {
    super(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into ${target}`);
  }
}

/**
 * A string field of the head; sigs.k8s.io/yaml turns any scalar into its text for a string
 * target (the failsafe parse keeps that text as the node's value).
 */
function headString(n: unknown, field: string): string {
  if (isNull(n)) return '';
  if (isScalar(n)) return n.value === null || n.value === undefined ? '' : String(n.value);
  throw new HeadError(jsonKind(n), `Go struct field ${field} of type string`);
}

function pairsOf(n: unknown, doc: YamlDoc): [string, unknown][] {
  if (!isMap(n)) return [];
  return n.items.map((p) => [isScalar(p.key) ? String(p.key.value) : '', deref(p.value, doc)]);
}

/**
 * The head of a document the fast decoder read, when every head field is a plain string (then
 * its text is the string); undefined sends the document through the full decoder's node tree.
 */
function headFromValue(v: unknown): SimpleHead | undefined {
  if (v === FALLBACK || !isGoMap(v)) return undefined;
  const head: SimpleHead = { apiVersion: '', kind: '' };
  // encoding/json matches field names case-insensitively: two spellings of one field take the
  // full decoder's pair-by-pair path
  const seen = new Set<string>();
  const once = (name: string) => !seen.has(name) && seen.add(name) !== undefined;
  for (const k of Object.keys(v)) {
    const key = k.toLowerCase();
    if ((key === 'apiversion' || key === 'kind' || key === 'metadata') && !once(key)) return undefined;
    const field = v[k];
    if (key === 'apiversion' || key === 'kind') {
      if (typeof field !== 'string') return undefined;
      if (key === 'kind') head.kind = field;
      else head.apiVersion = field;
    } else if (key === 'metadata') {
      if (!isGoMap(field)) return undefined;
      const md = head.metadata ?? { name: '', annotations: null };
      head.metadata = md;
      for (const mk of Object.keys(field)) {
        const mkey = mk.toLowerCase();
        if ((mkey === 'name' || mkey === 'annotations') && !once(`metadata.${mkey}`)) return undefined;
        const mv = field[mk];
        if (mkey === 'name') {
          if (typeof mv !== 'string') return undefined;
          md.name = mv;
        } else if (mkey === 'annotations') {
          if (!isGoMap(mv)) return undefined;
          const ann: Record<string, string> = md.annotations ?? {};
          for (const ak of Object.keys(mv)) {
            const av = mv[ak];
            if (typeof av !== 'string') return undefined;
            ann[ak] = av;
          }
          md.annotations = ann;
        }
      }
    }
  }
  return head;
}

/**
 * Heads of documents decoded before, by their text: rendering a chart again (a library caller's
 * loop; a chart's CRDs, megabytes of YAML, never change) skips decoding the whole document.
 * Only documents that decoded without error, and at most HEAD_CACHE_CHARS of them, oldest out.
 */
const headCache = new Map<string, SimpleHead>();
const HEAD_CACHE_CHARS = 64 << 20;
/** Smaller documents decode about as fast as their text hashes. */
const HEAD_CACHE_MIN_CHARS = 2048;
let headCacheChars = 0;

function copyHead(h: SimpleHead): SimpleHead {
  if (!h.metadata) return { ...h };
  const { annotations } = h.metadata;
  return { ...h, metadata: { ...h.metadata, annotations: annotations && { ...annotations } } };
}

/**
 * yaml.Unmarshal into SimpleHead, with the errors encoding/json gives for wrong shapes. One
 * parse serves both the Go-faithful check of the whole document and the head's fields.
 */
export function parseHead(text: string): SimpleHead {
  if (text.length < HEAD_CACHE_MIN_CHARS) return decodeHead(text);
  const known = headCache.get(text);
  if (known) return copyHead(known);
  const head = storedHead(text) ?? decodeHead(text);
  headCache.set(text, copyHead(head));
  headCacheChars += text.length;
  for (const k of headCache.keys()) {
    if (headCacheChars <= HEAD_CACHE_CHARS) break;
    headCache.delete(k);
    headCacheChars -= k.length;
  }
  return head;
}

/**
 * Documents this large also go to the on-disk cache (hashing is ~50x faster than decoding):
 * a chart's CRDs are the same text on every run, and most of the decoding of a chart like
 * contour (1.4 MB of CRDs: ~35 ms of a cold run).
 */
const HEAD_DISK_MIN_CHARS = 16 << 10;

/** The head from the disk cache, or decoded (and stored when large and decoded without error). */
function storedHead(text: string): SimpleHead | undefined {
  if (text.length < HEAD_DISK_MIN_CHARS) return undefined;
  const disk = diskCache('heads', 4096, 16 << 20);
  if (!disk) return undefined;
  const key = disk.key([text]);
  const bytes = disk.read(key);
  if (bytes) {
    const head = headFromJson(bytes.toString('utf8'));
    if (head) return head;
  }
  const head = decodeHead(text);
  disk.write(key, JSON.stringify(head));
  return head;
}

/** A SimpleHead from its JSON, or undefined when the text is not exactly one. */
function headFromJson(json: string): SimpleHead | undefined {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return undefined;
  }
  const isRecord = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isRecord(v) || typeof v.apiVersion !== 'string' || typeof v.kind !== 'string') return undefined;
  const head: SimpleHead = { apiVersion: v.apiVersion, kind: v.kind };
  if (v.metadata === undefined) return Object.keys(v).length === 2 ? head : undefined;
  const md = v.metadata;
  if (!isRecord(md) || typeof md.name !== 'string') return undefined;
  let annotations: Record<string, string> | null = null;
  if (md.annotations !== null) {
    if (!isRecord(md.annotations)) return undefined;
    annotations = {};
    for (const [k, a] of Object.entries(md.annotations)) {
      if (typeof a !== 'string') return undefined;
      annotations[k] = a;
    }
  }
  head.metadata = { name: md.name, annotations };
  return head;
}

function decodeHead(text: string): SimpleHead {
  const quick = headFromValue(decodeYamlFast(text));
  if (quick) return quick;
  const { doc } = decodeYamlTree(text);
  const head: SimpleHead = { apiVersion: '', kind: '' };
  if (!doc) return head;
  const root = deref(doc.contents, doc);
  if (isNull(root)) return head;
  if (!isMap(root)) throw new HeadError(jsonKind(root), 'Go value of type util.SimpleHead');
  for (const [k, v] of pairsOf(root, doc)) {
    const key = k.toLowerCase();
    if (key === 'apiversion') head.apiVersion = headString(v, 'SimpleHead.apiVersion');
    else if (key === 'kind') head.kind = headString(v, 'SimpleHead.kind');
    else if (key === 'metadata') {
      if (isNull(v)) continue;
      if (!isMap(v))
        throw new HeadError(
          jsonKind(v),
          'Go struct field SimpleHead.metadata of type struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }',
        );
      const md = head.metadata ?? { name: '', annotations: null };
      head.metadata = md;
      for (const [mk, mv] of pairsOf(v, doc)) {
        const mkey = mk.toLowerCase();
        if (mkey === 'name') md.name = headString(mv, '.metadata.name');
        else if (mkey === 'annotations') {
          if (isNull(mv)) continue;
          if (!isMap(mv))
            throw new HeadError(
              jsonKind(mv),
              'Go struct field .metadata.annotations of type map[string]string',
            );
          const ann: Record<string, string> = md.annotations ?? {};
          for (const [ak, av] of pairsOf(mv, doc)) ann[ak] = headString(av, '.metadata.annotations');
          md.annotations = ann;
        }
      }
    }
  }
  return head;
}

export interface Manifest {
  /** the template that produced it, e.g. `mychart/templates/deployment.yaml` */
  name: string;
  content: string;
  head: SimpleHead;
}

export type HookEvent =
  | 'pre-install'
  | 'post-install'
  | 'pre-delete'
  | 'post-delete'
  | 'pre-upgrade'
  | 'post-upgrade'
  | 'pre-rollback'
  | 'post-rollback'
  | 'test';

const HOOK_EVENTS: Record<string, HookEvent> = {
  'pre-install': 'pre-install',
  'post-install': 'post-install',
  'pre-delete': 'pre-delete',
  'post-delete': 'post-delete',
  'pre-upgrade': 'pre-upgrade',
  'post-upgrade': 'post-upgrade',
  'pre-rollback': 'pre-rollback',
  'post-rollback': 'post-rollback',
  test: 'test',
  'test-success': 'test',
};

export const HOOK_ANNOTATION = 'helm.sh/hook';
export const HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
export const HOOK_DELETE_ANNOTATION = 'helm.sh/hook-delete-policy';
export const HOOK_OUTPUT_LOG_ANNOTATION = 'helm.sh/hook-output-log-policy';

export interface Hook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: HookEvent[];
  weight: number;
  deletePolicies: string[];
  outputLogPolicies: string[];
}

export const INSTALL_ORDER = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

export const UNINSTALL_ORDER = [
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'Ingress',
  'IngressClass',
  'Service',
  'CronJob',
  'Job',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
  'DaemonSet',
  'RoleBindingList',
  'RoleBinding',
  'RoleList',
  'Role',
  'ClusterRoleBindingList',
  'ClusterRoleBinding',
  'ClusterRoleList',
  'ClusterRole',
  'CustomResourceDefinition',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'ConfigMap',
  'SecretList',
  'Secret',
  'ServiceAccount',
  'PodDisruptionBudget',
  'PodSecurityPolicy',
  'LimitRange',
  'ResourceQuota',
  'NetworkPolicy',
  'Namespace',
  'PriorityClass',
];

/** Helm's lessByKind: known kinds by their rank, unknown kinds after them by name. */
export function kindComparator(order: string[]): (a: string, b: string) => number {
  const rank = new Map(order.map((k, i) => [k, i]));
  return (a, b) => {
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra === undefined && rb === undefined) return compareStrings(a, b);
    if (ra === undefined) return 1;
    if (rb === undefined) return -1;
    return ra - rb;
  };
}

/** Go's strconv.Atoi, 0 on failure (hook weights). */
function atoiOrZero(s: string): number {
  return /^[+-]?[0-9]+$/.test(s) ? Number.parseInt(s, 10) : 0;
}

export class ManifestError extends Error {}

/**
 * releaseutil.SortManifests: files in name order, documents in file order, hooks split out,
 * then both lists stably sorted by kind. `onUnknownHook` hears about documents Helm drops.
 */
export function sortManifests(
  files: Map<string, string>,
  order: string[] = INSTALL_ORDER,
  onUnknownHook: (hookTypes: string) => void = () => {},
): { hooks: Hook[]; manifests: Manifest[] } {
  const hooks: Hook[] = [];
  const manifests: Manifest[] = [];
  const names = [...files.keys()].sort(compareStrings);
  for (const path of names) {
    const content = files.get(path)!;
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (base.startsWith('_')) continue;
    if (trimSpace(content) === '') continue;
    for (const m of splitManifests(content)) {
      let head: SimpleHead;
      try {
        head = parseHead(m);
      } catch (e) {
        throw new ManifestError(`YAML parse error on ${path}: ${(e as Error).message}`);
      }
      const annotations = head.metadata?.annotations;
      const hookTypes = annotations ? annotations[HOOK_ANNOTATION] : undefined;
      if (!annotations || Object.keys(annotations).length === 0 || hookTypes === undefined) {
        manifests.push({ name: path, content: m, head });
        continue;
      }
      const events: HookEvent[] = [];
      let unknown = false;
      for (const t of hookTypes.split(',')) {
        const e = HOOK_EVENTS[t.trim().toLowerCase()];
        if (!e) {
          unknown = true;
          break;
        }
        events.push(e);
      }
      if (unknown) {
        onUnknownHook(hookTypes);
        continue;
      }
      const policies = (key: string) =>
        annotations[key] === undefined ? [] : annotations[key].split(',').map((p) => p.trim().toLowerCase());
      hooks.push({
        name: head.metadata?.name ?? '',
        kind: head.kind,
        path,
        manifest: m,
        events,
        weight: atoiOrZero(annotations[HOOK_WEIGHT_ANNOTATION] ?? ''),
        deletePolicies: policies(HOOK_DELETE_ANNOTATION),
        outputLogPolicies: policies(HOOK_OUTPUT_LOG_ANNOTATION),
      });
    }
  }
  const byKind = kindComparator(order);
  // Array.prototype.sort is stable, as Go's sort.SliceStable
  hooks.sort((a, b) => byKind(a.kind, b.kind));
  manifests.sort((a, b) => byKind(a.head.kind, b.head.kind));
  return { hooks, manifests };
}
