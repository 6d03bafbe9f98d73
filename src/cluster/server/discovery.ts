// Discovery documents: the legacy ones (/api, /apis, /api/v1, /apis/<g>,
// /apis/<g>/<v>) and aggregated discovery v2 (one APIGroupDiscoveryList for
// /api and one for /apis), built from the resource catalog.

import { createHash } from 'node:crypto';
import type { ResourceInfo } from '../registry/types.ts';
import type { ResourceCatalog } from './catalog.ts';

const subresourceVerbs = ['get', 'patch', 'update'];

/** A stable hash of the resource's identity, as upstream's storageVersionHash is (8 bytes, base64). */
function storageVersionHash(info: ResourceInfo): string {
  return createHash('sha256')
    .update(`${info.group}/${info.version}/${info.kind}`)
    .digest()
    .subarray(0, 8)
    .toString('base64');
}

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(name: string, versions: string[]): unknown {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

export function apiGroupList(catalog: ResourceCatalog): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: catalog
      .groups()
      .filter((g) => g.name !== '')
      .map((g) => groupEntry(g.name, g.versions)),
  };
}

export function apiGroup(catalog: ResourceCatalog, group: string): unknown | undefined {
  const entry = catalog.groups().find((g) => g.name === group && group !== '');
  if (!entry) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...(groupEntry(entry.name, entry.versions) as object) };
}

export function apiResourceList(
  catalog: ResourceCatalog,
  group: string,
  version: string,
): unknown | undefined {
  const strategies = catalog.resourcesOf(group, version);
  if (strategies.length === 0) return undefined;
  const resources: unknown[] = [];
  for (const { info } of [...strategies].sort((a, b) => a.info.plural.localeCompare(b.info.plural))) {
    const entry: Record<string, unknown> = {
      name: info.plural,
      singularName: info.singular,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: info.verbs,
    };
    if (info.shortNames.length) entry.shortNames = info.shortNames;
    if (info.categories.length) entry.categories = info.categories;
    entry.storageVersionHash = storageVersionHash(info);
    resources.push(entry);
    const eviction = info.subresources.eviction;
    if (eviction) {
      resources.push({
        name: `${info.plural}/eviction`,
        singularName: '',
        namespaced: info.namespaced,
        group: eviction.group,
        version: eviction.version,
        kind: eviction.kind,
        verbs: eviction.verbs,
      });
    }
    if (info.subresources.scale) {
      resources.push({
        name: `${info.plural}/scale`,
        singularName: '',
        namespaced: info.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: subresourceVerbs,
      });
    }
    if (info.subresources.status) {
      resources.push({
        name: `${info.plural}/status`,
        singularName: '',
        namespaced: info.namespaced,
        kind: info.kind,
        verbs: subresourceVerbs,
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

function discoveryResource(info: ResourceInfo): unknown {
  const entry: Record<string, unknown> = {
    resource: info.plural,
    responseKind: { group: info.group, version: info.version, kind: info.kind },
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: info.singular,
    verbs: info.verbs,
  };
  if (info.shortNames.length) entry.shortNames = info.shortNames;
  if (info.categories.length) entry.categories = info.categories;
  const subresources: unknown[] = [];
  const eviction = info.subresources.eviction;
  if (eviction) {
    subresources.push({
      subresource: 'eviction',
      responseKind: { group: eviction.group, version: eviction.version, kind: eviction.kind },
      verbs: eviction.verbs,
    });
  }
  if (info.subresources.scale) {
    subresources.push({
      subresource: 'scale',
      responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
      verbs: subresourceVerbs,
    });
  }
  if (info.subresources.status) {
    subresources.push({
      subresource: 'status',
      responseKind: { group: info.group, version: info.version, kind: info.kind },
      verbs: subresourceVerbs,
    });
  }
  if (subresources.length) entry.subresources = subresources;
  return entry;
}

/** Aggregated discovery (apidiscovery.k8s.io/v2) for the core group (`legacy`) or the named groups. */
export function aggregatedDiscovery(catalog: ResourceCatalog, legacy: boolean): unknown {
  const items = catalog
    .groups()
    .filter((g) => (g.name === '') === legacy)
    .map((g) => ({
      metadata: legacy ? { creationTimestamp: null } : { name: g.name, creationTimestamp: null },
      versions: g.versions.map((version) => ({
        version,
        resources: catalog
          .resourcesOf(g.name, version)
          .map((s) => s.info)
          .sort((a, b) => a.plural.localeCompare(b.plural))
          .map(discoveryResource),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
