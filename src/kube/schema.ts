/**
 * What patch algorithms and field validation need to know about a Kubernetes type: its shape,
 * and the list/map semantics that strategic merge patch (`x-kubernetes-patch-strategy`,
 * `x-kubernetes-patch-merge-key`) and server-side apply (`x-kubernetes-list-type`,
 * `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`) read from OpenAPI. The cluster's
 * OpenAPI room produces these from its own type facts; kubectl-side code can build them from a
 * server's OpenAPI document.
 */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  /** `int-or-string`, `date-time`, `byte`, `int32`, `int64`, `quantity`... */
  format?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  /** Map values (`map[string]T`). */
  additionalProperties?: SchemaNode;
  items?: SchemaNode;
  required?: string[];
  enum?: string[];
  /** OpenAPI `default` (`+default=` markers): server-side apply fills list-map keys with it. */
  default?: unknown;
  /** Strategic merge patch: `merge`, `replace`, `retainKeys`, `merge,retainKeys`. */
  patchStrategy?: string;
  patchMergeKey?: string;
  /** Server-side apply list semantics. */
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
  /** `x-kubernetes-preserve-unknown-fields`: anything goes below (CRDs without schema, RawExtension). */
  preserveUnknownFields?: boolean;
  /** `x-kubernetes-int-or-string`. */
  intOrString?: boolean;
  /** Definition name for OpenAPI `$ref` output, e.g. `io.k8s.api.core.v1.PodSpec`. */
  ref?: string;
}

/** Looks up the schema of a top-level kind, or undefined when the server has none (then: JSON merge semantics). */
export type SchemaLookup = (apiVersion: string, kind: string) => SchemaNode | undefined;
