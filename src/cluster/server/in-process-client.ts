// The controllers' and the kubelet's ApiClient inside `bosun up`: every verb
// goes through the same REST handlers an HTTPS request reaches (admission,
// defaulting, validation, managedFields, graceful deletion), only without the
// socket and the JSON encoding. Failures carry the Status's code and reason.

import {
  type ApiClient,
  ApiClientError,
  type ClientDeleteOptions,
  type ClientList,
  type ClientListOptions,
  type ClientWatch,
  type ClientWatchEvent,
  type KubeObject,
  type PatchType,
  type Resource,
} from '../controllers/index.ts';
import type { ResourceStrategy } from '../registry/types.ts';
import type { Store } from '../store/index.ts';
import { qualifiedResource, type ResourceCatalog } from './catalog.ts';
import type { ResourceHandlers, RestRequest, RestResponse } from './rest.ts';
import { toStatus } from './status.ts';

const patchContentTypes: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

export interface InProcessClientOptions {
  handlers: ResourceHandlers;
  catalog: ResourceCatalog;
  store: Store;
  /** Sent as the User-Agent: names the field manager of every write (upstream: the component's binary). */
  userAgent?: string;
}

function typed(strategy: ResourceStrategy, obj: KubeObject): KubeObject {
  const info = strategy.info;
  return { ...obj, apiVersion: info.group ? `${info.group}/${info.version}` : info.version, kind: info.kind };
}

export class InProcessClient implements ApiClient {
  private readonly userAgent: string;

  constructor(private readonly options: InProcessClientOptions) {
    this.userAgent = options.userAgent ?? 'kube-controller-manager/v1.35.0';
  }

  /** The same client speaking as another component (its own field manager). */
  as(userAgent: string): InProcessClient {
    return new InProcessClient({ ...this.options, userAgent });
  }

  private strategy(r: Resource): ResourceStrategy {
    const s = this.options.catalog.lookup(r.group, r.version, r.resource);
    if (!s) throw new ApiClientError(404, 'NotFound', 'the server could not find the requested resource');
    return s;
  }

  private async call(
    r: Resource,
    target: { namespace?: string; name?: string; subresource?: string },
    verb: (req: RestRequest) => Promise<RestResponse>,
    extra: { query?: Record<string, string>; body?: unknown; contentType?: string } = {},
  ): Promise<RestResponse> {
    const strategy = this.strategy(r);
    const req: RestRequest = {
      target: {
        strategy,
        namespace: strategy.info.namespaced ? target.namespace : undefined,
        name: target.name,
        subresource: target.subresource,
        watchPath: false,
      },
      query: new URLSearchParams(extra.query ?? {}),
      body: extra.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(extra.body)),
      contentType: extra.contentType ?? 'application/json',
      userAgent: this.userAgent,
      warnings: [],
    };
    try {
      return await verb(req);
    } catch (err) {
      const status = toStatus(err);
      throw new ApiClientError(status.code ?? 500, status.reason ?? '', status.message ?? String(err));
    }
  }

  private get handlers(): ResourceHandlers {
    return this.options.handlers;
  }

  async get(r: Resource, namespace: string | undefined, name: string): Promise<KubeObject> {
    const out = await this.call(r, { namespace, name }, (req) => this.handlers.get(req));
    return typed(this.strategy(r), out.body as KubeObject);
  }

  async list(r: Resource, namespace?: string, options: ClientListOptions = {}): Promise<ClientList> {
    const query: Record<string, string> = {};
    if (options.labelSelector) query.labelSelector = options.labelSelector;
    if (options.fieldSelector) query.fieldSelector = options.fieldSelector;
    const strategy = this.strategy(r);
    const out = (await this.call(r, { namespace }, (req) => this.handlers.list(req), { query })) as Awaited<
      ReturnType<ResourceHandlers['list']>
    >;
    return {
      items: out.items.map((item) => typed(strategy, item as KubeObject)),
      resourceVersion: String(out.meta.resourceVersion),
    };
  }

  watch(r: Resource, namespace: string | undefined, resourceVersion: string): ClientWatch {
    const strategy = this.strategy(r);
    const watch = this.options.store.watch({
      resource: qualifiedResource(strategy.info),
      namespace: strategy.info.namespaced ? namespace : undefined,
      resourceVersion,
    });
    return {
      stop: () => watch.stop(),
      async *[Symbol.asyncIterator](): AsyncIterator<ClientWatchEvent> {
        for (;;) {
          const event = await watch.next();
          if (!event) return;
          // Store events are shared between watchers: each consumer gets its own copy.
          const object = structuredClone(event.object) as KubeObject;
          if (event.type === 'ERROR' || event.type === 'BOOKMARK') {
            yield { type: event.type, object };
            if (event.type === 'ERROR') return;
            continue;
          }
          yield { type: event.type, object: typed(strategy, object) };
        }
      },
    };
  }

  async create(r: Resource, namespace: string | undefined, obj: KubeObject): Promise<KubeObject> {
    const out = await this.call(r, { namespace }, (req) => this.handlers.create(req), { body: obj });
    return out.body as KubeObject;
  }

  async update(r: Resource, namespace: string | undefined, obj: KubeObject): Promise<KubeObject> {
    const name = obj.metadata?.name;
    const out = await this.call(
      r,
      { namespace: namespace ?? obj.metadata?.namespace, name },
      (req) => this.handlers.update(req),
      { body: obj },
    );
    return out.body as KubeObject;
  }

  async updateStatus(r: Resource, namespace: string | undefined, obj: KubeObject): Promise<KubeObject> {
    const name = obj.metadata?.name;
    const out = await this.call(
      r,
      { namespace: namespace ?? obj.metadata?.namespace, name, subresource: 'status' },
      (req) => this.handlers.update(req),
      { body: obj },
    );
    return out.body as KubeObject;
  }

  async patch(
    r: Resource,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    subresource?: 'status',
  ): Promise<KubeObject> {
    const out = await this.call(r, { namespace, name, subresource }, (req) => this.handlers.patch(req), {
      body: patch,
      contentType: patchContentTypes[type],
    });
    return out.body as KubeObject;
  }

  async delete(
    r: Resource,
    namespace: string | undefined,
    name: string,
    options: ClientDeleteOptions = {},
  ): Promise<void> {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...options };
    await this.call(r, { namespace, name }, (req) => this.handlers.delete(req), { body });
  }

  async bind(namespace: string, podName: string, nodeName: string): Promise<void> {
    const binding = {
      kind: 'Binding',
      apiVersion: 'v1',
      metadata: { name: podName, namespace },
      target: { kind: 'Node', name: nodeName },
    };
    await this.call(
      { group: '', version: 'v1', resource: 'pods' },
      { namespace, name: podName, subresource: 'binding' },
      (req) => this.handlers.create(req),
      { body: binding },
    );
  }
}
