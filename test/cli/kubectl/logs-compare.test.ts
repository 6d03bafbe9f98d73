// `bosun kubectl logs` against the real kubectl 1.35 on one control plane, and the server's
// pods/log subresource both of them read: pods are written with the container statuses a kubelet
// would report (running, waiting for several reasons, terminated, restarted), so the errors of
// each state are exercised. The simulated containers print nothing: a log that exists is empty.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness, kubectlBin, normalise } from './harness.ts';
import { runSide } from './sides.ts';

const h = new Harness();
type Obj = Record<string, unknown>;

const running = (name: string, restarts = 0, last: Obj = {}) => ({
  name,
  image: 'nginx',
  imageID: '',
  ready: true,
  started: true,
  restartCount: restarts,
  containerID: `containerd://${name}-1`,
  state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
  lastState: last,
});
const waiting = (name: string, reason: string) => ({
  name,
  image: 'nginx',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { waiting: { reason } },
  lastState: {},
});
const exited = { terminated: { exitCode: 1, reason: 'Error', containerID: 'containerd://old' } };

interface PodSeed {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  containers: string[];
  initContainers?: string[];
  node?: string;
  phase?: string;
  statuses?: Obj[];
  initStatuses?: Obj[];
}

const pods: PodSeed[] = [
  {
    name: 'one',
    labels: { app: 'one' },
    containers: ['main'],
    node: 'n1',
    phase: 'Running',
    statuses: [running('main')],
  },
  {
    name: 'two',
    labels: { app: 'two' },
    containers: ['main', 'side'],
    node: 'n1',
    phase: 'Running',
    statuses: [running('main'), running('side', 2, exited)],
  },
  {
    name: 'boot',
    containers: ['main'],
    initContainers: ['setup'],
    node: 'n1',
    phase: 'Pending',
    statuses: [waiting('main', 'PodInitializing')],
    initStatuses: [waiting('setup', 'ContainerCreating')],
  },
  {
    name: 'creating',
    containers: ['main'],
    node: 'n1',
    phase: 'Pending',
    statuses: [waiting('main', 'ContainerCreating')],
  },
  {
    name: 'pullerr',
    containers: ['main'],
    node: 'n1',
    phase: 'Pending',
    statuses: [waiting('main', 'ErrImagePull')],
  },
  {
    name: 'backoff',
    containers: ['main'],
    node: 'n1',
    phase: 'Pending',
    statuses: [waiting('main', 'ImagePullBackOff')],
  },
  {
    name: 'crash',
    containers: ['main'],
    node: 'n1',
    phase: 'Running',
    statuses: [{ ...waiting('main', 'CrashLoopBackOff'), restartCount: 4, lastState: exited }],
  },
  { name: 'nostatus', containers: ['main'], node: 'n1', phase: 'Pending', statuses: [] },
  { name: 'unscheduled', containers: ['main', 'side'], phase: 'Pending' },
  {
    name: 'annotated',
    annotations: { 'kubectl.kubernetes.io/default-container': 'side' },
    containers: ['main', 'side'],
    node: 'n1',
    phase: 'Running',
    statuses: [running('main'), running('side')],
  },
  {
    name: 'badannotation',
    annotations: { 'kubectl.kubernetes.io/default-container': 'zzz' },
    containers: ['main', 'side'],
    node: 'n1',
    phase: 'Running',
    statuses: [running('main'), running('side')],
  },
  // a Deployment's two pods: the older one is picked
  {
    name: 'web-a',
    labels: { app: 'web' },
    containers: ['web'],
    node: 'n1',
    phase: 'Running',
    statuses: [running('web')],
  },
  {
    name: 'web-b',
    labels: { app: 'web' },
    containers: ['web'],
    node: 'n1',
    phase: 'Pending',
    statuses: [waiting('web', 'ContainerCreating')],
  },
];

async function seed(ns: string): Promise<void> {
  for (const p of pods) {
    const spec: Obj = { containers: p.containers.map((name) => ({ name, image: 'nginx' })) };
    if (p.initContainers) spec.initContainers = p.initContainers.map((name) => ({ name, image: 'busybox' }));
    if (p.node) spec.nodeName = p.node;
    await h.api('POST', `/api/v1/namespaces/${ns}/pods`, {
      metadata: { name: p.name, labels: p.labels, annotations: p.annotations },
      spec,
    });
    const status: Obj = { phase: p.phase };
    if (p.statuses) status.containerStatuses = p.statuses;
    if (p.initStatuses) status.initContainerStatuses = p.initStatuses;
    await h.api(
      'PATCH',
      `/api/v1/namespaces/${ns}/pods/${p.name}/status`,
      { status },
      'application/merge-patch+json',
    );
  }
  const labels = { app: 'web' };
  await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  });
  await h.api('POST', `/api/v1/namespaces/${ns}/services`, {
    metadata: { name: 'noselector' },
    spec: { ports: [{ port: 80 }] },
  });
  await h.api('POST', `/api/v1/namespaces/${ns}/services`, {
    metadata: { name: 'websvc' },
    spec: { selector: labels, ports: [{ port: 80 }] },
  });
  await h.api('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'cfg' } });
}

const cases: string[][] = [
  // which pod and container
  ['logs', 'one'],
  ['logs', 'pod/one', '--tail=5', '--timestamps', '--since=1h'],
  ['logs', 'two'],
  ['logs', 'two', 'side'],
  ['logs', 'two', '-c', 'side', '--prefix'],
  ['logs', 'two', '--all-containers', '--prefix'],
  ['logs', 'two', '-c', 'nope'],
  ['logs', 'two', '-c', 'main', 'side'],
  ['logs', 'annotated'],
  ['logs', 'badannotation'],
  ['logs', 'boot'],
  ['logs', 'boot', '-c', 'setup'],
  ['logs', 'boot', '--all-containers'],
  ['logs', 'unscheduled'],
  ['logs', 'deploy/web'],
  ['logs', 'deploy/web', '--all-pods'],
  ['logs', 'deployment.apps/web', '-c', 'web', '--prefix'],
  ['logs', 'svc/websvc'],
  ['logs', 'svc/noselector'],
  ['logs', 'cm/cfg'],
  ['logs', '-l', 'app=two'],
  ['logs', '-l', 'app=one', '--prefix'],
  ['logs', '-l', 'app=none'],
  ['logs', '-f', '-l', 'app=web', '--max-log-requests=1'],
  // container states
  ['logs', 'creating'],
  ['logs', 'pullerr'],
  ['logs', 'backoff'],
  ['logs', 'crash'],
  ['logs', 'crash', '-p'],
  ['logs', 'nostatus'],
  ['logs', 'one', '-p'],
  ['logs', 'two', '-c', 'side', '--previous'],
  // arguments and flags
  ['logs'],
  ['logs', 'a', 'b', 'c'],
  ['logs', 'one', '-l', 'app=one'],
  ['logs', 'missing'],
  ['logs', 'deploy/missing'],
  ['logs', 'nosuchtype/x'],
  ['logs', 'a/b/c'],
  ['logs', 'one', '--all-containers', '-c', 'main'],
  ['logs', 'one', '--since=1h', '--since-time=2020-01-01T00:00:00Z'],
  ['logs', 'one', '--since-time=yesterday'],
  ['logs', 'one', '--since=abc'],
  ['logs', 'one', '--since=5'],
  ['logs', 'one', '--since=-5s'],
  ['logs', 'one', '--tail=-2'],
  ['logs', 'one', '--tail=x'],
  ['logs', 'one', '--limit-bytes=-1'],
  ['logs', 'one', '--bogus'],
];

describe.skipIf(!kubectlBin)('kubectl logs equals kubectl 1.35', () => {
  beforeAll(async () => {
    await h.start();
    await h.both(seed);
  }, 60_000);
  afterAll(() => h.stop());

  for (const args of cases) {
    test(args.join(' '), async () => {
      const expected = await runSide(h, 'ref', args);
      const actual = await runSide(h, 'bos', args);
      expect(normalise(actual.stdout)).toBe(normalise(expected.stdout));
      expect(normalise(actual.stderr)).toBe(normalise(expected.stderr));
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }

  // what the server itself answers, for the messages kubectl never shows (it picks a container)
  test('pods/log names the containers when none is given', async () => {
    const reply = await h.rest!.request('GET', '/api/v1/namespaces/ref/pods/two/log');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text).message).toBe(
      'a container name must be specified for pod two, choose one of: [main side]',
    );
    const ok = await h.rest!.request('GET', '/api/v1/namespaces/ref/pods/two/log?container=side');
    expect([ok.status, ok.text]).toEqual([200, '']);
    const waitingReply = await h.rest!.request('GET', '/api/v1/namespaces/ref/pods/creating/log');
    expect(JSON.parse(waitingReply.text).message).toBe(
      'container "main" in pod "creating" is waiting to start: ContainerCreating',
    );
  });
});
