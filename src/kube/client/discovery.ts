/**
 * Discovery and resource resolution as kubectl's RESTMapper does it: the server's resources
 * (aggregated discovery v2, or the legacy per-group-version lists), then a user's word such as
 * `deploy`, `deployments.apps`, `deployment.v1.apps`, `Deployment` or the category `all` resolved
 * to resources, the core group first and then the groups in discovery order.
 */
import type { RestClient } from './rest.ts';

export interface ApiResource {
  group: string;
  version: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  singular: string;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[];
}

export class ResourceNotFoundError extends Error {
  override name = 'ResourceNotFoundError';
  constructor(readonly word: string) {
    super(`the server doesn't have a resource type "${word}"`);
  }
}

export class KindNotFoundError extends Error {
  override name = 'KindNotFoundError';
  constructor(
    readonly apiVersion: string,
    readonly kind: string,
  ) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    super(`no matches for kind "${kind}" in version "${group ? `${group}/${version}` : version}"`);
  }
}

export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployments.apps`, `services`: how kubectl names a resource in messages. */
export function groupResource(r: { group: string; resource: string }): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** `deployment.apps`, `service`: the lowercase kind prefix of `kind/name` output. */
export function groupKindLower(r: { group: string; kind: string }): string {
  return (r.group ? `${r.kind}.${r.group}` : r.kind).toLowerCase();
}

/** The REST path of a resource collection or object. */
export function resourcePath(
  r: ApiResource,
  options: { namespace?: string; name?: string; subresource?: string } = {},
): string {
  let path = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  if (r.namespaced && options.namespace) path += `/namespaces/${encodeURIComponent(options.namespace)}`;
  path += `/${r.resource}`;
  if (options.name !== undefined) path += `/${encodeURIComponent(options.name)}`;
  if (options.subresource) path += `/${options.subresource}`;
  return path;
}

const aggregatedAccept =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

function fromAggregated(doc: any, preferredOnly: boolean): ApiResource[] {
  const out: ApiResource[] = [];
  for (const item of doc.items ?? []) {
    const group = item.metadata?.name ?? '';
    const versions: any[] = item.versions ?? [];
    for (const v of preferredOnly ? versions.slice(0, 1) : versions) {
      for (const r of v.resources ?? []) {
        out.push({
          group,
          version: v.version,
          resource: r.resource,
          kind: r.responseKind?.kind ?? '',
          namespaced: r.scope === 'Namespaced',
          singular: r.singularResource ?? '',
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
          verbs: r.verbs ?? [],
          subresources: (r.subresources ?? []).map((s: any) => s.subresource),
        });
      }
    }
  }
  return out;
}

function fromLegacyList(group: string, version: string, list: any): ApiResource[] {
  const all: any[] = list.resources ?? [];
  return all
    .filter((r) => !r.name.includes('/'))
    .map((r) => ({
      group,
      version,
      resource: r.name,
      kind: r.kind,
      namespaced: Boolean(r.namespaced),
      singular: r.singularName || r.kind.toLowerCase(),
      shortNames: r.shortNames ?? [],
      categories: r.categories ?? [],
      verbs: r.verbs ?? [],
      subresources: all
        .filter((s) => s.name.startsWith(`${r.name}/`))
        .map((s) => s.name.slice(r.name.length + 1)),
    }));
}

export class Discovery {
  private cache?: Promise<{ preferred: ApiResource[]; all: ApiResource[] }>;

  constructor(private readonly rest: RestClient) {}

  private async fetchAll(): Promise<{ preferred: ApiResource[]; all: ApiResource[] }> {
    const [core, groups] = await Promise.all([
      this.rest.json('GET', '/api', { accept: aggregatedAccept }),
      this.rest.json('GET', '/apis', { accept: aggregatedAccept }),
    ]);
    if (core?.kind === 'APIGroupDiscoveryList' && groups?.kind === 'APIGroupDiscoveryList') {
      return {
        preferred: [...fromAggregated(core, true), ...fromAggregated(groups, true)],
        all: [...fromAggregated(core, false), ...fromAggregated(groups, false)],
      };
    }
    const gvs: [string, string, boolean][] = [];
    for (const v of core.versions ?? []) gvs.push(['', v, gvs.length === 0]);
    for (const g of groups.groups ?? [])
      for (const v of g.versions ?? [])
        gvs.push([g.name, v.version, v.version === g.preferredVersion?.version]);
    const lists = await Promise.all(
      gvs.map(([g, v]) =>
        this.rest.json('GET', g ? `/apis/${g}/${v}` : `/api/${v}`).catch(() => ({ resources: [] })),
      ),
    );
    const all = gvs.flatMap(([g, v], i) => fromLegacyList(g, v, lists[i]));
    const preferred = gvs.flatMap(([g, v, p], i) => (p ? fromLegacyList(g, v, lists[i]) : []));
    return { preferred, all };
  }

  private load() {
    this.cache ??= this.fetchAll();
    return this.cache;
  }

  /** Every resource of the preferred version of each group, core first, in discovery order. */
  async preferredResources(): Promise<ApiResource[]> {
    return (await this.load()).preferred;
  }

  async allResources(): Promise<ApiResource[]> {
    return (await this.load()).all;
  }

  /**
   * The resources a word names: a category (`all`) expands to its members; otherwise exactly one
   * resource. `ResourceNotFoundError` when nothing matches.
   */
  async resolve(word: string): Promise<ApiResource[]> {
    const { preferred, all } = await this.load();
    const lower = word.toLowerCase();
    const single = this.match(lower, preferred, all);
    if (single) return [single];
    const members = preferred.filter((r) => r.categories.includes(lower));
    if (members.length > 0) return members;
    throw new ResourceNotFoundError(word);
  }

  async resolveOne(word: string): Promise<ApiResource> {
    const found = await this.resolve(word);
    return found[0];
  }

  private match(lower: string, preferred: ApiResource[], all: ApiResource[]): ApiResource | undefined {
    // `resource.version.group` or `resource.group` (group may contain dots): try every split
    const parts = lower.split('.');
    const named = (r: ApiResource, name: string) =>
      r.resource === name ||
      r.singular === name ||
      r.kind.toLowerCase() === name ||
      r.shortNames.includes(name);
    const bare =
      preferred.find((r) => r.shortNames.includes(lower)) ?? preferred.find((r) => named(r, lower));
    if (bare) return bare;
    for (let i = 1; i < parts.length; i++) {
      const name = parts.slice(0, i).join('.');
      const rest = parts.slice(i).join('.');
      const withVersion = parts[i];
      const groupAfterVersion = parts.slice(i + 1).join('.');
      const v = all.find((r) => r.version === withVersion && r.group === groupAfterVersion && named(r, name));
      if (v && groupAfterVersion) return v;
      const g = preferred.find((r) => r.group === rest && named(r, name));
      if (g) return g;
    }
    return undefined;
  }

  /** The resource serving objects of this apiVersion and kind (for manifests read from files). */
  async forKind(apiVersion: string, kind: string): Promise<ApiResource> {
    const { all } = await this.load();
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    const found = all.find((r) => r.group === group && r.version === version && r.kind === kind);
    if (!found) throw new KindNotFoundError(apiVersion, kind);
    return found;
  }
}
