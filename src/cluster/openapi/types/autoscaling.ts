/**
 * Type facts of autoscaling/v1 and autoscaling/v2 as of Kubernetes v1.35: field names and types, required fields,
 * and the list/map semantics strategic merge patch and server-side apply read
 * (`patch`/`key` = patchStrategy/patchMergeKey tags, `type`/`mapKeys` = +listType/+listMapKey).
 * A `!` after a field name marks it required.
 */
import { type DefineFn, T } from '../dsl.ts';

export function defineAutoscaling(def: DefineFn): void {
  def('autoscaling.v2.HorizontalPodAutoscaler', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'autoscaling.v2.HorizontalPodAutoscalerSpec',
    status: 'autoscaling.v2.HorizontalPodAutoscalerStatus',
  });
  def('autoscaling.v1.Scale', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'autoscaling.v1.ScaleSpec',
    status: 'autoscaling.v1.ScaleStatus',
  });
  def('autoscaling.v1.HorizontalPodAutoscaler', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'autoscaling.v1.HorizontalPodAutoscalerSpec',
    status: 'autoscaling.v1.HorizontalPodAutoscalerStatus',
  });
  def('autoscaling.v2.HorizontalPodAutoscalerSpec', {
    'scaleTargetRef!': 'autoscaling.v2.CrossVersionObjectReference',
    minReplicas: T.int32,
    'maxReplicas!': T.int32,
    metrics: T.listOf('autoscaling.v2.MetricSpec', { type: 'atomic' }),
    behavior: 'autoscaling.v2.HorizontalPodAutoscalerBehavior',
  });
  def('autoscaling.v2.HorizontalPodAutoscalerStatus', {
    observedGeneration: T.int64,
    lastScaleTime: T.time,
    currentReplicas: T.int32,
    'desiredReplicas!': T.int32,
    currentMetrics: T.listOf('autoscaling.v2.MetricStatus', { type: 'atomic' }),
    conditions: T.listOf('autoscaling.v2.HorizontalPodAutoscalerCondition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
  });
  def('autoscaling.v1.ScaleSpec', {
    replicas: T.int32,
  });
  def('autoscaling.v1.ScaleStatus', {
    'replicas!': T.int32,
    selector: T.string,
  });
  def('autoscaling.v1.HorizontalPodAutoscalerSpec', {
    'scaleTargetRef!': 'autoscaling.v1.CrossVersionObjectReference',
    minReplicas: T.int32,
    'maxReplicas!': T.int32,
    targetCPUUtilizationPercentage: T.int32,
  });
  def('autoscaling.v1.HorizontalPodAutoscalerStatus', {
    observedGeneration: T.int64,
    lastScaleTime: T.time,
    'currentReplicas!': T.int32,
    'desiredReplicas!': T.int32,
    currentCPUUtilizationPercentage: T.int32,
  });
  def('autoscaling.v2.CrossVersionObjectReference', {
    'kind!': T.string,
    'name!': T.string,
    apiVersion: T.string,
  });
  def('autoscaling.v2.MetricSpec', {
    'type!': T.string,
    object: 'autoscaling.v2.ObjectMetricSource',
    pods: 'autoscaling.v2.PodsMetricSource',
    resource: 'autoscaling.v2.ResourceMetricSource',
    containerResource: 'autoscaling.v2.ContainerResourceMetricSource',
    external: 'autoscaling.v2.ExternalMetricSource',
  });
  def('autoscaling.v2.HorizontalPodAutoscalerBehavior', {
    scaleUp: 'autoscaling.v2.HPAScalingRules',
    scaleDown: 'autoscaling.v2.HPAScalingRules',
  });
  def('autoscaling.v2.MetricStatus', {
    'type!': T.string,
    object: 'autoscaling.v2.ObjectMetricStatus',
    pods: 'autoscaling.v2.PodsMetricStatus',
    resource: 'autoscaling.v2.ResourceMetricStatus',
    containerResource: 'autoscaling.v2.ContainerResourceMetricStatus',
    external: 'autoscaling.v2.ExternalMetricStatus',
  });
  def('autoscaling.v2.HorizontalPodAutoscalerCondition', {
    'type!': T.string,
    'status!': T.string,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
  });
  def(
    'autoscaling.v1.CrossVersionObjectReference',
    {
      'kind!': T.string,
      'name!': T.string,
      apiVersion: T.string,
    },
    { mapType: 'atomic' },
  );
  def('autoscaling.v2.ObjectMetricSource', {
    'describedObject!': 'autoscaling.v2.CrossVersionObjectReference',
    'target!': 'autoscaling.v2.MetricTarget',
    'metric!': 'autoscaling.v2.MetricIdentifier',
  });
  def('autoscaling.v2.PodsMetricSource', {
    'metric!': 'autoscaling.v2.MetricIdentifier',
    'target!': 'autoscaling.v2.MetricTarget',
  });
  def('autoscaling.v2.ResourceMetricSource', {
    'name!': T.string,
    'target!': 'autoscaling.v2.MetricTarget',
  });
  def('autoscaling.v2.ContainerResourceMetricSource', {
    'name!': T.string,
    'target!': 'autoscaling.v2.MetricTarget',
    'container!': T.string,
  });
  def('autoscaling.v2.ExternalMetricSource', {
    'metric!': 'autoscaling.v2.MetricIdentifier',
    'target!': 'autoscaling.v2.MetricTarget',
  });
  def('autoscaling.v2.HPAScalingRules', {
    stabilizationWindowSeconds: T.int32,
    selectPolicy: T.string,
    policies: T.listOf('autoscaling.v2.HPAScalingPolicy', { type: 'atomic' }),
    tolerance: T.quantity,
  });
  def('autoscaling.v2.ObjectMetricStatus', {
    'metric!': 'autoscaling.v2.MetricIdentifier',
    'current!': 'autoscaling.v2.MetricValueStatus',
    'describedObject!': 'autoscaling.v2.CrossVersionObjectReference',
  });
  def('autoscaling.v2.PodsMetricStatus', {
    'metric!': 'autoscaling.v2.MetricIdentifier',
    'current!': 'autoscaling.v2.MetricValueStatus',
  });
  def('autoscaling.v2.ResourceMetricStatus', {
    'name!': T.string,
    'current!': 'autoscaling.v2.MetricValueStatus',
  });
  def('autoscaling.v2.ContainerResourceMetricStatus', {
    'name!': T.string,
    'current!': 'autoscaling.v2.MetricValueStatus',
    'container!': T.string,
  });
  def('autoscaling.v2.ExternalMetricStatus', {
    'metric!': 'autoscaling.v2.MetricIdentifier',
    'current!': 'autoscaling.v2.MetricValueStatus',
  });
  def('autoscaling.v2.MetricTarget', {
    'type!': T.string,
    value: T.quantity,
    averageValue: T.quantity,
    averageUtilization: T.int32,
  });
  def('autoscaling.v2.MetricIdentifier', {
    'name!': T.string,
    selector: 'meta.v1.LabelSelector',
  });
  def('autoscaling.v2.HPAScalingPolicy', {
    'type!': T.string,
    'value!': T.int32,
    'periodSeconds!': T.int32,
  });
  def('autoscaling.v2.MetricValueStatus', {
    value: T.quantity,
    averageValue: T.quantity,
    averageUtilization: T.int32,
  });
}
