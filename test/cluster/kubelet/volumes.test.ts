// Pods and their persistent volume claims on the stepped clock, with the volume controllers
// running: the scheduler holds a pod back while a claim is missing or unbound with Immediate
// binding (VolumeBinding's PreFilter), schedules it under WaitForFirstConsumer, and the kubelet
// keeps it ContainerCreating (no sandbox, no IP) until the claim is Bound, reporting FailedMount
// when that takes longer than the volume manager's attach-and-mount timeout.

import { afterEach, describe, expect, test } from 'vitest';
import {
  type KubeObject,
  persistentVolumeClaimsResource,
  podsResource,
  type Resource,
} from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from '../controllers/harness.ts';

const storageClasses: Resource = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
const volumes: Resource = { group: '', version: 'v1', resource: 'persistentvolumes' };

let cluster: TestCluster;
afterEach(() => cluster?.stop());

const preemption =
  'no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';

function podWithClaim(claim: string): KubeObject {
  return {
    metadata: { name: 'db' },
    spec: {
      containers: [
        { name: 'db', image: 'postgres:16', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
    },
  };
}

function claim(name: string, storageClassName?: string): KubeObject {
  return {
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      ...(storageClassName ? { storageClassName } : {}),
    },
  };
}

/** A class whose provisioner nobody runs: its claims stay Pending until a volume is made by hand. */
function manualClass(name: string, volumeBindingMode: string): KubeObject {
  return { metadata: { name }, provisioner: 'example.com/manual', volumeBindingMode };
}

/** A volume made by hand; `forClaim` pre-binds it (the only kind a delayed claim takes from the PV controller). */
function volume(name: string, storageClassName: string, forClaim?: string): KubeObject {
  return {
    metadata: { name },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName,
      hostPath: { path: `/mnt/${name}` },
      ...(forClaim ? { claimRef: { namespace: 'default', name: forClaim } } : {}),
    },
  };
}

async function db(): Promise<KubeObject> {
  return (await cluster.pods()).find((p) => p.metadata?.name === 'db')!;
}

async function eventsOf(name: string): Promise<string[]> {
  return (await cluster.events())
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
}

const condition = (p: KubeObject, type: string) =>
  p.status.conditions.find((c: KubeObject) => c.type === type)?.status;

describe('persistent volume claims', () => {
  test('a missing claim keeps the pod unscheduled; created under the default class, the pod starts', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(podsResource, 'default', podWithClaim('data'));
    await cluster.run(5000);
    expect((await db()).spec.nodeName).toBeUndefined();
    expect(await eventsOf('db')).toEqual([
      `Warning FailedScheduling 0/1 nodes are available: persistentvolumeclaim "data" not found. ${preemption}`,
    ]);
    await cluster.client.create(persistentVolumeClaimsResource, 'default', claim('data'));
    await cluster.run(5000);
    const pod = await db();
    expect(pod.spec.nodeName).toBe('bosun');
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.containerStatuses[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
  });

  test('an unbound claim with Immediate binding keeps the pod unscheduled until it is bound', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(storageClasses, undefined, manualClass('manual', 'Immediate'));
    await cluster.client.create(persistentVolumeClaimsResource, 'default', claim('data', 'manual'));
    await cluster.client.create(podsResource, 'default', podWithClaim('data'));
    await cluster.run(5000);
    expect((await db()).spec.nodeName).toBeUndefined();
    // Retried as the PV controller updates the claim.
    expect(await eventsOf('db')).toEqual([
      expect.stringMatching(
        /^Warning FailedScheduling 0\/1 nodes are available: pod has unbound immediate PersistentVolumeClaims\. no new claims to deallocate, preemption: 0\/1 nodes are available: 1 Preemption is not helpful for scheduling\.( \(x\d+\))?$/,
      ),
    ]);
    await cluster.client.create(volumes, undefined, volume('pv-manual', 'manual', 'data'));
    await cluster.run(5000);
    expect((await db()).status.phase).toBe('Running');
  });

  test('WaitForFirstConsumer: scheduled, ContainerCreating without a sandbox until the claim is bound; FailedMount after the timeout', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(storageClasses, undefined, manualClass('slow', 'WaitForFirstConsumer'));
    await cluster.client.create(persistentVolumeClaimsResource, 'default', claim('data', 'slow'));
    await cluster.client.create(podsResource, 'default', podWithClaim('data'));
    await cluster.run(122_999);
    let pod = await db();
    expect(pod.spec.nodeName).toBe('bosun');
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.containerStatuses[0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(pod.status.podIP).toBeUndefined();
    expect(condition(pod, 'PodReadyToStartContainers')).toBe('False');
    expect(await eventsOf('db')).toEqual(['Normal Scheduled Successfully assigned default/db to bosun']);
    await cluster.run(1);
    const failedMount =
      'Warning FailedMount Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: PVC is not bound';
    expect((await eventsOf('db')).at(-1)).toBe(failedMount);
    await cluster.run(123_000);
    expect((await eventsOf('db')).at(-1)).toBe(`${failedMount} (x2)`);
    // A volume for the claim: the PV controller binds it, and the pod starts.
    await cluster.client.create(volumes, undefined, volume('pv-slow', 'slow', 'data'));
    await cluster.run(3000);
    pod = await db();
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.podIP).toBe('10.42.0.2');
    expect(condition(pod, 'PodReadyToStartContainers')).toBe('True');
  });
});
