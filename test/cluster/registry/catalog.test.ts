import { describe, expect, test } from 'vitest';
import { allStrategies, strategy } from './helpers.ts';

// Facts as `kubectl api-resources -o wide` prints them against a v1.35 kube-apiserver.
const cases: [
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  short: string[],
  categories: string[],
][] = [
  ['', 'v1', 'pods', 'Pod', true, ['po'], ['all']],
  ['', 'v1', 'services', 'Service', true, ['svc'], ['all']],
  ['', 'v1', 'configmaps', 'ConfigMap', true, ['cm'], []],
  ['', 'v1', 'secrets', 'Secret', true, [], []],
  ['', 'v1', 'namespaces', 'Namespace', false, ['ns'], []],
  ['', 'v1', 'nodes', 'Node', false, ['no'], []],
  ['', 'v1', 'replicationcontrollers', 'ReplicationController', true, ['rc'], ['all']],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc'], []],
  ['', 'v1', 'limitranges', 'LimitRange', true, ['limits'], []],
  ['', 'v1', 'resourcequotas', 'ResourceQuota', true, ['quota'], []],
  ['apps', 'v1', 'deployments', 'Deployment', true, ['deploy'], ['all']],
  ['apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts'], ['all']],
  ['apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds'], ['all']],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs'], ['all']],
  ['apps', 'v1', 'controllerrevisions', 'ControllerRevision', true, [], []],
  ['batch', 'v1', 'jobs', 'Job', true, [], ['all']],
  ['batch', 'v1', 'cronjobs', 'CronJob', true, ['cj'], ['all']],
  ['autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa'], ['all']],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, ['ing'], []],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, ['netpol'], []],
  ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb'], []],
  ['rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false, [], []],
  ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, ['sc'], []],
  [
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
    ['crd', 'crds'],
    ['api-extensions'],
  ],
];

describe('resource catalog', () => {
  test.each(cases)('%s/%s %s', (group, version, plural, kind, namespaced, short, categories) => {
    const { info } = strategy(group, version, plural);
    expect({
      kind: info.kind,
      listKind: info.listKind,
      namespaced: info.namespaced,
      short: info.shortNames,
      categories: info.categories,
    }).toEqual({
      kind,
      listKind: `${kind}List`,
      namespaced,
      short,
      categories,
    });
  });

  test('namespaces cannot be deleted as a collection; scale lives on the replica-managing kinds', () => {
    expect(strategy('', 'v1', 'namespaces').info.verbs).not.toContain('deletecollection');
    const scaled = allStrategies
      .filter((s) => s.info.subresources.scale)
      .map((s) => `${s.info.group}/${s.info.plural}`);
    expect(scaled.sort()).toEqual([
      '/replicationcontrollers',
      'apps/deployments',
      'apps/replicasets',
      'apps/statefulsets',
    ]);
  });

  test('every resource is served once per group/version', () => {
    const keys = allStrategies.map((s) => `${s.info.group}/${s.info.version}/${s.info.plural}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
