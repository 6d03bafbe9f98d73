// The API server's HTTP(S) edge: authentication, routing of health, version,
// discovery, OpenAPI and resource paths, content negotiation, and writing
// Status errors. The verbs themselves live in rest.ts and watch.ts.

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock } from '../clock.ts';
import { OPENAPI_V2_PROTOBUF_ACCEPT, OPENAPI_V2_PROTOBUF_CONTENT_TYPE } from '../openapi/index.ts';
import type { KubeObject } from '../registry/types.ts';
import type { Store } from '../store/index.ts';
import type { ResourceCatalog } from './catalog.ts';
import type { OpenApi, Patcher, ProtobufCodec, Selectors } from './deps.ts';
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery.ts';
import { resolveResourcePath, wantsAggregatedDiscovery, wantsTable } from './request.ts';
import { ResourceHandlers, type RestContext, type RestRequest, type RestResponse } from './rest.ts';
import { ApiError, methodNotAllowed, pathNotFound, toStatus, unauthorized } from './status.ts';
import { includeObjectOf, toTable } from './table.ts';
import { serveWatch } from './watch.ts';

export interface ApiServerOptions {
  store: Store;
  clock: Clock;
  catalog: ResourceCatalog;
  selectors: Selectors;
  patcher: Patcher;
  openapi?: OpenApi;
  protobuf?: ProtobufCodec;
  afterWrite?: RestContext['afterWrite'];
  /** The admin user's bearer token. */
  token: string;
  tls: { certPem: string; keyPem: string };
  /** Reported by /version. */
  version: VersionInfo;
  /**
   * Extra authenticated routes tried before the API's own (the rollout timelines'
   * read-only group): true when the route answered the request.
   */
  routes?: ((req: IncomingMessage, res: ServerResponse, url: URL) => boolean)[];
}

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  [field: string]: string;
}

/** Health checks upstream runs, reported one per line by `?verbose`. */
const healthChecks = [
  'ping',
  'log',
  'etcd',
  'poststarthook/start-apiserver-admission-initializer',
  'poststarthook/generic-apiserver-start-informers',
];

const aggregatedContentType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function send(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
  res.writeHead(code, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Whether an Accept header prefers the protobuf OpenAPI v2 document to JSON. */
function wantsOpenApiProtobuf(accept: string | undefined): boolean {
  for (const alt of (accept ?? '').split(',')) {
    const type = alt.split(';')[0].trim().toLowerCase();
    if ((OPENAPI_V2_PROTOBUF_ACCEPT as readonly string[]).includes(type)) return true;
    if (type === 'application/json' || type === '*/*') return false;
  }
  return false;
}

export class ApiServer {
  /** The REST verbs, also driven in process by the control loops (see in-process-client.ts). */
  readonly handlers: ResourceHandlers;
  private server: Server | undefined;
  private readonly tokenBytes: Buffer;
  private readonly sockets = new Set<Duplex>();
  private address = '127.0.0.1:0';

  constructor(private readonly options: ApiServerOptions) {
    this.handlers = new ResourceHandlers(options);
    this.tokenBytes = Buffer.from(options.token);
  }

  /** Listens on host:port (0 picks a free port) and resolves with the port. */
  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const server = createHttpsServer(
      { cert: this.options.tls.certPem, key: this.options.tls.keyPem },
      (req, res) => {
        this.handle(req, res).catch((err) => {
          if (!res.headersSent) send(res, 500, toStatus(err));
          else res.end();
        });
      },
    );
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const bound = (server.address() as AddressInfo).port;
    this.address = `${host}:${bound}`;
    return bound;
  }

  /** Stops accepting connections and ends open ones (watches included). */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private authenticated(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) return false;
    const given = Buffer.from(match[1].trim());
    return given.length === this.tokenBytes.length && timingSafeEqual(given, this.tokenBytes);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const segments = path
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
    try {
      // Health endpoints answer anonymously, as upstream's anonymous-auth endpoint allow-list does.
      if (segments.length >= 1 && ['healthz', 'livez', 'readyz'].includes(segments[0])) {
        return this.health(segments, url.searchParams, res);
      }
      if (!this.authenticated(req)) throw unauthorized();
      for (const extra of this.options.routes ?? []) if (extra(req, res, url)) return;
      await this.route(req, res, segments, url.searchParams);
    } catch (err) {
      const status = toStatus(err);
      send(res, status.code ?? 500, status);
    }
  }

  private health(segments: string[], query: URLSearchParams, res: ServerResponse): void {
    const [endpoint, check] = segments;
    const text = 'text/plain; charset=utf-8';
    if (check !== undefined) {
      const known = healthChecks.includes(segments.slice(1).join('/'));
      send(res, known ? 200 : 404, known ? 'ok' : '404 page not found\n', text);
    } else if (!query.has('verbose')) {
      send(res, 200, 'ok', text);
    } else {
      const lines = healthChecks.map((c) => `[+]${c} ok`);
      send(res, 200, `${lines.join('\n')}\n${endpoint} check passed\n`, text);
    }
  }

  private async route(
    req: IncomingMessage,
    res: ServerResponse,
    segments: string[],
    query: URLSearchParams,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const accept = req.headers.accept;
    const { catalog } = this.options;
    const [root, ...rest] = segments;
    const readOnly = () => {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed();
    };
    if (root === 'version' && rest.length === 0) {
      readOnly();
      return send(res, 200, this.options.version);
    }
    if (root === 'openapi') return this.openapi(res, rest, accept, readOnly);
    if (root === 'api') {
      if (rest.length === 0) {
        readOnly();
        if (wantsAggregatedDiscovery(accept))
          return send(res, 200, aggregatedDiscovery(catalog, true), aggregatedContentType, {
            Vary: 'Accept',
          });
        return send(res, 200, apiVersions(this.address));
      }
      const [version, ...tail] = rest;
      return this.resource(req, res, '', version, tail, query);
    }
    if (root === 'apis') {
      if (rest.length === 0) {
        readOnly();
        if (wantsAggregatedDiscovery(accept))
          return send(res, 200, aggregatedDiscovery(catalog, false), aggregatedContentType, {
            Vary: 'Accept',
          });
        return send(res, 200, apiGroupList(catalog));
      }
      const [group, version, ...tail] = rest;
      if (version === undefined) {
        readOnly();
        const doc = apiGroup(catalog, group);
        if (!doc) throw pathNotFound();
        return send(res, 200, doc);
      }
      return this.resource(req, res, group, version, tail, query);
    }
    throw pathNotFound();
  }

  private openapi(
    res: ServerResponse,
    rest: string[],
    accept: string | undefined,
    readOnly: () => void,
  ): void {
    readOnly();
    const openapi = this.options.openapi;
    if (!openapi) throw pathNotFound();
    const [version, ...path] = rest;
    // client-go (kubectl, helm) asks for /openapi/v2 in gnostic protobuf first.
    if (version === 'v2' && path.length === 0 && openapi.v2Protobuf && wantsOpenApiProtobuf(accept)) {
      const body = Buffer.from(openapi.v2Protobuf());
      res.writeHead(200, {
        'Content-Type': OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
        'Content-Length': String(body.length),
        'Cache-Control': 'no-cache, private',
      });
      res.end(body);
      return;
    }
    let doc: unknown;
    if (version === 'v2' && path.length === 0) doc = openapi.v2();
    else if (version === 'v3' && path.length === 0) doc = openapi.v3Index();
    else if (version === 'v3') doc = openapi.v3(path.join('/'));
    if (doc === undefined) throw pathNotFound();
    send(res, 200, doc);
  }

  private async resource(
    req: IncomingMessage,
    res: ServerResponse,
    group: string,
    version: string,
    tail: string[],
    query: URLSearchParams,
  ): Promise<void> {
    const { catalog, clock, store } = this.options;
    const method = req.method ?? 'GET';
    const resolved = resolveResourcePath(catalog, group, version, tail);
    if (resolved.kind === 'resources') {
      if (method !== 'GET') throw methodNotAllowed();
      return send(res, 200, apiResourceList(catalog, group, version));
    }
    const target = resolved.target;
    const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    const rest: RestRequest = {
      target,
      query,
      body,
      contentType: req.headers['content-type'],
      userAgent: req.headers['user-agent'],
      warnings: [],
    };
    const verb = target.strategy.info.verbs;
    const table = wantsTable(req.headers.accept);
    const reply = (out: RestResponse, tableOf?: KubeObject[]) => {
      const headers: Record<string, string> = {};
      if (rest.warnings.length > 0)
        headers.Warning = rest.warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ');
      if (table && tableOf) {
        const metadata = (out.body as { metadata?: Record<string, unknown> }).metadata ?? {};
        const listMeta =
          target.name === undefined
            ? metadata
            : { resourceVersion: (out.body as KubeObject).metadata?.resourceVersion };
        const doc = toTable(target.strategy, tableOf, clock.date(), {
          include: includeObjectOf(query),
          metadata: listMeta,
        });
        return send(res, out.code, doc, 'application/json;as=Table;v=v1;g=meta.k8s.io', headers);
      }
      send(res, out.code, out.body, 'application/json', headers);
    };
    switch (method) {
      case 'GET':
      case 'HEAD': {
        if (target.name !== undefined && !target.watchPath) {
          if (!verb.includes('get')) throw methodNotAllowed();
          const out = await this.handlers.get(rest);
          return reply(out, target.subresource === undefined ? [out.body as KubeObject] : undefined);
        }
        const watching = target.watchPath || query.get('watch') === 'true' || query.get('watch') === '1';
        if (watching) {
          if (!verb.includes('watch')) throw methodNotAllowed();
          let predicate = this.handlers.selectorPredicate(target.strategy, query);
          // `fieldSelector=metadata.name=x` watches one object, as the legacy /watch/<name> path does.
          const byName = this.options.selectors
            .fieldSelector(query.get('fieldSelector') ?? '')
            .exact('metadata.name');
          if (byName !== undefined && target.name === undefined) {
            rest.target = { ...target, name: byName };
            predicate = predicate ?? undefined;
          }
          return serveWatch(
            store,
            clock,
            {
              req: rest,
              predicate,
              table: table ? { include: includeObjectOf(query) } : undefined,
              defaultTimeoutSeconds: 1800 + Math.floor(Math.random() * 1800),
            },
            res,
            (fn) => res.on('close', fn),
          );
        }
        if (!verb.includes('list')) throw methodNotAllowed();
        const out = await this.handlers.list(rest);
        return reply(out, out.items as KubeObject[]);
      }
      case 'POST':
        if (!verb.includes('create')) throw methodNotAllowed();
        return reply(await this.handlers.create(rest));
      case 'PUT':
        if (!verb.includes('update')) throw methodNotAllowed();
        return reply(await this.handlers.update(rest));
      case 'PATCH':
        if (!verb.includes('patch')) throw methodNotAllowed();
        return reply(await this.handlers.patch(rest));
      case 'DELETE':
        if (target.name === undefined) return reply(await this.handlers.deleteCollection(rest));
        if (!verb.includes('delete')) throw methodNotAllowed();
        return reply(await this.handlers.delete(rest));
      default:
        throw methodNotAllowed();
    }
  }
}

export { ApiError };
