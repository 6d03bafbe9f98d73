// The resources this server serves, indexed the ways requests name them: by
// group/version/plural for REST paths, by group/version for discovery. Every
// resource-specific rule sits behind ResourceStrategy (the registry room's contract).

import type { ResourceInfo, ResourceStrategy } from '../registry/types.ts';

export interface GroupVersion {
  group: string;
  version: string;
}

export function groupVersionString(gv: GroupVersion): string {
  return gv.group ? `${gv.group}/${gv.version}` : gv.version;
}

/** The store's resource key, as Kubernetes names a resource in messages: `configmaps`, `deployments.apps`. */
export function qualifiedResource(info: ResourceInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

export function apiVersionOf(info: ResourceInfo): string {
  return groupVersionString(info);
}

export class ResourceCatalog {
  private readonly byPath = new Map<string, ResourceStrategy>();
  private readonly byKind = new Map<string, ResourceStrategy>();
  private readonly order: ResourceStrategy[] = [];

  constructor(strategies: Iterable<ResourceStrategy> = []) {
    for (const s of strategies) this.add(s);
  }

  /** Registers a resource; a later registration of the same group/version/plural replaces the earlier one. */
  add(strategy: ResourceStrategy): void {
    const { group, version, plural, kind } = strategy.info;
    const key = `${group}/${version}/${plural}`;
    const previous = this.byPath.get(key);
    if (previous) this.order.splice(this.order.indexOf(previous), 1);
    this.byPath.set(key, strategy);
    this.byKind.set(`${group}/${version}/${kind}`, strategy);
    this.order.push(strategy);
  }

  remove(group: string, version: string, plural: string): void {
    const strategy = this.byPath.get(`${group}/${version}/${plural}`);
    if (!strategy) return;
    this.byPath.delete(`${group}/${version}/${plural}`);
    this.byKind.delete(`${group}/${version}/${strategy.info.kind}`);
    this.order.splice(this.order.indexOf(strategy), 1);
  }

  lookup(group: string, version: string, plural: string): ResourceStrategy | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  byApiVersionKind(apiVersion: string, kind: string): ResourceStrategy | undefined {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    return this.byKind.get(`${group}/${version}/${kind}`);
  }

  all(): readonly ResourceStrategy[] {
    return this.order;
  }

  /** Every served group with its versions, in registration order (core '' first when present). */
  groups(): { name: string; versions: string[] }[] {
    const groups = new Map<string, string[]>();
    for (const { info } of this.order) {
      const versions = groups.get(info.group) ?? [];
      if (!versions.includes(info.version)) versions.push(info.version);
      groups.set(info.group, versions);
    }
    return [...groups].map(([name, versions]) => ({ name, versions }));
  }

  resourcesOf(group: string, version: string): ResourceStrategy[] {
    return this.order.filter((s) => s.info.group === group && s.info.version === version);
  }

  /** The namespaced resources (for emptying a namespace being deleted). */
  namespaced(): ResourceStrategy[] {
    return this.order.filter((s) => s.info.namespaced);
  }
}
