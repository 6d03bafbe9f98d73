// `bosun kubectl rollout ...` and `api-resources` against the real kubectl 1.35 on the same
// control plane. The Deployment controller is not running, so each step first writes what it
// would (ReplicaSets with revisions, statuses, conditions) in both namespaces alike.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness, kubectlBin, normalise } from './harness.ts';

if (!kubectlBin)
  console.log('kubectl rollout compare: skipped, no reference kubectl (run scripts/reference-bins.sh)');

type Step = { run: string[] } | { setup: (h: Harness, ns: string) => Promise<unknown>; title: string };

const deployment = (ns: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: ns,
    labels: { app: 'web' },
    annotations: { 'kubernetes.io/change-cause': 'first' },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.25',
            ports: [{ containerPort: 80, name: 'http' }],
            env: [{ name: 'MODE', value: 'blue' }],
            readinessProbe: { httpGet: { path: '/healthz', port: 80 } },
            resources: { limits: { cpu: '250m', memory: '64Mi' } },
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/web', readOnly: true }],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'web-cfg' } }],
      },
    },
  },
});

const deployPath = (ns: string) => `/apis/apps/v1/namespaces/${ns}/deployments/web`;
const merge = 'application/merge-patch+json';
const all = (n: number) => ({ updated: n, ready: n, available: n, total: n });

const steps: Step[] = [
  { run: ['api-resources'] },
  { run: ['api-resources', '-o', 'wide'] },
  { run: ['api-resources', '--namespaced=false', '-o', 'name'] },
  { run: ['api-resources', '--api-group=apps', '--sort-by=kind'] },
  { run: ['api-resources', '--verbs=list,watch', '--categories=all', '--no-headers'] },
  { run: ['api-resources', '-o', 'json', '--api-group=batch'] },
  { run: ['api-resources', '-o', 'yaml', '--api-group=apps'] },
  { run: ['api-resources', 'extra'] },
  { run: ['api-resources', '--sort-by=age'] },
  { run: ['api-resources', '-o', 'bogus'] },
  {
    title: 'create deployment web and a configmap',
    setup: async (h, ns) => {
      await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, deployment(ns));
      await h.api('POST', `/api/v1/namespaces/${ns}/configmaps`, {
        metadata: { name: 'web-cfg' },
        data: { a: '1' },
      });
    },
  },
  { run: ['rollout', 'history', 'deploy/web'] },
  { run: ['rollout', 'undo', 'deploy/web'] },
  { run: ['rollout', 'undo', 'deploy/web', '--to-revision=1'] },
  { run: ['rollout', 'status', 'deploy/web', '--watch=false'] },
  { run: ['rollout', 'history', 'cm/web-cfg'] },
  { run: ['rollout', 'undo', 'cm/web-cfg'] },
  { run: ['rollout', 'status', 'cm/web-cfg'] },
  { run: ['rollout', 'pause', 'cm/web-cfg'] },
  { run: ['rollout', 'resume', 'cm/web-cfg'] },
  { run: ['rollout', 'restart', 'cm/web-cfg'] },
  { run: ['rollout', 'history', 'deploy/nope'] },
  { run: ['rollout', 'history'] },
  {
    title: 'revision 1 rolled out',
    setup: (h, ns) => h.deploymentRevision(ns, 'web', 1, '6b7f9c8d4', all(3)),
  },
  { run: ['rollout', 'history', 'deploy/web'] },
  { run: ['rollout', 'history', 'deployment', 'web', '--revision=1'] },
  { run: ['rollout', 'history', 'deploy/web', '--revision=5'] },
  { run: ['rollout', 'history', 'deploy/web', '--revision=-1'] },
  { run: ['rollout', 'status', 'deploy/web'] },
  { run: ['rollout', 'status', 'deploy/web', '--revision=1'] },
  { run: ['rollout', 'status', 'deploy/web', '--revision=2'] },
  { run: ['rollout', 'undo', 'deploy/web'] },
  {
    title: 'revision 2 in progress',
    setup: async (h, ns) => {
      await h.api(
        'PATCH',
        deployPath(ns),
        {
          metadata: { annotations: { 'kubernetes.io/change-cause': 'image 1.26' } },
          spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } },
        },
        'application/strategic-merge-patch+json',
      );
      await h.deploymentRevision(ns, 'web', 2, '5c9d8f7b6', { updated: 1, ready: 3, available: 3, total: 4 });
    },
  },
  { run: ['rollout', 'status', 'deploy/web', '--watch=false'] },
  { run: ['rollout', 'status', 'deploy/web', '--timeout=1s'] },
  { run: ['rollout', 'history', 'deploy/web'] },
  { run: ['rollout', 'history', 'deploy/web', '--revision=2'] },
  { run: ['rollout', 'undo', 'deploy/web', '--to-revision=9'] },
  { run: ['rollout', 'undo', 'deploy/web', '--to-revision=2'] },
  { run: ['rollout', 'undo', 'deploy/web', '--dry-run=client'] },
  {
    title: 'revision 2: old replicas terminating',
    setup: (h, ns) => h.deploymentStatus(ns, 'web', { updated: 3, ready: 3, available: 3, total: 4 }),
  },
  { run: ['rollout', 'status', 'deploy/web', '--watch=false'] },
  {
    title: 'revision 2: not yet available',
    setup: (h, ns) => h.deploymentStatus(ns, 'web', { updated: 3, ready: 1, available: 1, total: 3 }),
  },
  { run: ['rollout', 'status', 'deploy/web', '-w=false'] },
  { run: ['rollout', 'undo', 'deploy/web'] },
  {
    run: [
      'get',
      'deploy',
      'web',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations}',
    ],
  },
  { run: ['rollout', 'pause', 'deploy/web'] },
  { run: ['rollout', 'pause', 'deploy/web'] },
  { run: ['rollout', 'undo', 'deploy/web', '--to-revision=2'] },
  { run: ['rollout', 'restart', 'deploy/web'] },
  { run: ['rollout', 'resume', 'deploy/web'] },
  { run: ['rollout', 'resume', 'deploy/web'] },
  { run: ['rollout', 'pause', 'deploy/web', '-o', 'name'] },
  { run: ['rollout', 'resume', 'deploy', 'web', '-o', 'jsonpath={.spec.paused}'] },
  { run: ['rollout', 'restart', 'deploy/web'] },
  { run: ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.metadata.annotations}'] },
  {
    title: 'progress deadline exceeded',
    setup: async (h, ns) => {
      await h.api('PATCH', deployPath(ns), { spec: { progressDeadlineSeconds: 60 } }, merge);
      await h.deploymentStatus(ns, 'web', { updated: 1, ready: 3, available: 3, total: 4 }, [
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: 'ReplicaSet "web-5c9d8f7b6" has timed out progressing.',
          lastUpdateTime: '2024-01-01T00:00:00Z',
          lastTransitionTime: '2024-01-01T00:00:00Z',
        },
      ]);
    },
  },
  { run: ['rollout', 'status', 'deploy/web'] },
  { run: ['rollout', 'bogus', 'deploy/web'] },
];

describe.skipIf(!kubectlBin)('bosun kubectl rollout/api-resources equal kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop());

  steps.forEach((step, i) => {
    if ('setup' in step) {
      test(`setup ${i}: ${step.title}`, () => h.both((ns) => step.setup(h, ns)), 30_000);
      return;
    }
    test(step.run.join(' '), async () => {
      const expected = await h.real(step.run);
      const actual = await h.ours(step.run);
      expect(normalise(actual.stdout)).toBe(normalise(expected.stdout));
      expect(normalise(actual.stderr)).toBe(normalise(expected.stderr));
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  });
});
