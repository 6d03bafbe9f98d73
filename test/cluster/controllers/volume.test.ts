// The volume controllers on a stepped clock: the default class given to
// class-less claims, WaitForFirstConsumer provisioning by kind's local-path
// provisioner once a pod is scheduled, Immediate provisioning, static volumes
// bound by the PV controller, in-use protection and the Delete reclaim policy.

import { afterEach, describe, expect, test } from 'vitest';
import {
  bindingMessages,
  type KubeObject,
  persistentVolumeClaimsResource,
  persistentVolumesResource,
  podsResource,
  statefulSetsResource,
  storageClassesResource,
} from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

/** A cluster with `classes` only (the harness starts with kind's default class, `standard`). */
async function start(classes?: KubeObject[]) {
  cluster = await new TestCluster().start();
  if (classes) {
    await cluster.client.delete(storageClassesResource, undefined, 'standard');
    for (const sc of classes) await cluster.client.create(storageClassesResource, undefined, sc);
  }
  await cluster.run(0);
}

function claim(name: string, spec: KubeObject = {}): KubeObject {
  return {
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  };
}

function podUsing(name: string, claimName: string): KubeObject {
  return {
    metadata: { name },
    spec: {
      containers: [{ name: 'app', image: 'nginx' }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
  };
}

async function getClaim(name: string): Promise<KubeObject> {
  return cluster.client.get(persistentVolumeClaimsResource, 'default', name);
}

async function volumes(): Promise<KubeObject[]> {
  return (await cluster.client.list(persistentVolumesResource)).items;
}

async function reasons(name: string): Promise<string[]> {
  return (await cluster.events())
    .filter((e) => e.involvedObject?.name === name && e.involvedObject?.kind === 'PersistentVolumeClaim')
    .map((e) => e.reason as string);
}

/** Conflicts are retried by design (two loops writing one object); anything else is a bug. */
function unexpectedErrors(): string[] {
  return cluster.errors.filter((e) => !e.includes('the object has been modified'));
}

const immediate: KubeObject = {
  metadata: { name: 'fast' },
  provisioner: 'rancher.io/local-path',
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'Immediate',
};

describe('volume provisioning and binding', () => {
  test('WaitForFirstConsumer: the claim waits for a scheduled pod, then gets a local-path volume on its node', async () => {
    await start();
    await cluster.client.create(persistentVolumeClaimsResource, 'default', claim('data'));
    await cluster.run(1000);
    let pvc = await getClaim('data');
    // RetroactiveDefaultStorageClass, and the in-use protection finalizer.
    expect(pvc.spec.storageClassName).toBe('standard');
    expect(pvc.metadata?.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(pvc.status?.phase).toBe('Pending');
    expect(await volumes()).toEqual([]);
    expect(await reasons('data')).toContain('WaitForFirstConsumer');
    const waiting = (await cluster.events()).find((e) => e.reason === 'WaitForFirstConsumer');
    expect(waiting?.message).toBe(bindingMessages.waitForFirstConsumer);

    await cluster.client.create(podsResource, 'default', podUsing('app', 'data'));
    await cluster.run(1000);
    pvc = await getClaim('data');
    const node = (await cluster.client.get(podsResource, 'default', 'app')).spec.nodeName;
    const name = `pvc-${pvc.metadata?.uid}`;
    expect(pvc.spec.volumeName).toBe(name);
    expect(pvc.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
    });
    expect(pvc.metadata?.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/selected-node': node,
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    const [pv] = await volumes();
    expect(pv.metadata?.name).toBe(name);
    expect(pv.metadata?.annotations).toEqual({
      'local.path.provisioner/selected-node': node,
      'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path',
    });
    expect(pv.metadata?.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pv.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: pvc.metadata?.uid },
      hostPath: { path: `/var/local-path-provisioner/${name}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
          ],
        },
      },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
    });
    expect(pv.status?.phase).toBe('Bound');
    expect(pv.status?.lastPhaseTransitionTime).toBeDefined();
    expect(await reasons('data')).toEqual(
      expect.arrayContaining(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']),
    );
    expect(unexpectedErrors()).toEqual([]);
  });

  test('Immediate: a claim of such a class is provisioned and bound with no consumer', async () => {
    await start([immediate]);
    await cluster.client.create(
      persistentVolumeClaimsResource,
      'default',
      claim('now', { storageClassName: 'fast' }),
    );
    await cluster.run(1000);
    const pvc = await getClaim('now');
    expect(pvc.status?.phase).toBe('Bound');
    expect((await volumes()).map((v) => v.status?.phase)).toEqual(['Bound']);
  });

  test('static volumes: the smallest that fits is bound, and marked bound by the controller', async () => {
    await start([
      {
        metadata: { name: 'manual' },
        provisioner: 'kubernetes.io/no-provisioner',
        volumeBindingMode: 'Immediate',
      },
    ]);
    for (const [name, size] of [
      ['big', '5Gi'],
      ['small', '2Gi'],
      ['tiny', '500Mi'],
    ] as const) {
      await cluster.client.create(persistentVolumesResource, undefined, {
        metadata: { name },
        spec: {
          accessModes: ['ReadWriteOnce'],
          capacity: { storage: size },
          hostPath: { path: `/data/${name}` },
          storageClassName: 'manual',
        },
      });
    }
    await cluster.run(0);
    expect((await volumes()).map((v) => v.status?.phase)).toEqual(['Available', 'Available', 'Available']);
    await cluster.client.create(
      persistentVolumeClaimsResource,
      'default',
      claim('c', { storageClassName: 'manual' }),
    );
    await cluster.run(1000);
    const pvc = await getClaim('c');
    expect(pvc.spec.volumeName).toBe('small');
    expect(pvc.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '2Gi' },
    });
    const small = await cluster.client.get(persistentVolumesResource, undefined, 'small');
    expect(small.metadata?.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(small.spec.claimRef).toMatchObject({ name: 'c', namespace: 'default', uid: pvc.metadata?.uid });
    expect(small.status?.phase).toBe('Bound');
  });

  test('a claim with no class and no default class stays Pending', async () => {
    await start([]);
    await cluster.client.create(persistentVolumeClaimsResource, 'default', claim('lonely'));
    await cluster.run(1000);
    expect((await getClaim('lonely')).status?.phase).toBe('Pending');
    expect(await reasons('lonely')).toEqual(['FailedBinding']);
  });

  test('a Bound claim in use is kept until its pod is gone; then its Delete volume goes too', async () => {
    await start();
    await cluster.client.create(persistentVolumeClaimsResource, 'default', claim('data'));
    await cluster.client.create(podsResource, 'default', podUsing('app', 'data'));
    await cluster.run(5000);
    expect((await getClaim('data')).status?.phase).toBe('Bound');
    await cluster.client.delete(persistentVolumeClaimsResource, 'default', 'data');
    await cluster.run(1000);
    const terminating = await getClaim('data');
    expect(terminating.metadata?.deletionTimestamp).toBeDefined();
    expect(terminating.metadata?.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect((await volumes()).map((v) => v.status?.phase)).toEqual(['Bound']);
    await cluster.client.delete(podsResource, 'default', 'app');
    await cluster.run(31_000);
    await expect(getClaim('data')).rejects.toMatchObject({ code: 404 });
    expect(await volumes()).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });

  test('a Retain volume is Released, not deleted, when its claim goes', async () => {
    await start([{ ...immediate, reclaimPolicy: 'Retain' }]);
    await cluster.client.create(
      persistentVolumeClaimsResource,
      'default',
      claim('keep', { storageClassName: 'fast' }),
    );
    await cluster.run(1000);
    await cluster.client.delete(persistentVolumeClaimsResource, 'default', 'keep');
    await cluster.run(1000);
    const [pv] = await volumes();
    expect(pv.status?.phase).toBe('Released');
    expect(pv.metadata?.deletionTimestamp).toBeUndefined();
  });

  test('a StatefulSet with volumeClaimTemplates ends with one Bound claim and volume per pod', async () => {
    await start();
    await cluster.client.create(statefulSetsResource, 'default', {
      metadata: { name: 'db' },
      spec: {
        replicas: 2,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: {
            containers: [
              { name: 'db', image: 'postgres', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
            ],
          },
        },
        volumeClaimTemplates: [claim('data')],
      },
    });
    await cluster.runUntil(
      async () =>
        (await cluster.client.get(statefulSetsResource, 'default', 'db')).status?.readyReplicas === 2,
    );
    await cluster.run(1000);
    const claims = (await cluster.client.list(persistentVolumeClaimsResource, 'default')).items;
    expect(claims.map((c) => [c.metadata?.name, c.status?.phase, c.spec.storageClassName]).sort()).toEqual([
      ['data-db-0', 'Bound', 'standard'],
      ['data-db-1', 'Bound', 'standard'],
    ]);
    const pvs = await volumes();
    expect(pvs.map((v) => v.metadata?.name).sort()).toEqual(
      claims.map((c) => `pvc-${c.metadata?.uid}`).sort(),
    );
    expect(pvs.every((v) => v.status?.phase === 'Bound')).toBe(true);
    expect(unexpectedErrors()).toEqual([]);
  });
});
