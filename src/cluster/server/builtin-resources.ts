// The facts about Kubernetes' built-in resources that discovery and routing
// need, for serving them with the generic strategy until (or unless) the
// registry room supplies per-kind strategies. The registry's own catalog wins
// over these when both are given.

import type { ResourceInfo } from '../registry/types.ts';

const crud = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

type Fact = [
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  shortNames: string[],
  categories: string[],
  subresources?: ResourceInfo['subresources'],
];

const replicas = {
  specReplicasPath: '.spec.replicas',
  statusReplicasPath: '.status.replicas',
  labelSelectorPath: '.status.selector',
};

const facts: Fact[] = [
  ['', 'v1', 'ConfigMap', 'configmaps', true, ['cm'], []],
  ['', 'v1', 'Endpoints', 'endpoints', true, ['ep'], []],
  ['', 'v1', 'Event', 'events', true, ['ev'], []],
  ['', 'v1', 'LimitRange', 'limitranges', true, ['limits'], []],
  ['', 'v1', 'Namespace', 'namespaces', false, ['ns'], [], { status: true }],
  ['', 'v1', 'Node', 'nodes', false, ['no'], [], { status: true }],
  ['', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc'], [], { status: true }],
  ['', 'v1', 'PersistentVolume', 'persistentvolumes', false, ['pv'], [], { status: true }],
  ['', 'v1', 'Pod', 'pods', true, ['po'], ['all'], { status: true }],
  ['', 'v1', 'ResourceQuota', 'resourcequotas', true, ['quota'], [], { status: true }],
  ['', 'v1', 'Secret', 'secrets', true, [], []],
  ['', 'v1', 'ServiceAccount', 'serviceaccounts', true, ['sa'], []],
  ['', 'v1', 'Service', 'services', true, ['svc'], ['all'], { status: true }],
  ['apps', 'v1', 'ControllerRevision', 'controllerrevisions', true, [], []],
  ['apps', 'v1', 'DaemonSet', 'daemonsets', true, ['ds'], ['all'], { status: true }],
  ['apps', 'v1', 'Deployment', 'deployments', true, ['deploy'], ['all'], { status: true, scale: replicas }],
  ['apps', 'v1', 'ReplicaSet', 'replicasets', true, ['rs'], ['all'], { status: true, scale: replicas }],
  ['apps', 'v1', 'StatefulSet', 'statefulsets', true, ['sts'], ['all'], { status: true, scale: replicas }],
  [
    'autoscaling',
    'v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    true,
    ['hpa'],
    ['all'],
    { status: true },
  ],
  ['batch', 'v1', 'CronJob', 'cronjobs', true, ['cj'], ['all'], { status: true }],
  ['batch', 'v1', 'Job', 'jobs', true, [], ['all'], { status: true }],
  ['coordination.k8s.io', 'v1', 'Lease', 'leases', true, [], []],
  ['discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true, [], []],
  ['events.k8s.io', 'v1', 'Event', 'events', true, ['ev'], []],
  ['networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, ['ing'], [], { status: true }],
  ['networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, ['netpol'], []],
  ['policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, ['pdb'], [], { status: true }],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false, [], []],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false, [], []],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true, [], []],
  ['rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true, [], []],
  [
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
    ['crd', 'crds'],
    ['api-extensions'],
    { status: true },
  ],
];

export const builtinResources: readonly ResourceInfo[] = facts.map(
  ([group, version, kind, plural, namespaced, shortNames, categories, subresources]) => ({
    group,
    version,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames,
    categories,
    // Namespaces are removed by their deletion, not by deletecollection.
    verbs: plural === 'namespaces' ? crud.filter((v) => v !== 'deletecollection') : crud,
    subresources: subresources ?? {},
  }),
);
