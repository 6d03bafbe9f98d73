// The ReplicaSet controller: owner references, adoption and release, which
// pods go first on scale-down, expectations, and status.

import { afterEach, describe, expect, test } from 'vitest';
import {
  deleteBefore,
  type KubeObject,
  podsResource,
  podsToDelete,
  replicaSetsResource,
} from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

function replicaSet(replicas: number, extra: KubeObject = {}): KubeObject {
  return {
    metadata: { name: 'rs' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', tier: 'front' } },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
      ...extra,
    },
  };
}

async function rsStatus(): Promise<KubeObject> {
  return (await cluster.client.get(replicaSetsResource, 'default', 'rs')).status;
}

async function scale(replicas: number): Promise<void> {
  const rs = await cluster.client.get(replicaSetsResource, 'default', 'rs');
  await cluster.client.update(replicaSetsResource, 'default', { ...rs, spec: { ...rs.spec, replicas } });
}

describe('ReplicaSet controller', () => {
  test('creates pods named <rs>-<5 chars> with a controller reference, and reports status', async () => {
    cluster = await new TestCluster().start();
    const rs = await cluster.client.create(replicaSetsResource, 'default', replicaSet(3));
    await cluster.run(5000);
    const pods = await cluster.pods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata?.name).toMatch(/^rs-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata?.generateName).toBe('rs-');
      expect(p.metadata?.labels).toEqual({ app: 'web', tier: 'front' });
      expect(p.metadata?.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'rs',
          uid: rs.metadata?.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    expect(await rsStatus()).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      // DeploymentReplicaSetTerminatingReplicas is on by default in v1.35: a zero is reported.
      terminatingReplicas: 0,
      observedGeneration: 1,
    });
    const created = (await cluster.events()).filter((e) => e.reason === 'SuccessfulCreate');
    expect(created.map((e) => e.message).sort()).toEqual(
      pods.map((p) => `Created pod: ${p.metadata?.name}`).sort(),
    );
    expect(created[0].source).toEqual({ component: 'replicaset-controller' });
  });

  test('expectations: a burst of syncs never over-creates', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(replicaSetsResource, 'default', replicaSet(20));
    // Status writes and pod events wake the ReplicaSet many times during the burst.
    await cluster.run(10_000);
    expect(await cluster.pods()).toHaveLength(20);
    expect(cluster.client.writes.get('pods')).toBeGreaterThanOrEqual(20);
    expect((await cluster.events()).filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(20);
  });

  test('adopts a matching orphan and releases a pod whose labels stop matching', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(podsResource, 'default', {
      metadata: { name: 'orphan', labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
    });
    await cluster.run(2000);
    const rs = await cluster.client.create(replicaSetsResource, 'default', replicaSet(2));
    await cluster.run(5000);
    let pods = await cluster.pods();
    expect(pods).toHaveLength(2);
    const orphan = pods.find((p) => p.metadata?.name === 'orphan')!;
    expect(orphan.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      uid: rs.metadata?.uid,
      controller: true,
    });

    await cluster.client.update(podsResource, 'default', {
      ...orphan,
      metadata: { ...orphan.metadata, labels: { app: 'debug' } },
    });
    await cluster.run(5000);
    pods = await cluster.pods();
    expect(pods).toHaveLength(3);
    expect(pods.find((p) => p.metadata?.name === 'orphan')?.metadata?.ownerReferences).toBeUndefined();
    expect((await rsStatus()).replicas).toBe(2);
  });

  test('scale-down deletes not-ready pods before ready ones, with SuccessfulDelete', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(replicaSetsResource, 'default', replicaSet(2));
    await cluster.run(5000);
    const ready = (await cluster.pods()).map((p) => p.metadata?.name);
    await scale(4);
    await cluster.run(0); // the new pods exist but are still ContainerCreating
    await scale(2);
    await cluster.run(0);
    const live = (await cluster.pods())
      .filter((p) => !p.metadata?.deletionTimestamp)
      .map((p) => p.metadata?.name);
    expect(live.sort()).toEqual(ready.sort());
    const deleted = (await cluster.events())
      .filter((e) => e.reason === 'SuccessfulDelete')
      .map((e) => e.message);
    expect(deleted).toHaveLength(2);
    expect(deleted.every((m) => /^Deleted pod: rs-\w{5}$/.test(m))).toBe(true);
  });

  test('minReadySeconds: ready pods count as available only after it', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(replicaSetsResource, 'default', replicaSet(2, { minReadySeconds: 10 }));
    await cluster.run(1000); // ready at 1s
    expect(await rsStatus()).toMatchObject({ readyReplicas: 2 });
    expect((await rsStatus()).availableReplicas).toBeUndefined();
    // Available strictly after minReadySeconds (upstream's Before).
    await cluster.run(10_000);
    expect((await rsStatus()).availableReplicas).toBeUndefined();
    await cluster.run(1);
    expect(await rsStatus()).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
  });
});

describe('which pods go first on scale-down', () => {
  const now = Date.UTC(2025, 0, 1, 1);
  let uid = 0;
  function p(o: {
    node?: string;
    phase?: string;
    readySince?: number;
    cost?: string;
    restarts?: number;
    createdAgo?: number;
  }): KubeObject {
    uid++;
    const conditions =
      o.readySince !== undefined
        ? [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(now - o.readySince).toISOString() }]
        : [{ type: 'Ready', status: 'False' }];
    return {
      metadata: {
        name: `p${uid}`,
        uid: String(uid).padStart(4, '0'),
        creationTimestamp: new Date(now - (o.createdAgo ?? 60_000)).toISOString(),
        annotations: o.cost ? { 'controller.kubernetes.io/pod-deletion-cost': o.cost } : {},
      },
      spec: { nodeName: o.node ?? 'n1' },
      status: {
        phase: o.phase ?? 'Running',
        conditions,
        containerStatuses: [{ restartCount: o.restarts ?? 0 }],
      },
    };
  }
  const rank = (pod: KubeObject, r = 1) => ({ pod, rank: r });
  const cases: [string, KubeObject, KubeObject][] = [
    // first to delete, second
    ['unassigned before assigned', p({ node: '' }), p({})],
    ['Pending before Running', p({ phase: 'Pending' }), p({})],
    ['not ready before ready', p({}), p({ readySince: 1000 })],
    ['lower deletion cost first', p({ readySince: 1000, cost: '-5' }), p({ readySince: 1000 })],
    ['ready for less time (another power of two) first', p({ readySince: 1000 }), p({ readySince: 600_000 })],
    ['more restarts first', p({ readySince: 1000, restarts: 3 }), p({ readySince: 1000 })],
    ['newer first', p({ createdAgo: 1000 }), p({ createdAgo: 3_000_000 })],
  ];
  test.each(cases)('%s', (_name, first, second) => {
    expect(deleteBefore(rank(first), rank(second), now)).toBe(true);
    expect(deleteBefore(rank(second), rank(first), now)).toBe(false);
  });

  test('doubled-up pods go before lonely ones', () => {
    const a = p({ node: 'crowded', readySince: 1000 });
    const b = p({ node: 'quiet', readySince: 1000 });
    const related = [a, p({ node: 'crowded' }), b];
    expect(podsToDelete([b, a], related, 1, now)).toEqual([a]);
  });

  test('ages of the same order of magnitude tie and fall back to uid', () => {
    const older = p({ createdAgo: 40_000 });
    const newer = p({ createdAgo: 35_000 });
    expect(deleteBefore(rank(older), rank(newer), now)).toBe(true);
  });
});
