/**
 * Type facts of apiextensions.k8s.io/v1 (CustomResourceDefinition) as of Kubernetes v1.35.
 * JSONSchemaProps refers to itself; the JSON-valued fields (default, enum, example) and the
 * either-or wrappers (JSONSchemaPropsOrArray/OrBool/OrStringArray) accept any JSON.
 */
import { type DefinitionSet, T } from '../dsl.ts';

export function defineApiextensionsV1(set: DefinitionSet): void {
  const def = set.define;
  const props = 'apiextensions.v1.JSONSchemaProps';
  set.defineScalar('apiextensions.v1.JSON', { preserveUnknownFields: true });
  set.defineScalar('apiextensions.v1.JSONSchemaPropsOrArray', { preserveUnknownFields: true });
  set.defineScalar('apiextensions.v1.JSONSchemaPropsOrBool', { preserveUnknownFields: true });
  set.defineScalar('apiextensions.v1.JSONSchemaPropsOrStringArray', { preserveUnknownFields: true });

  def('apiextensions.v1.CustomResourceDefinition', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    'spec!': 'apiextensions.v1.CustomResourceDefinitionSpec',
    status: 'apiextensions.v1.CustomResourceDefinitionStatus',
  });
  def('apiextensions.v1.CustomResourceDefinitionSpec', {
    'group!': T.string,
    'names!': 'apiextensions.v1.CustomResourceDefinitionNames',
    'scope!': T.string,
    'versions!': T.listOf('apiextensions.v1.CustomResourceDefinitionVersion', { type: 'atomic' }),
    conversion: 'apiextensions.v1.CustomResourceConversion',
    preserveUnknownFields: T.boolean,
  });
  def('apiextensions.v1.CustomResourceDefinitionNames', {
    'plural!': T.string,
    singular: T.string,
    shortNames: T.listOf(T.string, { type: 'atomic' }),
    'kind!': T.string,
    listKind: T.string,
    categories: T.listOf(T.string, { type: 'atomic' }),
  });
  def('apiextensions.v1.CustomResourceDefinitionVersion', {
    'name!': T.string,
    'served!': T.boolean,
    'storage!': T.boolean,
    deprecated: T.boolean,
    deprecationWarning: T.string,
    schema: 'apiextensions.v1.CustomResourceValidation',
    subresources: 'apiextensions.v1.CustomResourceSubresources',
    additionalPrinterColumns: T.listOf('apiextensions.v1.CustomResourceColumnDefinition', {
      type: 'atomic',
    }),
    selectableFields: T.listOf('apiextensions.v1.SelectableField', { type: 'atomic' }),
  });
  def('apiextensions.v1.CustomResourceValidation', { openAPIV3Schema: props });
  def('apiextensions.v1.CustomResourceSubresources', {
    status: T.json,
    scale: 'apiextensions.v1.CustomResourceSubresourceScale',
  });
  def('apiextensions.v1.CustomResourceSubresourceScale', {
    'specReplicasPath!': T.string,
    'statusReplicasPath!': T.string,
    labelSelectorPath: T.string,
  });
  def('apiextensions.v1.CustomResourceColumnDefinition', {
    'name!': T.string,
    'type!': T.string,
    format: T.string,
    description: T.string,
    priority: T.int32,
    'jsonPath!': T.string,
  });
  def('apiextensions.v1.SelectableField', { 'jsonPath!': T.string });
  def('apiextensions.v1.CustomResourceConversion', {
    'strategy!': T.string,
    webhook: 'apiextensions.v1.WebhookConversion',
  });
  def('apiextensions.v1.WebhookConversion', {
    clientConfig: 'apiextensions.v1.WebhookClientConfig',
    'conversionReviewVersions!': T.listOf(T.string, { type: 'atomic' }),
  });
  def('apiextensions.v1.WebhookClientConfig', {
    url: T.string,
    service: 'apiextensions.v1.ServiceReference',
    caBundle: T.bytes,
  });
  def('apiextensions.v1.ServiceReference', {
    'namespace!': T.string,
    'name!': T.string,
    path: T.string,
    port: T.int32,
  });
  def('apiextensions.v1.CustomResourceDefinitionStatus', {
    conditions: T.listOf('apiextensions.v1.CustomResourceDefinitionCondition', {
      type: 'map',
      mapKeys: ['type'],
    }),
    acceptedNames: 'apiextensions.v1.CustomResourceDefinitionNames',
    storedVersions: T.listOf(T.string, { type: 'atomic' }),
  });
  def('apiextensions.v1.CustomResourceDefinitionCondition', {
    'type!': T.string,
    'status!': T.string,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
    observedGeneration: T.int64,
  });
  def('apiextensions.v1.ExternalDocumentation', { description: T.string, url: T.string });
  def('apiextensions.v1.ValidationRule', {
    'rule!': T.string,
    message: T.string,
    messageExpression: T.string,
    reason: T.string,
    fieldPath: T.string,
    optionalOldSelf: T.boolean,
  });
  const stringList = T.listOf(T.string, { type: 'atomic' });
  const propsList = T.listOf(props, { type: 'atomic' });
  def(props, {
    id: T.string,
    $schema: T.string,
    $ref: T.string,
    description: T.string,
    type: T.string,
    format: T.string,
    title: T.string,
    default: 'apiextensions.v1.JSON',
    maximum: T.double,
    exclusiveMaximum: T.boolean,
    minimum: T.double,
    exclusiveMinimum: T.boolean,
    maxLength: T.int64,
    minLength: T.int64,
    pattern: T.string,
    maxItems: T.int64,
    minItems: T.int64,
    uniqueItems: T.boolean,
    multipleOf: T.double,
    enum: T.listOf('apiextensions.v1.JSON', { type: 'atomic' }),
    maxProperties: T.int64,
    minProperties: T.int64,
    required: stringList,
    items: 'apiextensions.v1.JSONSchemaPropsOrArray',
    allOf: propsList,
    oneOf: propsList,
    anyOf: propsList,
    not: props,
    properties: T.mapOf(props),
    additionalProperties: 'apiextensions.v1.JSONSchemaPropsOrBool',
    patternProperties: T.mapOf(props),
    dependencies: T.mapOf('apiextensions.v1.JSONSchemaPropsOrStringArray'),
    additionalItems: 'apiextensions.v1.JSONSchemaPropsOrBool',
    definitions: T.mapOf(props),
    externalDocs: 'apiextensions.v1.ExternalDocumentation',
    example: 'apiextensions.v1.JSON',
    nullable: T.boolean,
    'x-kubernetes-preserve-unknown-fields': T.boolean,
    'x-kubernetes-embedded-resource': T.boolean,
    'x-kubernetes-int-or-string': T.boolean,
    'x-kubernetes-list-map-keys': stringList,
    'x-kubernetes-list-type': T.string,
    'x-kubernetes-map-type': T.string,
    'x-kubernetes-validations': T.listOf('apiextensions.v1.ValidationRule', {
      patch: 'merge',
      key: 'rule',
      type: 'map',
      mapKeys: ['rule'],
    }),
  });
}
