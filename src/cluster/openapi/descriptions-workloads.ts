/**
 * Our own short descriptions of the workload kinds most often explained: Deployment,
 * ReplicaSet, StatefulSet, DaemonSet (apps/v1) and Job, CronJob (batch/v1). Keys as in
 * descriptions.ts: `<definition>` or `<definition>.<field>`.
 */
export const WORKLOAD_DESCRIPTIONS: Record<string, string> = {
  // --- Deployment status
  'apps.v1.DeploymentStatus': 'What the Deployment controller last observed about the rollout.',
  'apps.v1.DeploymentStatus.observedGeneration':
    'The metadata.generation the controller acted on; lower than the current generation while a change is still unseen.',
  'apps.v1.DeploymentStatus.replicas': 'Pods of all ReplicaSets of the Deployment that are not terminating.',
  'apps.v1.DeploymentStatus.updatedReplicas': 'Pods running the current template.',
  'apps.v1.DeploymentStatus.readyReplicas': 'Pods whose Ready condition is true.',
  'apps.v1.DeploymentStatus.availableReplicas': 'Pods that have been ready for at least minReadySeconds.',
  'apps.v1.DeploymentStatus.unavailableReplicas':
    'Pods still missing before every desired replica is available.',
  'apps.v1.DeploymentStatus.terminatingReplicas': 'Pods of the Deployment that are shutting down.',
  'apps.v1.DeploymentStatus.conditions':
    'Available and Progressing (and ReplicaFailure when Pods cannot be created), each with a reason.',
  'apps.v1.DeploymentStatus.collisionCount':
    'Bumped when a new ReplicaSet name collides with an existing one, to make the next name unique.',
  'apps.v1.DeploymentCondition': 'One aspect of the state of a Deployment at a point in time.',
  'apps.v1.DeploymentCondition.type': 'Available, Progressing or ReplicaFailure.',
  'apps.v1.DeploymentCondition.status': 'True, False or Unknown.',
  'apps.v1.DeploymentCondition.reason':
    'A CamelCase word saying why, e.g. NewReplicaSetAvailable or ProgressDeadlineExceeded.',
  'apps.v1.DeploymentCondition.message': 'A sentence for humans about the last transition.',
  'apps.v1.DeploymentCondition.lastUpdateTime': 'When the condition was last updated.',
  'apps.v1.DeploymentCondition.lastTransitionTime': 'When the status last changed.',

  // --- ReplicaSet
  'apps.v1.ReplicaSet.metadata': 'Standard object metadata.',
  'apps.v1.ReplicaSet.spec': 'Desired state of the ReplicaSet.',
  'apps.v1.ReplicaSet.status': 'Most recently observed state of the ReplicaSet. Read-only.',
  'apps.v1.ReplicaSetSpec': 'The desired behaviour of a ReplicaSet.',
  'apps.v1.ReplicaSetSpec.replicas': 'Number of Pods to keep running. Defaults to 1.',
  'apps.v1.ReplicaSetSpec.minReadySeconds':
    'Seconds a new Pod must stay ready to count as available. Defaults to 0.',
  'apps.v1.ReplicaSetSpec.selector':
    "Label selector of the Pods the ReplicaSet counts as its own; must match the template's labels.",
  'apps.v1.ReplicaSetSpec.template': 'Template of the Pods created when too few are running.',
  'apps.v1.ReplicaSetStatus': 'What the ReplicaSet controller last observed.',
  'apps.v1.ReplicaSetStatus.replicas': 'Pods the ReplicaSet currently owns.',
  'apps.v1.ReplicaSetStatus.fullyLabeledReplicas': "Pods whose labels match all of the template's labels.",
  'apps.v1.ReplicaSetStatus.readyReplicas': 'Owned Pods whose Ready condition is true.',
  'apps.v1.ReplicaSetStatus.availableReplicas': 'Owned Pods ready for at least minReadySeconds.',
  'apps.v1.ReplicaSetStatus.observedGeneration': 'The metadata.generation the controller acted on.',

  // --- StatefulSet
  'apps.v1.StatefulSet.metadata': 'Standard object metadata.',
  'apps.v1.StatefulSet.spec': 'Desired state of the StatefulSet.',
  'apps.v1.StatefulSet.status': 'Most recently observed state of the StatefulSet. Read-only.',
  'apps.v1.StatefulSetSpec': 'The desired behaviour of a StatefulSet.',
  'apps.v1.StatefulSetSpec.replicas':
    'Number of Pods, named <name>-0, <name>-1, ... in ordinal order. Defaults to 1.',
  'apps.v1.StatefulSetSpec.selector':
    "Label selector of the StatefulSet's Pods; must match the template's labels. Immutable.",
  'apps.v1.StatefulSetSpec.template':
    'Template of the Pods; each Pod gets its own name, hostname and claims from volumeClaimTemplates.',
  'apps.v1.StatefulSetSpec.volumeClaimTemplates':
    'PersistentVolumeClaims created once per Pod (named <template>-<pod>) and kept across restarts and rescheduling.',
  'apps.v1.StatefulSetSpec.serviceName':
    'Headless Service that gives each Pod a stable DNS name <pod>.<serviceName>.',
  'apps.v1.StatefulSetSpec.podManagementPolicy':
    'OrderedReady (the default) creates and removes Pods one at a time in ordinal order; Parallel does not wait.',
  'apps.v1.StatefulSetSpec.updateStrategy': 'How Pods are replaced when the template changes.',
  'apps.v1.StatefulSetSpec.revisionHistoryLimit': 'ControllerRevisions kept for rollback. Defaults to 10.',
  'apps.v1.StatefulSetSpec.minReadySeconds':
    'Seconds a new Pod must stay ready to count as available. Defaults to 0.',
  'apps.v1.StatefulSetSpec.persistentVolumeClaimRetentionPolicy':
    'Whether claims from volumeClaimTemplates are kept or deleted when the StatefulSet is deleted or scaled down.',
  'apps.v1.StatefulSetSpec.ordinals': 'Where Pod numbering starts.',
  'apps.v1.StatefulSetUpdateStrategy': 'How a StatefulSet replaces its Pods.',
  'apps.v1.StatefulSetUpdateStrategy.type':
    'RollingUpdate (the default) replaces Pods from the highest ordinal down; OnDelete only when you delete a Pod.',
  'apps.v1.StatefulSetUpdateStrategy.rollingUpdate':
    'Rolling update parameters; only when type is RollingUpdate.',
  'apps.v1.RollingUpdateStatefulSetStrategy': 'Bounds of a StatefulSet rolling update.',
  'apps.v1.RollingUpdateStatefulSetStrategy.partition':
    'Only Pods with an ordinal at or above this number are updated; the rest keep the old revision. Defaults to 0.',
  'apps.v1.RollingUpdateStatefulSetStrategy.maxUnavailable':
    'Pods that may be unavailable during the update: a number or a percentage of replicas. Defaults to 1.',
  'apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy':
    'What happens to claims created from volumeClaimTemplates.',
  'apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted':
    'Retain (the default) or Delete the claims when the StatefulSet is deleted.',
  'apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled':
    'Retain (the default) or Delete the claims of Pods removed by scaling down.',
  'apps.v1.StatefulSetOrdinals': 'Numbering of StatefulSet Pods.',
  'apps.v1.StatefulSetOrdinals.start': 'Ordinal of the first Pod. Defaults to 0.',
  'apps.v1.StatefulSetStatus': 'What the StatefulSet controller last observed.',
  'apps.v1.StatefulSetStatus.replicas': 'Pods the StatefulSet has created.',
  'apps.v1.StatefulSetStatus.readyReplicas': 'Pods whose Ready condition is true.',
  'apps.v1.StatefulSetStatus.currentReplicas': 'Pods at currentRevision.',
  'apps.v1.StatefulSetStatus.updatedReplicas': 'Pods at updateRevision.',
  'apps.v1.StatefulSetStatus.availableReplicas': 'Pods ready for at least minReadySeconds.',
  'apps.v1.StatefulSetStatus.currentRevision': 'ControllerRevision the older Pods were created from.',
  'apps.v1.StatefulSetStatus.updateRevision': 'ControllerRevision of the current template.',

  // --- DaemonSet
  'apps.v1.DaemonSet.metadata': 'Standard object metadata.',
  'apps.v1.DaemonSet.spec': 'Desired state of the DaemonSet.',
  'apps.v1.DaemonSet.status': 'Most recently observed state of the DaemonSet. Read-only.',
  'apps.v1.DaemonSetSpec': 'The desired behaviour of a DaemonSet.',
  'apps.v1.DaemonSetSpec.selector':
    "Label selector of the DaemonSet's Pods; must match the template's labels. Immutable.",
  'apps.v1.DaemonSetSpec.template':
    'Template of the Pod run on every eligible node (by nodeSelector, affinity and tolerations).',
  'apps.v1.DaemonSetSpec.updateStrategy': 'How Pods are replaced when the template changes.',
  'apps.v1.DaemonSetSpec.minReadySeconds':
    'Seconds a new Pod must stay ready to count as available. Defaults to 0.',
  'apps.v1.DaemonSetSpec.revisionHistoryLimit': 'ControllerRevisions kept for rollback. Defaults to 10.',
  'apps.v1.DaemonSetUpdateStrategy': 'How a DaemonSet replaces its Pods.',
  'apps.v1.DaemonSetUpdateStrategy.type':
    'RollingUpdate (the default) replaces Pods node by node; OnDelete only when you delete a Pod.',
  'apps.v1.DaemonSetUpdateStrategy.rollingUpdate':
    'Rolling update parameters; only when type is RollingUpdate.',
  'apps.v1.RollingUpdateDaemonSet': 'Bounds of a DaemonSet rolling update.',
  'apps.v1.RollingUpdateDaemonSet.maxUnavailable':
    'Nodes whose Pod may be down at once during the update: a number or a percentage of nodes. Defaults to 1.',
  'apps.v1.RollingUpdateDaemonSet.maxSurge':
    'Nodes that may briefly run the new Pod next to the old one: a number or a percentage. Defaults to 0.',
  'apps.v1.DaemonSetStatus': 'What the DaemonSet controller last observed.',
  'apps.v1.DaemonSetStatus.desiredNumberScheduled': 'Nodes that should run the Pod.',
  'apps.v1.DaemonSetStatus.currentNumberScheduled': 'Nodes running at least one Pod of the DaemonSet.',
  'apps.v1.DaemonSetStatus.numberMisscheduled': 'Nodes running the Pod that should not.',
  'apps.v1.DaemonSetStatus.numberReady': 'Nodes whose Pod is ready.',
  'apps.v1.DaemonSetStatus.updatedNumberScheduled': 'Nodes running the Pod of the current template.',
  'apps.v1.DaemonSetStatus.numberAvailable': 'Nodes whose Pod has been ready for minReadySeconds.',
  'apps.v1.DaemonSetStatus.numberUnavailable': 'Nodes that should run an available Pod and do not.',

  'apps.v1.ControllerRevision':
    'An immutable snapshot of a StatefulSet or DaemonSet template, used for rollouts and rollbacks.',
  'apps.v1.ControllerRevision.revision': 'Sequence number of the snapshot.',
  'apps.v1.ControllerRevision.data': 'The saved template.',

  // --- Job
  'batch.v1.Job.metadata': 'Standard object metadata.',
  'batch.v1.Job.spec': 'Desired behaviour of the Job.',
  'batch.v1.Job.status': 'Most recently observed state of the Job. Read-only.',
  'batch.v1.JobSpec': 'The desired behaviour of a Job.',
  'batch.v1.JobSpec.parallelism': 'Most Pods running at once. Defaults to 1.',
  'batch.v1.JobSpec.completions':
    'Successful Pods needed for the Job to complete; unset means any one success completes it.',
  'batch.v1.JobSpec.activeDeadlineSeconds':
    'Seconds the Job may run in total before its Pods are stopped and it fails.',
  'batch.v1.JobSpec.backoffLimit': 'Pod failures tolerated before the Job is marked failed. Defaults to 6.',
  'batch.v1.JobSpec.backoffLimitPerIndex': 'Failures tolerated per completion index (Indexed Jobs only).',
  'batch.v1.JobSpec.maxFailedIndexes': 'Failed indexes tolerated before the whole Job fails.',
  'batch.v1.JobSpec.selector': "Selector of the Job's Pods; generated unless manualSelector is true.",
  'batch.v1.JobSpec.manualSelector': 'Use the given selector instead of a generated one.',
  'batch.v1.JobSpec.template': 'Template of the Pods; restartPolicy must be OnFailure or Never.',
  'batch.v1.JobSpec.ttlSecondsAfterFinished':
    'Seconds after completion or failure before the Job (and its Pods) is deleted automatically.',
  'batch.v1.JobSpec.completionMode':
    'NonIndexed (the default): any completions count. Indexed: each Pod gets an index and every index must succeed.',
  'batch.v1.JobSpec.suspend': 'When true no Pods are created and running ones are stopped.',
  'batch.v1.JobSpec.podFailurePolicy': 'Rules that decide how particular Pod failures are handled.',
  'batch.v1.JobSpec.successPolicy': 'Rules that let an Indexed Job succeed before every index has.',
  'batch.v1.JobSpec.podReplacementPolicy':
    'When a failed Pod is replaced: TerminatingOrFailed (as soon as it starts terminating) or Failed.',
  'batch.v1.JobSpec.managedBy': 'The controller responsible for the Job, when not the built-in one.',
  'batch.v1.JobStatus': 'What the Job controller last observed.',
  'batch.v1.JobStatus.conditions': 'Complete, Failed, Suspended and related conditions.',
  'batch.v1.JobStatus.startTime': 'When the Job controller started working on the Job.',
  'batch.v1.JobStatus.completionTime': 'When the Job completed.',
  'batch.v1.JobStatus.active': 'Pods running or pending.',
  'batch.v1.JobStatus.succeeded': 'Pods that succeeded.',
  'batch.v1.JobStatus.failed': 'Pods that failed.',
  'batch.v1.JobStatus.ready': 'Running Pods whose Ready condition is true.',
  'batch.v1.JobTemplateSpec': 'The metadata and spec of Jobs created from a template.',
  'batch.v1.JobTemplateSpec.metadata': 'Metadata given to each created Job.',
  'batch.v1.JobTemplateSpec.spec': 'Spec of each created Job.',

  // --- CronJob
  'batch.v1.CronJob.metadata': 'Standard object metadata.',
  'batch.v1.CronJob.spec': 'Schedule and Job template of the CronJob.',
  'batch.v1.CronJob.status': 'Most recently observed state of the CronJob. Read-only.',
  'batch.v1.CronJobSpec': 'The desired behaviour of a CronJob.',
  'batch.v1.CronJobSpec.schedule':
    'When to run, in cron format (minute hour day-of-month month day-of-week), e.g. "*/5 * * * *".',
  'batch.v1.CronJobSpec.timeZone':
    'IANA time zone the schedule is read in, e.g. Europe/Paris. Defaults to the controller’s zone.',
  'batch.v1.CronJobSpec.startingDeadlineSeconds': 'A run missed by more than this many seconds is skipped.',
  'batch.v1.CronJobSpec.concurrencyPolicy':
    'Allow (the default) overlapping runs, Forbid a new run while one is active, or Replace the active one.',
  'batch.v1.CronJobSpec.suspend': 'When true no new Jobs are started; running ones continue.',
  'batch.v1.CronJobSpec.jobTemplate': 'The Job created at each scheduled time.',
  'batch.v1.CronJobSpec.successfulJobsHistoryLimit': 'Finished successful Jobs kept. Defaults to 3.',
  'batch.v1.CronJobSpec.failedJobsHistoryLimit': 'Failed Jobs kept. Defaults to 1.',
  'batch.v1.CronJobStatus': 'What the CronJob controller last observed.',
  'batch.v1.CronJobStatus.active': 'Jobs of this CronJob that are running.',
  'batch.v1.CronJobStatus.lastScheduleTime': 'When a Job was last started.',
  'batch.v1.CronJobStatus.lastSuccessfulTime': 'When a Job last completed successfully.',
};
