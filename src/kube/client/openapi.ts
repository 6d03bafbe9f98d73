/**
 * Type facts from a server's OpenAPI v3 documents, as kubectl's client-side apply reads patch
 * strategies and merge keys from them: the document of one group-version is fetched when a kind
 * of it is first needed, and its schemas become `SchemaNode` trees (`$ref` and single-element
 * `allOf` followed; recursive types share nodes).
 */
import type { SchemaLookup, SchemaNode } from '../schema.ts';
import type { RestClient } from './rest.ts';

type RawSchema = Record<string, any>;

function convert(
  raw: RawSchema,
  schemas: Record<string, RawSchema>,
  memo: Map<string, SchemaNode>,
): SchemaNode {
  const refOf = (s: RawSchema): string | undefined =>
    s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
  const ref = refOf(raw);
  const node: SchemaNode = {};
  if (ref) {
    const name = String(ref).replace('#/components/schemas/', '');
    let target = memo.get(name);
    if (!target) {
      target = {};
      memo.set(name, target);
      Object.assign(target, convert(schemas[name] ?? {}, schemas, memo), { ref: name });
    }
    // field-level extensions sit next to the reference
    if (
      !raw['x-kubernetes-patch-strategy'] &&
      !raw['x-kubernetes-list-type'] &&
      !raw['x-kubernetes-map-type']
    )
      return target;
    Object.assign(node, target);
  }
  if (raw.type) node.type = raw.type;
  if (raw.format) node.format = raw.format;
  if (raw.properties) {
    node.properties = {};
    for (const [k, v] of Object.entries(raw.properties as Record<string, RawSchema>))
      node.properties[k] = convert(v, schemas, memo);
  }
  if (raw.additionalProperties && typeof raw.additionalProperties === 'object')
    node.additionalProperties = convert(raw.additionalProperties, schemas, memo);
  if (raw.items) node.items = convert(raw.items, schemas, memo);
  if (raw.required) node.required = raw.required;
  if (raw['x-kubernetes-patch-strategy']) node.patchStrategy = raw['x-kubernetes-patch-strategy'];
  if (raw['x-kubernetes-patch-merge-key']) node.patchMergeKey = raw['x-kubernetes-patch-merge-key'];
  if (raw['x-kubernetes-list-type']) node.listType = raw['x-kubernetes-list-type'];
  if (raw['x-kubernetes-list-map-keys']) node.listMapKeys = raw['x-kubernetes-list-map-keys'];
  if (raw['x-kubernetes-map-type']) node.mapType = raw['x-kubernetes-map-type'];
  if (raw['x-kubernetes-preserve-unknown-fields']) node.preserveUnknownFields = true;
  if (raw['x-kubernetes-int-or-string']) node.intOrString = true;
  return node;
}

/** Loads OpenAPI v3 documents on demand; `lookup` answers from those already loaded. */
export class OpenApiSchemas {
  private index?: Promise<Record<string, { serverRelativeURL: string }>>;
  private readonly kinds = new Map<string, SchemaNode | undefined>();
  private readonly loaded = new Set<string>();

  constructor(private readonly rest: RestClient) {}

  /** Fetches the document of `apiVersion` (once). Missing documents leave its kinds unknown. */
  async load(apiVersion: string): Promise<void> {
    if (this.loaded.has(apiVersion)) return;
    this.loaded.add(apiVersion);
    this.index ??= this.rest
      .json('GET', '/openapi/v3')
      .then((d) => d?.paths ?? {})
      .catch(() => ({}));
    const paths = await this.index;
    const key = apiVersion.includes('/') ? `apis/${apiVersion}` : `api/${apiVersion}`;
    const entry = paths[key];
    if (!entry) return;
    const url = new URL(entry.serverRelativeURL, 'http://x');
    const query = Object.fromEntries(url.searchParams);
    const doc = await this.rest.json('GET', url.pathname, { query }).catch(() => undefined);
    const schemas: Record<string, RawSchema> = doc?.components?.schemas ?? {};
    const memo = new Map<string, SchemaNode>();
    for (const [name, raw] of Object.entries(schemas)) {
      for (const gvk of (raw['x-kubernetes-group-version-kind'] as any[]) ?? []) {
        const av = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        if (av !== apiVersion) continue;
        this.kinds.set(`${av}/${gvk.kind}`, convert({ $ref: `#/components/schemas/${name}` }, schemas, memo));
      }
    }
  }

  lookup: SchemaLookup = (apiVersion, kind) => this.kinds.get(`${apiVersion}/${kind}`);

  async schemaFor(apiVersion: string, kind: string): Promise<SchemaNode | undefined> {
    await this.load(apiVersion);
    return this.lookup(apiVersion, kind);
  }
}
