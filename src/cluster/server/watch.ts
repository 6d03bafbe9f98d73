// Watch over HTTP: one JSON event per line ({"type":...,"object":...}) on a
// chunked response, until the client goes away, timeoutSeconds elapses (on the
// cluster clock), or the store ends the watch with an ERROR.

import type { ServerResponse } from 'node:http';
import type { Clock } from '../clock.ts';
import type { KubeObject } from '../registry/types.ts';
import type { Store, StoredObject, WatchEvent } from '../store/index.ts';
import { apiVersionOf, qualifiedResource } from './catalog.ts';
import type { RestRequest } from './rest.ts';
import { badRequest } from './status.ts';
import { type IncludeObject, toTable } from './table.ts';

export interface WatchRequest {
  req: RestRequest;
  predicate?: (obj: StoredObject) => boolean;
  /** Table events instead of objects (kubectl get --watch). */
  table?: { include: IncludeObject };
  /** Default timeout when the client sets none (upstream: min-request-timeout, 30 minutes, randomised). */
  defaultTimeoutSeconds: number;
}

function flag(query: URLSearchParams, name: string): boolean | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  return v === 'true' || v === '1';
}

export function serveWatch(
  store: Store,
  clock: Clock,
  w: WatchRequest,
  res: ServerResponse,
  onClose: (fn: () => void) => void,
): void {
  const { target, query } = w.req;
  const info = target.strategy.info;
  const sendInitialEvents = flag(query, 'sendInitialEvents');
  const allowBookmarks = flag(query, 'allowWatchBookmarks') ?? false;
  const match = query.get('resourceVersionMatch');
  if (sendInitialEvents !== undefined) {
    if (match !== 'NotOlderThan') {
      throw badRequest(
        `resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan`,
      );
    }
    if (sendInitialEvents && !allowBookmarks) {
      throw badRequest(
        `allowWatchBookmarks: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true`,
      );
    }
  } else if (match) {
    throw badRequest(
      `resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided`,
    );
  }
  const timeoutParam = query.get('timeoutSeconds');
  const timeoutSeconds = timeoutParam === null ? w.defaultTimeoutSeconds : Number(timeoutParam);
  const fieldName = target.name;
  const watch = store.watch({
    resource: qualifiedResource(info),
    namespace: target.namespace,
    name: fieldName,
    resourceVersion: query.get('resourceVersion') ?? undefined,
    sendInitialEvents,
    allowBookmarks,
    predicate: w.predicate,
  });
  res.writeHead(200, {
    'Content-Type': w.table ? 'application/json;as=Table;v=v1;g=meta.k8s.io' : 'application/json',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    timer?.cancel();
    watch.stop();
    res.end();
  };
  const timer = timeoutSeconds > 0 ? clock.setTimeout(finish, timeoutSeconds * 1000) : undefined;
  onClose(finish);
  let first = true;
  const encode = (event: WatchEvent): unknown => {
    if (event.type === 'BOOKMARK') {
      return {
        type: event.type,
        object: { kind: info.kind, apiVersion: apiVersionOf(info), ...event.object },
      };
    }
    if (event.type === 'ERROR' || !w.table) return event;
    const now = clock.date();
    const object = toTable(target.strategy, [event.object as KubeObject], now, {
      include: w.table.include,
      noHeaders: !first,
      metadata: { resourceVersion: event.object.metadata?.resourceVersion },
    });
    first = false;
    return { type: event.type, object };
  };
  (async () => {
    for (;;) {
      const event = await watch.next();
      if (!event || ended) break;
      res.write(`${JSON.stringify(encode(event))}\n`);
      if (event.type === 'ERROR') break;
    }
    finish();
  })().catch(() => finish());
}
