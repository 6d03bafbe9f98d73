/**
 * Helm's post-processing of rendered files (pkg/release/v1/util): splitting a file into
 * documents, reading each document's head (apiVersion, kind, metadata.name, annotations),
 * separating hooks, and sorting into install order.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseYamlNode } from '../chart/index.ts';
import { compareStrings } from '../template/index.ts';

/** Go's regexp `(?:^|\s*\n)---\s*` (RE2's \s is ASCII-only). */
const SEPARATOR = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/;

/** Go's strings.TrimSpace (unicode.IsSpace at both ends). */
export function trimSpace(s: string): string {
  return s.replace(GO_EDGE_SPACE, '');
}

const GO_EDGE_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** releaseutil.SplitManifests: documents of a rendered file, trimmed, empty ones dropped. */
export function splitManifests(bigFile: string): string[] {
  const docs = trimSpace(bigFile).split(SEPARATOR);
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

function jsonKind(node: unknown): string {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    if (typeof node.value === 'number' || typeof node.value === 'bigint') return 'number';
    if (typeof node.value === 'boolean') return 'bool';
  }
  return 'string';
}

function isNull(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && n.value === null);
}

class HeadError extends Error {
  constructor(kind: string, target: string) {
    super(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into ${target}`);
  }
}

/** A string field of the head; sigs.k8s.io/yaml turns any scalar into its text for a string target. */
function headString(n: unknown, field: string): string {
  if (isNull(n)) return '';
  if (isScalar(n)) return typeof n.value === 'string' ? n.value : String(n.source ?? n.value);
  throw new HeadError(jsonKind(n), `Go struct field ${field} of type string`);
}

function pairsOf(n: Node): [string, unknown][] {
  if (!isMap(n)) return [];
  return n.items.map((p) => [isScalar(p.key) ? String(p.key.value) : '', p.value]);
}

/** yaml.Unmarshal into SimpleHead, with the errors encoding/json gives for wrong shapes. */
export function parseHead(doc: string): SimpleHead {
  const root = parseYamlNode(doc);
  const head: SimpleHead = { apiVersion: '', kind: '' };
  if (isNull(root)) return head;
  if (!isMap(root)) throw new HeadError(jsonKind(root), 'Go value of type util.SimpleHead');
  for (const [k, v] of pairsOf(root)) {
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
      for (const [mk, mv] of pairsOf(v as Node)) {
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
          for (const [ak, av] of pairsOf(mv as Node)) ann[ak] = headString(av, '.metadata.annotations');
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
