// `bosun kubectl describe` against the real kubectl 1.35 on the same control plane: the
// Deployment layout (with ReplicaSets and Events written as the controllers would), Service,
// ConfigMap, Secret, Namespace, the generic describer, prefixes, lists and errors.

import { afterAll, beforeAll, describe } from 'vitest';
import { compareEach, Harness, kubectlBin } from './harness.ts';

if (!kubectlBin)
  console.log('kubectl describe compare: skipped, no reference kubectl (run scripts/reference-bins.sh)');

type Obj = Record<string, any>;

const deployment = {
  metadata: {
    name: 'web',
    labels: { app: 'web', tier: 'front' },
    annotations: { 'kubernetes.io/change-cause': 'first', note: 'x'.repeat(150) },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '50%' } },
    template: {
      metadata: { labels: { app: 'web' }, annotations: { team: 'a' } },
      spec: {
        serviceAccountName: 'default',
        initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'echo hi'] }],
        containers: [
          {
            name: 'web',
            image: 'nginx:1.25',
            args: ['--port', '80'],
            ports: [
              { containerPort: 80, name: 'http' },
              { containerPort: 443, name: 'https' },
            ],
            env: [
              { name: 'MODE', value: 'blue' },
              { name: 'PASS', valueFrom: { secretKeyRef: { name: 's1', key: 'p' } } },
              { name: 'CFG', valueFrom: { configMapKeyRef: { name: 'c1', key: 'a', optional: true } } },
            ],
            envFrom: [{ configMapRef: { name: 'c1' } }, { secretRef: { name: 's1' }, prefix: 'S_' }],
            livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 5 },
            readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } },
            resources: { requests: { cpu: '100m', memory: '32Mi' } },
            volumeMounts: [
              { name: 'data', mountPath: '/data' },
              { name: 'cfg', mountPath: '/etc/cfg', readOnly: true, subPath: 'a' },
            ],
          },
        ],
        volumes: [
          { name: 'data', emptyDir: {} },
          { name: 'cfg', configMap: { name: 'c1' } },
          { name: 'sec', secret: { secretName: 's1', optional: true } },
          { name: 'claim', persistentVolumeClaim: { claimName: 'pvc1' } },
        ],
        nodeSelector: { disk: 'ssd' },
        tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
      },
    },
  },
};

const cases: string[][] = [
  ['describe', 'deploy', 'web'],
  ['describe', 'deployment/web', '--show-events=false'],
  ['describe', 'deploy'],
  ['describe', 'deploy', 'we'],
  ['describe', 'deploy', 'nope'],
  ['describe', 'cm', 'c1'],
  ['describe', 'secret', 's1'],
  ['describe', 'svc', 'web'],
  ['describe', 'svc', 'ext'],
  ['describe', 'ns', 'ref'],
  ['describe', 'lease', 'leader'],
  ['describe', 'cm,secret', '-l', 'app=web'],
  ['describe', 'cm', '-l', 'app=none'],
  ['describe'],
];

describe.skipIf(!kubectlBin)('bosun kubectl describe equals kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
    await h.both(async (ns) => {
      await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, deployment);
      await h.deploymentRevision(ns, 'web', 1, '7d4b9c6f8', { updated: 2, ready: 1, available: 1, total: 2 });
      await h.deploymentStatus(ns, 'web', { updated: 2, ready: 1, available: 1, total: 2 }, [
        {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
          lastUpdateTime: '2024-01-01T00:00:00Z',
          lastTransitionTime: '2024-01-01T00:00:00Z',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: 'ReplicaSet "web-7d4b9c6f8" is progressing.',
          lastUpdateTime: '2024-01-01T00:00:00Z',
          lastTransitionTime: '2024-01-01T00:00:00Z',
        },
      ]);
      const d: Obj = await h.api('GET', `/apis/apps/v1/namespaces/${ns}/deployments/web`);
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      await h.api('POST', `/api/v1/namespaces/${ns}/events`, {
        metadata: { name: 'web.1' },
        involvedObject: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          namespace: ns,
          uid: d.metadata.uid,
        },
        reason: 'ScalingReplicaSet',
        message: 'Scaled up replica set web-7d4b9c6f8 from 0 to 2',
        type: 'Normal',
        source: { component: 'deployment-controller' },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      });
      await h.api('POST', `/api/v1/namespaces/${ns}/configmaps`, {
        metadata: { name: 'c1', labels: { app: 'web' } },
        data: { a: '1', script: 'line one\nline two' },
        binaryData: { blob: Buffer.from('abc').toString('base64') },
      });
      await h.api('POST', `/api/v1/namespaces/${ns}/secrets`, {
        metadata: { name: 's1', labels: { app: 'web' } },
        type: 'Opaque',
        data: { p: Buffer.from('secret!').toString('base64') },
      });
      await h.api('POST', `/api/v1/namespaces/${ns}/services`, {
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      });
      await h.api('POST', `/api/v1/namespaces/${ns}/services`, {
        metadata: { name: 'ext' },
        spec: { type: 'ExternalName', externalName: 'example.com' },
      });
      await h.api('POST', `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`, {
        metadata: { name: 'leader', labels: { app: 'web' } },
        spec: { holderIdentity: 'web-1', leaseDurationSeconds: 15, leaseTransitions: 2 },
      });
    });
  }, 60_000);
  afterAll(() => h.stop());

  compareEach(h, cases);
});
