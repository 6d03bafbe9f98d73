/**
 * The type catalog: every built-in definition, the custom resource schemas added at run time,
 * which definition is the top-level kind of which group/version/kind, and the served resources.
 * Turns definitions into `SchemaNode` trees for patches and field validation.
 */
import type { SchemaNode } from '../../kube/schema.ts';
import type { ResourceInfo } from '../registry/types.ts';
import { describe } from './descriptions.ts';
import {
  type Definition,
  DefinitionSet,
  definitionName,
  groupVersionOf,
  type Shape,
  type TypeExpr,
} from './dsl.ts';
import { BUILTIN_RESOURCES } from './resources.ts';
import { defineApiextensionsV1 } from './types/apiextensions.ts';
import { defineAppsV1 } from './types/apps.ts';
import { defineAutoscaling } from './types/autoscaling.ts';
import { defineBatchV1 } from './types/batch.ts';
import { defineCoordinationV1 } from './types/coordination.ts';
import { defineCoreV1 } from './types/core.ts';
import { defineDiscoveryV1 } from './types/discovery.ts';
import { defineEventsV1 } from './types/events.ts';
import { defineMetaV1 } from './types/meta.ts';
import { defineNetworkingV1 } from './types/networking.ts';
import { definePolicyV1 } from './types/policy.ts';
import { defineRbacV1 } from './types/rbac.ts';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** A served resource together with the short name of its kind's definition. */
export interface CatalogResource {
  info: ResourceInfo;
  definition: string;
}

function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** `zoo.example.com` -> `com.example.zoo`: upstream names custom resource definitions by reversed group. */
function reversedGroup(group: string): string {
  return group.split('.').reverse().join('.');
}

function builtinDefinitions(): DefinitionSet {
  const set = new DefinitionSet();
  defineMetaV1(set);
  defineApiextensionsV1(set);
  for (const define of [
    defineCoreV1,
    defineAppsV1,
    defineBatchV1,
    defineNetworkingV1,
    definePolicyV1,
    defineRbacV1,
    defineAutoscaling,
    defineCoordinationV1,
    defineDiscoveryV1,
    defineEventsV1,
  ]) {
    define(set.define);
  }
  return set;
}

export class Catalog {
  readonly definitions = builtinDefinitions();
  /** `apps/v1/Deployment` -> definition short name (kinds, their lists, and the shared meta kinds). */
  private readonly kinds = new Map<string, string>();
  /** Definition short name -> the GVKs it is published under. */
  readonly gvks = new Map<string, GroupVersionKind[]>();
  private readonly builtinResources: CatalogResource[] = [];
  /** CRD name -> the resources (one per served version) and definitions it added. */
  private readonly custom = new Map<string, { resources: CatalogResource[]; definitions: string[] }>();
  private readonly trees = new Map<string, SchemaNode>();
  /** Descriptions custom resource schemas carry at their root, by definition short name. */
  private readonly customDescriptions = new Map<string, string>();
  /** Bumped on every change so served documents can be cached per revision. */
  revision = 0;

  constructor(resources: readonly ResourceInfo[] = BUILTIN_RESOURCES) {
    for (const info of resources) {
      const definition = this.findBuiltinDefinition(info);
      if (definition) this.addResource({ info, definition }, this.builtinResources);
    }
    this.registerKind('meta.v1.Status', { group: '', version: 'v1', kind: 'Status' });
    this.registerKind('meta.v1.DeleteOptions', { group: '', version: 'v1', kind: 'DeleteOptions' });
    this.registerKind('meta.v1.WatchEvent', { group: '', version: 'v1', kind: 'WatchEvent' });
    this.registerKind('meta.v1.Table', { group: 'meta.k8s.io', version: 'v1', kind: 'Table' });
    this.registerKind('autoscaling.v1.Scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' });
  }

  private findBuiltinDefinition(info: ResourceInfo): string | undefined {
    for (const name of this.definitions.byName.keys()) {
      const gv = groupVersionOf(name);
      if (gv && gv.group === info.group && gv.version === info.version && name.endsWith(`.${info.kind}`)) {
        return name;
      }
    }
    return undefined;
  }

  private registerKind(definition: string, gvk: GroupVersionKind): void {
    this.kinds.set(`${apiVersionOf(gvk.group, gvk.version)}/${gvk.kind}`, definition);
    const list = this.gvks.get(definition) ?? [];
    list.push(gvk);
    this.gvks.set(definition, list);
  }

  private addResource(resource: CatalogResource, into: CatalogResource[]): void {
    const { info, definition } = resource;
    into.push(resource);
    const listName = `${definition}List`;
    if (!this.definitions.get(listName)) {
      this.definitions.define(listName, {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: 'meta.v1.ListMeta',
        'items!': { type: 'array', items: definition },
      });
    }
    if (!this.gvks.has(definition))
      this.registerKind(definition, { group: info.group, version: info.version, kind: info.kind });
    if (!this.gvks.has(listName)) {
      this.registerKind(listName, { group: info.group, version: info.version, kind: info.listKind });
    }
  }

  /** Every served resource, built-in first, then custom resources in the order their CRDs arrived. */
  resources(): CatalogResource[] {
    return [...this.builtinResources, ...[...this.custom.values()].flatMap((c) => c.resources)];
  }

  /** The definition short name of a top-level kind, e.g. (`apps/v1`, `Deployment`) -> `apps.v1.Deployment`. */
  definitionOf(apiVersion: string, kind: string): string | undefined {
    return this.kinds.get(`${apiVersion}/${kind}`);
  }

  /** The `SchemaNode` tree of a top-level kind (a SchemaLookup). Trees are shared: do not mutate. */
  schemaFor(apiVersion: string, kind: string): SchemaNode | undefined {
    const name = this.definitionOf(apiVersion, kind);
    return name ? this.tree(name) : undefined;
  }

  /** Description of a definition (`apps.v1.Deployment`) or of one of its fields (`apps.v1.Deployment.spec`). */
  description(key: string): string | undefined {
    return this.customDescriptions.get(key) ?? describe(key);
  }

  /** Expands one definition into a tree; cycles (JSONSchemaProps) become shared nodes. */
  tree(name: string): SchemaNode {
    const cached = this.trees.get(name);
    if (cached) return cached;
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`openapi: no definition ${name}`);
    const node: SchemaNode = { ref: definitionName(name) };
    this.trees.set(name, node);
    Object.assign(node, this.definitionNode(definition));
    return node;
  }

  private definitionNode(definition: Definition): SchemaNode {
    const description = this.description(definition.name);
    if (definition.scalar) {
      return {
        ...this.shapeNode(definition.scalar, definition.name),
        ...(description ? { description } : {}),
      };
    }
    const node: SchemaNode = { type: 'object' };
    if (description) node.description = description;
    node.properties = {};
    for (const [field, type] of Object.entries(definition.fields ?? {})) {
      node.properties[field] = this.fieldNode(type, this.description(`${definition.name}.${field}`));
    }
    if (definition.required.length > 0) node.required = definition.required;
    if (definition.mapType) node.mapType = definition.mapType;
    return node;
  }

  private fieldNode(type: TypeExpr, description: string | undefined): SchemaNode {
    const node = this.exprNode(type, '');
    return description ? { ...node, description } : node;
  }

  private exprNode(type: TypeExpr, owner: string): SchemaNode {
    if (typeof type === 'string') return this.tree(type);
    return this.shapeNode(type, owner);
  }

  private shapeNode(shape: Shape, owner: string): SchemaNode {
    const { items, additionalProperties, properties, refTo, ...rest } = shape;
    const node: SchemaNode = refTo ? { ...this.tree(refTo), ...rest } : { ...rest };
    if (items !== undefined) node.items = this.exprNode(items, owner);
    if (additionalProperties !== undefined)
      node.additionalProperties = this.exprNode(additionalProperties, owner);
    if (properties) {
      node.properties = {};
      for (const [field, type] of Object.entries(properties))
        node.properties[field] = this.exprNode(type, owner);
    }
    return node;
  }

  /**
   * Publishes a CustomResourceDefinition's served versions: their schemas (from
   * `openAPIV3Schema`, or anything-goes when a version has none) and their resource paths.
   * Replaces what an earlier version of the same CRD published.
   */
  addCustomResourceDefinition(crd: Record<string, any>): void {
    this.removeCustomResourceDefinition(crd.metadata?.name ?? '');
    const spec = crd.spec ?? {};
    const names = spec.names ?? {};
    const group: string = spec.group ?? '';
    const resources: CatalogResource[] = [];
    const definitions: string[] = [];
    for (const version of spec.versions ?? []) {
      if (version.served === false) continue;
      const name = `${reversedGroup(group)}.${version.name}.${names.kind}`;
      const schema = version.schema?.openAPIV3Schema;
      const root = schema
        ? shapeFromJsonSchema(schema)
        : ({ type: 'object', preserveUnknownFields: true } as Shape);
      // the envelope replaces whatever the schema says of apiVersion, kind and metadata (upstream's
      // builder sets them after the schema's own properties)
      const fields: Record<string, TypeExpr> = {
        ...(root.properties ?? {}),
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: 'meta.v1.ObjectMeta',
      };
      if (root.preserveUnknownFields) {
        this.definitions.defineScalar(name, { ...root, properties: fields });
      } else {
        this.definitions.define(name, fields);
        const definition = this.definitions.get(name);
        if (definition && root.required) definition.required = [...root.required];
        // a struct definition has no room for a description of its own: keep the schema's here,
        // and describe the envelope as every built-in kind's is described
        if (root.description) this.customDescriptions.set(name, root.description);
        for (const field of ['apiVersion', 'kind', 'metadata']) {
          const text = describe(`core.v1.Pod.${field}`);
          if (text) this.customDescriptions.set(`${name}.${field}`, text);
        }
      }
      const info: ResourceInfo = {
        group,
        version: version.name,
        kind: names.kind,
        listKind: names.listKind ?? `${names.kind}List`,
        plural: names.plural,
        singular: names.singular ?? String(names.kind).toLowerCase(),
        namespaced: spec.scope !== 'Cluster',
        shortNames: names.shortNames ?? [],
        categories: names.categories ?? [],
        verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
        subresources: {
          status: version.subresources?.status !== undefined,
          scale: version.subresources?.scale,
        },
      };
      this.addResource({ info, definition: name }, resources);
      definitions.push(name, `${name}List`);
    }
    this.custom.set(crd.metadata?.name ?? '', { resources, definitions });
    this.changed();
  }

  removeCustomResourceDefinition(crdName: string): void {
    const entry = this.custom.get(crdName);
    if (!entry) return;
    this.custom.delete(crdName);
    for (const name of entry.definitions) {
      this.definitions.byName.delete(name);
      for (const key of [name, `${name}.apiVersion`, `${name}.kind`, `${name}.metadata`])
        this.customDescriptions.delete(key);
      for (const gvk of this.gvks.get(name) ?? []) {
        this.kinds.delete(`${apiVersionOf(gvk.group, gvk.version)}/${gvk.kind}`);
      }
      this.gvks.delete(name);
    }
    this.changed();
  }

  private changed(): void {
    this.trees.clear();
    this.revision++;
  }
}

/** A structural schema (CRD `openAPIV3Schema`) as an inline shape. */
export function shapeFromJsonSchema(schema: Record<string, any>): Shape {
  const shape: Shape = {};
  if (typeof schema.type === 'string') shape.type = schema.type as Shape['type'];
  if (typeof schema.format === 'string') shape.format = schema.format;
  if (typeof schema.description === 'string') shape.description = schema.description;
  if (Array.isArray(schema.enum)) shape.enum = schema.enum.map((v: unknown) => String(v));
  if (schema.default !== undefined) shape.default = schema.default;
  if (Array.isArray(schema.required)) shape.required = schema.required.map(String);
  if (schema.properties && typeof schema.properties === 'object') {
    shape.properties = {};
    for (const [field, sub] of Object.entries(schema.properties)) {
      shape.properties[field] = shapeFromJsonSchema(sub as Record<string, any>);
    }
  }
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    shape.items = shapeFromJsonSchema(schema.items);
  }
  if (schema.additionalProperties === true) shape.preserveUnknownFields = true;
  else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    shape.additionalProperties = shapeFromJsonSchema(schema.additionalProperties);
  }
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) shape.preserveUnknownFields = true;
  if (schema['x-kubernetes-int-or-string'] === true) shape.intOrString = true;
  if (schema['x-kubernetes-embedded-resource'] === true) {
    // An embedded object always has apiVersion, kind and metadata, even when the schema omits them.
    shape.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object', preserveUnknownFields: true },
      ...(shape.properties ?? {}),
    };
  }
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'atomic' || listType === 'set' || listType === 'map') shape.listType = listType;
  if (Array.isArray(schema['x-kubernetes-list-map-keys']))
    shape.listMapKeys = schema['x-kubernetes-list-map-keys'];
  const mapType = schema['x-kubernetes-map-type'];
  if (mapType === 'atomic' || mapType === 'granular') shape.mapType = mapType;
  return shape;
}
