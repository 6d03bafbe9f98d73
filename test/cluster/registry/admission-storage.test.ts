// kube-apiserver's storage admission on create, through a control plane without controllers (so
// nothing but admission can have touched the objects): DefaultStorageClass,
// StorageObjectInUseProtection and a volume's first lastPhaseTransitionTime.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SteppedClock } from '../../../src/cluster/clock.ts';
import { type ControlPlane, startControlPlane } from '../../../src/cluster/index.ts';
import { pickDefaultClass } from '../../../src/cluster/registry/admission/storage.ts';

type Obj = Record<string, any>;

const claims = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const volumes = { group: '', version: 'v1', resource: 'persistentvolumes' };
const classes = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
const start = Date.parse('2026-03-01T10:00:00Z');

let plane: ControlPlane;
let clock: SteppedClock;

beforeAll(async () => {
  clock = new SteppedClock(start);
  plane = await startControlPlane({ inMemory: true, port: 0, clock, controllers: false });
});
afterAll(async () => {
  await plane?.stop();
});

function claim(name: string, extra: Obj = {}): Obj {
  return {
    metadata: { name, ...(extra.metadata ?? {}) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      ...(extra.spec ?? {}),
    },
  };
}

const claimCases: { name: string; claim: Obj; storageClassName: string | undefined; finalizers: string[] }[] =
  [
    {
      name: 'no class: the default class is filled in',
      claim: claim('plain'),
      storageClassName: 'standard',
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    {
      name: 'an explicit empty class stays empty (no dynamic provisioning)',
      claim: claim('empty', { spec: { storageClassName: '' } }),
      storageClassName: '',
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    {
      name: 'a named class is kept',
      claim: claim('named', { spec: { storageClassName: 'fast' } }),
      storageClassName: 'fast',
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    {
      name: 'the beta class annotation counts as a class',
      claim: claim('beta', {
        metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } },
      }),
      storageClassName: undefined,
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    {
      name: "the client's finalizers come first and the protection one is not repeated",
      claim: claim('held', {
        metadata: { finalizers: ['example.com/hold', 'kubernetes.io/pvc-protection'] },
      }),
      storageClassName: 'standard',
      finalizers: ['example.com/hold', 'kubernetes.io/pvc-protection'],
    },
  ];

describe('admission of PersistentVolumeClaims', () => {
  for (const c of claimCases)
    test(c.name, async () => {
      const created = await plane.client.create(claims, 'default', structuredClone(c.claim));
      expect(created.spec?.storageClassName).toBe(c.storageClassName);
      expect(created.metadata?.finalizers).toEqual(c.finalizers);
      expect(created.status).toEqual({ phase: 'Pending' });
    });

  test('with two default classes the newest wins; with none, the claim keeps no class', async () => {
    await clock.advance(5000);
    await plane.client.create(classes, undefined, {
      metadata: { name: 'newer', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'example.com/x',
    });
    expect((await plane.client.create(claims, 'default', claim('two-defaults'))).spec?.storageClassName).toBe(
      'newer',
    );
    for (const name of ['newer', 'standard']) {
      const sc = await plane.client.get(classes, undefined, name);
      await plane.client.update(classes, undefined, { ...sc, metadata: { ...sc.metadata, annotations: {} } });
    }
    expect((await plane.client.create(claims, 'default', claim('no-default'))).spec?.storageClassName).toBe(
      undefined,
    );
  });
});

describe('admission of PersistentVolumes', () => {
  test('a volume is born Pending, protected, with its phase transition time', async () => {
    await clock.advance(60_000);
    const pv = await plane.client.create(volumes, undefined, {
      metadata: { name: 'pv-a' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/a' } },
      status: { phase: 'Bound' },
    });
    expect(pv.metadata?.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pv.status).toEqual({ phase: 'Pending', lastPhaseTransitionTime: pv.metadata?.creationTimestamp });
    expect(pv.metadata?.creationTimestamp).toBe(new Date(clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'));
  });
});

describe('choosing the default class (storageutil.GetDefaultClass)', () => {
  const sc = (name: string, created: string, isDefault: string | undefined, beta = false): Obj => ({
    metadata: {
      name,
      creationTimestamp: created,
      annotations:
        isDefault === undefined
          ? {}
          : { [`storageclass.${beta ? 'beta.' : ''}kubernetes.io/is-default-class`]: isDefault },
    },
  });
  const cases: { name: string; classes: Obj[]; want: string | undefined }[] = [
    { name: 'none', classes: [sc('a', '2026-01-01T00:00:00Z', undefined)], want: undefined },
    { name: 'only "true" counts', classes: [sc('a', '2026-01-01T00:00:00Z', 'yes')], want: undefined },
    { name: 'the beta annotation', classes: [sc('a', '2026-01-01T00:00:00Z', 'true', true)], want: 'a' },
    {
      name: 'newest first',
      classes: [sc('old', '2026-01-01T00:00:00Z', 'true'), sc('new', '2026-02-01T00:00:00Z', 'true')],
      want: 'new',
    },
    {
      name: 'equal times: by name',
      classes: [sc('b', '2026-01-01T00:00:00Z', 'true'), sc('a', '2026-01-01T00:00:00Z', 'true')],
      want: 'a',
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      expect(pickDefaultClass(c.classes)?.metadata?.name).toBe(c.want);
    });
});
