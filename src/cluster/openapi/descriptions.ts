/**
 * Short descriptions for `kubectl explain`, in our own words: `<definition>` for a type,
 * `<definition>.<field>` for a field. Types and fields without an entry are published without one.
 * The most explained core and workload types have their own files beside this one.
 */
import { CORE_DESCRIPTIONS } from './descriptions-core.ts';
import { WORKLOAD_DESCRIPTIONS } from './descriptions-workloads.ts';

/** Kinds whose apiVersion and kind fields are described (the envelope every object has). */
const DESCRIBED_KINDS = [
  'core.v1.Pod',
  'core.v1.Service',
  'core.v1.ConfigMap',
  'core.v1.Secret',
  'core.v1.PersistentVolumeClaim',
  'apps.v1.Deployment',
  'apps.v1.ReplicaSet',
  'apps.v1.StatefulSet',
  'apps.v1.DaemonSet',
  'batch.v1.Job',
  'batch.v1.CronJob',
];

const ENVELOPE: Record<string, string> = Object.fromEntries(
  DESCRIBED_KINDS.flatMap((kind) => [
    [
      `${kind}.apiVersion`,
      'Group and version of the schema the object is written in (e.g. apps/v1); the server converts between versions it serves.',
    ],
    [`${kind}.kind`, 'The type of the object, in CamelCase (e.g. Deployment). Cannot be updated.'],
  ]),
);

const GENERAL: Record<string, string> = {
  'meta.v1.ObjectMeta':
    'Metadata every persisted object has: name, namespace, labels, annotations and bookkeeping set by the server.',
  'meta.v1.ObjectMeta.name':
    'Name of the object, unique within its namespace (or the cluster, for cluster-scoped kinds). Cannot be updated.',
  'meta.v1.ObjectMeta.generateName': 'Prefix the server uses to generate a unique name when name is empty.',
  'meta.v1.ObjectMeta.namespace': 'Namespace the object lives in; empty for cluster-scoped kinds.',
  'meta.v1.ObjectMeta.labels': 'Key/value pairs used to organise and select objects (label selectors).',
  'meta.v1.ObjectMeta.annotations':
    'Key/value pairs for arbitrary non-identifying metadata; not used for selection.',
  'meta.v1.ObjectMeta.uid': 'Unique id the server assigns at creation. Read-only.',
  'meta.v1.ObjectMeta.resourceVersion':
    'Opaque version of the object, changed on every write; used for optimistic concurrency and watches. Read-only.',
  'meta.v1.ObjectMeta.generation':
    'Sequence number of the desired state (spec), incremented by the server on spec changes. Read-only.',
  'meta.v1.ObjectMeta.creationTimestamp': 'Time the server created the object (RFC 3339, UTC). Read-only.',
  'meta.v1.ObjectMeta.deletionTimestamp':
    'Time after which the object will be deleted; set when deletion was requested. Read-only.',
  'meta.v1.ObjectMeta.finalizers': 'Keys that must be removed before the object is deleted from storage.',
  'meta.v1.ObjectMeta.ownerReferences':
    'Objects this object depends on; when all owners are gone it is garbage collected.',
  'meta.v1.ObjectMeta.managedFields':
    'Which field manager owns which fields (server-side apply bookkeeping).',
  'meta.v1.LabelSelector':
    'A label query: matchLabels and matchExpressions are ANDed; an empty selector matches everything.',
  'meta.v1.LabelSelector.matchLabels': 'Labels that must all be present with these values.',
  'meta.v1.LabelSelector.matchExpressions':
    'Label requirements (key, operator In/NotIn/Exists/DoesNotExist, values) that must all hold.',
  'meta.v1.Time': 'A timestamp in RFC 3339 form, e.g. 2025-01-02T15:04:05Z.',
  'resource.Quantity': 'A fixed-point amount with an optional suffix: 500m, 1.5, 128Mi, 2Gi, 1e3.',
  'intstr.IntOrString': 'Either an integer or a string (often a percentage such as "25%", or a port name).',
  'apps.v1.Deployment':
    'Declarative updates for Pods and ReplicaSets: keeps the desired number of Pods of a template running and rolls out changes.',
  'apps.v1.Deployment.metadata': 'Standard object metadata.',
  'apps.v1.Deployment.spec': 'Desired state of the Deployment.',
  'apps.v1.Deployment.status': 'Most recently observed state of the Deployment. Read-only.',
  'apps.v1.DeploymentSpec': 'The desired behaviour of a Deployment.',
  'apps.v1.DeploymentSpec.replicas': 'Number of desired Pods. Defaults to 1.',
  'apps.v1.DeploymentSpec.selector':
    "Label selector of the Pods this Deployment manages; must match the template's labels. Immutable.",
  'apps.v1.DeploymentSpec.template': 'Template of the Pods to create.',
  'apps.v1.DeploymentSpec.strategy': 'How existing Pods are replaced by new ones.',
  'apps.v1.DeploymentSpec.minReadySeconds':
    'Seconds a new Pod must be ready without crashing to count as available. Defaults to 0.',
  'apps.v1.DeploymentSpec.revisionHistoryLimit': 'Old ReplicaSets kept for rollback. Defaults to 10.',
  'apps.v1.DeploymentSpec.paused':
    'Pauses the rollout: changes to the template are not rolled out while true.',
  'apps.v1.DeploymentSpec.progressDeadlineSeconds':
    'Seconds a rollout may make no progress before it is reported failed. Defaults to 600.',
  'apps.v1.DeploymentStrategy': 'How to replace existing Pods with new ones.',
  'apps.v1.DeploymentStrategy.type': 'Recreate (kill all old Pods first) or RollingUpdate (the default).',
  'apps.v1.DeploymentStrategy.rollingUpdate': 'Rolling update parameters; only when type is RollingUpdate.',
  'apps.v1.RollingUpdateDeployment': 'Bounds of a rolling update.',
  'apps.v1.RollingUpdateDeployment.maxUnavailable':
    'Pods that may be unavailable during the update: a number or a percentage of replicas (rounded down). Defaults to 25%.',
  'apps.v1.RollingUpdateDeployment.maxSurge':
    'Pods that may be created above the desired count: a number or a percentage of replicas (rounded up). Defaults to 25%.',
  'apps.v1.ReplicaSet': 'Keeps a given number of Pod replicas of a template running.',
  'apps.v1.StatefulSet': 'Manages Pods with stable identities and stable per-Pod storage.',
  'apps.v1.DaemonSet': 'Runs one copy of a Pod on each (selected) node.',
  'batch.v1.Job': 'Runs Pods until a given number of them complete successfully.',
  'batch.v1.CronJob': 'Creates Jobs on a cron schedule.',
  'core.v1.PodTemplateSpec': 'The metadata and spec of Pods created from a template.',
  'core.v1.Pod': 'A group of containers scheduled together on one node, sharing network and storage.',
  'core.v1.Pod.spec': 'Desired behaviour of the Pod.',
  'core.v1.Pod.status': 'Most recently observed status of the Pod. Read-only.',
  'core.v1.PodSpec': 'The description of a Pod: its containers, volumes and scheduling constraints.',
  'core.v1.PodSpec.containers':
    'Containers of the Pod; at least one. Cannot be added or removed after creation.',
  'core.v1.PodSpec.initContainers':
    'Containers run to completion, in order, before the app containers start.',
  'core.v1.PodSpec.volumes': 'Volumes the containers of the Pod can mount.',
  'core.v1.PodSpec.restartPolicy': 'Restart policy of the containers: Always (default), OnFailure or Never.',
  'core.v1.PodSpec.nodeSelector': 'Labels a node must have for the Pod to be scheduled there.',
  'core.v1.PodSpec.serviceAccountName': 'Service account the Pod runs as.',
  'core.v1.PodSpec.tolerations': 'Taints the Pod tolerates.',
  'core.v1.PodSpec.affinity': 'Node and inter-pod affinity and anti-affinity scheduling rules.',
  'core.v1.PodSpec.terminationGracePeriodSeconds':
    'Seconds the Pod is given to stop gracefully. Defaults to 30.',
  'core.v1.Container': 'One container of a Pod.',
  'core.v1.Container.name': 'Name of the container, unique within the Pod (a DNS label). Cannot be updated.',
  'core.v1.Container.image': 'Container image name.',
  'core.v1.Container.command': "Entrypoint array; replaces the image's ENTRYPOINT. Not run in a shell.",
  'core.v1.Container.args': "Arguments to the entrypoint; replace the image's CMD.",
  'core.v1.Container.ports':
    'Ports the container exposes (informational; any port the process listens on is reachable).',
  'core.v1.Container.env': 'Environment variables to set in the container.',
  'core.v1.Container.envFrom': 'Sources (ConfigMaps, Secrets) whose keys become environment variables.',
  'core.v1.Container.resources': 'Compute resources the container requests and is limited to.',
  'core.v1.Container.volumeMounts': "Volumes of the Pod to mount into the container's filesystem.",
  'core.v1.Container.livenessProbe': 'Probe of container liveness; the container is restarted when it fails.',
  'core.v1.Container.readinessProbe':
    'Probe of readiness to serve; the Pod is removed from Service endpoints when it fails.',
  'core.v1.Container.imagePullPolicy':
    'Always, Never or IfNotPresent. Defaults to Always for :latest, IfNotPresent otherwise.',
  'core.v1.ContainerPort': 'A network port of a container.',
  'core.v1.ContainerPort.containerPort': "Port number on the Pod's IP address (1-65535).",
  'core.v1.ContainerPort.protocol': 'TCP (default), UDP or SCTP.',
  'core.v1.ContainerPort.name':
    'Name of the port (an IANA_SVC_NAME), unique within the Pod; Services can refer to it.',
  'core.v1.EnvVar': 'An environment variable of a container.',
  'core.v1.ResourceRequirements': 'Compute resource requests and limits.',
  'core.v1.ResourceRequirements.limits': 'Maximum amount of each resource the container may use.',
  'core.v1.ResourceRequirements.requests':
    'Amount of each resource the container needs; used for scheduling. Defaults to the limits.',
  'core.v1.Service':
    'A named abstraction of a set of Pods (selected by labels) reachable on a stable address and ports.',
  'core.v1.ServiceSpec': 'The desired behaviour of a Service.',
  'core.v1.ServiceSpec.type': 'ClusterIP (default), NodePort, LoadBalancer or ExternalName.',
  'core.v1.ServiceSpec.selector': 'Labels of the Pods traffic is routed to.',
  'core.v1.ServiceSpec.ports': 'Ports the Service exposes.',
  'core.v1.ServicePort': 'A port of a Service.',
  'core.v1.ServicePort.port': 'Port the Service exposes.',
  'core.v1.ServicePort.targetPort': 'Number or name of the port on the Pods. Defaults to port.',
  'core.v1.ConfigMap': 'Configuration data for Pods to consume, as key/value pairs.',
  'core.v1.ConfigMap.data': 'UTF-8 configuration data.',
  'core.v1.ConfigMap.binaryData': 'Binary configuration data (base64 in JSON).',
  'core.v1.Secret': 'Sensitive data (passwords, tokens, keys) for Pods to consume.',
  'core.v1.Secret.data': 'Secret values, base64 encoded.',
  'core.v1.Secret.stringData': 'Write-only convenience field: plain-text values merged into data on write.',
  'core.v1.Secret.type':
    'Used to ease programmatic handling of secret data, e.g. Opaque or kubernetes.io/tls.',
  'core.v1.Namespace': 'A scope for names; most objects live in a namespace.',
  'core.v1.ServiceAccount': 'An identity for processes running in Pods.',
  'networking.v1.Ingress': 'Rules routing external HTTP(S) traffic to Services.',
  'autoscaling.v1.Scale': 'The scale subresource: desired and observed replica counts.',
  'autoscaling.v2.HorizontalPodAutoscaler': 'Scales a workload automatically from observed metrics.',
  'policy.v1.PodDisruptionBudget':
    'Limits how many Pods of a set voluntary disruptions may take down at once.',
  'rbac.v1.Role': 'A namespaced set of permissions (policy rules).',
  'rbac.v1.ClusterRole': 'A cluster-wide set of permissions (policy rules).',
  'rbac.v1.RoleBinding': 'Grants the permissions of a Role or ClusterRole to subjects within a namespace.',
  'rbac.v1.ClusterRoleBinding': 'Grants the permissions of a ClusterRole to subjects cluster-wide.',
  'apiextensions.v1.CustomResourceDefinition': 'Defines a custom resource type the API server then serves.',
};

const DESCRIPTIONS: Record<string, string> = {
  ...ENVELOPE,
  ...CORE_DESCRIPTIONS,
  ...WORKLOAD_DESCRIPTIONS,
  ...GENERAL,
};

export function describe(key: string): string | undefined {
  return DESCRIPTIONS[key];
}
