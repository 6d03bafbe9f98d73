/**
 * Discovery and resource resolution as kubectl's RESTMapper does it: the server's resources
 * (aggregated discovery v2, or the legacy per-group-version lists), then a user's word such as
 * `deploy`, `deployments.apps`, `deployment.v1.apps`, `Deployment` or the category `all` resolved
 * to resources, the core group first and then the groups in discovery order.
 */
import type { RestClient } from './rest.ts';
import { type DiscoveredGroup, RestMapper, type WarningHandler } from './restmapper.ts';

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

/** Nothing matched; `word` is the resource part (before the first dot), as kubectl names it. */
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

function fromAggregated(doc: any): DiscoveredGroup[] {
  return (doc.items ?? []).map((item: any) => {
    const name: string = item.metadata?.name ?? '';
    const versions = (item.versions ?? []).map((v: any) => ({
      version: v.version,
      resources: (v.resources ?? []).map(
        (r: any): ApiResource => ({
          group: name,
          version: v.version,
          resource: r.resource,
          kind: r.responseKind?.kind ?? '',
          namespaced: r.scope === 'Namespaced',
          singular: r.singularResource ?? '',
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
          verbs: r.verbs ?? [],
          subresources: (r.subresources ?? []).map((s: any) => s.subresource),
        }),
      ),
    }));
    // aggregated discovery lists the preferred version first
    return { name, preferredVersion: versions[0]?.version ?? '', versions };
  });
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

interface Discovered {
  groups: DiscoveredGroup[];
  preferred: ApiResource[];
  all: ApiResource[];
  mapper: RestMapper;
}

function discovered(groups: DiscoveredGroup[]): Discovered {
  const preferred = groups.flatMap(
    (g) => g.versions.find((v) => v.version === g.preferredVersion)?.resources ?? [],
  );
  const all = groups.flatMap((g) => g.versions.flatMap((v) => v.resources));
  return { groups, preferred, all, mapper: new RestMapper(groups) };
}

export class Discovery {
  private cache?: Promise<Discovered>;
  /** Where resolution warnings go (an ambiguous short name); kubectl prints them as `Warning: ...`. */
  onWarning?: WarningHandler;

  constructor(private readonly rest: RestClient) {}

  private async fetchAll(): Promise<Discovered> {
    const [core, groups] = await Promise.all([
      this.rest.json('GET', '/api', { accept: aggregatedAccept }),
      this.rest.json('GET', '/apis', { accept: aggregatedAccept }),
    ]);
    if (core?.kind === 'APIGroupDiscoveryList' && groups?.kind === 'APIGroupDiscoveryList')
      return discovered([...fromAggregated(core), ...fromAggregated(groups)]);
    const legacy: { name: string; preferredVersion: string; versions: string[] }[] = [
      { name: '', preferredVersion: core.versions?.[0] ?? 'v1', versions: core.versions ?? [] },
      ...(groups.groups ?? []).map((g: any) => ({
        name: g.name,
        preferredVersion: g.preferredVersion?.version ?? '',
        versions: (g.versions ?? []).map((v: any) => v.version),
      })),
    ];
    const lists = await Promise.all(
      legacy.map((g) =>
        Promise.all(
          g.versions.map((v) =>
            this.rest
              .json('GET', g.name ? `/apis/${g.name}/${v}` : `/api/${v}`)
              .catch(() => ({ resources: [] })),
          ),
        ),
      ),
    );
    return discovered(
      legacy.map((g, i) => ({
        name: g.name,
        preferredVersion: g.preferredVersion,
        versions: g.versions.map((v, j) => ({
          version: v,
          resources: fromLegacyList(g.name, v, lists[i][j]),
        })),
      })),
    );
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

  /** The groups as discovery lists them, each with its versions and their resources. */
  async groups(): Promise<DiscoveredGroup[]> {
    return (await this.load()).groups;
  }

  /**
   * kubectl's alias replacement on a comma-separated TYPE argument: each word that is a category
   * (`all`) becomes its member resources as `resource.group`.
   */
  async expandCategories(arg: string): Promise<string> {
    return (await this.load()).mapper.expandCategories(arg);
  }

  /**
   * The one resource a word names, as kubectl's RESTMapper resolves it (plural, singular, short
   * name, kind; `.group`, `.version.group`). `ResourceNotFoundError` when nothing matches.
   */
  async mappingFor(word: string): Promise<ApiResource> {
    const { mapper } = await this.load();
    const found = mapper.mappingFor(word, this.onWarning);
    if (!found) throw new ResourceNotFoundError(word.split('.')[0]);
    return found;
  }

  /**
   * The resources a word names: a category (`all`) expands to its members (each once); otherwise
   * exactly one resource. `ResourceNotFoundError` when nothing matches.
   */
  async resolve(word: string): Promise<ApiResource[]> {
    const expanded = await this.expandCategories(word);
    const out: ApiResource[] = [];
    for (const w of new Set(expanded.split(','))) {
      const r = await this.mappingFor(w);
      if (!out.some((o) => o.group === r.group && o.version === r.version && o.kind === r.kind)) out.push(r);
    }
    return out;
  }

  async resolveOne(word: string): Promise<ApiResource> {
    return this.mappingFor(word);
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
