// What the server core asks of the other cluster rooms. Each is a narrow
// interface so the core stays generic and each room can be wired (or faked in
// tests) on its own; src/cluster/index.ts connects the real implementations.

import type { SchemaLookup } from '../../kube/schema.ts';
import type { KubeObject } from '../registry/types.ts';

/** A compiled label or field selector. */
export type Matcher<T> = (subject: T) => boolean;

export interface Selectors {
  /** Throws SelectorError (the message as upstream's, for a 400) on a malformed selector. */
  labelSelector(text: string): Matcher<Record<string, string>>;
  /** Requirements on field labels (`metadata.name=x,status.phase!=Running`). */
  fieldSelector(text: string): FieldSelector;
}

export interface FieldSelector {
  /** The field labels the selector names, to reject unsupported ones. */
  fields: string[];
  matches: Matcher<Record<string, string>>;
  /** The single value when the selector is exactly `field=value` (watch by name). */
  exact(field: string): string | undefined;
}

export class SelectorError extends Error {}

/** What a write's managedFields bookkeeping needs beyond the objects. */
export interface ManagedFieldsOptions {
  /** The server's clock: managedFields entries record it. */
  now: Date;
  /** `status` or `scale` for writes through a subresource. */
  subresource?: string;
  /** Paths this endpoint resets and nobody writing through it owns (upstream's GetResetFields), e.g. `[['status']]`. */
  resetFields?: string[][];
}

export interface ApplyOptions extends ManagedFieldsOptions {
  manager: string;
  force: boolean;
  /** The object's schema (list types, map keys), when the server has one. */
  schema: SchemaLookup;
}

/** Thrown by apply on a field owned by another manager: a 409 with one cause per field. */
export class ApplyConflictError extends Error {
  constructor(
    message: string,
    readonly conflicts: { field: string; message: string }[],
  ) {
    super(message);
  }
}

/**
 * A patch or apply the server refuses: `BadRequest` (400) for a malformed document, `Invalid`
 * (422, upstream's generic "the server rejected our request due to an error in our request")
 * for a patch that does not apply, `Internal` (500) where upstream answers with one (an applied
 * configuration that does not fit the schema).
 */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly kind: 'BadRequest' | 'Invalid' | 'Internal' = 'Invalid',
  ) {
    super(message);
  }
}

export interface Patcher {
  jsonPatch(current: KubeObject, patch: unknown): KubeObject;
  mergePatch(current: KubeObject, patch: unknown): KubeObject;
  strategicMergePatch(current: KubeObject, patch: unknown, schema: SchemaLookup): KubeObject;
  /** Server-side apply: `live` is undefined when the object does not exist yet. */
  apply(live: KubeObject | undefined, applied: KubeObject, options: ApplyOptions): KubeObject;
  /** managedFields bookkeeping for a non-apply write (create/update/patch) by `manager`: `next` with them updated. */
  recordUpdate?(
    previous: KubeObject | undefined,
    next: KubeObject,
    manager: string,
    schema: SchemaLookup,
    options: ManagedFieldsOptions,
  ): KubeObject;
}

export type FieldValidationMode = 'Strict' | 'Warn' | 'Ignore';

export interface FieldValidationResult {
  /** Upstream messages, e.g. `unknown field "spec.foo"`, `duplicate field "replicas"`. */
  problems: string[];
}

export interface OpenApi {
  schema: SchemaLookup;
  /** /openapi/v2 as JSON. */
  v2(): unknown;
  /** /openapi/v2 as `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, when available. */
  v2Protobuf?(): Uint8Array;
  /** /openapi/v3: the discovery document (`paths` with `serverRelativeURL`s). */
  v3Index(): unknown;
  /** /openapi/v3/<path> (e.g. `apis/apps/v1`), undefined when not served. */
  v3(path: string): unknown;
  /**
   * Field validation of a create/update body (the raw JSON text, so duplicate fields show;
   * YAML bodies come parsed), against the kind's schema.
   */
  validateFields?(body: string | KubeObject, apiVersion: string, kind: string): FieldValidationResult;
  /**
   * Drops the fields the kind's schema does not declare, in place (upstream's decoder drops
   * them for built-in kinds, structural pruning for custom resources).
   */
  prune?(obj: KubeObject, apiVersion: string, kind: string): void;
  /** Unknown fields of an already-built object (a patch's result), against the kind's schema. */
  unknownFields?(obj: KubeObject, apiVersion: string, kind: string): FieldValidationResult;
}

export interface ProtobufCodec {
  /** Decodes a `k8s\0`-framed runtime.Unknown into a JSON object (Secret, ConfigMap, DeleteOptions...). */
  decode(body: Uint8Array): KubeObject;
}
