/**
 * The OpenAPI documents served at /openapi/v2 (swagger 2.0 JSON) and /openapi/v3 (an index of
 * group-versions, then one OpenAPI 3.0 document per group-version), generated from the catalog.
 * kubectl reads them for `explain`, and for create/apply it looks for a PATCH operation of the
 * kind that declares the `fieldValidation` query parameter: when present it leaves validation to
 * the server instead of validating client-side.
 */
import { createHash } from 'node:crypto';
import type { ResourceInfo } from '../registry/types.ts';
import type { Catalog, CatalogResource, GroupVersionKind } from './catalog.ts';
import { definitionName, type Shape, type TypeExpr } from './dsl.ts';

type Json = Record<string, any>;
type Dialect = 2 | 3;

export const KUBERNETES_VERSION = 'v1.35.0';

const PATCH_CONTENT_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];
// What a custom resource's routes accept and return: no strategic merge patch, no protobuf.
const CUSTOM_PATCH_CONTENT_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];
const CUSTOM_RESPONSE_CONTENT_TYPES = ['application/json', 'application/yaml'];
const RESPONSE_CONTENT_TYPES = [
  'application/json',
  'application/yaml',
  'application/vnd.kubernetes.protobuf',
];

function refTo(short: string, dialect: Dialect): Json {
  const full = definitionName(short);
  return dialect === 2 ? { $ref: `#/definitions/${full}` } : { $ref: `#/components/schemas/${full}` };
}

/** Emits a type expression; collects the definitions it references into `seen`. */
function typeSchema(type: TypeExpr, dialect: Dialect, seen: Set<string>, description?: string): Json {
  if (typeof type === 'string') {
    seen.add(type);
    if (!description) return dialect === 2 ? refTo(type, dialect) : { allOf: [refTo(type, dialect)] };
    return dialect === 2
      ? { ...refTo(type, dialect), description }
      : { allOf: [refTo(type, dialect)], description };
  }
  const { items, additionalProperties, properties, refTo: ref, ...facts } = type;
  const out: Json = ref ? typeSchema(ref, dialect, seen) : {};
  if (description ?? facts.description) out.description = description ?? facts.description;
  if (facts.type) out.type = facts.type;
  if (facts.format) out.format = facts.format;
  if (facts.enum) out.enum = facts.enum;
  if (facts.default !== undefined) out.default = facts.default;
  if (items !== undefined) out.items = typeSchema(items, dialect, seen);
  if (additionalProperties !== undefined)
    out.additionalProperties = typeSchema(additionalProperties, dialect, seen);
  if (properties) {
    out.properties = {};
    for (const [field, sub] of Object.entries(properties))
      out.properties[field] = typeSchema(sub, dialect, seen);
  }
  if (facts.required?.length) out.required = facts.required;
  addExtensions(out, facts);
  return out;
}

function addExtensions(out: Json, facts: Shape): void {
  if (facts.patchStrategy) out['x-kubernetes-patch-strategy'] = facts.patchStrategy;
  if (facts.patchMergeKey) out['x-kubernetes-patch-merge-key'] = facts.patchMergeKey;
  if (facts.listType) out['x-kubernetes-list-type'] = facts.listType;
  if (facts.listMapKeys) out['x-kubernetes-list-map-keys'] = facts.listMapKeys;
  if (facts.mapType) out['x-kubernetes-map-type'] = facts.mapType;
  if (facts.preserveUnknownFields) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (facts.intOrString) out['x-kubernetes-int-or-string'] = true;
}

function definitionSchema(catalog: Catalog, short: string, dialect: Dialect, seen: Set<string>): Json {
  const definition = catalog.definitions.get(short);
  if (!definition) throw new Error(`openapi: no definition ${short}`);
  const description = catalog.description(short);
  let out: Json;
  if (definition.scalar) {
    out = typeSchema(definition.scalar, dialect, seen);
    if (description) out.description = description;
    if (dialect === 3 && definition.scalar.intOrString) {
      // v3 states int-or-string as a union (kubectl explain then names the type IntOrString).
      delete out.type;
      out.anyOf = [{ type: 'integer' }, { type: 'string' }];
    }
  } else {
    out = description ? { description, type: 'object' } : { type: 'object' };
    const properties: Json = {};
    for (const [field, type] of Object.entries(definition.fields ?? {})) {
      properties[field] = typeSchema(type, dialect, seen, catalog.description(`${short}.${field}`));
    }
    out.properties = properties;
    if (definition.required.length) out.required = definition.required;
    if (definition.mapType) out['x-kubernetes-map-type'] = definition.mapType;
  }
  const gvks = catalog.gvks.get(short);
  if (gvks)
    out['x-kubernetes-group-version-kind'] = gvks.map((g) => ({
      group: g.group,
      kind: g.kind,
      version: g.version,
    }));
  return out;
}

/** All definitions reachable from `roots`, emitted in name order. */
function definitionsClosure(catalog: Catalog, roots: Iterable<string>, dialect: Dialect): Json {
  const pending = [...roots];
  const done = new Map<string, Json>();
  while (pending.length > 0) {
    const short = pending.pop() as string;
    if (done.has(short)) continue;
    const seen = new Set<string>();
    done.set(short, definitionSchema(catalog, short, dialect, seen));
    for (const next of seen) if (!done.has(next)) pending.push(next);
  }
  const out: Json = {};
  for (const short of [...done.keys()].sort((a, b) => definitionName(a).localeCompare(definitionName(b)))) {
    out[definitionName(short)] = done.get(short);
  }
  return out;
}

/** `networking.k8s.io` -> `Networking`, `` -> `Core`, `zoo.example.com` -> `ZooExampleCom`: upstream's operation-id stem. */
function groupStem(group: string): string {
  if (group === '') return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function groupVersionPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

interface Param {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
}

const QUERY_DESCRIPTIONS: Record<string, string> = {
  pretty: "If 'true', then the output is pretty printed.",
  dryRun: 'When present, indicates that modifications should not be persisted. The only valid value is All.',
  fieldManager: 'A name associated with the actor or entity that is making these changes.',
  fieldValidation:
    'How the server handles unknown and duplicate fields in the request body: Ignore, Warn (the default: a warning per field) or Strict (the request fails).',
  force:
    'Apply requests only: take ownership of fields another manager owns (re-acquire conflicting fields).',
  labelSelector: 'A selector to restrict the list of returned objects by their labels.',
  fieldSelector: 'A selector to restrict the list of returned objects by their fields.',
  limit: 'Maximum number of responses to return for a list call; more can be fetched with continue.',
  continue: 'The continue token of a previous list call that was limited.',
  resourceVersion: 'Which resource version a list or watch starts from.',
  resourceVersionMatch: 'How resourceVersion applies to list calls.',
  watch: 'Watch for changes to the described resources and return them as a stream of events.',
  allowWatchBookmarks: 'Ask for watch events of type BOOKMARK.',
  sendInitialEvents: 'With watch=true, start the watch stream with synthetic events for the current state.',
  timeoutSeconds: 'Timeout for the list/watch call.',
  gracePeriodSeconds: 'The duration in seconds before the object should be deleted.',
  propagationPolicy:
    "Whether and how garbage collection is performed: 'Orphan', 'Background' or 'Foreground'.",
  orphanDependents: 'Deprecated: use propagationPolicy.',
};

function query(name: string): Param {
  return { name, in: 'query', description: QUERY_DESCRIPTIONS[name] ?? name };
}

function paramSchema(param: Param, dialect: Dialect): Json {
  const type = ['limit', 'timeoutSeconds', 'gracePeriodSeconds'].includes(param.name)
    ? 'integer'
    : ['watch', 'allowWatchBookmarks', 'sendInitialEvents', 'force', 'orphanDependents'].includes(param.name)
      ? 'boolean'
      : 'string';
  const out: Json = { name: param.name, in: param.in, description: param.description };
  if (param.required) out.required = true;
  if (dialect === 2) {
    out.type = type;
    out.uniqueItems = true;
  } else out.schema = { type, uniqueItems: true };
  return out;
}

interface OperationSpec {
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  verb: string;
  action: string;
  idStem: string;
  description: string;
  params: string[];
  body?: string;
  response: string;
  gvk: GroupVersionKind;
  /** A route of a custom resource (served by the CRD handler, not a built-in type). */
  custom?: boolean;
}

function operation(spec: OperationSpec, info: ResourceInfo, dialect: Dialect, seen: Set<string>): Json {
  const tag = `${groupStem(info.group).toLowerCase()}_${info.version}`;
  const op: Json = {
    description: spec.description,
    operationId: `${spec.verb}${groupStem(info.group)}${info.version.charAt(0).toUpperCase()}${info.version.slice(1)}${spec.idStem}`,
    tags: [tag],
    parameters: spec.params.map((p) => paramSchema(query(p), dialect)),
  };
  const patchTypes = spec.custom ? CUSTOM_PATCH_CONTENT_TYPES : PATCH_CONTENT_TYPES;
  const responseTypes = spec.custom ? CUSTOM_RESPONSE_CONTENT_TYPES : RESPONSE_CONTENT_TYPES;
  const bodyTypes = spec.method === 'patch' ? patchTypes : ['application/json', 'application/yaml'];
  seen.add(spec.response);
  if (dialect === 2) {
    if (spec.body) {
      seen.add(spec.body);
      op.consumes = bodyTypes;
      op.parameters.unshift({ name: 'body', in: 'body', required: true, schema: refTo(spec.body, 2) });
    } else op.consumes = ['*/*'];
    op.produces = spec.action === 'watch' ? ['application/json;stream=watch'] : responseTypes;
    op.schemes = ['https'];
    op.responses = {
      '200': { description: 'OK', schema: refTo(spec.response, 2) },
      '401': { description: 'Unauthorized' },
    };
    if (spec.method === 'post' || spec.method === 'put' || spec.method === 'patch') {
      op.responses['201'] = { description: 'Created', schema: refTo(spec.response, 2) };
    }
  } else {
    if (spec.body) {
      seen.add(spec.body);
      op.requestBody = {
        content: Object.fromEntries(bodyTypes.map((t) => [t, { schema: refTo(spec.body as string, 3) }])),
        required: true,
      };
    }
    const content = Object.fromEntries(responseTypes.map((t) => [t, { schema: refTo(spec.response, 3) }]));
    op.responses = { '200': { description: 'OK', content }, '401': { description: 'Unauthorized' } };
    if (spec.method === 'post' || spec.method === 'put' || spec.method === 'patch') {
      op.responses['201'] = { description: 'Created', content };
    }
  }
  op['x-kubernetes-action'] = spec.action;
  op['x-kubernetes-group-version-kind'] = {
    group: spec.gvk.group,
    kind: spec.gvk.kind,
    version: spec.gvk.version,
  };
  return op;
}

const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'];
const LIST_PARAMS = [
  'allowWatchBookmarks',
  'continue',
  'fieldSelector',
  'labelSelector',
  'limit',
  'resourceVersion',
  'resourceVersionMatch',
  'sendInitialEvents',
  'timeoutSeconds',
  'watch',
];

/** The REST paths of one resource (collection, item, status and scale subresources). */
function resourcePaths(resource: CatalogResource, dialect: Dialect, seen: Set<string>): Json {
  const { info, definition } = resource;
  const gvk: GroupVersionKind = { group: info.group, version: info.version, kind: info.kind };
  const base = `/${groupVersionPath(info.group, info.version)}`;
  const scope = info.namespaced ? 'Namespaced' : '';
  const collection = info.namespaced
    ? `${base}/namespaces/{namespace}/${info.plural}`
    : `${base}/${info.plural}`;
  const item = `${collection}/{name}`;
  const pathParams = (named: boolean): Json[] => {
    const params: Param[] = [];
    if (named)
      params.push({ name: 'name', in: 'path', required: true, description: `name of the ${info.kind}` });
    if (info.namespaced) {
      params.push({
        name: 'namespace',
        in: 'path',
        required: true,
        description: 'object name and auth scope, such as for teams and projects',
      });
    }
    params.push(query('pretty'));
    return params.map((p) => paramSchema(p, dialect));
  };
  const custom = !definitionName(definition).startsWith('io.k8s.');
  const op = (spec: Omit<OperationSpec, 'gvk'> & { gvk?: GroupVersionKind }) =>
    operation({ gvk, custom, ...spec }, info, dialect, seen);
  const list = `${definition}List`;
  const paths: Json = {};
  paths[collection] = {
    get: op({
      method: 'get',
      verb: 'list',
      action: 'list',
      idStem: `${scope}${info.kind}`,
      description: `list or watch objects of kind ${info.kind}`,
      params: LIST_PARAMS,
      response: list,
    }),
    post: op({
      method: 'post',
      verb: 'create',
      action: 'post',
      idStem: `${scope}${info.kind}`,
      description: `create a ${info.kind}`,
      params: WRITE_PARAMS,
      body: definition,
      response: definition,
    }),
    delete: op({
      method: 'delete',
      verb: 'deletecollection',
      action: 'deletecollection',
      idStem: `Collection${scope}${info.kind}`,
      description: `delete collection of ${info.kind}`,
      params: [...LIST_PARAMS, 'dryRun', 'gracePeriodSeconds', 'propagationPolicy'],
      body: 'meta.v1.DeleteOptions',
      response: 'meta.v1.Status',
    }),
    parameters: pathParams(false),
  };
  paths[item] = {
    get: op({
      method: 'get',
      verb: 'read',
      action: 'get',
      idStem: `${scope}${info.kind}`,
      description: `read the specified ${info.kind}`,
      params: [],
      response: definition,
    }),
    put: op({
      method: 'put',
      verb: 'replace',
      action: 'put',
      idStem: `${scope}${info.kind}`,
      description: `replace the specified ${info.kind}`,
      params: WRITE_PARAMS,
      body: definition,
      response: definition,
    }),
    patch: op({
      method: 'patch',
      verb: 'patch',
      action: 'patch',
      idStem: `${scope}${info.kind}`,
      description: `partially update the specified ${info.kind}`,
      params: [...WRITE_PARAMS, 'force'],
      body: 'meta.v1.Patch',
      response: definition,
    }),
    delete: op({
      method: 'delete',
      verb: 'delete',
      action: 'delete',
      idStem: `${scope}${info.kind}`,
      description: `delete a ${info.kind}`,
      params: ['dryRun', 'gracePeriodSeconds', 'propagationPolicy'],
      body: 'meta.v1.DeleteOptions',
      response: 'meta.v1.Status',
    }),
    parameters: pathParams(true),
  };
  if (info.subresources.status) {
    paths[`${item}/status`] = {
      get: op({
        method: 'get',
        verb: 'read',
        action: 'get',
        idStem: `${scope}${info.kind}Status`,
        description: `read status of the specified ${info.kind}`,
        params: [],
        response: definition,
      }),
      put: op({
        method: 'put',
        verb: 'replace',
        action: 'put',
        idStem: `${scope}${info.kind}Status`,
        description: `replace status of the specified ${info.kind}`,
        params: WRITE_PARAMS,
        body: definition,
        response: definition,
      }),
      patch: op({
        method: 'patch',
        verb: 'patch',
        action: 'patch',
        idStem: `${scope}${info.kind}Status`,
        description: `partially update status of the specified ${info.kind}`,
        params: [...WRITE_PARAMS, 'force'],
        body: 'meta.v1.Patch',
        response: definition,
      }),
      parameters: pathParams(true),
    };
  }
  if (info.subresources.scale) {
    const scaleGvk = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
    const scale = 'autoscaling.v1.Scale';
    paths[`${item}/scale`] = {
      get: op({
        method: 'get',
        verb: 'read',
        action: 'get',
        idStem: `${scope}${info.kind}Scale`,
        description: `read scale of the specified ${info.kind}`,
        params: [],
        response: scale,
        gvk: scaleGvk,
      }),
      put: op({
        method: 'put',
        verb: 'replace',
        action: 'put',
        idStem: `${scope}${info.kind}Scale`,
        description: `replace scale of the specified ${info.kind}`,
        params: WRITE_PARAMS,
        body: scale,
        response: scale,
        gvk: scaleGvk,
      }),
      patch: op({
        method: 'patch',
        verb: 'patch',
        action: 'patch',
        idStem: `${scope}${info.kind}Scale`,
        description: `partially update scale of the specified ${info.kind}`,
        params: [...WRITE_PARAMS, 'force'],
        body: 'meta.v1.Patch',
        response: scale,
        gvk: scaleGvk,
      }),
      parameters: pathParams(true),
    };
  }
  if (info.namespaced) {
    paths[`${base}/${info.plural}`] = {
      get: op({
        method: 'get',
        verb: 'list',
        action: 'list',
        idStem: `${info.kind}ForAllNamespaces`,
        description: `list or watch objects of kind ${info.kind}`,
        params: LIST_PARAMS,
        response: list,
      }),
      parameters: [paramSchema(query('pretty'), dialect)],
    };
  }
  return paths;
}

function sortedObject(obj: Json): Json {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Swagger 2.0 JSON for every served resource (`/openapi/v2`). */
export function buildOpenAPIV2(catalog: Catalog): Json {
  const seen = new Set<string>();
  let paths: Json = {};
  for (const resource of catalog.resources()) paths = { ...paths, ...resourcePaths(resource, 2, seen) };
  for (const short of catalog.gvks.keys()) seen.add(short);
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION },
    paths: sortedObject(paths),
    definitions: definitionsClosure(catalog, seen, 2),
    securityDefinitions: {
      BearerToken: {
        description: 'Bearer Token authentication',
        type: 'apiKey',
        name: 'authorization',
        in: 'header',
      },
    },
    security: [{ BearerToken: [] }],
  };
}

/** The group-versions served, as `/openapi/v3` path keys (`api/v1`, `apis/apps/v1`). */
export function groupVersionKeys(catalog: Catalog): string[] {
  const keys = new Set<string>();
  for (const { info } of catalog.resources()) keys.add(groupVersionPath(info.group, info.version));
  return [...keys].sort();
}

/** One group-version's OpenAPI 3.0 document (`/openapi/v3/apis/apps/v1`), or undefined when not served. */
export function buildOpenAPIV3(catalog: Catalog, groupVersion: string): Json | undefined {
  const key = groupVersion.replace(/^\/+/, '').replace(/^openapi\/v3\//, '');
  const resources = catalog
    .resources()
    .filter(({ info }) => groupVersionPath(info.group, info.version) === key);
  if (resources.length === 0) return undefined;
  const seen = new Set<string>();
  let paths: Json = {};
  for (const resource of resources) paths = { ...paths, ...resourcePaths(resource, 3, seen) };
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION },
    paths: sortedObject(paths),
    components: {
      schemas: definitionsClosure(catalog, seen, 3),
      securitySchemes: {
        BearerToken: {
          description: 'Bearer Token authentication',
          type: 'apiKey',
          name: 'authorization',
          in: 'header',
        },
      },
    },
  };
}

/** A content hash for `?hash=` (clients cache a group-version document by it). */
export function documentHash(document: Json): string {
  return createHash('sha512').update(JSON.stringify(document)).digest('hex').toUpperCase();
}
