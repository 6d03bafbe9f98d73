// The object store's public contract: what the API server and the in-process
// informers may ask of it. Backends vary (SQLite file, SQLite :memory:, a
// Map-based log for tests); one contract suite runs against each.

/** A stored Kubernetes object: JSON, with metadata.resourceVersion owned by the store. */
export interface StoredObject {
  metadata?: { resourceVersion?: string; uid?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/**
 * Where an object lives: its group/resource as Kubernetes spells it in
 * messages (`deployments.apps`, `pods`), its namespace ('' or absent for
 * cluster-scoped objects) and its name.
 */
export interface ObjectKey {
  resource: string;
  namespace?: string;
  name: string;
}

/** Conditions a write checks against the stored object (Kubernetes `Preconditions`). */
export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

export type ResourceVersionMatch = 'NotOlderThan' | 'Exact';

export interface GetOptions {
  /** unset: most recent; "0": any; otherwise: not older than. */
  resourceVersion?: string;
}

export interface ListOptions {
  /** Restrict to one namespace; unset lists every namespace. */
  namespace?: string;
  /** Page size; 0 or unset returns everything. */
  limit?: number;
  /** The token of the previous page; the page is read at that page's revision. */
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  /** Keep only matching objects (label/field selectors); limit counts matches. */
  predicate?: (obj: StoredObject) => boolean;
}

export interface ListResult {
  items: StoredObject[];
  /** The revision the list was read at. */
  resourceVersion: string;
  /** Set when more items remain: pass it back as ListOptions.continue. */
  continue?: string;
  /** How many items remain after this page (only without a predicate, as Kubernetes does). */
  remainingItemCount?: number;
}

export interface UpdateOptions {
  /** Extra conditions; metadata.resourceVersion of the object, when set, is always one. */
  preconditions?: Preconditions;
}

export interface DeleteOptions {
  preconditions?: Preconditions;
}

export interface GuaranteedUpdateOptions {
  preconditions?: Preconditions;
  /** Call tryUpdate with undefined when the object does not exist, and create it. */
  ignoreNotFound?: boolean;
}

/**
 * Computes the next state from the current one (a private copy). Return the
 * input unchanged to skip the write; throw to abort.
 */
export type TryUpdate = (current: StoredObject | undefined) => StoredObject | Promise<StoredObject>;

/** One write of an atomic batch. */
export type WriteOp =
  | { op: 'create'; key: ObjectKey; object: StoredObject }
  | { op: 'update'; key: ObjectKey; object: StoredObject; preconditions?: Preconditions }
  | { op: 'delete'; key: ObjectKey; preconditions?: Preconditions };

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  /**
   * The object at the event's revision (DELETED: the last state, stamped with
   * the deletion's resourceVersion); BOOKMARK: only metadata.resourceVersion
   * (the server adds kind/apiVersion); ERROR: a metav1 Status.
   * Shared between watchers: treat as read-only.
   */
  object: StoredObject;
}

export interface WatchOptions {
  resource: string;
  namespace?: string;
  /** Only this object (field selector metadata.name). */
  name?: string;
  /**
   * unset or "0": start from the current state; a revision: replay every
   * change after it (410 Expired when compacted away).
   */
  resourceVersion?: string;
  /**
   * Synthetic ADDED events for the state at the start. Defaults to true when
   * resourceVersion is unset or "0" (Kubernetes' legacy watch); when true
   * explicitly and bookmarks are allowed, a bookmark annotated
   * `k8s.io/initial-events-end: "true"` follows them (watch-list).
   */
  sendInitialEvents?: boolean;
  allowBookmarks?: boolean;
  /** Label/field selector; a change moving an object in or out of it is ADDED/DELETED, as Kubernetes does. */
  predicate?: (obj: StoredObject) => boolean;
}

export interface Watch extends AsyncIterable<WatchEvent> {
  /**
   * The next event; undefined once the watch has ended (stopped, or after an
   * ERROR). Each call takes one event: a call abandoned while waiting still
   * consumes the event that resolves it.
   */
  next(): Promise<WatchEvent | undefined>;
  /** Ask for a BOOKMARK now (no-op unless bookmarks were allowed). */
  requestBookmark(): void;
  stop(): void;
}

export interface CompactionResult {
  /** Every revision at or below this one may have been removed from history. */
  compactedRevision: number;
  removedRows: number;
}

export interface Store {
  create(key: ObjectKey, object: StoredObject): Promise<StoredObject>;
  get(key: ObjectKey, options?: GetOptions): Promise<StoredObject>;
  list(resource: string, options?: ListOptions): Promise<ListResult>;
  /** Replaces the object; a non-empty metadata.resourceVersion must match the stored one (else Conflict). */
  update(key: ObjectKey, object: StoredObject, options?: UpdateOptions): Promise<StoredObject>;
  /** Removes the object; returns its last stored state. */
  delete(key: ObjectKey, options?: DeleteOptions): Promise<StoredObject>;
  /** Read-modify-write, retried on conflict until it applies. */
  guaranteedUpdate(
    key: ObjectKey,
    tryUpdate: TryUpdate,
    options?: GuaranteedUpdateOptions,
  ): Promise<StoredObject>;
  /** Applies every op in one transaction, or none (the first failure is thrown). */
  batch(ops: WriteOp[]): Promise<StoredObject[]>;
  watch(options: WatchOptions): Watch;
  /** The latest revision (0 for an empty store). */
  currentRevision(): number;
  /** Removes history at or below `revision` (default: per the retention policy) except each live key's latest row. */
  compact(revision?: number): Promise<CompactionResult>;
  close(): Promise<void>;
}
