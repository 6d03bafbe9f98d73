// Custom resources served from their CustomResourceDefinitions: each served version of a
// stored CRD becomes a resource of the catalog (and a schema of the OpenAPI room) as soon as
// the CRD is written, and goes with it. Upstream's apiextensions controllers accept the names
// and mark the CRD Established asynchronously; here a CRD is established when it is stored.

import type { OpenAPI } from '../openapi/index.ts';
import { strategyForCustomResource } from '../registry/index.ts';
import type { KubeObject, ResourceInfo, ResourceStrategy } from '../registry/types.ts';
import type { Store } from '../store/index.ts';
import { isStoreError } from '../store/index.ts';
import { qualifiedResource, type ResourceCatalog } from './catalog.ts';

const crdResource = 'customresourcedefinitions.apiextensions.k8s.io';

type Obj = Record<string, any>;

function servedVersions(crd: KubeObject): string[] {
  const versions: Obj[] = Array.isArray(crd.spec?.versions) ? crd.spec.versions : [];
  return versions.filter((v) => v?.served !== false && typeof v?.name === 'string').map((v) => v.name);
}

function storageVersion(crd: KubeObject): string | undefined {
  const versions: Obj[] = Array.isArray(crd.spec?.versions) ? crd.spec.versions : [];
  return versions.find((v) => v?.storage === true)?.name;
}

/** The status upstream's controllers converge on for a CRD whose names conflict with nothing. */
function establishedStatus(crd: KubeObject, old: Obj | undefined, now: string): Obj {
  const names: Obj = crd.spec?.names ?? {};
  const accepted: Obj = {
    kind: names.kind,
    listKind: names.listKind ?? `${names.kind}List`,
    plural: names.plural,
    singular: names.singular ?? String(names.kind ?? '').toLowerCase(),
  };
  if (Array.isArray(names.shortNames)) accepted.shortNames = names.shortNames;
  if (Array.isArray(names.categories)) accepted.categories = names.categories;
  const previous: Obj[] = Array.isArray(old?.conditions) ? old.conditions : [];
  const since = (type: string) => previous.find((c) => c?.type === type)?.lastTransitionTime ?? now;
  const stored = new Set<string>(Array.isArray(old?.storedVersions) ? old.storedVersions : []);
  const storage = storageVersion(crd);
  if (storage) stored.add(storage);
  return {
    acceptedNames: accepted,
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        lastTransitionTime: since('NamesAccepted'),
        reason: 'NoConflicts',
        message: 'no conflicts found',
      },
      {
        type: 'Established',
        status: 'True',
        lastTransitionTime: since('Established'),
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
      },
    ],
    storedVersions: [...stored],
  };
}

/** The registry's CRD strategy, with the status the apiextensions controllers would write. */
export function establishingCrdStrategy(base: ResourceStrategy, now: () => string): ResourceStrategy {
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      obj.status = establishedStatus(obj, undefined, now());
    },
    prepareForUpdate(obj, old, subresource) {
      base.prepareForUpdate(obj, old, subresource);
      obj.status = establishedStatus(obj, obj.status ?? old.status, now());
    },
  };
}

export class CustomResources {
  /** The group/version/plural each CRD (by name) currently serves. */
  private readonly served = new Map<string, ResourceInfo[]>();

  constructor(
    private readonly catalog: ResourceCatalog,
    private readonly store: Store,
    private readonly openapi: OpenAPI | undefined,
  ) {}

  /** Serves the CRDs already stored (at start-up). */
  async load(): Promise<void> {
    const { items } = await this.store.list(crdResource, {});
    for (const crd of items) this.serve(crd as KubeObject);
  }

  /** Follows a committed write: serves a CRD's versions, or stops serving them and removes its objects. */
  async changed(
    info: ResourceInfo,
    obj: KubeObject,
    change: 'created' | 'updated' | 'deleted',
  ): Promise<void> {
    if (info.group !== 'apiextensions.k8s.io' || info.plural !== 'customresourcedefinitions') return;
    if (change !== 'deleted') {
      this.serve(obj);
      return;
    }
    const gone = this.unserve(String(obj.metadata?.name ?? ''));
    // Upstream's finalizer removes every custom resource of a deleted definition.
    const resource = gone[0] ? qualifiedResource(gone[0]) : undefined;
    if (!resource) return;
    const { items } = await this.store.list(resource, {});
    for (const item of items) {
      const namespace = item.metadata?.namespace as string | undefined;
      const key = { resource, name: String(item.metadata?.name), ...(namespace ? { namespace } : {}) };
      try {
        await this.store.delete(key);
      } catch (err) {
        if (!isStoreError(err, 'NotFound')) throw err;
      }
    }
  }

  private serve(crd: KubeObject): void {
    const name = String(crd.metadata?.name ?? '');
    this.unserve(name);
    const infos: ResourceInfo[] = [];
    for (const version of servedVersions(crd)) {
      const strategy = strategyForCustomResource(crd, version);
      if (!strategy.info.plural || !strategy.info.kind) continue;
      this.catalog.add(strategy);
      infos.push(strategy.info);
    }
    this.served.set(name, infos);
    this.openapi?.addCustomResourceDefinition(crd);
  }

  private unserve(name: string): ResourceInfo[] {
    const infos = this.served.get(name) ?? [];
    for (const info of infos) this.catalog.remove(info.group, info.version, info.plural);
    this.served.delete(name);
    if (infos.length > 0) this.openapi?.removeCustomResourceDefinition(name);
    return infos;
  }
}
