// The StatefulSet controller: ordered creation and removal, identity and
// claims, RollingUpdate with partition, OnDelete, Parallel, revisions.

import { afterEach, describe, expect, test } from 'vitest';
import {
  controllerRevisionsResource,
  type KubeObject,
  persistentVolumeClaimsResource,
  podsResource,
  statefulSetsResource,
} from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

function statefulSet(replicas: number, image: string, spec: KubeObject = {}): KubeObject {
  return {
    metadata: { name: 'db' },
    spec: {
      replicas,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: {
          containers: [
            { name: 'db', image, readinessProbe: { tcpSocket: { port: 5432 }, initialDelaySeconds: 5 } },
          ],
        },
      },
      ...spec,
    },
  };
}

async function set(): Promise<KubeObject> {
  return cluster.client.get(statefulSetsResource, 'default', 'db');
}

async function update(change: (spec: KubeObject) => void): Promise<void> {
  const current = await set();
  const spec = structuredClone(current.spec);
  change(spec);
  await cluster.client.update(statefulSetsResource, 'default', { ...current, spec });
}

async function names(): Promise<string[]> {
  return (await cluster.pods())
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => p.metadata!.name as string)
    .sort();
}

async function images(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of await cluster.pods()) out[p.metadata!.name] = p.spec.containers[0].image;
  return out;
}

async function settled(): Promise<boolean> {
  const s = await set();
  const st = s.status ?? {};
  const pods = await cluster.pods();
  return (
    st.observedGeneration === s.metadata?.generation &&
    st.readyReplicas === s.spec.replicas &&
    (st.replicas ?? 0) === s.spec.replicas &&
    pods.length === s.spec.replicas &&
    st.updatedReplicas === (s.spec.updateStrategy.type === 'OnDelete' ? st.updatedReplicas : st.replicas) &&
    pods.every((p) => !p.metadata?.deletionTimestamp)
  );
}

describe('StatefulSet controller', () => {
  test('OrderedReady: each ordinal waits for the one before to be ready', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(statefulSetsResource, 'default', statefulSet(3, 'postgres:16'));
    await cluster.run(0);
    expect(await names()).toEqual(['db-0']);
    await cluster.run(5999); // ready at 1s pull + 5s probe delay
    expect(await names()).toEqual(['db-0']);
    await cluster.run(1);
    expect(await names()).toEqual(['db-0', 'db-1']);
    await cluster.runUntil(settled);
    expect(await names()).toEqual(['db-0', 'db-1', 'db-2']);
    const events = (await cluster.events())
      .filter((e) => e.involvedObject.kind === 'StatefulSet')
      .map((e) => e.message);
    expect(events).toEqual([
      'create Pod db-0 in StatefulSet db successful',
      'create Pod db-1 in StatefulSet db successful',
      'create Pod db-2 in StatefulSet db successful',
    ]);
  });

  test('pods carry their identity, revision and claims', async () => {
    cluster = await new TestCluster().start();
    const claim = {
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    await cluster.client.create(
      statefulSetsResource,
      'default',
      statefulSet(2, 'postgres:16', { volumeClaimTemplates: [claim] }),
    );
    await cluster.runUntil(settled);
    const pod = (await cluster.pods()).find((p) => p.metadata?.name === 'db-1')!;
    const [revision] = (await cluster.client.list(controllerRevisionsResource, 'default')).items;
    expect(revision.metadata?.name).toMatch(/^db-\w+$/);
    expect(revision.revision).toBe(1);
    expect(pod.metadata?.labels).toEqual({
      app: 'db',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': revision.metadata?.name,
      'statefulset.kubernetes.io/pod-name': 'db-1',
    });
    expect(pod.spec.hostname).toBe('db-1');
    expect(pod.spec.subdomain).toBe('db');
    expect(pod.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } }]);
    const claims = (await cluster.client.list(persistentVolumeClaimsResource, 'default')).items;
    expect(claims.map((c) => c.metadata?.name).sort()).toEqual(['data-db-0', 'data-db-1']);
    expect(claims[0].metadata?.labels).toEqual({ app: 'db' });
    const s = await set();
    expect(s.status).toEqual({
      observedGeneration: 1,
      replicas: 2,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      currentRevision: revision.metadata?.name,
      updateRevision: revision.metadata?.name,
      collisionCount: 0,
      availableReplicas: 2,
    });
    expect((await cluster.events()).map((e) => e.message)).toContain(
      'create Claim data-db-0 Pod db-0 in StatefulSet db success',
    );
  });

  test('scale-down removes the highest ordinal first, one at a time', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(statefulSetsResource, 'default', statefulSet(3, 'postgres:16'));
    await cluster.runUntil(settled);
    await update((spec) => {
      spec.replicas = 1;
    });
    await cluster.run(0);
    let pods = await cluster.pods();
    expect(pods.filter((p) => p.metadata?.deletionTimestamp).map((p) => p.metadata?.name)).toEqual(['db-2']);
    await cluster.run(29_000);
    pods = await cluster.pods();
    expect(pods.find((p) => p.metadata?.name === 'db-1')?.metadata?.deletionTimestamp).toBeUndefined();
    await cluster.runUntil(settled);
    expect(await names()).toEqual(['db-0']);
  });

  test('RollingUpdate goes from the highest ordinal down; the partition holds lower ones back', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(statefulSetsResource, 'default', statefulSet(3, 'postgres:16'));
    await cluster.runUntil(settled);
    const first = (await set()).status.currentRevision;
    await update((spec) => {
      spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } };
      spec.template.spec.containers[0].image = 'postgres:17';
    });
    await cluster.runUntil(
      async () => (await images())['db-2'] === 'postgres:17' && (await set()).status.readyReplicas === 3,
    );
    await cluster.run(60_000);
    expect(await images()).toEqual({ 'db-0': 'postgres:16', 'db-1': 'postgres:16', 'db-2': 'postgres:17' });
    let status = (await set()).status;
    expect(status.currentRevision).toBe(first);
    expect(status.updateRevision).not.toBe(first);
    expect(status).toMatchObject({ currentReplicas: 2, updatedReplicas: 1 });

    const order: string[] = [];
    await update((spec) => {
      spec.updateStrategy.rollingUpdate.partition = 0;
    });
    await cluster.runUntil(async () => {
      for (const p of await cluster.pods())
        if (p.metadata?.deletionTimestamp && !order.includes(p.metadata.name)) order.push(p.metadata.name);
      return Object.values(await images()).every((i) => i === 'postgres:17') && settled();
    });
    expect(order).toEqual(['db-1', 'db-0']);
    status = (await set()).status;
    expect(status.currentRevision).toBe(status.updateRevision);
    expect(status).toMatchObject({ currentReplicas: 3, updatedReplicas: 3 });

    // kubectl rollout undo: the first template again reuses its revision with the next number.
    await update((spec) => {
      spec.template.spec.containers[0].image = 'postgres:16';
    });
    await cluster.runUntil(
      async () => Object.values(await images()).every((i) => i === 'postgres:16') && settled(),
    );
    const revs = (await cluster.client.list(controllerRevisionsResource, 'default')).items;
    expect(revs.find((r) => r.metadata?.name === first)?.revision).toBe(3);
  });

  test('OnDelete: only deleted pods come back with the new template', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(
      statefulSetsResource,
      'default',
      statefulSet(2, 'postgres:16', { updateStrategy: { type: 'OnDelete' } }),
    );
    await cluster.runUntil(settled);
    await update((spec) => {
      spec.template.spec.containers[0].image = 'postgres:17';
    });
    await cluster.run(60_000);
    expect(await images()).toEqual({ 'db-0': 'postgres:16', 'db-1': 'postgres:16' });
    await cluster.client.delete(podsResource, 'default', 'db-0', { gracePeriodSeconds: 0 });
    await cluster.run(30_000);
    expect(await images()).toEqual({ 'db-0': 'postgres:17', 'db-1': 'postgres:16' });
    expect((await set()).status).toMatchObject({ currentReplicas: 1, updatedReplicas: 1 });
  });

  test('Parallel creates every pod at once', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(
      statefulSetsResource,
      'default',
      statefulSet(3, 'postgres:16', { podManagementPolicy: 'Parallel' }),
    );
    await cluster.run(0);
    expect(await names()).toEqual(['db-0', 'db-1', 'db-2']);
  });
});
