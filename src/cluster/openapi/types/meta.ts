/**
 * Type facts of meta/v1 (apimachinery) and the scalar types every API group shares: Time,
 * Quantity, IntOrString, RawExtension. Scalars carry the OpenAPI shape upstream's types declare
 * through their OpenAPISchemaType/Format methods.
 */
import { type DefinitionSet, T } from '../dsl.ts';

export function defineMetaV1(set: DefinitionSet): void {
  const def = set.define;
  set.defineScalar('meta.v1.Time', { type: 'string', format: 'date-time' });
  set.defineScalar('meta.v1.MicroTime', { type: 'string', format: 'date-time' });
  set.defineScalar('meta.v1.Duration', { type: 'string' });
  set.defineScalar('resource.Quantity', { type: 'string', format: 'quantity' });
  set.defineScalar('intstr.IntOrString', { type: 'string', format: 'int-or-string', intOrString: true });
  set.defineScalar('runtime.RawExtension', { type: 'object', preserveUnknownFields: true });
  set.defineScalar('meta.v1.FieldsV1', { type: 'object', preserveUnknownFields: true });
  set.defineScalar('meta.v1.Patch', { type: 'object', preserveUnknownFields: true });

  def('meta.v1.ObjectMeta', {
    name: T.string,
    generateName: T.string,
    namespace: T.string,
    selfLink: T.string,
    uid: T.string,
    resourceVersion: T.string,
    generation: T.int64,
    creationTimestamp: T.time,
    deletionTimestamp: T.time,
    deletionGracePeriodSeconds: T.int64,
    labels: T.mapOf(T.string),
    annotations: T.mapOf(T.string),
    ownerReferences: T.listOf('meta.v1.OwnerReference', {
      patch: 'merge',
      key: 'uid',
      type: 'map',
      mapKeys: ['uid'],
    }),
    finalizers: T.listOf(T.string, { patch: 'merge', type: 'set' }),
    managedFields: T.listOf('meta.v1.ManagedFieldsEntry', { type: 'atomic' }),
  });
  def(
    'meta.v1.OwnerReference',
    {
      'apiVersion!': T.string,
      'kind!': T.string,
      'name!': T.string,
      'uid!': T.string,
      controller: T.boolean,
      blockOwnerDeletion: T.boolean,
    },
    { mapType: 'atomic' },
  );
  def('meta.v1.ManagedFieldsEntry', {
    manager: T.string,
    operation: T.string,
    apiVersion: T.string,
    time: T.time,
    fieldsType: T.string,
    fieldsV1: 'meta.v1.FieldsV1',
    subresource: T.string,
  });
  def('meta.v1.ListMeta', {
    selfLink: T.string,
    resourceVersion: T.string,
    continue: T.string,
    remainingItemCount: T.int64,
  });
  def(
    'meta.v1.LabelSelector',
    {
      matchLabels: T.mapOf(T.string),
      matchExpressions: T.listOf('meta.v1.LabelSelectorRequirement', { type: 'atomic' }),
    },
    { mapType: 'atomic' },
  );
  def('meta.v1.LabelSelectorRequirement', {
    'key!': T.string,
    'operator!': T.string,
    values: T.listOf(T.string, { type: 'atomic' }),
  });
  def('meta.v1.Condition', {
    'type!': T.string,
    'status!': T.string,
    observedGeneration: T.int64,
    'lastTransitionTime!': T.time,
    'reason!': T.string,
    'message!': T.string,
  });
  def('meta.v1.Status', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ListMeta',
    status: T.string,
    message: T.string,
    reason: T.string,
    details: 'meta.v1.StatusDetails',
    code: T.int32,
  });
  def('meta.v1.StatusDetails', {
    name: T.string,
    group: T.string,
    kind: T.string,
    uid: T.string,
    causes: T.listOf('meta.v1.StatusCause', { type: 'atomic' }),
    retryAfterSeconds: T.int32,
  });
  def('meta.v1.StatusCause', { reason: T.string, message: T.string, field: T.string });
  def('meta.v1.DeleteOptions', {
    apiVersion: T.string,
    kind: T.string,
    gracePeriodSeconds: T.int64,
    preconditions: 'meta.v1.Preconditions',
    orphanDependents: T.boolean,
    propagationPolicy: T.string,
    dryRun: T.listOf(T.string, { type: 'atomic' }),
    ignoreStoreReadErrorWithClusterBreakingPotential: T.boolean,
  });
  def('meta.v1.Preconditions', { uid: T.string, resourceVersion: T.string });
  def('meta.v1.WatchEvent', { 'type!': T.string, 'object!': 'runtime.RawExtension' });
  def('meta.v1.APIResource', {
    'name!': T.string,
    'singularName!': T.string,
    'namespaced!': T.boolean,
    group: T.string,
    version: T.string,
    'kind!': T.string,
    'verbs!': T.listOf(T.string),
    shortNames: T.listOf(T.string, { type: 'atomic' }),
    categories: T.listOf(T.string, { type: 'atomic' }),
    storageVersionHash: T.string,
  });
  def('meta.v1.APIResourceList', {
    apiVersion: T.string,
    kind: T.string,
    'groupVersion!': T.string,
    'resources!': T.listOf('meta.v1.APIResource', { type: 'atomic' }),
  });
  def('meta.v1.Table', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ListMeta',
    'columnDefinitions!': T.listOf('meta.v1.TableColumnDefinition', { type: 'atomic' }),
    'rows!': T.listOf('meta.v1.TableRow', { type: 'atomic' }),
  });
  def('meta.v1.TableColumnDefinition', {
    'name!': T.string,
    'type!': T.string,
    'format!': T.string,
    'description!': T.string,
    'priority!': T.int32,
  });
  def('meta.v1.TableRow', {
    'cells!': T.listOf(T.json, { type: 'atomic' }),
    conditions: T.listOf('meta.v1.TableRowCondition', { type: 'atomic' }),
    object: 'runtime.RawExtension',
  });
  def('meta.v1.TableRowCondition', {
    'type!': T.string,
    'status!': T.string,
    reason: T.string,
    message: T.string,
  });
}
