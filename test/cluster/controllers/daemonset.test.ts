// The DaemonSet controller: one pod per node, RollingUpdate (maxUnavailable
// and maxSurge), OnDelete, ControllerRevisions and rollback, node selection.

import { afterEach, describe, expect, test } from 'vitest';
import {
  controllerRevisionsResource,
  daemonSetRollout,
  daemonSetsResource,
  type KubeObject,
  nodesResource,
  podsResource,
} from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

function daemonSet(image: string, strategy?: KubeObject, extra: KubeObject = {}): KubeObject {
  return {
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image }], ...extra },
      },
      ...(strategy ? { updateStrategy: strategy } : {}),
    },
  };
}

async function ds(): Promise<KubeObject> {
  return cluster.client.get(daemonSetsResource, 'default', 'agent');
}

async function setTemplate(image: string): Promise<void> {
  const current = await ds();
  const spec = structuredClone(current.spec);
  spec.template.spec.containers[0].image = image;
  await cluster.client.update(daemonSetsResource, 'default', { ...current, spec });
}

async function revisions(): Promise<{ name: string; revision: number }[]> {
  return (await cluster.client.list(controllerRevisionsResource, 'default')).items
    .map((r) => ({ name: r.metadata?.name, revision: r.revision }))
    .sort((a, b) => a.revision - b.revision);
}

async function livePods(): Promise<KubeObject[]> {
  return (await cluster.pods()).filter((p) => !p.metadata?.deletionTimestamp);
}

async function updated(): Promise<boolean> {
  const d = await ds();
  const s = d.status ?? {};
  return (
    s.observedGeneration === d.metadata?.generation &&
    s.updatedNumberScheduled === s.desiredNumberScheduled &&
    s.numberAvailable === s.desiredNumberScheduled &&
    (await cluster.pods()).length === s.desiredNumberScheduled
  );
}

describe('DaemonSet controller', () => {
  test('one pod per node, pinned by node affinity, with a ControllerRevision', async () => {
    cluster = await new TestCluster({ nodes: 3 }).start();
    await cluster.client.create(daemonSetsResource, 'default', daemonSet('agent:v1'));
    await cluster.runUntil(updated);
    const pods = await cluster.pods();
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['bosun', 'bosun-m02', 'bosun-m03']);
    const [rev] = await revisions();
    expect(rev.revision).toBe(1);
    const hash = rev.name.slice('agent-'.length);
    for (const p of pods) {
      expect(p.metadata?.name).toMatch(/^agent-\w{5}$/);
      expect(p.metadata?.labels?.['controller-revision-hash']).toBe(hash);
      expect(
        p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms,
      ).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }]);
      expect(p.spec.tolerations).toContainEqual({
        key: 'node.kubernetes.io/unschedulable',
        operator: 'Exists',
        effect: 'NoSchedule',
      });
    }
    expect((await ds()).status).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
    const events = (await cluster.events()).filter((e) => e.involvedObject.kind === 'DaemonSet');
    expect(events.map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate']);
    expect(events[0].source).toEqual({ component: 'daemonset-controller' });
  });

  test('RollingUpdate replaces one node at a time; rollback reuses the first revision', async () => {
    cluster = await new TestCluster({ nodes: 3 }).start();
    await cluster.client.create(daemonSetsResource, 'default', daemonSet('agent:v1'));
    await cluster.runUntil(updated);
    await setTemplate('agent:v2');
    let worst = 3;
    await cluster.runUntil(async () => {
      const ready = (await livePods()).filter((p) =>
        p.status?.conditions?.some((c: KubeObject) => c.type === 'Ready' && c.status === 'True'),
      ).length;
      worst = Math.min(worst, ready);
      return updated();
    });
    expect(worst).toBe(2); // maxUnavailable 1
    expect((await cluster.pods()).every((p) => p.spec.containers[0].image === 'agent:v2')).toBe(true);
    expect((await revisions()).map((r) => r.revision)).toEqual([1, 2]);
    const [first] = await revisions();

    await setTemplate('agent:v1'); // kubectl rollout undo
    await cluster.runUntil(updated);
    const after = await revisions();
    expect(after.map((r) => r.revision)).toEqual([2, 3]);
    expect(after[1].name).toBe(first.name);
  });

  test('maxSurge starts the new pod beside the old one before deleting it', async () => {
    cluster = await new TestCluster({ nodes: 2 }).start();
    const surge = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    await cluster.client.create(daemonSetsResource, 'default', daemonSet('agent:v1', surge));
    await cluster.runUntil(updated);
    await setTemplate('agent:v2');
    let most = 0;
    let fewestReady = 2;
    await cluster.runUntil(async () => {
      const live = await livePods();
      most = Math.max(most, live.length);
      fewestReady = Math.min(
        fewestReady,
        live.filter((p) =>
          p.status?.conditions?.some((c: KubeObject) => c.type === 'Ready' && c.status === 'True'),
        ).length,
      );
      return updated();
    });
    expect(most).toBe(3);
    expect(fewestReady).toBe(2);
  });

  test('OnDelete: a template change waits until a pod is deleted', async () => {
    cluster = await new TestCluster({ nodes: 2 }).start();
    await cluster.client.create(daemonSetsResource, 'default', daemonSet('agent:v1', { type: 'OnDelete' }));
    await cluster.runUntil(updated);
    await setTemplate('agent:v2');
    await cluster.run(60_000);
    expect((await cluster.pods()).map((p) => p.spec.containers[0].image)).toEqual(['agent:v1', 'agent:v1']);
    expect((await ds()).status.updatedNumberScheduled).toBeUndefined();
    const [victim] = await cluster.pods();
    await cluster.client.delete(podsResource, 'default', victim.metadata!.name, { gracePeriodSeconds: 0 });
    await cluster.run(10_000);
    expect((await cluster.pods()).map((p) => p.spec.containers[0].image).sort()).toEqual([
      'agent:v1',
      'agent:v2',
    ]);
    expect((await ds()).status.updatedNumberScheduled).toBe(1);
  });

  test('a nodeSelector limits the nodes; relabelling a node adds a pod', async () => {
    cluster = await new TestCluster({ nodes: 2 }).start();
    await cluster.client.create(
      daemonSetsResource,
      'default',
      daemonSet('agent:v1', undefined, { nodeSelector: { disk: 'ssd' } }),
    );
    await cluster.run(5000);
    expect(await cluster.pods()).toHaveLength(0);
    expect((await ds()).status).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0 });
    const node = await cluster.client.get(nodesResource, undefined, 'bosun-m02');
    await cluster.client.update(nodesResource, undefined, {
      ...node,
      metadata: { ...node.metadata, labels: { ...node.metadata?.labels, disk: 'ssd' } },
    });
    await cluster.runUntil(updated);
    expect((await cluster.pods()).map((p) => p.spec.nodeName)).toEqual(['bosun-m02']);
  });
});

describe('DaemonSet rolling arithmetic', () => {
  test.each([
    // maxSurge, maxUnavailable, desired -> surge, unavailable (both round up)
    [0, 1, 5, 0, 1],
    [0, '25%', 5, 0, 2],
    ['10%', 0, 5, 1, 0],
    [0, 0, 5, 0, 1],
    [0, '0%', 3, 0, 1],
    ['50%', '50%', 3, 2, 2],
  ])('surge %s unavailable %s of %i', (maxSurge, maxUnavailable, desired, surge, unavailable) => {
    const d = { spec: { updateStrategy: { rollingUpdate: { maxSurge, maxUnavailable } } } };
    expect(daemonSetRollout.daemonSetFenceposts(d, desired)).toEqual({
      maxSurge: surge,
      maxUnavailable: unavailable,
    });
  });

  const now = Date.UTC(2025, 0, 1, 1);
  const pod = (name: string, hash: string, ready: boolean, deleting = false): KubeObject => ({
    metadata: {
      name,
      labels: { 'controller-revision-hash': hash },
      ...(deleting ? { deletionTimestamp: '2025-01-01T01:00:00Z' } : {}),
    },
    status: {
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2025-01-01T00:00:00Z' },
      ],
    },
  });

  test('without surge: unavailable old pods go at once, available ones within maxUnavailable', () => {
    const ds = { spec: { updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } } };
    const nodes = new Map([
      ['a', [pod('a-old', 'old', true)]],
      ['b', [pod('b-old', 'old', false)]],
      ['c', [pod('c-old', 'old', true)]],
    ]);
    const plan = daemonSetRollout.rollingUpdatePlan(ds, nodes, 3, 'new', now);
    expect(plan.deletePods.map((p) => p.metadata?.name)).toEqual(['b-old', 'a-old']);
  });

  test('without surge: an unavailable new pod uses up the budget', () => {
    const ds = { spec: { updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } } };
    const nodes = new Map([
      ['a', [pod('a-new', 'new', false)]],
      ['b', [pod('b-old', 'old', true)]],
    ]);
    expect(daemonSetRollout.rollingUpdatePlan(ds, nodes, 2, 'new', now).deletePods).toEqual([]);
  });

  test('with surge: new pods beside old ones up to maxSurge; old ones go once replaced', () => {
    const ds = { spec: { updateStrategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } } };
    const nodes = new Map([
      ['a', [pod('a-old', 'old', true), pod('a-new', 'new', true)]],
      ['b', [pod('b-old', 'old', true)]],
      ['c', [pod('c-old', 'old', true)]],
    ]);
    const plan = daemonSetRollout.rollingUpdatePlan(ds, nodes, 3, 'new', now);
    expect(plan.deletePods.map((p) => p.metadata?.name)).toEqual(['a-old']);
    expect(plan.createOnNodes).toEqual([]);
    nodes.set('a', [pod('a-new', 'new', true)]);
    expect(daemonSetRollout.rollingUpdatePlan(ds, nodes, 3, 'new', now).createOnNodes).toEqual(['b']);
  });
});
