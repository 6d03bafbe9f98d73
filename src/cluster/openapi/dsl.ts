/**
 * The compact language the type facts are written in. A field's type is either the short name
 * of another definition (`'core.v1.PodSpec'`) or a `Shape`: an inline primitive, list or map
 * whose element types are again short names or shapes. Definitions are expanded into
 * `SchemaNode` trees (schema-tree.ts) and into OpenAPI documents (v2.ts, v3.ts).
 */
import type { SchemaNode } from '../../kube/schema.ts';

export type TypeExpr = string | Shape;

export interface Shape extends Omit<SchemaNode, 'items' | 'additionalProperties' | 'properties' | 'ref'> {
  /** Inline object fields (custom resource schemas); built-in structs are named definitions. */
  properties?: Record<string, TypeExpr>;
  items?: TypeExpr;
  additionalProperties?: TypeExpr;
  /** A reference carrying property-level extensions (e.g. a retainKeys patch strategy). */
  refTo?: string;
}

export interface Definition {
  /** Short name, e.g. `apps.v1.Deployment`. */
  name: string;
  /** A struct's fields; absent for scalar definitions such as Quantity. */
  fields?: Record<string, TypeExpr>;
  required: string[];
  /** Scalar definitions (Time, Quantity, IntOrString...) are a shape of their own. */
  scalar?: Shape;
  /** `+structType=atomic`: server-side apply replaces the struct as a whole. */
  mapType?: 'atomic' | 'granular';
}

export interface DefineOptions {
  mapType?: 'atomic' | 'granular';
}

/** Registers a struct: a `!` after a field name marks it required (no omitempty, no +optional). */
export type DefineFn = (name: string, fields: Record<string, TypeExpr>, options?: DefineOptions) => void;

export interface ListOptions {
  /** `patchStrategy` tag: merge, replace, retainKeys, merge,retainKeys. */
  patch?: string;
  /** `patchMergeKey` tag. */
  key?: string;
  /** `+listType`. */
  type?: 'atomic' | 'set' | 'map';
  /** `+listMapKey`s, in order. */
  mapKeys?: string[];
}

export const T = {
  string: { type: 'string' } as Shape,
  int32: { type: 'integer', format: 'int32' } as Shape,
  int64: { type: 'integer', format: 'int64' } as Shape,
  boolean: { type: 'boolean' } as Shape,
  double: { type: 'number', format: 'double' } as Shape,
  bytes: { type: 'string', format: 'byte' } as Shape,
  time: 'meta.v1.Time',
  microTime: 'meta.v1.MicroTime',
  duration: 'meta.v1.Duration',
  quantity: 'resource.Quantity',
  intOrString: 'intstr.IntOrString',
  rawExtension: 'runtime.RawExtension',
  /** Free-form JSON (`x-kubernetes-preserve-unknown-fields`). */
  json: { preserveUnknownFields: true } as Shape,
  enumOf(...values: string[]): Shape {
    return { type: 'string', enum: values };
  },
  listOf(items: TypeExpr, options: ListOptions = {}): Shape {
    const shape: Shape = { type: 'array', items };
    if (options.patch) shape.patchStrategy = options.patch;
    if (options.key) shape.patchMergeKey = options.key;
    if (options.type) shape.listType = options.type;
    if (options.mapKeys) shape.listMapKeys = options.mapKeys;
    return shape;
  },
  mapOf(values: TypeExpr, mapType?: 'atomic' | 'granular'): Shape {
    const shape: Shape = { type: 'object', additionalProperties: values };
    if (mapType) shape.mapType = mapType;
    return shape;
  },
  patch(ref: string, patchStrategy: string): Shape {
    return { refTo: ref, patchStrategy };
  },
};

/** Short-name prefix -> OpenAPI definition-name prefix and API group. */
const PACKAGES: Record<string, { prefix: string; group?: string }> = {
  'core.v1': { prefix: 'io.k8s.api.core.v1', group: '' },
  'apps.v1': { prefix: 'io.k8s.api.apps.v1', group: 'apps' },
  'batch.v1': { prefix: 'io.k8s.api.batch.v1', group: 'batch' },
  'networking.v1': { prefix: 'io.k8s.api.networking.v1', group: 'networking.k8s.io' },
  'policy.v1': { prefix: 'io.k8s.api.policy.v1', group: 'policy' },
  'rbac.v1': { prefix: 'io.k8s.api.rbac.v1', group: 'rbac.authorization.k8s.io' },
  'autoscaling.v1': { prefix: 'io.k8s.api.autoscaling.v1', group: 'autoscaling' },
  'autoscaling.v2': { prefix: 'io.k8s.api.autoscaling.v2', group: 'autoscaling' },
  'coordination.v1': { prefix: 'io.k8s.api.coordination.v1', group: 'coordination.k8s.io' },
  'discovery.v1': { prefix: 'io.k8s.api.discovery.v1', group: 'discovery.k8s.io' },
  'events.v1': { prefix: 'io.k8s.api.events.v1', group: 'events.k8s.io' },
  'apiextensions.v1': {
    prefix: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
    group: 'apiextensions.k8s.io',
  },
  'meta.v1': { prefix: 'io.k8s.apimachinery.pkg.apis.meta.v1', group: 'meta.k8s.io' },
  resource: { prefix: 'io.k8s.apimachinery.pkg.api.resource' },
  intstr: { prefix: 'io.k8s.apimachinery.pkg.util.intstr' },
  runtime: { prefix: 'io.k8s.apimachinery.pkg.runtime' },
};

function splitShortName(short: string): { pkg: string; type: string } {
  const dot = short.lastIndexOf('.');
  return { pkg: short.slice(0, dot), type: short.slice(dot + 1) };
}

/** `apps.v1.Deployment` -> `io.k8s.api.apps.v1.Deployment`; names already long (CRDs) pass through. */
export function definitionName(short: string): string {
  const { pkg, type } = splitShortName(short);
  const known = PACKAGES[pkg];
  return known ? `${known.prefix}.${type}` : short;
}

/** The group/version a short name belongs to, when it is an API package (`apps.v1` -> apps, v1). */
export function groupVersionOf(short: string): { group: string; version: string } | undefined {
  const { pkg } = splitShortName(short);
  const known = PACKAGES[pkg];
  if (known?.group === undefined) return undefined;
  return { group: known.group, version: pkg.slice(pkg.lastIndexOf('.') + 1) };
}

/** The short package name of a group/version (`apps`, `v1` -> `apps.v1`; core `''` -> `core.v1`). */
export function packageOf(group: string, version: string): string | undefined {
  for (const [pkg, info] of Object.entries(PACKAGES)) {
    if (info.group === group && pkg.endsWith(`.${version}`)) return pkg;
  }
  return undefined;
}

/** Collects definitions; each types/*.ts module fills one through its `define…` function. */
export class DefinitionSet {
  readonly byName = new Map<string, Definition>();

  readonly define: DefineFn = (name, fields, options = {}) => {
    const plain: Record<string, TypeExpr> = {};
    const required: string[] = [];
    for (const [key, type] of Object.entries(fields)) {
      const isRequired = key.endsWith('!');
      const field = isRequired ? key.slice(0, -1) : key;
      plain[field] = type;
      if (isRequired) required.push(field);
    }
    this.byName.set(name, { name, fields: plain, required, mapType: options.mapType });
  };

  defineScalar(name: string, shape: Shape): void {
    this.byName.set(name, { name, required: [], scalar: shape });
  }

  get(name: string): Definition | undefined {
    return this.byName.get(name);
  }
}
