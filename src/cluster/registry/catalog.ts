// The served resources and their discovery facts (what `kubectl api-resources -o wide` shows
// against a v1.35 kube-apiserver): short names, categories, verbs, subresources.
import type { ResourceInfo } from './types.ts';

const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface InfoSpec {
  group?: string;
  version?: string;
  kind: string;
  plural: string;
  namespaced?: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  status?: boolean;
  scale?: boolean;
  eviction?: ResourceInfo['subresources']['eviction'];
}

function info(spec: InfoSpec): ResourceInfo {
  return {
    group: spec.group ?? '',
    version: spec.version ?? 'v1',
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    plural: spec.plural,
    singular: spec.kind.toLowerCase(),
    namespaced: spec.namespaced ?? true,
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    verbs: spec.verbs ?? allVerbs,
    subresources: {
      ...(spec.status ? { status: true } : {}),
      // Built-in kinds compute the Scale's selector from spec.selector (see scaleSelector), not from a path.
      ...(spec.scale
        ? { scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } }
        : {}),
      ...(spec.eviction ? { eviction: spec.eviction } : {}),
    },
  };
}

const all = ['all'];

export const catalog = {
  // core/v1
  configmaps: info({ kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'] }),
  endpoints: info({ kind: 'Endpoints', plural: 'endpoints', shortNames: ['ep'] }),
  events: info({ kind: 'Event', plural: 'events', shortNames: ['ev'] }),
  limitranges: info({ kind: 'LimitRange', plural: 'limitranges', shortNames: ['limits'] }),
  namespaces: info({
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    status: true,
  }),
  nodes: info({ kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], status: true }),
  persistentvolumeclaims: info({
    kind: 'PersistentVolumeClaim',
    plural: 'persistentvolumeclaims',
    shortNames: ['pvc'],
    status: true,
  }),
  persistentvolumes: info({
    kind: 'PersistentVolume',
    plural: 'persistentvolumes',
    namespaced: false,
    shortNames: ['pv'],
    status: true,
  }),
  pods: info({
    kind: 'Pod',
    plural: 'pods',
    shortNames: ['po'],
    categories: all,
    status: true,
    // served by the server's eviction handler; kubectl drain finds it through discovery
    eviction: { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
  }),
  podtemplates: info({ kind: 'PodTemplate', plural: 'podtemplates' }),
  replicationcontrollers: info({
    kind: 'ReplicationController',
    plural: 'replicationcontrollers',
    shortNames: ['rc'],
    categories: all,
    status: true,
    scale: true,
  }),
  resourcequotas: info({
    kind: 'ResourceQuota',
    plural: 'resourcequotas',
    shortNames: ['quota'],
    status: true,
  }),
  secrets: info({ kind: 'Secret', plural: 'secrets' }),
  serviceaccounts: info({ kind: 'ServiceAccount', plural: 'serviceaccounts', shortNames: ['sa'] }),
  services: info({ kind: 'Service', plural: 'services', shortNames: ['svc'], categories: all, status: true }),
  // apps/v1
  controllerrevisions: info({ group: 'apps', kind: 'ControllerRevision', plural: 'controllerrevisions' }),
  daemonsets: info({
    group: 'apps',
    kind: 'DaemonSet',
    plural: 'daemonsets',
    shortNames: ['ds'],
    categories: all,
    status: true,
  }),
  deployments: info({
    group: 'apps',
    kind: 'Deployment',
    plural: 'deployments',
    shortNames: ['deploy'],
    categories: all,
    status: true,
    scale: true,
  }),
  replicasets: info({
    group: 'apps',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    shortNames: ['rs'],
    categories: all,
    status: true,
    scale: true,
  }),
  statefulsets: info({
    group: 'apps',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    shortNames: ['sts'],
    categories: all,
    status: true,
    scale: true,
  }),
  // autoscaling
  horizontalpodautoscalersV2: info({
    group: 'autoscaling',
    version: 'v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    shortNames: ['hpa'],
    categories: all,
    status: true,
  }),
  horizontalpodautoscalersV1: info({
    group: 'autoscaling',
    version: 'v1',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    shortNames: ['hpa'],
    categories: all,
    status: true,
  }),
  // batch/v1
  cronjobs: info({
    group: 'batch',
    kind: 'CronJob',
    plural: 'cronjobs',
    shortNames: ['cj'],
    categories: all,
    status: true,
  }),
  jobs: info({ group: 'batch', kind: 'Job', plural: 'jobs', categories: all, status: true }),
  // coordination, discovery, events
  leases: info({ group: 'coordination.k8s.io', kind: 'Lease', plural: 'leases' }),
  endpointslices: info({ group: 'discovery.k8s.io', kind: 'EndpointSlice', plural: 'endpointslices' }),
  eventsV1: info({ group: 'events.k8s.io', kind: 'Event', plural: 'events', shortNames: ['ev'] }),
  // networking.k8s.io/v1
  ingressclasses: info({
    group: 'networking.k8s.io',
    kind: 'IngressClass',
    plural: 'ingressclasses',
    namespaced: false,
  }),
  ingresses: info({
    group: 'networking.k8s.io',
    kind: 'Ingress',
    plural: 'ingresses',
    shortNames: ['ing'],
    status: true,
  }),
  networkpolicies: info({
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    shortNames: ['netpol'],
  }),
  // policy/v1
  poddisruptionbudgets: info({
    group: 'policy',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    shortNames: ['pdb'],
    status: true,
  }),
  // rbac.authorization.k8s.io/v1
  clusterrolebindings: info({
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    namespaced: false,
  }),
  clusterroles: info({
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    plural: 'clusterroles',
    namespaced: false,
  }),
  rolebindings: info({ group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', plural: 'rolebindings' }),
  roles: info({ group: 'rbac.authorization.k8s.io', kind: 'Role', plural: 'roles' }),
  // storage.k8s.io/v1
  storageclasses: info({
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    plural: 'storageclasses',
    namespaced: false,
    shortNames: ['sc'],
  }),
  // apiextensions.k8s.io/v1
  customresourcedefinitions: info({
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    status: true,
  }),
} satisfies Record<string, ResourceInfo>;
