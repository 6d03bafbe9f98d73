/**
 * The cluster's OpenAPI room: the type facts of every served kind as `SchemaNode` trees (for
 * patches and field validation), custom resource schemas added at run time, the OpenAPI v2/v3
 * documents kubectl reads, and upstream's field validation.
 */
import type { SchemaNode } from '../../kube/schema.ts';
import type { ResourceInfo } from '../registry/types.ts';
import { Catalog } from './catalog.ts';
import { buildOpenAPIV2, buildOpenAPIV3, documentHash, groupVersionKeys } from './documents.ts';
import { encodeOpenAPIV2Protobuf } from './protobuf-v2.ts';

export { Catalog, type CatalogResource, type GroupVersionKind, shapeFromJsonSchema } from './catalog.ts';
export { KUBERNETES_VERSION } from './documents.ts';
export {
  applySchemaError,
  cannotBeHandledMessage,
  type FieldValidationMode,
  type FieldValidationResult,
  strictDecodingError,
  strictIssuesOfJson,
  unknownFieldIssues,
  validateFields,
} from './field-validation.ts';
export {
  encodeOpenAPIV2Protobuf,
  OPENAPI_V2_PROTOBUF_ACCEPT,
  OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
} from './protobuf-v2.ts';
export { BUILTIN_RESOURCES } from './resources.ts';

type Json = Record<string, any>;

/**
 * The OpenAPI surface of one server: schemas, CRDs and the served documents (cached until the
 * catalog changes).
 */
export class OpenAPI {
  readonly catalog: Catalog;
  private cacheRevision = -1;
  private v2?: Json;
  private v2Protobuf?: Uint8Array;
  private v3 = new Map<string, { doc: Json; hash: string }>();

  constructor(resources?: readonly ResourceInfo[]) {
    this.catalog = new Catalog(resources);
  }

  readonly schemaFor = (apiVersion: string, kind: string): SchemaNode | undefined =>
    this.catalog.schemaFor(apiVersion, kind);

  addCustomResourceDefinition(crd: Record<string, any>): void {
    this.catalog.addCustomResourceDefinition(crd);
  }

  removeCustomResourceDefinition(name: string): void {
    this.catalog.removeCustomResourceDefinition(name);
  }

  private fresh(): void {
    if (this.cacheRevision === this.catalog.revision) return;
    this.cacheRevision = this.catalog.revision;
    this.v2 = undefined;
    this.v2Protobuf = undefined;
    this.v3.clear();
  }

  openapiV2(): Json {
    this.fresh();
    this.v2 ??= buildOpenAPIV2(this.catalog);
    return this.v2;
  }

  /** `/openapi/v2` as gnostic protobuf (what kubectl and helm request); see protobuf-v2.ts. */
  openapiV2Protobuf(): Uint8Array {
    this.fresh();
    this.v2Protobuf ??= encodeOpenAPIV2Protobuf(this.openapiV2());
    return this.v2Protobuf;
  }

  private v3Entry(key: string): { doc: Json; hash: string } | undefined {
    this.fresh();
    let entry = this.v3.get(key);
    if (!entry) {
      const doc = buildOpenAPIV3(this.catalog, key);
      if (!doc) return undefined;
      entry = { doc, hash: documentHash(doc) };
      this.v3.set(key, entry);
    }
    return entry;
  }

  /** `/openapi/v3`: `{paths: {"apis/apps/v1": {serverRelativeURL: "/openapi/v3/apis/apps/v1?hash=…"}}}`. */
  openapiV3Index(): Json {
    const paths: Json = {};
    for (const key of groupVersionKeys(this.catalog)) {
      const entry = this.v3Entry(key);
      if (entry) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${entry.hash}` };
    }
    return { paths };
  }

  /** `/openapi/v3/<groupVersion>` (`api/v1`, `apis/apps/v1`), or undefined when not served. */
  openapiV3(groupVersion: string): Json | undefined {
    return this.v3Entry(groupVersion.replace(/^\/+/, '').replace(/^openapi\/v3\//, ''))?.doc;
  }

  /** The hash of a group-version document, for ETag / `?hash=` handling. */
  openapiV3Hash(groupVersion: string): string | undefined {
    return this.v3Entry(groupVersion.replace(/^\/+/, '').replace(/^openapi\/v3\//, ''))?.hash;
  }
}

/** The process-wide default instance (built-in resources of the issue). */
export const defaultOpenAPI = new OpenAPI();

/** A `SchemaLookup` over the built-in kinds and the CRDs added to the default instance. */
export function schemaFor(apiVersion: string, kind: string): SchemaNode | undefined {
  return defaultOpenAPI.schemaFor(apiVersion, kind);
}

export function openapiV2(): Json {
  return defaultOpenAPI.openapiV2();
}

export function openapiV2Protobuf(): Uint8Array {
  return defaultOpenAPI.openapiV2Protobuf();
}

export function openapiV3Index(): Json {
  return defaultOpenAPI.openapiV3Index();
}

export function openapiV3(groupVersion: string): Json | undefined {
  return defaultOpenAPI.openapiV3(groupVersion);
}
