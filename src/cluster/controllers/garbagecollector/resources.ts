// What the garbage collector watches: upstream builds its graph from
// discovery (every preferred-version resource that supports list, watch and
// delete, events excepted). Here the same facts come from the registry's
// catalog of built-in resources, plus the resources CustomResourceDefinitions
// serve, read from the CRD objects themselves as they come and go.

import { catalog } from '../../registry/index.ts';
import type { KubeObject, Resource } from '../client.ts';

export interface TrackedResource {
  resource: Resource;
  kind: string;
  namespaced: boolean;
}

export const crdResource: Resource = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  resource: 'customresourcedefinitions',
};

/** Upstream's DefaultIgnoredResources: events are never owners nor collected. */
function ignored(group: string, plural: string): boolean {
  return plural === 'events' && (group === '' || group === 'events.k8s.io');
}

const requiredVerbs = ['list', 'watch', 'delete'];

/**
 * Kubernetes' version priority (version.CompareKubeAwareVersionStrings):
 * GA before beta before alpha, higher numbers first, anything else last by name.
 */
export function compareVersionPriority(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    return {
      major: Number(m[1]),
      stage: m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2,
      minor: Number(m[3] ?? 0),
    };
  };
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  return pb.stage - pa.stage || pb.major - pa.major || pb.minor - pa.minor;
}

/** Built-in resources in their preferred version, one entry per group and plural. */
export function builtinTrackedResources(): TrackedResource[] {
  const byResource = new Map<string, TrackedResource>();
  for (const info of Object.values(catalog)) {
    if (ignored(info.group, info.plural)) continue;
    if (!requiredVerbs.every((v) => info.verbs.includes(v))) continue;
    const key = `${info.group}/${info.plural}`;
    const existing = byResource.get(key);
    if (existing && compareVersionPriority(existing.resource.version, info.version) <= 0) continue;
    byResource.set(key, {
      resource: { group: info.group, version: info.version, resource: info.plural },
      kind: info.kind,
      namespaced: info.namespaced,
    });
  }
  return [...byResource.values()];
}

/** The resource an established CRD serves, in its preferred served version (none while not established). */
export function crdTrackedResource(crd: KubeObject): TrackedResource | undefined {
  const spec = crd.spec ?? {};
  const established = ((crd.status?.conditions ?? []) as KubeObject[]).some(
    (c) => c.type === 'Established' && c.status === 'True',
  );
  if (!established || crd.metadata?.deletionTimestamp) return undefined;
  const versions = ((spec.versions ?? []) as KubeObject[])
    .filter((v) => v?.served !== false && typeof v?.name === 'string')
    .map((v) => v.name as string)
    .sort(compareVersionPriority);
  if (!versions[0] || !spec.group || !spec.names?.plural || !spec.names?.kind) return undefined;
  return {
    resource: { group: spec.group, version: versions[0], resource: spec.names.plural },
    kind: spec.names.kind,
    namespaced: spec.scope !== 'Cluster',
  };
}
