// The seed's ch09 walkthrough at the controller level: the Deployment and
// ReplicaSet controllers, the scheduler and the kubelet over the fake client,
// on a stepped clock. The Deployments mirror fixtures/kiamol/ch09.

import { afterEach, describe, expect, test } from 'vitest';
import { deploymentsResource, type KubeObject, rollout } from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

interface VwebOptions {
  replicas?: number;
  version?: string;
  image?: string;
  strategy?: KubeObject;
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
}

function vweb(o: VwebOptions = {}): KubeObject {
  const spec: KubeObject = {
    replicas: o.replicas ?? 2,
    selector: { matchLabels: { app: 'vweb' } },
    template: {
      metadata: { labels: { app: 'vweb', version: o.version ?? 'v1' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: o.image ?? 'kiamol/ch09-vweb:v1',
            ports: [{ name: 'http', containerPort: 80 }],
          },
        ],
      },
    },
  };
  if (o.strategy) spec.strategy = o.strategy;
  if (o.minReadySeconds !== undefined) spec.minReadySeconds = o.minReadySeconds;
  if (o.progressDeadlineSeconds !== undefined) spec.progressDeadlineSeconds = o.progressDeadlineSeconds;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'vweb', labels: { kiamol: 'ch09' } },
    spec,
  };
}

/** `kubectl apply` of a whole Deployment, as far as the controllers can tell: the spec is replaced. */
async function apply(d: KubeObject): Promise<void> {
  try {
    const current = await cluster.client.get(deploymentsResource, 'default', d.metadata!.name);
    await cluster.client.update(deploymentsResource, 'default', { ...current, spec: d.spec });
  } catch {
    await cluster.client.create(deploymentsResource, 'default', d);
  }
}

/** `kubectl rollout undo --to-revision=N`: the Deployment takes that ReplicaSet's template (without the hash label). */
async function undoTo(revision: number): Promise<void> {
  const target = (await cluster.replicaSets()).find(
    (rs) => rs.metadata?.annotations?.[rollout.revisionAnnotation] === String(revision),
  );
  if (!target) throw new Error(`no revision ${revision}`);
  const template = structuredClone(target.spec.template);
  delete template.metadata.labels['pod-template-hash'];
  const current = await cluster.deployment('vweb');
  await cluster.client.update(deploymentsResource, 'default', {
    ...current,
    spec: { ...current.spec, template },
  });
}

async function rolledOut(): Promise<boolean> {
  const d = await cluster.deployment('vweb');
  const s = d.status ?? {};
  return (
    s.observedGeneration === d.metadata?.generation &&
    s.updatedReplicas === d.spec.replicas &&
    s.availableReplicas === d.spec.replicas &&
    (s.replicas ?? 0) === d.spec.replicas
  );
}

async function livePods(): Promise<KubeObject[]> {
  return (await cluster.pods()).filter((p) => !p.metadata?.deletionTimestamp);
}

function condition(d: KubeObject, type: string): KubeObject | undefined {
  return (d.status?.conditions ?? []).find((c: KubeObject) => c.type === type);
}

describe('ch09 rolling updates', () => {
  test('scale-only change keeps revision 1 and its pods; an image change makes revision 2', async () => {
    cluster = await new TestCluster().start();
    await apply(vweb());
    await cluster.runUntil(rolledOut);
    const first = await cluster.deployment('vweb');
    expect(first.metadata?.annotations?.[rollout.revisionAnnotation]).toBe('1');
    const podsV1 = (await cluster.pods()).map((p) => p.metadata?.name).sort();
    expect(podsV1).toHaveLength(2);

    await apply(vweb({ replicas: 3 }));
    await cluster.runUntil(rolledOut);
    const revisions = await cluster.revisions();
    expect(revisions).toEqual([{ revision: '1', name: revisions[0].name, replicas: 3 }]);
    const podsScaled = (await cluster.pods()).map((p) => p.metadata?.name);
    expect(podsScaled).toHaveLength(3);
    expect(podsScaled).toEqual(expect.arrayContaining(podsV1));
    expect((await cluster.events()).map((e) => e.message)).toContain(
      `Scaled up replica set ${revisions[0].name} from 2 to 3`,
    );

    // kubectl set image: revision 2, old pods Terminating while the new ones come up.
    await apply(vweb({ replicas: 3, image: 'kiamol/ch09-vweb:v2' }));
    let sawTerminating = false;
    await cluster.runUntil(async () => {
      const pods = await cluster.pods();
      if (
        pods.some(
          (p) =>
            p.metadata?.deletionTimestamp &&
            p.metadata.labels['pod-template-hash'] === revisions[0].name.slice(5),
        )
      )
        sawTerminating = true;
      return rolledOut();
    });
    expect(sawTerminating).toBe(true);
    const afterV2 = await cluster.revisions();
    expect(afterV2.map((r) => [r.revision, r.replicas])).toEqual([
      ['1', 0],
      ['2', 3],
    ]);
    const d = await cluster.deployment('vweb');
    expect(d.metadata?.annotations?.[rollout.revisionAnnotation]).toBe('2');
    expect(condition(d, 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${afterV2[1].name}" has successfully progressed.`,
    });
    expect(condition(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    expect(d.status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    // The old pods finish terminating after their grace period (30s).
    await cluster.run(31_000);
    expect(
      (await cluster.pods()).every(
        (p) => p.metadata?.labels?.['pod-template-hash'] !== afterV2[0].name.slice(5),
      ),
    ).toBe(true);
  });

  test('label-only change is a revision; going back to a template reuses its ReplicaSet; undo to revision 2', async () => {
    cluster = await new TestCluster().start();
    await apply(vweb({ replicas: 3 }));
    await cluster.runUntil(rolledOut);
    await apply(vweb({ replicas: 3, image: 'kiamol/ch09-vweb:v2' })); // set image: revision 2
    await cluster.runUntil(rolledOut);
    await apply(vweb({ replicas: 3, version: 'v1.1' })); // vweb-v11.yaml: revision 3
    await cluster.runUntil(rolledOut);
    await apply(vweb({ replicas: 3, version: 'v2', image: 'kiamol/ch09-vweb:v2' })); // vweb-v2.yaml: revision 4
    await cluster.runUntil(rolledOut);
    const before = await cluster.revisions();
    expect(before.map((r) => r.revision)).toEqual(['1', '2', '3', '4']);
    const revision2 = before[1].name;

    await undoTo(2);
    await cluster.runUntil(rolledOut);
    const after = await cluster.revisions();
    expect(after.map((r) => r.revision)).toEqual(['1', '3', '4', '5']);
    expect(after[3]).toEqual({ revision: '5', name: revision2, replicas: 3 });
    const reused = (await cluster.replicaSets()).find((rs) => rs.metadata?.name === revision2)!;
    expect(reused.metadata?.annotations?.[rollout.revisionHistoryAnnotation]).toBe('2');
    expect((await cluster.deployment('vweb')).metadata?.annotations?.[rollout.revisionAnnotation]).toBe('5');
  });

  test('revisionHistoryLimit removes the oldest scaled-down ReplicaSets', async () => {
    cluster = await new TestCluster().start();
    const limited = (o: VwebOptions) => {
      const d = vweb(o);
      d.spec.revisionHistoryLimit = 1;
      return d;
    };
    for (const image of ['v1', 'v2', 'v3', 'v4']) {
      await apply(limited({ image: `kiamol/ch09-vweb:${image}` }));
      await cluster.runUntil(rolledOut);
    }
    await cluster.run(1000);
    expect((await cluster.revisions()).map((r) => [r.revision, r.replicas])).toEqual([
      ['3', 0],
      ['4', 2],
    ]);
  });

  test('change-cause is copied to the ReplicaSet; last-applied is not', async () => {
    cluster = await new TestCluster().start();
    const d = vweb();
    d.metadata!.annotations = {
      'kubernetes.io/change-cause': 'first release',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
    };
    await cluster.client.create(deploymentsResource, 'default', d);
    await cluster.runUntil(rolledOut);
    const [rs] = await cluster.replicaSets();
    expect(rs.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
      'deployment.kubernetes.io/revision': '1',
      'kubernetes.io/change-cause': 'first release',
    });
  });
});

describe('ch09 strategies', () => {
  test('Recreate removes every old pod before a new one is created', async () => {
    cluster = await new TestCluster().start();
    const recreate = { type: 'Recreate' };
    await apply(vweb({ replicas: 3, version: 'v2', image: 'kiamol/ch09-vweb:v2', strategy: recreate }));
    await cluster.runUntil(rolledOut);
    const [oldRS] = await cluster.replicaSets();
    const oldHash = oldRS.metadata?.labels?.['pod-template-hash'];

    await apply(vweb({ replicas: 3, version: 'v3', image: 'kiamol/ch09-vweb:v3', strategy: recreate }));
    let overlap = false;
    let sawOnlyTerminating = false;
    await cluster.runUntil(async () => {
      const pods = await cluster.pods();
      const old = pods.filter((p) => p.metadata?.labels?.['pod-template-hash'] === oldHash);
      const fresh = pods.filter((p) => p.metadata?.labels?.['pod-template-hash'] !== oldHash);
      if (old.length > 0 && fresh.length > 0) overlap = true;
      if (old.length > 0 && old.every((p) => p.metadata?.deletionTimestamp)) sawOnlyTerminating = true;
      return rolledOut();
    });
    expect(overlap).toBe(false);
    expect(sawOnlyTerminating).toBe(true);
    const events = (await cluster.events())
      .filter((e) => e.reason === 'ScalingReplicaSet')
      .map((e) => e.message);
    expect(events.at(-2)).toBe(`Scaled down replica set ${oldRS.metadata?.name} from 3 to 0`);
    expect(events.at(-1)).toMatch(/^Scaled up replica set vweb-\w+ from 0 to 3$/);
  });

  test('a never-ready image stops at ProgressDeadlineExceeded while old pods stay available', async () => {
    cluster = await new TestCluster({ imageCrash: ['kiamol/ch09-vweb:v3'] }).start();
    const rolling = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } };
    const settings = { replicas: 3, strategy: rolling, minReadySeconds: 30, progressDeadlineSeconds: 120 };
    await apply(vweb({ ...settings, version: 'v2', image: 'kiamol/ch09-vweb:v2' }));
    await cluster.runUntil(rolledOut);
    await apply(vweb({ ...settings, version: 'v3', image: 'kiamol/ch09-vweb:v3' }));
    const elapsed = await cluster.runUntil(
      async () =>
        condition(await cluster.deployment('vweb'), 'Progressing')?.reason === 'ProgressDeadlineExceeded',
    );
    expect(elapsed).toBeGreaterThan(120_000);
    const d = await cluster.deployment('vweb');
    const [, newRS] = await cluster.revisions();
    expect(condition(d, 'Progressing')).toMatchObject({
      status: 'False',
      message: `ReplicaSet "${newRS.name}" has timed out progressing.`,
    });
    expect(condition(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    expect(d.status).toMatchObject({
      replicas: 4,
      updatedReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 2,
    });
    const pods = await livePods();
    const crashing = pods.filter((p) => p.spec.containers[0].image === 'kiamol/ch09-vweb:v3');
    expect(crashing).toHaveLength(2);
    expect(
      crashing.some((p) => p.status.containerStatuses[0].state.waiting?.reason === 'CrashLoopBackOff'),
    ).toBe(true);
    // Nothing moves on after the deadline: the old pods keep serving.
    await cluster.run(300_000);
    expect(
      (await livePods()).filter((p) => p.spec.containers[0].image === 'kiamol/ch09-vweb:v2'),
    ).toHaveLength(2);
  });

  test('scaling a stuck rollout splits the new replicas proportionally', async () => {
    cluster = await new TestCluster({ imageCrash: ['kiamol/ch09-vweb:v3'] }).start();
    const rolling = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } };
    await apply(vweb({ replicas: 3, strategy: rolling, version: 'v2', image: 'kiamol/ch09-vweb:v2' }));
    await cluster.runUntil(rolledOut);
    await apply(vweb({ replicas: 3, strategy: rolling, version: 'v3', image: 'kiamol/ch09-vweb:v3' }));
    await cluster.run(60_000);
    expect((await cluster.revisions()).map((r) => r.replicas)).toEqual([2, 2]);
    // 3 -> 6 with maxSurge 1: 7 allowed, 3 to add; the newer of two equal sets first,
    // each growing to round(2 * 7/4) = 4 while the additions last.
    await apply(vweb({ replicas: 6, strategy: rolling, version: 'v3', image: 'kiamol/ch09-vweb:v3' }));
    await cluster.run(5000);
    const [old, fresh] = await cluster.revisions();
    expect([old.replicas, fresh.replicas]).toEqual([3, 4]);
    const scaling = (await cluster.events())
      .filter((e) => e.reason === 'ScalingReplicaSet')
      .map((e) => e.message);
    expect(scaling).toEqual(
      expect.arrayContaining([
        `Scaled up replica set ${fresh.name} from 2 to 4`,
        `Scaled up replica set ${old.name} from 2 to 3`,
      ]),
    );
    const rs = (await cluster.replicaSets()).find((r) => r.metadata?.name === old.name)!;
    expect(rs.metadata?.annotations).toMatchObject({
      [rollout.desiredReplicasAnnotation]: '6',
      [rollout.maxReplicasAnnotation]: '7',
    });
  });

  test('paused: template changes wait, scaling still applies; resuming rolls out', async () => {
    cluster = await new TestCluster().start();
    await apply(vweb());
    await cluster.runUntil(rolledOut);
    const current = await cluster.deployment('vweb');
    await cluster.client.update(deploymentsResource, 'default', {
      ...current,
      spec: { ...vweb({ replicas: 4, image: 'kiamol/ch09-vweb:v2' }).spec, paused: true },
    });
    await cluster.run(30_000);
    const paused = await cluster.deployment('vweb');
    expect(condition(paused, 'Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
    expect((await cluster.revisions()).map((r) => r.replicas)).toEqual([4]);
    await cluster.client.update(deploymentsResource, 'default', {
      ...paused,
      spec: { ...paused.spec, paused: false },
    });
    await cluster.runUntil(rolledOut);
    expect((await cluster.revisions()).map((r) => [r.revision, r.replicas])).toEqual([
      ['1', 0],
      ['2', 4],
    ]);
  });
});
