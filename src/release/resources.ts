/**
 * The release's Kubernetes objects (Helm's kube.Client): a manifest built into objects resolved
 * through discovery, created by server-side apply as field manager `helm`, looked up for the
 * ownership check, and deleted.
 */
import { decodeYamlDocuments } from '../chart/index.ts';
import {
  type ApiResource,
  ApiStatusError,
  Discovery,
  KindNotFoundError,
  type RestClient,
  resourcePath,
} from '../kube/client/index.ts';
import { encodeJson } from '../template/index.ts';

type Obj = Record<string, any>;

export interface ResourceInfo {
  object: Obj;
  resource: ApiResource;
  name: string;
  /** '' for cluster-scoped objects */
  namespace: string;
}

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const RELEASE_NAME_ANNOTATION = 'meta.helm.sh/release-name';
export const RELEASE_NAMESPACE_ANNOTATION = 'meta.helm.sh/release-namespace';
const FIELD_MANAGER = 'helm';

const TABLE_REQUEST = {
  accept:
    'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
  query: { includeObject: 'Object' } as Record<string, string>,
};

/** `Kind "name" in namespace "ns"`, how Helm names an object in messages. */
export function describeResource(info: ResourceInfo): string {
  return `${info.object.kind} ${JSON.stringify(info.name)} in namespace ${JSON.stringify(info.namespace)}`;
}

export class ResourceClient {
  private discovery: Discovery;

  constructor(
    readonly rest: RestClient,
    readonly namespace: string,
  ) {
    this.discovery = new Discovery(rest);
  }

  /** Forget discovery (after CRDs are created, their kinds become resolvable). */
  refreshDiscovery(): void {
    this.discovery = new Discovery(this.rest);
  }

  /** The objects of a multi-document manifest, each resolved to its resource. */
  async build(manifest: string): Promise<ResourceInfo[]> {
    const out: ResourceInfo[] = [];
    for (const doc of decodeYamlDocuments(manifest)) {
      if (!doc || typeof doc !== 'object') continue;
      const object = doc as Obj;
      const apiVersion = String(object.apiVersion ?? '');
      const kind = String(object.kind ?? '');
      const name = String(object.metadata?.name ?? '');
      let resource: ApiResource;
      try {
        resource = await this.discovery.forKind(apiVersion, kind);
      } catch (e) {
        if (!(e instanceof KindNotFoundError)) throw e;
        const ns = object.metadata?.namespace ?? '';
        throw new Error(
          `resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(ns)} from "": ${e.message}\nensure CRDs are installed first`,
        );
      }
      const namespace = resource.namespaced ? String(object.metadata?.namespace || this.namespace) : '';
      out.push({ object, resource, name, namespace });
    }
    return out;
  }

  /** Helm's setMetadataVisitor: the managed-by label and the release annotations. */
  static markOwned(info: ResourceInfo, releaseName: string, releaseNamespace: string): void {
    const md = (info.object.metadata ??= {});
    md.labels = { ...(md.labels ?? {}), [MANAGED_BY_LABEL]: 'Helm' };
    md.annotations = {
      ...(md.annotations ?? {}),
      [RELEASE_NAME_ANNOTATION]: releaseName,
      [RELEASE_NAMESPACE_ANNOTATION]: releaseNamespace,
    };
  }

  private path(info: ResourceInfo, withName = true): string {
    return resourcePath(info.resource, {
      namespace: info.namespace || undefined,
      name: withName ? info.name : undefined,
    });
  }

  async get(info: ResourceInfo): Promise<Obj | undefined> {
    try {
      return await this.rest.json('GET', this.path(info));
    } catch (e) {
      if (e instanceof ApiStatusError && e.code === 404) return undefined;
      throw e;
    }
  }

  /** An object as the server has it, or as a Table (Helm's transformRequests) for printing. */
  async getAs(info: ResourceInfo, asTable: boolean): Promise<Obj> {
    return this.rest.json('GET', this.path(info), asTable ? TABLE_REQUEST : {});
  }

  /** The pods a label selector picks in one namespace: a PodList, or a Table of them. */
  async podsBySelector(namespace: string, selector: Record<string, string>, asTable: boolean): Promise<Obj> {
    const labelSelector = Object.keys(selector)
      .sort()
      .map((k) => `${k}=${selector[k]}`)
      .join(',');
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
    if (!asTable) {
      // client-go's unstructured list decoding gives every item its apiVersion and kind
      const list = await this.rest.json('GET', path, { query: { labelSelector } });
      list.items = (list.items ?? []).map((p: Obj) => ({ apiVersion: 'v1', kind: 'Pod', ...p }));
      return list;
    }
    return this.rest.json('GET', path, {
      ...TABLE_REQUEST,
      query: { ...TABLE_REQUEST.query, labelSelector },
    });
  }

  /** Server-side apply of the whole object; `dryRun` asks the server to validate only. */
  async apply(info: ResourceInfo, options: { force?: boolean; dryRun?: boolean } = {}): Promise<Obj> {
    const body = { ...info.object };
    if (info.namespace) body.metadata = { ...body.metadata, namespace: info.namespace };
    try {
      return await this.rest.json('PATCH', this.path(info), {
        body: encodeJson(body),
        contentType: 'application/apply-patch+yaml',
        query: {
          fieldManager: FIELD_MANAGER,
          fieldValidation: 'Strict',
          force: options.force ? 'true' : 'false',
          dryRun: options.dryRun ? 'All' : undefined,
        },
      });
    } catch (e) {
      if (e instanceof ApiStatusError && e.code === 409) {
        const gvk = `${info.resource.group ? `${info.resource.group}/` : ''}${info.resource.version}, Kind=${info.resource.kind}`;
        throw new Error(
          `conflict occurred while applying object ${info.namespace}/${info.name} ${gvk}: ${e.message}`,
        );
      }
      throw e;
    }
  }

  /** Deletes one object; false when it was already gone. */
  async delete(info: ResourceInfo, propagation = 'Background'): Promise<boolean> {
    try {
      await this.rest.json('DELETE', this.path(info), {
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: propagation },
      });
      return true;
    } catch (e) {
      if (e instanceof ApiStatusError && e.code === 404) return false;
      throw e;
    }
  }
}
