// metav1.Status: every error the API answers with, and the success Status of a delete.

import type { FieldError, ResourceInfo } from '../registry/types.ts';
import { isStoreError } from '../store/index.ts';

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: Record<string, unknown>;
  code?: number;
}

/** An error the API reports as a Status with this HTTP code. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly metadata: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): StatusObject {
    const status: StatusObject = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.metadata,
      status: 'Failure',
      message: this.message,
      code: this.code,
    };
    // metav1.StatusReasonUnknown is "" and omitted.
    if (this.reason) status.reason = this.reason;
    if (this.details) status.details = this.details;
    return status;
  }
}

/** The Status for anything thrown while serving a request (a bug becomes a 500 InternalError). */
export function toStatus(err: unknown): StatusObject {
  if (err instanceof ApiError) return err.toStatus();
  if (isStoreError(err)) return err.toStatus() as StatusObject;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  }).toStatus();
}

function details(info: ResourceInfo, name: string): Record<string, unknown> {
  return info.group ? { name, group: info.group, kind: info.plural } : { name, kind: info.plural };
}

function qualified(info: ResourceInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);

export const unauthorized = () => new ApiError(401, 'Unauthorized', 'Unauthorized');

/** A path the API has no handler for. */
export const pathNotFound = () =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

export const methodNotAllowed = () =>
  new ApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );

export const notAcceptable = (accept: string) =>
  new ApiError(
    406,
    'NotAcceptable',
    `the server was unable to respond with a content type that the client supports`,
    {
      causes: [{ reason: 'NotAcceptable', message: accept }],
    },
  );

export const unsupportedMediaType = (contentType: string) =>
  new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
    {
      causes: [{ reason: 'UnsupportedMediaType', message: contentType }],
    },
  );

export function notFound(info: ResourceInfo, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(info)} "${name}" not found`, details(info, name));
}

export function namespaceNotFound(namespace: string): ApiError {
  return new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, {
    name: namespace,
    kind: 'namespaces',
  });
}

export function forbidden(info: ResourceInfo, name: string, why: string): ApiError {
  const subject = name ? `${qualified(info)} "${name}"` : qualified(info);
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: ${why}`, details(info, name));
}

export function conflict(info: ResourceInfo, name: string, why: string, causes?: unknown[]): ApiError {
  const d: Record<string, unknown> = details(info, name);
  if (causes) d.causes = causes;
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(info)} "${name}": ${why}`,
    d,
  );
}

/** 422 Invalid, as apierrors.NewInvalid words it: one error bare, several in brackets. */
export function invalid(info: ResourceInfo, name: string, errors: FieldError[]): ApiError {
  const kind = info.group ? `${info.kind}.${info.group}` : info.kind;
  const messages = errors.map((e) => e.message);
  const summary = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  const causes = errors.map((e) => ({
    reason: e.reason,
    message: e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message,
    field: e.field,
  }));
  const d: Record<string, unknown> = { name, kind: info.kind, causes };
  if (info.group) d.group = info.group;
  return new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${summary}`, d);
}

export function successStatus(info: ResourceInfo, name: string, uid: unknown): StatusObject {
  const d: Record<string, unknown> = details(info, name);
  if (typeof uid === 'string') d.uid = uid;
  // A success Status carries no code (omitempty of a zero).
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: d };
}
