/**
 * Type facts of policy/v1 as of Kubernetes v1.35: field names and types, required fields,
 * and the list/map semantics strategic merge patch and server-side apply read
 * (`patch`/`key` = patchStrategy/patchMergeKey tags, `type`/`mapKeys` = +listType/+listMapKey).
 * A `!` after a field name marks it required.
 */
import { type DefineFn, T } from '../dsl.ts';

export function definePolicyV1(def: DefineFn): void {
  def('policy.v1.PodDisruptionBudget', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'policy.v1.PodDisruptionBudgetSpec',
    status: 'policy.v1.PodDisruptionBudgetStatus',
  });
  def('policy.v1.Eviction', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    deleteOptions: 'meta.v1.DeleteOptions',
  });
  def('policy.v1.PodDisruptionBudgetSpec', {
    minAvailable: T.intOrString,
    selector: T.patch('meta.v1.LabelSelector', 'replace'),
    maxUnavailable: T.intOrString,
    unhealthyPodEvictionPolicy: T.enumOf('IfHealthyBudget', 'AlwaysAllow'),
  });
  def('policy.v1.PodDisruptionBudgetStatus', {
    observedGeneration: T.int64,
    disruptedPods: T.mapOf(T.time),
    'disruptionsAllowed!': T.int32,
    'currentHealthy!': T.int32,
    'desiredHealthy!': T.int32,
    'expectedPods!': T.int32,
    conditions: T.listOf('meta.v1.Condition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
  });
}
