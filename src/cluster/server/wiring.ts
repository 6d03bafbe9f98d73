// The server core's adapters (deps.ts) over the real rooms: selectors and patches from
// src/kube, server-side apply and managedFields from src/kube/apply, schemas, documents and
// field validation from the OpenAPI room, protobuf bodies from the registry.

import {
  ApplyBadRequestError,
  ApplyInternalError,
  apply as applyConfiguration,
  ApplyConflictError as FieldManagerConflict,
  updateManagedFields,
} from '../../kube/apply/index.ts';
import {
  applyJSONPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  isPlainObject,
  type JSONObject,
  JSONPatchError,
  type JSONValue,
  SelectorError as KubeSelectorError,
  MergePatchError,
  parseFieldSelector,
  parseLabelSelector,
  StrategicMergePatchError,
} from '../../kube/index.ts';
import type { SchemaLookup, SchemaNode } from '../../kube/schema.ts';
import { applySchemaError, type OpenAPI, strictIssuesOfJson, unknownFieldIssues } from '../openapi/index.ts';
import { decodeProtobufBody, ProtobufError } from '../registry/index.ts';
import type { KubeObject } from '../registry/types.ts';
import {
  ApplyConflictError,
  type FieldSelector,
  type OpenApi,
  PatchError,
  type Patcher,
  type ProtobufCodec,
  SelectorError,
  type Selectors,
} from './deps.ts';
import { badRequest } from './status.ts';

function selectorError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof KubeSelectorError) throw new SelectorError(err.message);
    throw err;
  }
}

export const kubeSelectors: Selectors = {
  labelSelector(text) {
    const selector = selectorError(() => parseLabelSelector(text));
    return (labels) => selector.matches(labels);
  },
  fieldSelector(text): FieldSelector {
    const selector = selectorError(() => parseFieldSelector(text));
    return {
      fields: selector.requirements.map((r) => r.field),
      matches: (fields) => selector.matches(fields),
      exact: (field) => selector.requiresExactMatch(field),
    };
  },
};

function schemaOf(schema: SchemaLookup, obj: KubeObject) {
  return schema(String(obj.apiVersion ?? ''), String(obj.kind ?? ''));
}

function asObject(value: JSONValue, what: string): KubeObject {
  if (!isPlainObject(value)) throw new PatchError(`the ${what} produced a document that is not an object`);
  return value as KubeObject;
}

/** Upstream's status codes for the patch libraries' failures (see apiserver's patch handler). */
function patchFailure(err: unknown): never {
  if (err instanceof JSONPatchError) {
    // A body that is not a list of operations is a 400; an operation that does not apply, a 422.
    throw new PatchError(
      err.message,
      err.message.startsWith('json: cannot unmarshal') ? 'BadRequest' : 'Invalid',
    );
  }
  if (err instanceof MergePatchError) throw new PatchError(err.message, 'BadRequest');
  if (err instanceof StrategicMergePatchError) throw new PatchError(err.message, 'Invalid');
  throw err;
}

export const kubePatcher: Patcher = {
  jsonPatch(current, patch) {
    try {
      return asObject(applyJSONPatch(current as JSONObject, patch), 'JSON patch');
    } catch (err) {
      patchFailure(err);
    }
  },
  mergePatch(current, patch) {
    try {
      return asObject(applyMergePatch(current as JSONObject, patch as JSONValue), 'merge patch');
    } catch (err) {
      patchFailure(err);
    }
  },
  strategicMergePatch(current, patch, schema) {
    if (!isPlainObject(patch))
      throw new PatchError('a strategic merge patch must be a JSON object', 'BadRequest');
    try {
      return applyStrategicMergePatch(current as JSONObject, patch, schemaOf(schema, current));
    } catch (err) {
      patchFailure(err);
    }
  },
  apply(live, applied, options) {
    const schema = schemaOf(options.schema, applied);
    // structured-merge-diff refuses a configuration with fields its schema does not declare.
    const notDeclared = schema ? applySchemaError(applied, schema) : undefined;
    if (notDeclared) {
      const meta = applied.metadata ?? {};
      const [group, version] = String(applied.apiVersion ?? '').includes('/')
        ? String(applied.apiVersion).split('/')
        : ['', String(applied.apiVersion ?? '')];
      throw new PatchError(
        `failed to create typed patch object (${meta.namespace ?? ''}/${meta.name ?? ''}; ${group}/${version}, Kind=${applied.kind ?? ''}): ${notDeclared}`,
        'Internal',
      );
    }
    try {
      return applyConfiguration(
        live as JSONObject | undefined,
        applied as JSONObject,
        options.manager,
        schema,
        options,
      );
    } catch (err) {
      if (err instanceof FieldManagerConflict) {
        throw new ApplyConflictError(
          err.message,
          err.conflicts.map((c) => ({ field: c.field, message: c.message })),
        );
      }
      if (err instanceof ApplyBadRequestError) throw new PatchError(err.message, 'BadRequest');
      if (err instanceof ApplyInternalError) throw new PatchError(err.message, 'Internal');
      throw err;
    }
  },
  recordUpdate(previous, next, manager, schema, options) {
    return updateManagedFields(
      previous as JSONObject | undefined,
      next as JSONObject,
      manager,
      schemaOf(schema, next),
      options,
    );
  },
};

/**
 * Removes, in place, what `schema` does not declare (free-form and preserve-unknown parts stay), and
 * declared fields set to null.
 */
export function pruneUnknown(value: unknown, schema: SchemaNode | undefined): void {
  if (!schema || schema.preserveUnknownFields || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) pruneUnknown(item, schema.items);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (schema.properties) {
    for (const key of Object.keys(obj)) {
      const field = schema.properties[key];
      // Decoding into the typed object turns a null into the field's zero value, which
      // encodes as absent; structural schemas prune a null where `nullable` is not set.
      if (field && obj[key] === null) delete obj[key];
      else if (field) pruneUnknown(obj[key], field);
      // apiVersion and kind are part of every object even where a schema leaves them out.
      else if (key !== 'apiVersion' && key !== 'kind') delete obj[key];
    }
  } else if (schema.additionalProperties) {
    for (const key of Object.keys(obj)) pruneUnknown(obj[key], schema.additionalProperties);
  }
}

/** The OpenAPI room's documents and field validation behind the server's OpenApi interface. */
export function openapiOf(openapi: OpenAPI): OpenApi {
  const problemsOf = (issues: string[]) => ({ problems: issues });
  return {
    schema: openapi.schemaFor,
    v2: () => openapi.openapiV2(),
    v2Protobuf: () => openapi.openapiV2Protobuf(),
    v3Index: () => openapi.openapiV3Index(),
    v3: (path) => openapi.openapiV3(path),
    validateFields(body, apiVersion, kind) {
      const schema = openapi.schemaFor(apiVersion, kind);
      if (!schema) return problemsOf([]);
      return problemsOf(
        typeof body === 'string' ? strictIssuesOfJson(body, schema) : unknownFieldIssues(body, schema),
      );
    },
    prune(obj, apiVersion, kind) {
      const schema = openapi.schemaFor(apiVersion, kind);
      if (schema) pruneUnknown(obj, schema);
    },
    unknownFields(obj, apiVersion, kind) {
      const schema = openapi.schemaFor(apiVersion, kind);
      return problemsOf(schema ? unknownFieldIssues(obj, schema) : []);
    },
  };
}

export const registryProtobuf: ProtobufCodec = {
  decode(body) {
    try {
      return decodeProtobufBody(body);
    } catch (err) {
      if (err instanceof ProtobufError) throw badRequest(err.message);
      throw err;
    }
  },
};
