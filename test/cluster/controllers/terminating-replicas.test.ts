// status.terminatingReplicas (DeploymentReplicaSetTerminatingReplicas: beta
// and on by default in v1.35): ReplicaSets count their pods that are being
// deleted but have not stopped, Deployments sum them over their ReplicaSets;
// the rollout arithmetic does not count them (that is the separate, alpha
// DeploymentPodReplacementPolicy), so a scale-down frees room at once.

import { afterEach, describe, expect, test } from 'vitest';
import { deploymentsResource, type KubeObject, rollout } from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

function deployment(replicas: number, image = 'nginx:1'): KubeObject {
  return {
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image }], terminationGracePeriodSeconds: 30 },
      },
    },
  };
}

async function counts(): Promise<{ deployment: unknown; replicaSets: unknown[] }> {
  const d = await cluster.deployment('web');
  const rss = (await cluster.replicaSets()).sort((a, b) =>
    String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)),
  );
  return {
    deployment: d.status?.terminatingReplicas,
    replicaSets: rss.map((rs) => rs.status?.terminatingReplicas),
  };
}

describe('terminatingReplicas', () => {
  test('a scale-down reports the pods still terminating, then zero', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(deploymentsResource, 'default', deployment(3));
    await cluster.runUntil(async () => (await cluster.deployment('web')).status?.availableReplicas === 3);
    expect(await counts()).toEqual({ deployment: 0, replicaSets: [0] });
    const d = await cluster.deployment('web');
    await cluster.client.update(deploymentsResource, 'default', { ...d, spec: { ...d.spec, replicas: 1 } });
    await cluster.run(1000);
    expect(await counts()).toEqual({ deployment: 2, replicaSets: [2] });
    // Not counted by the rollout: replicas is the active pods only.
    expect((await cluster.deployment('web')).status?.replicas).toBe(1);
    await cluster.run(30_000);
    expect(await counts()).toEqual({ deployment: 0, replicaSets: [0] });
  });

  test('during a rollout each ReplicaSet counts its own terminating pods', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(deploymentsResource, 'default', deployment(2));
    await cluster.runUntil(async () => (await cluster.deployment('web')).status?.availableReplicas === 2);
    const d = await cluster.deployment('web');
    await cluster.client.update(deploymentsResource, 'default', {
      ...d,
      spec: deployment(2, 'nginx:2').spec,
    });
    await cluster.runUntil(async () => {
      const s = (await cluster.deployment('web')).status;
      return s?.updatedReplicas === 2 && s?.availableReplicas === 2 && s?.replicas === 2;
    });
    const now = await counts();
    expect(now.replicaSets).toHaveLength(2);
    expect(now.replicaSets[0]).toBeGreaterThan(0);
    expect(now.replicaSets[1]).toBe(0);
    expect(now.deployment).toBe(now.replicaSets[0]);
    await cluster.run(31_000);
    expect(await counts()).toEqual({ deployment: 0, replicaSets: [0, 0] });
  });

  test('unknown while a ReplicaSet has not reported it', () => {
    const rs = (n?: number): KubeObject => ({
      status: n === undefined ? { replicas: 1 } : { replicas: 1, terminatingReplicas: n },
    });
    const cases: [KubeObject[], number | undefined][] = [
      [[rs(3)], 3],
      [[rs(3), rs(1)], 4],
      [[rs(0)], 0],
      [[rs()], undefined],
      [[rs(3), rs(1), rs()], undefined],
    ];
    for (const [sets, want] of cases) expect(rollout.sumTerminatingReplicas(sets)).toBe(want);
  });
});
