// Reading a request: which resource a path names, the media types it speaks,
// and its body decoded to a JSON object.

import { parse as parseYaml } from 'yaml';
import type { KubeObject, ResourceStrategy } from '../registry/types.ts';
import type { ResourceCatalog } from './catalog.ts';
import type { ProtobufCodec } from './deps.ts';
import { badRequest, pathNotFound, unsupportedMediaType } from './status.ts';

/** A request for a resource, an object of it, or one of its subresources. */
export interface ResourceTarget {
  strategy: ResourceStrategy;
  /** The namespace of a namespaced path; undefined for all namespaces or a cluster-scoped resource. */
  namespace?: string;
  name?: string;
  subresource?: string;
  /** A legacy `/watch/` path. */
  watchPath: boolean;
}

export type ApiPath =
  | { kind: 'resources'; group: string; version: string }
  | { kind: 'resource'; target: ResourceTarget };

/**
 * Resolves `/api/v1/...` or `/apis/<g>/<v>/...` segments (after the group/version) to a
 * target. `namespaces/<ns>/<plural>` is a namespaced resource when <plural> is one, else
 * it is the namespace object itself (`namespaces/<name>/status`).
 */
export function resolveResourcePath(
  catalog: ResourceCatalog,
  group: string,
  version: string,
  rest: string[],
): ApiPath {
  if (catalog.resourcesOf(group, version).length === 0) throw pathNotFound();
  if (rest.length === 0) return { kind: 'resources', group, version };
  let watchPath = false;
  let segments = rest;
  if (segments[0] === 'watch') {
    watchPath = true;
    segments = segments.slice(1);
  }
  let namespace: string | undefined;
  if (segments[0] === 'namespaces' && segments.length >= 3) {
    const inner = catalog.lookup(group, version, segments[2]);
    if (inner?.info.namespaced) {
      namespace = segments[1];
      segments = segments.slice(2);
    }
  }
  const [plural, name, subresource, ...extra] = segments;
  const strategy = plural === undefined ? undefined : catalog.lookup(group, version, plural);
  if (!strategy || extra.length > 0) throw pathNotFound();
  if (strategy.info.namespaced && namespace === undefined && name !== undefined) throw pathNotFound();
  if (watchPath && subresource !== undefined) throw pathNotFound();
  return { kind: 'resource', target: { strategy, namespace, name, subresource, watchPath } };
}

/** The media type parameters of each alternative in an Accept header. */
export function acceptAlternatives(accept: string | undefined): Map<string, string>[] {
  if (!accept) return [];
  return accept.split(',').map((alternative) => {
    const [type, ...params] = alternative.split(';').map((s) => s.trim());
    const map = new Map<string, string>([['', type.toLowerCase()]]);
    for (const p of params) {
      const eq = p.indexOf('=');
      if (eq > 0) map.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim());
    }
    return map;
  });
}

/** Whether the client asks for meta.k8s.io/v1 Tables (before any plain-JSON alternative). */
export function wantsTable(accept: string | undefined): boolean {
  for (const alt of acceptAlternatives(accept)) {
    if (alt.get('as') === 'Table' && alt.get('g') === 'meta.k8s.io' && alt.get('v') === 'v1') return true;
    if (!alt.has('as') && (alt.get('') === 'application/json' || alt.get('') === '*/*')) return false;
  }
  return false;
}

/** Whether the client asks for aggregated discovery v2 before anything else it accepts. */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  for (const alt of acceptAlternatives(accept)) {
    if (alt.get('as') === 'APIGroupDiscoveryList' && alt.get('g') === 'apidiscovery.k8s.io') {
      if (alt.get('v') === 'v2') return true;
      continue;
    }
    if (!alt.has('as')) return false;
  }
  return false;
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Decodes a create/update body (JSON, YAML or protobuf) into an object. */
export function decodeBody(
  body: Buffer,
  contentType: string | undefined,
  protobuf: ProtobufCodec | undefined,
): KubeObject {
  const type = mediaType(contentType);
  let value: unknown;
  if (type === 'application/vnd.kubernetes.protobuf') {
    if (!protobuf) throw unsupportedMediaType(contentType ?? '');
    return protobuf.decode(body);
  }
  if (type === '' || type === 'application/json' || type === '*/*') {
    value = parseJson(body.toString('utf8'));
  } else if (type === 'application/yaml') {
    value = parseYamlText(body.toString('utf8'));
  } else {
    throw unsupportedMediaType(contentType ?? '');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(
      `json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type struct`,
    );
  }
  return value as KubeObject;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
}

export function parseYamlText(text: string): unknown {
  try {
    return parseYaml(text, { version: '1.1' });
  } catch (err) {
    throw badRequest(`error converting YAML to JSON: ${(err as Error).message}`);
  }
}
