// The garbage collector over every served resource: owners and dependents of
// kinds no controller watches, cluster-scoped owners, dangling references
// checked by uid, several owners, orphan and foreground propagation with and
// without blockOwnerDeletion, and Job -> Pod collection.

import { afterEach, describe, expect, test } from 'vitest';
import {
  builtinTrackedResources,
  type KubeObject,
  podsResource,
  type Resource,
} from '../../../src/cluster/controllers/index.ts';
import { jobsResource } from '../../../src/cluster/controllers/job/controller.ts';
import { TestCluster } from './harness.ts';

const configMaps: Resource = { group: '', version: 'v1', resource: 'configmaps' };
const secrets: Resource = { group: '', version: 'v1', resource: 'secrets' };
const services: Resource = { group: '', version: 'v1', resource: 'services' };
const clusterRoles: Resource = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  resource: 'clusterroles',
};

let cluster: TestCluster;
afterEach(() => cluster?.stop());

function ref(owner: KubeObject, extra: KubeObject = {}): KubeObject {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata?.name,
    uid: owner.metadata?.uid,
    ...extra,
  };
}

async function secret(name: string, namespace = 'default'): Promise<KubeObject> {
  return cluster.client.create(secrets, namespace, { metadata: { name } });
}

async function configMap(
  name: string,
  ownerReferences: KubeObject[],
  namespace = 'default',
): Promise<KubeObject> {
  return cluster.client.create(configMaps, namespace, {
    metadata: { name, ownerReferences },
    data: { k: 'v' },
  });
}

async function configMapNames(namespace = 'default'): Promise<string[]> {
  return (await cluster.client.list(configMaps, namespace)).items
    .map((c) => c.metadata?.name as string)
    .sort();
}

async function exists(resource: Resource, namespace: string | undefined, name: string): Promise<boolean> {
  try {
    await cluster.client.get(resource, namespace, name);
    return true;
  } catch {
    return false;
  }
}

describe('garbage collector over every resource', () => {
  test('tracks every listable, watchable, deletable resource except events, one version each', () => {
    const names = builtinTrackedResources().map(
      (t) => `${t.resource.group}/${t.resource.version}/${t.resource.resource}`,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        '/v1/configmaps',
        'apps/v1/deployments',
        'batch/v1/jobs',
        'rbac.authorization.k8s.io/v1/clusterroles',
      ]),
    );
    expect(names.filter((n) => n.endsWith('/events'))).toEqual([]);
    expect(names.filter((n) => n.endsWith('/horizontalpodautoscalers'))).toEqual([
      'autoscaling/v2/horizontalpodautoscalers',
    ]);
    expect(new Set(names).size).toBe(names.length);
  });

  test('kinds no controller watches are cached as metadata only', async () => {
    cluster = await new TestCluster().start();
    const owner = await secret('s');
    await configMap('cm', [ref(owner)]);
    await cluster.run(0);
    const cached = cluster.manager.context.informers.forMetadata(configMaps).get('default', 'cm');
    expect(cached?.metadata?.ownerReferences).toHaveLength(1);
    expect(cached?.data).toBeUndefined();
  });

  test('background: deleting a Secret deletes the ConfigMaps it owns', async () => {
    cluster = await new TestCluster().start();
    const owner = await secret('s');
    await configMap('a', [ref(owner)]);
    await configMap('b', [ref(owner, { controller: true, blockOwnerDeletion: true })]);
    await configMap('free', []);
    await cluster.run(0);
    expect(await configMapNames()).toEqual(['a', 'b', 'free']);
    await cluster.client.delete(secrets, 'default', 's');
    await cluster.run(0);
    expect(await configMapNames()).toEqual(['free']);
  });

  test('dangling references are checked by uid: a same-named owner with another uid does not count', async () => {
    cluster = await new TestCluster().start();
    const svc = await cluster.client.create(services, 'default', {
      metadata: { name: 'svc' },
      spec: { ports: [{ port: 80 }] },
    });
    await configMap('right-uid', [ref(svc)]);
    await configMap('wrong-uid', [{ ...ref(svc), uid: '00000000-0000-0000-0000-000000000000' }]);
    await configMap('never-existed', [{ apiVersion: 'v1', kind: 'Secret', name: 'ghost', uid: 'ghost-uid' }]);
    await cluster.run(0);
    expect(await configMapNames()).toEqual(['right-uid']);
  });

  test('an owner of a kind the server does not serve keeps its dependents', async () => {
    cluster = await new TestCluster().start();
    await configMap('kept', [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'w-uid' }]);
    await cluster.run(1000);
    expect(await configMapNames()).toEqual(['kept']);
  });

  test('with one owner left, only the reference to the gone owner is dropped', async () => {
    cluster = await new TestCluster().start();
    const a = await secret('a');
    const b = await secret('b');
    await configMap('shared', [ref(a), ref(b)]);
    await cluster.run(0);
    await cluster.client.delete(secrets, 'default', 'a');
    await cluster.run(0);
    const shared = await cluster.client.get(configMaps, 'default', 'shared');
    expect(shared.metadata?.ownerReferences?.map((r: KubeObject) => r.name)).toEqual(['b']);
    await cluster.client.delete(secrets, 'default', 'b');
    await cluster.run(0);
    expect(await configMapNames()).toEqual([]);
  });

  test('a cluster-scoped owner collects namespaced dependents; a namespaced owner elsewhere is no owner', async () => {
    cluster = await new TestCluster().start();
    const role = await cluster.client.create(clusterRoles, undefined, { metadata: { name: 'r' }, rules: [] });
    const other = await secret('elsewhere', 'kube-system');
    await configMap('by-role', [ref(role)]);
    await configMap('cross-namespace', [ref(other)]);
    await cluster.run(0);
    expect(await configMapNames()).toEqual(['by-role']);
    await cluster.client.delete(clusterRoles, undefined, 'r');
    await cluster.run(0);
    expect(await configMapNames()).toEqual([]);
  });

  test('orphan: the owner goes, its dependents stay without the reference', async () => {
    cluster = await new TestCluster().start();
    const owner = await secret('s');
    await configMap('a', [ref(owner)]);
    await configMap('b', [ref(owner), { apiVersion: 'v1', kind: 'Secret', name: 'x', uid: 'keep-me' }]);
    await cluster.run(0);
    await cluster.client.delete(secrets, 'default', 's', { propagationPolicy: 'Orphan' });
    await cluster.run(0);
    expect(await exists(secrets, 'default', 's')).toBe(false);
    const a = await cluster.client.get(configMaps, 'default', 'a');
    expect(a.metadata?.ownerReferences).toBeUndefined();
    // 'b' lost its reference to the owner that never existed while it had a live one.
    const b = await cluster.client.get(configMaps, 'default', 'b');
    expect(b.metadata?.ownerReferences).toBeUndefined();
    expect(await configMapNames()).toEqual(['a', 'b']);
  });

  test('foreground: every dependent is deleted; only blocking ones hold the owner back', async () => {
    cluster = await new TestCluster().start();
    const owner = await secret('s');
    // The finalizer keeps the blocking dependent around until we release it.
    await cluster.client.create(configMaps, 'default', {
      metadata: {
        name: 'blocking',
        ownerReferences: [ref(owner, { blockOwnerDeletion: true })],
        finalizers: ['example.com/hold'],
      },
    });
    await configMap('non-blocking', [ref(owner)]);
    await cluster.run(0);
    await cluster.client.delete(secrets, 'default', 's', { propagationPolicy: 'Foreground' });
    await cluster.run(0);
    expect(await configMapNames()).toEqual(['blocking']);
    const held = await cluster.client.get(secrets, 'default', 's');
    expect(held.metadata?.finalizers).toEqual(['foregroundDeletion']);
    const blocking = await cluster.client.get(configMaps, 'default', 'blocking');
    expect(blocking.metadata?.deletionTimestamp).toBeDefined();
    await cluster.client.patch(configMaps, 'default', 'blocking', 'merge', {
      metadata: { finalizers: null },
    });
    await cluster.run(0);
    expect(await configMapNames()).toEqual([]);
    expect(await exists(secrets, 'default', 's')).toBe(false);
  });

  test('Job -> Pods: deleting a Job in the background takes its pods', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(jobsResource, 'default', {
      metadata: { name: 'j' },
      spec: {
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
      },
    });
    await cluster.run(2000);
    expect((await cluster.pods()).length).toBe(1);
    await cluster.client.delete(jobsResource, 'default', 'j', { propagationPolicy: 'Background' });
    await cluster.run(31_000);
    expect(await cluster.pods()).toEqual([]);
    expect(await exists(podsResource, 'default', 'x')).toBe(false);
  });
});
