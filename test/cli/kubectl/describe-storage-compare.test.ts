// `bosun kubectl describe` of PersistentVolumes (each kind of source block, node affinity, claim,
// a terminating volume) and StorageClasses against the real kubectl 1.35 on the same control
// plane. Both kinds are cluster-scoped, so both clients describe the very same objects.

import { afterAll, beforeAll, describe } from 'vitest';
import { compareEach, Harness, kubectlBin } from './harness.ts';

if (!kubectlBin)
  console.log(
    'kubectl describe storage compare: skipped, no reference kubectl (run scripts/reference-bins.sh)',
  );

type Obj = Record<string, any>;

const pv = (name: string, spec: Obj, metadata: Obj = {}) => ({
  metadata: { name, ...metadata },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...spec },
});

const volumes: { body: Obj; status?: Obj }[] = [
  {
    body: pv(
      'host',
      {
        hostPath: { path: '/data/host' },
        storageClassName: 'manual',
        claimRef: { namespace: 'ref', name: 'claim', kind: 'PersistentVolumeClaim' },
      },
      { labels: { type: 'local', tier: 'a' }, annotations: { note: 'first' } },
    ),
    status: { phase: 'Bound' },
  },
  {
    body: pv('local', {
      local: { path: '/mnt/disks/ssd1' },
      capacity: { storage: '100Gi' },
      accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteOncePod'],
      persistentVolumeReclaimPolicy: 'Delete',
      volumeMode: 'Block',
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'kubernetes.io/hostname', operator: 'In', values: ['alpha', 'beta'] },
                { key: 'disk', operator: 'Exists' },
              ],
            },
            { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['c'] }] },
          ],
        },
      },
    }),
    status: { phase: 'Failed', message: 'volume is broken' },
  },
  {
    body: pv(
      'csi',
      {
        csi: {
          driver: 'ebs.csi.aws.com',
          volumeHandle: 'vol-0abc',
          fsType: 'ext4',
          readOnly: true,
          volumeAttributes: {
            'storage.kubernetes.io/csiProvisionerIdentity': 'x'.repeat(150),
            type: 'gp3',
            zone: 'a',
          },
        },
        mountOptions: ['noatime'],
      },
      { annotations: { 'volume.beta.kubernetes.io/storage-class': 'beta-class' } },
    ),
  },
  { body: pv('nfs', { nfs: { server: 'nfs.example.com', path: '/exports', readOnly: true } }) },
  {
    body: pv('iscsi', {
      iscsi: {
        targetPortal: '10.0.0.1:3260',
        iqn: 'iqn.2001-04.com.example:storage',
        lun: 0,
        fsType: 'ext4',
        portals: ['10.0.0.2:3260', '10.0.0.3:3260'],
        chapAuthSession: true,
        secretRef: { name: 'chap', namespace: 'ref' },
      },
    }),
  },
  { body: pv('fc', { fc: { targetWWNs: ['500a0981891b8dc5', '500a0981991b8dc5'], lun: 2 } }) },
  {
    body: pv('flex', {
      flexVolume: { driver: 'example/lvm', fsType: 'ext4', options: { size: '1G', volumeID: 'v1' } },
    }),
  },
  { body: pv('gce', { gcePersistentDisk: { pdName: 'disk-1', fsType: 'ext4' } }) },
];

const classes: Obj[] = [
  {
    metadata: {
      name: 'gold',
      labels: { tier: 'a' },
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true', owner: 'ops' },
    },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  },
  {
    metadata: { name: 'fast' },
    provisioner: 'ebs.csi.aws.com',
    parameters: { type: 'io2', iopsPerGB: '50' },
    allowVolumeExpansion: true,
    mountOptions: ['debug', 'noatime'],
    reclaimPolicy: 'Retain',
    allowedTopologies: [
      {
        matchLabelExpressions: [
          { key: 'topology.ebs.csi.aws.com/zone', values: ['us-east-1a', 'us-east-1b'] },
          { key: 'tier', values: ['gold'] },
        ],
      },
      { matchLabelExpressions: [{ key: 'zone', values: ['c'] }] },
    ],
  },
  {
    metadata: { name: 'legacy', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'kubernetes.io/no-provisioner',
    allowVolumeExpansion: false,
  },
];

/** A pod with the inline volume sources the pod describer prints from the same tables. */
const podWithVolumes: Obj = {
  metadata: { name: 'volumes' },
  spec: {
    containers: [{ name: 'app', image: 'busybox' }],
    volumes: [
      { name: 'shared', nfs: { server: 'nfs.example.com', path: '/exports' } },
      {
        name: 'inline-csi',
        csi: {
          driver: 'secrets-store.csi.k8s.io',
          readOnly: true,
          volumeAttributes: { secretProviderClass: 'vault' },
        },
      },
      {
        name: 'scratch',
        ephemeral: {
          volumeClaimTemplate: {
            metadata: { labels: { type: 'scratch', tier: 'a' }, annotations: { owner: 'ops', team: 'b' } },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: 'fast',
              volumeMode: 'Filesystem',
              resources: { requests: { storage: '1Gi' } },
              dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' },
            },
          },
        },
      },
      {
        name: 'bare-ephemeral',
        ephemeral: {
          volumeClaimTemplate: {
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        },
      },
      { name: 'model', image: { reference: 'quay.io/example/model:v1', pullPolicy: 'IfNotPresent' } },
      { name: 'repo', gitRepo: { repository: 'https://example.com/repo.git', revision: 'main' } },
      {
        name: 'block',
        iscsi: {
          targetPortal: '10.0.0.1:3260',
          iqn: 'iqn.2001-04.com.example:storage',
          lun: 1,
          secretRef: { name: 'chap' },
        },
      },
      { name: 'ceph', cephfs: { monitors: ['10.0.0.1:6789'], secretRef: { name: 'ceph' } } },
    ],
  },
};

const cases: string[][] = [
  ['describe', 'pv', 'host'],
  ['describe', 'pv', 'local'],
  ['describe', 'pv', 'csi'],
  ['describe', 'persistentvolume/nfs'],
  ['describe', 'pv', 'iscsi'],
  ['describe', 'pv', 'fc'],
  ['describe', 'pv', 'flex'],
  ['describe', 'pv', 'gce', '--show-events=false'],
  ['describe', 'pv', 'doomed'],
  ['describe', 'pv'],
  ['describe', 'pv', '-l', 'type=local'],
  ['describe', 'pv', 'ho'],
  ['describe', 'storageclass', 'gold'],
  ['describe', 'sc', 'fast'],
  ['describe', 'sc/legacy'],
  ['describe', 'sc'],
  ['describe', 'sc', '-l', 'tier=a'],
  ['describe', 'pod', 'volumes'],
];

describe.skipIf(!kubectlBin)('bosun kubectl describe (pv, storageclass) equals kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
    for (const v of volumes) {
      const created = await h.api('POST', '/api/v1/persistentvolumes', v.body);
      if (v.status)
        await h.api(
          'PATCH',
          `/api/v1/persistentvolumes/${v.body.metadata.name}/status`,
          { status: v.status },
          'application/merge-patch+json',
        );
      if (v.body.metadata.name === 'host')
        await h.api('POST', '/api/v1/namespaces/default/events', {
          metadata: { name: 'host.pv' },
          involvedObject: {
            apiVersion: 'v1',
            kind: 'PersistentVolume',
            name: 'host',
            uid: created.metadata.uid,
          },
          reason: 'VolumeFailedDelete',
          message: 'host_path deleter only supports /tmp/.+ but received provided /data/host',
          type: 'Warning',
          source: { component: 'persistentvolume-controller' },
          firstTimestamp: '2024-03-01T10:00:00Z',
          lastTimestamp: '2024-03-01T10:00:00Z',
          count: 2,
        });
    }
    // a volume held by its protection finalizer while being deleted
    await h.api('POST', '/api/v1/persistentvolumes', {
      ...pv('doomed', { hostPath: { path: '/tmp/doomed', type: 'DirectoryOrCreate' } }),
      metadata: { name: 'doomed', finalizers: ['kubernetes.io/pv-protection', 'example.com/hold'] },
    });
    await h.api('DELETE', '/api/v1/persistentvolumes/doomed');
    await h.both((ns) => h.api('POST', `/api/v1/namespaces/${ns}/pods`, podWithVolumes));
    for (const sc of classes) {
      const created = await h.api('POST', '/apis/storage.k8s.io/v1/storageclasses', sc);
      if (sc.metadata.name === 'fast')
        await h.api('POST', '/api/v1/namespaces/default/events', {
          metadata: { name: 'fast.sc' },
          involvedObject: {
            apiVersion: 'storage.k8s.io/v1',
            kind: 'StorageClass',
            name: 'fast',
            uid: created.metadata.uid,
          },
          reason: 'Checked',
          message: 'parameters accepted',
          type: 'Normal',
          source: { component: 'ebs-csi' },
          firstTimestamp: '2024-03-01T10:00:00Z',
          lastTimestamp: '2024-03-01T10:00:00Z',
          count: 1,
        });
    }
  }, 60_000);
  afterAll(() => h.stop());

  compareEach(h, cases);
});
