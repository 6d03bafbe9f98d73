/**
 * Type facts of apps/v1 as of Kubernetes v1.35: field names and types, required fields,
 * and the list/map semantics strategic merge patch and server-side apply read
 * (`patch`/`key` = patchStrategy/patchMergeKey tags, `type`/`mapKeys` = +listType/+listMapKey).
 * A `!` after a field name marks it required.
 */
import { type DefineFn, T } from '../dsl.ts';

export function defineAppsV1(def: DefineFn): void {
  def('apps.v1.Deployment', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'apps.v1.DeploymentSpec',
    status: 'apps.v1.DeploymentStatus',
  });
  def('apps.v1.ReplicaSet', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'apps.v1.ReplicaSetSpec',
    status: 'apps.v1.ReplicaSetStatus',
  });
  def('apps.v1.DaemonSet', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'apps.v1.DaemonSetSpec',
    status: 'apps.v1.DaemonSetStatus',
  });
  def('apps.v1.StatefulSet', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'apps.v1.StatefulSetSpec',
    status: 'apps.v1.StatefulSetStatus',
  });
  def('apps.v1.ControllerRevision', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    data: T.rawExtension,
    'revision!': T.int64,
  });
  def('apps.v1.DeploymentSpec', {
    replicas: T.int32,
    'selector!': 'meta.v1.LabelSelector',
    'template!': 'core.v1.PodTemplateSpec',
    strategy: T.patch('apps.v1.DeploymentStrategy', 'retainKeys'),
    minReadySeconds: T.int32,
    revisionHistoryLimit: T.int32,
    paused: T.boolean,
    progressDeadlineSeconds: T.int32,
  });
  def('apps.v1.DeploymentStatus', {
    observedGeneration: T.int64,
    replicas: T.int32,
    updatedReplicas: T.int32,
    readyReplicas: T.int32,
    availableReplicas: T.int32,
    unavailableReplicas: T.int32,
    terminatingReplicas: T.int32,
    conditions: T.listOf('apps.v1.DeploymentCondition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
    collisionCount: T.int32,
  });
  def('apps.v1.ReplicaSetSpec', {
    replicas: T.int32,
    minReadySeconds: T.int32,
    'selector!': 'meta.v1.LabelSelector',
    template: 'core.v1.PodTemplateSpec',
  });
  def('apps.v1.ReplicaSetStatus', {
    'replicas!': T.int32,
    fullyLabeledReplicas: T.int32,
    readyReplicas: T.int32,
    availableReplicas: T.int32,
    terminatingReplicas: T.int32,
    observedGeneration: T.int64,
    conditions: T.listOf('apps.v1.ReplicaSetCondition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
  });
  def('apps.v1.DaemonSetSpec', {
    'selector!': 'meta.v1.LabelSelector',
    'template!': 'core.v1.PodTemplateSpec',
    updateStrategy: 'apps.v1.DaemonSetUpdateStrategy',
    minReadySeconds: T.int32,
    revisionHistoryLimit: T.int32,
  });
  def('apps.v1.DaemonSetStatus', {
    'currentNumberScheduled!': T.int32,
    'numberMisscheduled!': T.int32,
    'desiredNumberScheduled!': T.int32,
    'numberReady!': T.int32,
    observedGeneration: T.int64,
    updatedNumberScheduled: T.int32,
    numberAvailable: T.int32,
    numberUnavailable: T.int32,
    collisionCount: T.int32,
    conditions: T.listOf('apps.v1.DaemonSetCondition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
  });
  def('apps.v1.StatefulSetSpec', {
    replicas: T.int32,
    'selector!': 'meta.v1.LabelSelector',
    'template!': 'core.v1.PodTemplateSpec',
    volumeClaimTemplates: T.listOf('core.v1.PersistentVolumeClaim', { type: 'atomic' }),
    serviceName: T.string,
    podManagementPolicy: T.enumOf('OrderedReady', 'Parallel'),
    updateStrategy: 'apps.v1.StatefulSetUpdateStrategy',
    revisionHistoryLimit: T.int32,
    minReadySeconds: T.int32,
    persistentVolumeClaimRetentionPolicy: 'apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy',
    ordinals: 'apps.v1.StatefulSetOrdinals',
  });
  def('apps.v1.StatefulSetStatus', {
    observedGeneration: T.int64,
    'replicas!': T.int32,
    readyReplicas: T.int32,
    currentReplicas: T.int32,
    updatedReplicas: T.int32,
    currentRevision: T.string,
    updateRevision: T.string,
    collisionCount: T.int32,
    conditions: T.listOf('apps.v1.StatefulSetCondition', {
      patch: 'merge',
      key: 'type',
      type: 'map',
      mapKeys: ['type'],
    }),
    availableReplicas: T.int32,
  });
  def('apps.v1.DeploymentStrategy', {
    type: T.enumOf('Recreate', 'RollingUpdate'),
    rollingUpdate: 'apps.v1.RollingUpdateDeployment',
  });
  def('apps.v1.DeploymentCondition', {
    'type!': T.string,
    'status!': T.string,
    lastUpdateTime: T.time,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
  });
  def('apps.v1.ReplicaSetCondition', {
    'type!': T.string,
    'status!': T.string,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
  });
  def('apps.v1.DaemonSetUpdateStrategy', {
    type: T.enumOf('RollingUpdate', 'OnDelete'),
    rollingUpdate: 'apps.v1.RollingUpdateDaemonSet',
  });
  def('apps.v1.DaemonSetCondition', {
    'type!': T.string,
    'status!': T.string,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
  });
  def('apps.v1.StatefulSetUpdateStrategy', {
    type: T.enumOf('RollingUpdate', 'OnDelete'),
    rollingUpdate: 'apps.v1.RollingUpdateStatefulSetStrategy',
  });
  def('apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy', {
    whenDeleted: T.string,
    whenScaled: T.string,
  });
  def('apps.v1.StatefulSetOrdinals', {
    start: T.int32,
  });
  def('apps.v1.StatefulSetCondition', {
    'type!': T.string,
    'status!': T.string,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
  });
  def('apps.v1.RollingUpdateDeployment', {
    maxUnavailable: T.intOrString,
    maxSurge: T.intOrString,
  });
  def('apps.v1.RollingUpdateDaemonSet', {
    maxUnavailable: T.intOrString,
    maxSurge: T.intOrString,
  });
  def('apps.v1.RollingUpdateStatefulSetStrategy', {
    partition: T.int32,
    maxUnavailable: T.intOrString,
  });
}
