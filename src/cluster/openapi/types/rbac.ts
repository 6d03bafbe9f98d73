/**
 * Type facts of rbac.authorization.k8s.io/v1 as of Kubernetes v1.35: field names and types, required fields,
 * and the list/map semantics strategic merge patch and server-side apply read
 * (`patch`/`key` = patchStrategy/patchMergeKey tags, `type`/`mapKeys` = +listType/+listMapKey).
 * A `!` after a field name marks it required.
 */
import { type DefineFn, T } from '../dsl.ts';

export function defineRbacV1(def: DefineFn): void {
  def('rbac.v1.Role', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    rules: T.listOf('rbac.v1.PolicyRule', { type: 'atomic' }),
  });
  def('rbac.v1.RoleBinding', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    subjects: T.listOf('rbac.v1.Subject', { type: 'atomic' }),
    'roleRef!': 'rbac.v1.RoleRef',
  });
  def('rbac.v1.ClusterRole', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    rules: T.listOf('rbac.v1.PolicyRule', { type: 'atomic' }),
    aggregationRule: 'rbac.v1.AggregationRule',
  });
  def('rbac.v1.ClusterRoleBinding', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    subjects: T.listOf('rbac.v1.Subject', { type: 'atomic' }),
    'roleRef!': 'rbac.v1.RoleRef',
  });
  def('rbac.v1.PolicyRule', {
    'verbs!': T.listOf(T.string, { type: 'atomic' }),
    apiGroups: T.listOf(T.string, { type: 'atomic' }),
    resources: T.listOf(T.string, { type: 'atomic' }),
    resourceNames: T.listOf(T.string, { type: 'atomic' }),
    nonResourceURLs: T.listOf(T.string, { type: 'atomic' }),
  });
  def(
    'rbac.v1.Subject',
    {
      'kind!': T.string,
      apiGroup: T.string,
      'name!': T.string,
      namespace: T.string,
    },
    { mapType: 'atomic' },
  );
  def(
    'rbac.v1.RoleRef',
    {
      'apiGroup!': T.string,
      'kind!': T.string,
      'name!': T.string,
    },
    { mapType: 'atomic' },
  );
  def('rbac.v1.AggregationRule', {
    clusterRoleSelectors: T.listOf('meta.v1.LabelSelector', { type: 'atomic' }),
  });
}
