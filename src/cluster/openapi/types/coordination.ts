/**
 * Type facts of coordination.k8s.io/v1 as of Kubernetes v1.35: field names and types, required fields,
 * and the list/map semantics strategic merge patch and server-side apply read
 * (`patch`/`key` = patchStrategy/patchMergeKey tags, `type`/`mapKeys` = +listType/+listMapKey).
 * A `!` after a field name marks it required.
 */
import { type DefineFn, T } from '../dsl.ts';

export function defineCoordinationV1(def: DefineFn): void {
  def('coordination.v1.Lease', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'coordination.v1.LeaseSpec',
  });
  def('coordination.v1.LeaseSpec', {
    holderIdentity: T.string,
    leaseDurationSeconds: T.int32,
    acquireTime: T.microTime,
    renewTime: T.microTime,
    leaseTransitions: T.int32,
    strategy: T.string,
    preferredHolder: T.string,
  });
}
