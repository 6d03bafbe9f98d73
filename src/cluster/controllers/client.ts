// The narrow API the controllers and the kubelet speak: the same verbs an
// external client uses (they write through the API server, never around it).
// The server room provides an in-process implementation over its REST
// handlers; tests use an in-memory fake.

import type { KubeObject } from '../registry/types.ts';

export type { KubeObject };

/** A resource as the REST path names it: group ('' for core), version, plural. */
export interface Resource {
  group: string;
  version: string;
  resource: string;
}

export const podsResource: Resource = { group: '', version: 'v1', resource: 'pods' };
export const nodesResource: Resource = { group: '', version: 'v1', resource: 'nodes' };
export const eventsResource: Resource = { group: '', version: 'v1', resource: 'events' };
export const replicaSetsResource: Resource = { group: 'apps', version: 'v1', resource: 'replicasets' };
export const deploymentsResource: Resource = { group: 'apps', version: 'v1', resource: 'deployments' };
export const daemonSetsResource: Resource = { group: 'apps', version: 'v1', resource: 'daemonsets' };
export const statefulSetsResource: Resource = { group: 'apps', version: 'v1', resource: 'statefulsets' };
export const controllerRevisionsResource: Resource = {
  group: 'apps',
  version: 'v1',
  resource: 'controllerrevisions',
};
export const persistentVolumeClaimsResource: Resource = {
  group: '',
  version: 'v1',
  resource: 'persistentvolumeclaims',
};

export interface ClientListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ClientList {
  items: KubeObject[];
  resourceVersion: string;
}

export interface ClientWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

/** A watch stream; iteration ends when the watch is stopped or broken (the informer then relists). */
export interface ClientWatch extends AsyncIterable<ClientWatchEvent> {
  stop(): void;
}

export interface ClientDeleteOptions {
  /** Pods: seconds until the kubelet must have stopped it; 0 with force removes at once. */
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
}

export type PatchType = 'merge' | 'strategic' | 'json';

/**
 * Kubernetes verbs on one resource type. Failures throw an Error carrying the
 * Status's `code` (404, 409, 422...) and `reason` (NotFound, Conflict,
 * AlreadyExists, Invalid...), as `ApiClientError` does.
 */
export interface ApiClient {
  get(resource: Resource, namespace: string | undefined, name: string): Promise<KubeObject>;
  list(resource: Resource, namespace?: string, options?: ClientListOptions): Promise<ClientList>;
  /** Changes after `resourceVersion` (from a list), for every object of the resource in `namespace` (all when unset). */
  watch(resource: Resource, namespace: string | undefined, resourceVersion: string): ClientWatch;
  create(resource: Resource, namespace: string | undefined, obj: KubeObject): Promise<KubeObject>;
  /** PUT of the main resource; metadata.resourceVersion is a precondition (409 Conflict when stale). */
  update(resource: Resource, namespace: string | undefined, obj: KubeObject): Promise<KubeObject>;
  /** PUT of the status subresource. */
  updateStatus(resource: Resource, namespace: string | undefined, obj: KubeObject): Promise<KubeObject>;
  patch(
    resource: Resource,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    subresource?: 'status',
  ): Promise<KubeObject>;
  delete(
    resource: Resource,
    namespace: string | undefined,
    name: string,
    options?: ClientDeleteOptions,
  ): Promise<void>;
  /** POST pods/{name}/binding: sets spec.nodeName (and the PodScheduled condition) as the scheduler does. */
  bind(namespace: string, podName: string, nodeName: string): Promise<void>;
}

/** An API failure as a Status describes it. */
export class ApiClientError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

function statusOf(err: unknown): { code?: unknown; reason?: unknown } {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown; reason?: unknown }) : {};
}

export function isNotFound(err: unknown): boolean {
  const s = statusOf(err);
  return s.code === 404 || s.reason === 'NotFound';
}

export function isConflict(err: unknown): boolean {
  const s = statusOf(err);
  return s.code === 409 && s.reason !== 'AlreadyExists';
}

export function isAlreadyExists(err: unknown): boolean {
  return statusOf(err).reason === 'AlreadyExists';
}
