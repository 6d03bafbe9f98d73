/**
 * Type facts of discovery.k8s.io/v1 as of Kubernetes v1.35: field names and types, required fields,
 * and the list/map semantics strategic merge patch and server-side apply read
 * (`patch`/`key` = patchStrategy/patchMergeKey tags, `type`/`mapKeys` = +listType/+listMapKey).
 * A `!` after a field name marks it required.
 */
import { type DefineFn, T } from '../dsl.ts';

export function defineDiscoveryV1(def: DefineFn): void {
  def('discovery.v1.EndpointSlice', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    'addressType!': T.string,
    'endpoints!': T.listOf('discovery.v1.Endpoint', { type: 'atomic' }),
    ports: T.listOf('discovery.v1.EndpointPort', { type: 'atomic' }),
  });
  def('discovery.v1.Endpoint', {
    'addresses!': T.listOf(T.string, { type: 'set' }),
    conditions: 'discovery.v1.EndpointConditions',
    hostname: T.string,
    targetRef: 'core.v1.ObjectReference',
    deprecatedTopology: T.mapOf(T.string),
    nodeName: T.string,
    zone: T.string,
    hints: 'discovery.v1.EndpointHints',
  });
  def(
    'discovery.v1.EndpointPort',
    {
      name: T.string,
      protocol: T.enumOf('TCP', 'UDP', 'SCTP'),
      port: T.int32,
      appProtocol: T.string,
    },
    { mapType: 'atomic' },
  );
  def('discovery.v1.EndpointConditions', {
    ready: T.boolean,
    serving: T.boolean,
    terminating: T.boolean,
  });
  def('discovery.v1.EndpointHints', {
    forZones: T.listOf('discovery.v1.ForZone', { type: 'atomic' }),
    forNodes: T.listOf('discovery.v1.ForNode', { type: 'atomic' }),
  });
  def('discovery.v1.ForZone', {
    'name!': T.string,
  });
  def('discovery.v1.ForNode', {
    'name!': T.string,
  });
}
