/**
 * kubectl's resource resolution over discovery, as client-go builds it: a shortcut expander
 * (short names, with a warning when one names several resources) in front of a priority mapper
 * (the core group first, then each group's preferred version, its other versions, the groups in
 * discovery order) over one mapper per group-version, and cli-runtime's `mappingFor`, which tries
 * the word as `resource[.version.group]`, then as `resource.group`, then as a kind. Pure: built
 * from the discovered groups, no I/O.
 */
import type { ApiResource } from './discovery.ts';

/** One API group as discovery lists it: its versions in server order, the preferred one named. */
export interface DiscoveredGroup {
  name: string;
  preferredVersion: string;
  versions: { version: string; resources: ApiResource[] }[];
}

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** No resource or kind matched (meta.NoResourceMatchError / NoKindMatchError). */
export class NoMatchError extends Error {
  override name = 'NoMatchError';
}

/** `deployments.apps`, `pods`: client-go's GroupResource.String(). */
function groupResourceText(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

/**
 * The plural and singular apimachinery guesses for a kind (UnsafeGuessKindToResource): used for
 * resources whose discovery entry has no singular name and for the `<Kind>List` kinds.
 */
export function guessResourceNames(kind: string): { plural: string; singular: string } {
  const singular = kind.toLowerCase();
  if (!singular) return { plural: '', singular: '' };
  if (singular.endsWith('endpoints')) return { plural: singular, singular };
  if (/(s|z|ch|sh|x)$/.test(singular)) return { plural: `${singular}es`, singular };
  if (/[^aeiou]y$/.test(singular) || singular === 'y')
    return { plural: `${singular.slice(0, -1)}ies`, singular };
  return { plural: `${singular}s`, singular };
}

/** What a resource word maps to: the served resource, or a guessed `<Kind>List`/`List` one. */
interface KindEntry {
  kind: string;
  plural: string;
  namespaced: boolean;
  served?: ApiResource;
}

/** meta.DefaultRESTMapper for a single group-version. */
class VersionMapper {
  /** resource name (plural or singular) -> kind */
  readonly resourceToKind = new Map<string, string>();
  /** kind -> how it is served */
  readonly kinds = new Map<string, KindEntry>();
  /** plural -> singular, to match `resource` against either */
  readonly pluralToSingular = new Map<string, string>();

  constructor(
    readonly group: string,
    readonly version: string,
    resources: ApiResource[],
  ) {
    for (const r of resources) {
      if (r.resource.includes('/')) continue;
      const singular = r.singular || guessResourceNames(r.kind).singular;
      const entry = { plural: r.resource, namespaced: r.namespaced, served: r };
      // upstream registers the lowercase kind first, then the kind itself (which wins the name)
      this.add({ ...entry, kind: r.kind.toLowerCase() }, singular);
      this.add({ ...entry, kind: r.kind }, singular);
      const list = guessResourceNames(`${r.kind}List`);
      this.add({ kind: `${r.kind}List`, plural: list.plural, namespaced: r.namespaced }, list.singular);
    }
    const list = guessResourceNames('List');
    this.add({ kind: 'List', plural: list.plural, namespaced: false }, list.singular);
  }

  private add(entry: KindEntry, singular: string): void {
    this.pluralToSingular.set(entry.plural, singular);
    this.resourceToKind.set(singular, entry.kind);
    this.resourceToKind.set(entry.plural, entry.kind);
    this.kinds.set(entry.kind, entry);
  }

  /**
   * KindsFor of one group-version, the resource already lowercased. A group and a version must
   * both match exactly; a group alone also matches as a prefix (`storageclass.storage`).
   */
  kindsFor(want: GroupVersionResource): GroupVersionKind[] {
    if (want.version && want.version !== this.version) return [];
    if (want.group && want.version && want.group !== this.group) return [];
    if (want.group && !this.group.startsWith(want.group)) return [];
    const kind = this.resourceToKind.get(want.resource);
    return kind ? [{ group: this.group, version: this.version, kind }] : [];
  }
}

export type WarningHandler = (message: string) => void;

export class RestMapper {
  private readonly mappers: VersionMapper[] = [];
  private readonly kindPriority: { group?: string; version?: string }[] = [];
  /** Every group-version's resources in discovery order (shortcuts and categories read them). */
  private readonly lists: { group: string; version: string; resources: ApiResource[] }[] = [];

  constructor(groups: DiscoveredGroup[]) {
    // the core group's v1 always comes first
    this.kindPriority.push({ group: '', version: 'v1' });
    for (const g of groups) {
      const served = new Set(g.versions.map((v) => v.version));
      if (g.preferredVersion && served.has(g.preferredVersion))
        this.kindPriority.push({ group: g.name, version: g.preferredVersion });
      for (const v of g.versions) {
        if (v.version !== g.preferredVersion) this.kindPriority.push({ group: g.name, version: v.version });
        this.mappers.push(new VersionMapper(g.name, v.version, v.resources));
        this.lists.push({ group: g.name, version: v.version, resources: v.resources });
      }
    }
    for (const g of groups) this.kindPriority.push({ group: g.name });
  }

  /**
   * The short-name expansion (restmapper.shortcutExpander): a full resource or singular name is
   * kept; a short name becomes its resource (the first in discovery order wins, with a warning for
   * each other resource it could name); with a group given, a short name of a group starting
   * with it. Expanding forgets the version, as upstream does.
   */
  expandShortcut(want: GroupVersionResource, warn?: WarningHandler): GroupVersionResource {
    for (const list of this.lists) {
      if (want.group && want.group !== list.group) continue;
      for (const r of list.resources) {
        if (r.resource.includes('/')) continue;
        if (want.resource === r.resource || want.resource === r.singular) return want;
      }
    }
    let found: { group: string; resource: string } | undefined;
    const warned = new Set<string>();
    for (const list of this.lists) {
      if (want.group && want.group !== list.group) continue;
      for (const r of list.resources) {
        if (r.resource.includes('/') || !r.shortNames.includes(want.resource)) continue;
        if (!found) {
          found = { group: list.group, resource: r.resource };
          continue;
        }
        if (found.group === list.group && found.resource === r.resource) continue;
        const other = groupResourceText(list.group, r.resource);
        if (warned.has(other)) continue;
        warned.add(other);
        warn?.(`short name "${want.resource}" could also match lower priority resource ${other}`);
      }
    }
    if (found) return { ...found, version: '' };
    if (!want.group) return want;
    for (const list of this.lists) {
      if (!list.group.startsWith(want.group)) continue;
      for (const r of list.resources)
        if (!r.resource.includes('/') && r.shortNames.includes(want.resource))
          return { group: list.group, version: want.version, resource: r.resource };
    }
    return want;
  }

  /** Every kind a (partial) resource names, in discovery order (MultiRESTMapper.KindsFor). */
  kindsFor(want: GroupVersionResource): GroupVersionKind[] {
    const lowered = { ...want, resource: want.resource.toLowerCase() };
    if (!lowered.resource) return [];
    const out: GroupVersionKind[] = [];
    for (const m of this.mappers)
      for (const k of m.kindsFor(lowered))
        if (!out.some((o) => o.group === k.group && o.version === k.version && o.kind === k.kind))
          out.push(k);
    return out;
  }

  /** The one kind a resource names: several are narrowed by priority (PriorityRESTMapper.KindFor). */
  kindFor(want: GroupVersionResource): GroupVersionKind | undefined {
    let remaining = this.kindsFor(want);
    if (remaining.length <= 1) return remaining[0];
    for (const pattern of this.kindPriority) {
      const matched = remaining.filter(
        (k) =>
          (pattern.group === undefined || pattern.group === k.group) &&
          (pattern.version === undefined || pattern.version === k.version),
      );
      if (matched.length === 1) return matched[0];
      if (matched.length > 1) remaining = matched;
    }
    return undefined;
  }

  /**
   * The shortcut expander's KindFor: expand and look up; on no match upstream drops its discovery
   * cache and expands (and warns) once more.
   */
  private expandedKindFor(want: GroupVersionResource, warn?: WarningHandler): GroupVersionKind | undefined {
    const expanded = this.expandShortcut(want, warn);
    if (this.kindsFor(expanded).length > 0) return this.kindFor(expanded);
    return this.kindFor(this.expandShortcut(want, warn));
  }

  /** The served resource of a kind, the given version first (PriorityRESTMapper.RESTMapping). */
  restMapping(group: string, kind: string, version: string): ApiResource | undefined {
    const candidates: { gvk: GroupVersionKind; entry: KindEntry }[] = [];
    for (const m of this.mappers) {
      if (m.group !== group) continue;
      if (version && m.version !== version) continue;
      const entry = m.kinds.get(kind);
      if (entry) candidates.push({ gvk: { group, version: m.version, kind }, entry });
    }
    if (candidates.length === 0) return undefined;
    let remaining = candidates;
    if (remaining.length > 1) {
      const priorities = version ? [{ group, version }, ...this.kindPriority] : this.kindPriority;
      for (const pattern of priorities) {
        const matched = remaining.filter(
          (c) =>
            (pattern.group === undefined || pattern.group === c.gvk.group) &&
            (pattern.version === undefined || pattern.version === c.gvk.version),
        );
        if (matched.length === 1) {
          remaining = matched;
          break;
        }
        if (matched.length > 1) remaining = matched;
      }
    }
    const { gvk, entry } = remaining[0];
    return (
      entry.served ?? {
        group: gvk.group,
        version: gvk.version,
        resource: entry.plural,
        kind: entry.kind,
        namespaced: entry.namespaced,
        singular: '',
        shortNames: [],
        categories: [],
        verbs: [],
        subresources: [],
      }
    );
  }

  /**
   * cli-runtime's Builder.mappingFor: `resource.version.group`, then `resource.group` (or a bare
   * resource, singular or short name), then the word as `Kind.version.group` / `Kind.group`.
   * Undefined when nothing matches.
   */
  mappingFor(word: string, warn?: WarningHandler): ApiResource | undefined {
    const dots = word.split('.').length - 1;
    const dot = word.indexOf('.');
    const groupResource =
      dot < 0 ? { group: '', resource: word } : { group: word.slice(dot + 1), resource: word.slice(0, dot) };
    let gvk: GroupVersionKind | undefined;
    if (dots >= 2) {
      const [resource, version, ...group] = word.split('.');
      gvk = this.expandedKindFor({ group: group.join('.'), version, resource }, warn);
    }
    gvk ??= this.expandedKindFor({ ...groupResource, version: '' }, warn);
    if (gvk) return this.restMapping(gvk.group, gvk.kind, gvk.version);
    if (dots >= 2) {
      const [kind, version, ...group] = word.split('.');
      const found = this.restMapping(group.join('.'), kind, version);
      if (found) return found;
    }
    return this.restMapping(groupResource.group, groupResource.resource, '');
  }

  /**
   * Builder.ReplaceAliases: each comma-separated word that is a category (exactly; categories are
   * case-sensitive) becomes its resources as `resource.group`, from every served version.
   */
  expandCategories(arg: string): string {
    return arg
      .split(',')
      .map((word) => {
        const members: string[] = [];
        let isCategory = false;
        for (const list of this.lists)
          for (const r of list.resources)
            if (!r.resource.includes('/') && r.categories.includes(word)) {
              isCategory = true;
              members.push(groupResourceText(list.group, r.resource));
            }
        return isCategory ? members.join(',') : word;
      })
      .join(',');
  }
}
