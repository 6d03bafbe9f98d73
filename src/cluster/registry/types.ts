/**
 * The contract between the API server and the per-resource rules (registry). A resource
 * registers itself once with these facts; the server core stays generic (hono-style: a small
 * core, everything resource-specific behind one interface).
 */
export type KubeObject = Record<string, any> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, any>;
};

export interface ResourceInfo {
  group: string; // '' for core
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[]; // e.g. ['all']
  verbs: string[]; // get list watch create update patch delete deletecollection
  /** Subresources served: status (a separate write path for .status), scale (autoscaling/v1 Scale). */
  subresources: {
    status?: boolean;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
    /** pods/eviction: POST of a policy/v1 Eviction (discovery: group policy, version v1, kind Eviction, verb create). */
    eviction?: { group: string; version: string; kind: string; verbs: string[] };
  };
}

/** One entry of a Status's `details.causes` / a validation failure, as upstream's field.Error. */
export interface FieldError {
  /** upstream field.ErrorType reason: FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueDuplicate, FieldValueForbidden, FieldValueTooLong, FieldValueTypeInvalid */
  reason: string;
  /** e.g. `spec.template.metadata.labels` */
  field: string;
  /** the full message as upstream's field.Error.Error() prints it, e.g. `spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
  message: string;
}

export interface TableColumn {
  name: string;
  type: string; // string, integer, date, number, boolean
  format: string; // '', 'name', 'date'
  description: string;
  priority: number; // 0 shown by default, 1 only with -o wide
}

export interface ResourceStrategy {
  info: ResourceInfo;
  /** Upstream defaulting (SetDefaults_*), mutating `obj` in place. */
  applyDefaults(obj: KubeObject): void;
  /**
   * Mutating admission on create that needs other objects (kube-apiserver's DefaultStorageClass),
   * run after defaulting and before prepareForCreate. Throws an `AdmissionError` to refuse.
   */
  admitCreate?(obj: KubeObject, lookup: AdmissionLookup): Promise<void>;
  /** Before create: clear status where upstream does, set generation = 1, etc. */
  prepareForCreate(obj: KubeObject): void;
  /** Before update: keep status from `old` (main resource) or spec from `old` (status subresource), bump generation on spec change. */
  prepareForUpdate(obj: KubeObject, old: KubeObject, subresource?: 'status'): void;
  validateCreate(obj: KubeObject): FieldError[];
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[];
  /** Table for `kubectl get` (as=Table): the columns and one row's cells, as kube-apiserver prints them. `now` is the server clock. */
  tableColumns(): TableColumn[];
  tableRow(obj: KubeObject, now: Date): unknown[];
  /** Field selectors the resource supports beyond metadata.name/metadata.namespace (e.g. pods: spec.nodeName, status.phase). */
  fieldLabels?(obj: KubeObject): Record<string, string>;
}

/** What admission may read: every stored object of a resource, by qualified name (`storageclasses.storage.k8s.io`). */
export interface AdmissionLookup {
  list(qualifiedResource: string): Promise<KubeObject[]>;
}
