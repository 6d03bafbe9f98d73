// The garbage collector: background, foreground and orphan propagation over
// the owner references the workload controllers set.

import { afterEach, describe, expect, test } from 'vitest';
import {
  deploymentsResource,
  type KubeObject,
  replicaSetsResource,
} from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

function deployment(): KubeObject {
  return {
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
    },
  };
}

async function rolledOut(): Promise<boolean> {
  return ((await cluster.deployment('web')).status?.availableReplicas ?? 0) === 2;
}

describe('garbage collector', () => {
  test('background: deleting a Deployment removes its ReplicaSet, then its pods gracefully', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(deploymentsResource, 'default', deployment());
    await cluster.runUntil(rolledOut);
    await cluster.client.delete(deploymentsResource, 'default', 'web', { propagationPolicy: 'Background' });
    await cluster.run(0);
    expect(await cluster.replicaSets()).toEqual([]);
    const pods = await cluster.pods();
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    await cluster.run(30_000);
    expect(await cluster.pods()).toEqual([]);
  });

  test('orphan: the ReplicaSet and pods stay, without the owner reference', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(deploymentsResource, 'default', deployment());
    await cluster.runUntil(rolledOut);
    await cluster.client.delete(deploymentsResource, 'default', 'web', { propagationPolicy: 'Orphan' });
    await cluster.run(1000);
    await expect(cluster.deployment('web')).rejects.toMatchObject({ code: 404 });
    const [rs] = await cluster.replicaSets();
    expect(rs.metadata?.ownerReferences).toBeUndefined();
    expect(await cluster.pods()).toHaveLength(2);
  });

  test('foreground: the Deployment waits for its ReplicaSet, which waits for its pods', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(deploymentsResource, 'default', deployment());
    await cluster.runUntil(rolledOut);
    await cluster.client.delete(deploymentsResource, 'default', 'web', { propagationPolicy: 'Foreground' });
    await cluster.run(0);
    // The ReplicaSet has dependents of its own, so it is deleted in the foreground too.
    const [rs] = await cluster.replicaSets();
    expect(rs.metadata?.deletionTimestamp).toBeDefined();
    expect(rs.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect((await cluster.deployment('web')).metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect((await cluster.pods()).every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    await cluster.run(31_000);
    expect(await cluster.pods()).toEqual([]);
    expect(await cluster.replicaSets()).toEqual([]);
    await expect(cluster.deployment('web')).rejects.toMatchObject({ code: 404 });
    expect(cluster.errors.filter((e) => !e.includes('the object has been modified'))).toEqual([]);
  });

  test('a ReplicaSet deleted directly takes its pods with it', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(replicaSetsResource, 'default', {
      ...deployment(),
      metadata: { name: 'rs' },
    });
    await cluster.run(5000);
    await cluster.client.delete(replicaSetsResource, 'default', 'rs');
    await cluster.run(31_000);
    expect(await cluster.pods()).toEqual([]);
  });
});
