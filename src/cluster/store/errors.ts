// Store failures carry what the Kubernetes API server would answer (reason,
// HTTP code, message), so the server turns them into a metav1.Status as is.

export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Expired' | 'Timeout' | 'BadRequest';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason: string; message: string }[];
  retryAfterSeconds?: number;
}

/** A metav1.Status failure object. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { continue?: string };
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: StatusDetails;
  code: number;
}

const codes: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Expired: 410,
  Timeout: 504,
  BadRequest: 400,
};

export class StoreError extends Error {
  readonly code: number;

  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
    /** For an expired continue token: a token that continues inconsistently. */
    readonly continueToken?: string,
  ) {
    super(message);
    this.name = 'StoreError';
    this.code = codes[reason];
  }

  toStatus(): Status {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.continueToken ? { continue: this.continueToken } : {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

export function isStoreError(err: unknown, reason?: StatusReason): err is StoreError {
  return err instanceof StoreError && (reason === undefined || err.reason === reason);
}

/** `deployments.apps` -> { group: 'apps', kind: 'deployments' }, as Kubernetes fills Status details. */
function resourceDetails(resource: string, name: string): StatusDetails {
  const dot = resource.indexOf('.');
  const kind = dot < 0 ? resource : resource.slice(0, dot);
  const group = dot < 0 ? '' : resource.slice(dot + 1);
  return group ? { name, group, kind } : { name, kind };
}

export function notFound(resource: string, name: string): StoreError {
  return new StoreError('NotFound', `${resource} "${name}" not found`, resourceDetails(resource, name));
}

export function alreadyExists(resource: string, name: string): StoreError {
  return new StoreError(
    'AlreadyExists',
    `${resource} "${name}" already exists`,
    resourceDetails(resource, name),
  );
}

export const optimisticLockMessage =
  'the object has been modified; please apply your changes to the latest version and try again';

export function conflict(resource: string, name: string, why: string = optimisticLockMessage): StoreError {
  return new StoreError(
    'Conflict',
    `Operation cannot be fulfilled on ${resource} "${name}": ${why}`,
    resourceDetails(resource, name),
  );
}

/**
 * A failed delete/update precondition. Kubernetes wraps the storage error
 * verbatim, etcd key and all, so the message names /registry/<resource>/....
 */
export function preconditionFailed(
  resource: string,
  namespace: string,
  name: string,
  field: 'UID' | 'ResourceVersion',
  wanted: string,
  actual: string,
): StoreError {
  const plural = resource.split('.')[0];
  const key = namespace ? `/registry/${plural}/${namespace}/${name}` : `/registry/${plural}/${name}`;
  const why =
    `StorageError: invalid object, Code: 4, Key: ${key}, ResourceVersion: 0, AdditionalErrorMsg: ` +
    `Precondition failed: ${field} in precondition: ${wanted}, ${field} in object meta: ${actual}`;
  return conflict(resource, name, why);
}

export function tooOldWatch(requested: number, compacted: number): StoreError {
  return new StoreError('Expired', `too old resource version: ${requested} (${compacted})`);
}

export function tooOldList(): StoreError {
  return new StoreError('Expired', 'The resourceVersion for the provided list is too old.');
}

/** Kubernetes hands back a token that resumes the list at the current revision, accepting inconsistency. */
export function tooOldContinue(inconsistentToken: string | undefined): StoreError {
  const base =
    'The provided continue parameter is too old to display a consistent list result. ' +
    'You can start a new list without the continue parameter';
  if (!inconsistentToken) return new StoreError('Expired', `${base}.`);
  return new StoreError(
    'Expired',
    `${base}, or use the continue token in this response to retrieve the remainder of the results. ` +
      'Continuing with the provided token results in an inconsistent list - objects that were created, ' +
      'modified, or deleted between the time the first chunk was returned and now may show up in the list.',
    undefined,
    inconsistentToken,
  );
}

export function tooLargeResourceVersion(requested: number, current: number): StoreError {
  return new StoreError('Timeout', `Too large resource version: ${requested}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  });
}

export function badRequest(message: string): StoreError {
  return new StoreError('BadRequest', message);
}
