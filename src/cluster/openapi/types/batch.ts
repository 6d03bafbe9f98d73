/**
 * Type facts of batch/v1 as of Kubernetes v1.35: field names and types, required fields,
 * and the list/map semantics strategic merge patch and server-side apply read
 * (`patch`/`key` = patchStrategy/patchMergeKey tags, `type`/`mapKeys` = +listType/+listMapKey).
 * A `!` after a field name marks it required.
 */
import { type DefineFn, T } from '../dsl.ts';

export function defineBatchV1(def: DefineFn): void {
  def('batch.v1.Job', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'batch.v1.JobSpec',
    status: 'batch.v1.JobStatus',
  });
  def('batch.v1.CronJob', {
    apiVersion: T.string,
    kind: T.string,
    metadata: 'meta.v1.ObjectMeta',
    spec: 'batch.v1.CronJobSpec',
    status: 'batch.v1.CronJobStatus',
  });
  def('batch.v1.JobSpec', {
    parallelism: T.int32,
    completions: T.int32,
    activeDeadlineSeconds: T.int64,
    podFailurePolicy: 'batch.v1.PodFailurePolicy',
    successPolicy: 'batch.v1.SuccessPolicy',
    backoffLimit: T.int32,
    backoffLimitPerIndex: T.int32,
    maxFailedIndexes: T.int32,
    selector: 'meta.v1.LabelSelector',
    manualSelector: T.boolean,
    'template!': 'core.v1.PodTemplateSpec',
    ttlSecondsAfterFinished: T.int32,
    completionMode: T.enumOf('NonIndexed', 'Indexed'),
    suspend: T.boolean,
    podReplacementPolicy: T.enumOf('TerminatingOrFailed', 'Failed'),
    managedBy: T.string,
  });
  def('batch.v1.JobStatus', {
    conditions: T.listOf('batch.v1.JobCondition', { patch: 'merge', key: 'type', type: 'atomic' }),
    startTime: T.time,
    completionTime: T.time,
    active: T.int32,
    succeeded: T.int32,
    failed: T.int32,
    terminating: T.int32,
    completedIndexes: T.string,
    failedIndexes: T.string,
    uncountedTerminatedPods: 'batch.v1.UncountedTerminatedPods',
    ready: T.int32,
  });
  def('batch.v1.CronJobSpec', {
    'schedule!': T.string,
    timeZone: T.string,
    startingDeadlineSeconds: T.int64,
    concurrencyPolicy: T.enumOf('Allow', 'Forbid', 'Replace'),
    suspend: T.boolean,
    'jobTemplate!': 'batch.v1.JobTemplateSpec',
    successfulJobsHistoryLimit: T.int32,
    failedJobsHistoryLimit: T.int32,
  });
  def('batch.v1.CronJobStatus', {
    active: T.listOf('core.v1.ObjectReference', { type: 'atomic' }),
    lastScheduleTime: T.time,
    lastSuccessfulTime: T.time,
  });
  def('batch.v1.PodFailurePolicy', {
    'rules!': T.listOf('batch.v1.PodFailurePolicyRule', { type: 'atomic' }),
  });
  def('batch.v1.SuccessPolicy', {
    'rules!': T.listOf('batch.v1.SuccessPolicyRule', { type: 'atomic' }),
  });
  def('batch.v1.JobCondition', {
    'type!': T.string,
    'status!': T.string,
    lastProbeTime: T.time,
    lastTransitionTime: T.time,
    reason: T.string,
    message: T.string,
  });
  def('batch.v1.UncountedTerminatedPods', {
    succeeded: T.listOf(T.string, { type: 'set' }),
    failed: T.listOf(T.string, { type: 'set' }),
  });
  def('batch.v1.JobTemplateSpec', {
    metadata: 'meta.v1.ObjectMeta',
    spec: 'batch.v1.JobSpec',
  });
  def('batch.v1.PodFailurePolicyRule', {
    'action!': T.enumOf('FailJob', 'FailIndex', 'Ignore', 'Count'),
    onExitCodes: 'batch.v1.PodFailurePolicyOnExitCodesRequirement',
    onPodConditions: T.listOf('batch.v1.PodFailurePolicyOnPodConditionsPattern', { type: 'atomic' }),
  });
  def('batch.v1.SuccessPolicyRule', {
    succeededIndexes: T.string,
    succeededCount: T.int32,
  });
  def('batch.v1.PodFailurePolicyOnExitCodesRequirement', {
    containerName: T.string,
    'operator!': T.enumOf('In', 'NotIn'),
    'values!': T.listOf(T.int32, { type: 'set' }),
  });
  def('batch.v1.PodFailurePolicyOnPodConditionsPattern', {
    'type!': T.string,
    status: T.string,
  });
}
