// End to end through a control plane with controllers (startControlPlane) on
// a stepped clock: a StatefulSet with volumeClaimTemplates ends with Bound
// claims on local-path volumes, which the real kubectl lists as on kind; the
// garbage collector collects custom resources (CRD-served) and their dependents.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SteppedClock } from '../../../src/cluster/clock.ts';
import {
  type KubeObject,
  persistentVolumeClaimsResource,
  type Resource,
  statefulSetsResource,
} from '../../../src/cluster/controllers/index.ts';
import { type ControlPlane, startControlPlane } from '../../../src/cluster/index.ts';
import { referenceBin } from '../../support/reference-bins.ts';
import { runFor } from './run-until.ts';

const kubectl = referenceBin('kubectl');
const configMaps: Resource = { group: '', version: 'v1', resource: 'configmaps' };
const crds: Resource = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  resource: 'customresourcedefinitions',
};
const widgets: Resource = { group: 'example.com', version: 'v1', resource: 'widgets' };

let plane: ControlPlane;
let clock: SteppedClock;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bosun-volume-e2e-'));
  clock = new SteppedClock(Date.now());
  plane = await startControlPlane({ inMemory: true, port: 0, clock, kubeconfig: join(work, 'kubeconfig') });
});

afterAll(async () => {
  await plane?.stop();
  rmSync(work, { recursive: true, force: true });
});

const run = (ms: number): Promise<void> => runFor(plane, clock, ms);

function kubectlRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      kubectl!,
      ['--kubeconfig', join(work, 'kubeconfig'), ...args],
      { timeout: 30_000 },
      (err, stdout, stderr) =>
        done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A kubectl table as rows of column -> cell (cells never contain two spaces). */
function table(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split('\n');
  const starts = [...header!.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index! }));
  return rows.map((row) => {
    const out: Record<string, string> = {};
    starts.forEach((c, i) => {
      out[c.name] = row.slice(c.at, starts[i + 1]?.at ?? row.length).trim();
    });
    return out;
  });
}

describe('volumes and garbage collection through a control plane', () => {
  test("the cluster starts with kind's default StorageClass", async () => {
    const sc = await plane.client.get(
      { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' },
      undefined,
      'standard',
    );
    expect(sc).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
  });

  test('a StatefulSet with volumeClaimTemplates ends with Bound claims and volumes', async () => {
    await plane.client.create(statefulSetsResource, 'default', {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        serviceName: 'web',
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'web', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    });
    for (let i = 0; i < 60; i++) {
      const set = await plane.client.get(statefulSetsResource, 'default', 'web');
      if (set.status?.readyReplicas === 2) break;
      await run(1000);
    }
    await run(1000);
    const claims = (await plane.client.list(persistentVolumeClaimsResource, 'default')).items;
    expect(claims.map((c: KubeObject) => [c.metadata?.name, c.status?.phase]).sort()).toEqual([
      ['data-web-0', 'Bound'],
      ['data-web-1', 'Bound'],
    ]);
  });

  test.skipIf(!kubectl)('real kubectl lists the claims and volumes as on kind', async () => {
    const claims = new Map(
      (await plane.client.list(persistentVolumeClaimsResource, 'default')).items.map((c: KubeObject) => [
        c.metadata?.name,
        c.metadata?.uid,
      ]),
    );
    const pvc = await kubectlRun(['get', 'pvc']);
    expect(pvc.stderr).toBe('');
    expect(table(pvc.stdout).map(({ AGE: _, ...row }) => row)).toEqual(
      ['data-web-0', 'data-web-1'].map((name) => ({
        NAME: name,
        STATUS: 'Bound',
        VOLUME: `pvc-${claims.get(name)}`,
        CAPACITY: '1Gi',
        'ACCESS MODES': 'RWO',
        STORAGECLASS: 'standard',
        VOLUMEATTRIBUTESCLASS: '<unset>',
      })),
    );
    const pv = await kubectlRun(['get', 'pv', '--sort-by', '.spec.claimRef.name']);
    expect(pv.stderr).toBe('');
    expect(table(pv.stdout).map(({ AGE: _, ...row }) => row)).toEqual(
      ['data-web-0', 'data-web-1'].map((name) => ({
        NAME: `pvc-${claims.get(name)}`,
        CAPACITY: '1Gi',
        'ACCESS MODES': 'RWO',
        'RECLAIM POLICY': 'Delete',
        STATUS: 'Bound',
        CLAIM: `default/${name}`,
        STORAGECLASS: 'standard',
        VOLUMEATTRIBUTESCLASS: '<unset>',
        REASON: '',
      })),
    );
    const both = await kubectlRun(['get', 'pvc,pv']);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain('persistentvolumeclaim/data-web-0');
    expect(both.stdout).toContain(`persistentvolume/pvc-${claims.get('data-web-0')}`);
  });

  test('custom resources are collected with their owners and collect their dependents', async () => {
    await plane.client.create(crds, undefined, {
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    });
    await run(1000);
    const owner = await plane.client.create(configMaps, 'default', { metadata: { name: 'owner' } });
    const ownerRef = (o: KubeObject) => [
      {
        apiVersion: o.apiVersion ?? 'v1',
        kind: o.kind ?? 'ConfigMap',
        name: o.metadata?.name,
        uid: o.metadata?.uid,
      },
    ];
    const widget = await plane.client.create(widgets, 'default', {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', ownerReferences: ownerRef({ ...owner, apiVersion: 'v1', kind: 'ConfigMap' }) },
    });
    await plane.client.create(configMaps, 'default', {
      metadata: {
        name: 'of-widget',
        ownerReferences: ownerRef({ ...widget, apiVersion: 'example.com/v1', kind: 'Widget' }),
      },
    });
    await run(1000);
    expect((await plane.client.list(widgets, 'default')).items).toHaveLength(1);
    await plane.client.delete(configMaps, 'default', 'owner');
    await run(1000);
    expect((await plane.client.list(widgets, 'default')).items).toEqual([]);
    const left = (await plane.client.list(configMaps, 'default')).items.map(
      (c: KubeObject) => c.metadata?.name,
    );
    expect(left).not.toContain('of-widget');
  });
});
