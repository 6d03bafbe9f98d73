// The simulated kubelet and scheduler: nodes, the pod lifecycle stages on the
// stepped clock, failure patterns, and graceful deletion.

import { afterEach, describe, expect, test } from 'vitest';
import {
  type KubeObject,
  nodesResource,
  podsResource,
  type Resource,
} from '../../../src/cluster/controllers/index.ts';
import {
  backOffMs,
  imageMatches,
  normalizeImage,
  podAnnotations,
} from '../../../src/cluster/kubelet/index.ts';
import { TestCluster } from '../controllers/harness.ts';

const storageClassesResource: Resource = {
  group: 'storage.k8s.io',
  version: 'v1',
  resource: 'storageclasses',
};

let cluster: TestCluster;
afterEach(() => cluster?.stop());

function pod(
  name: string,
  image: string,
  extra: { annotations?: Record<string, string>; container?: KubeObject; spec?: KubeObject } = {},
): KubeObject {
  return {
    metadata: {
      name,
      labels: { app: name },
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
    },
    spec: { containers: [{ name: 'web', image, ...(extra.container ?? {}) }], ...(extra.spec ?? {}) },
  };
}

async function get(name: string): Promise<KubeObject | undefined> {
  return (await cluster.pods()).find((p) => p.metadata?.name === name);
}

function waiting(p: KubeObject | undefined): string | undefined {
  return p?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
}

function cond(p: KubeObject | undefined, type: string): string | undefined {
  return p?.status?.conditions?.find((c: KubeObject) => c.type === type)?.status;
}

async function eventsFor(name: string): Promise<string[]> {
  return (await cluster.events())
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
}

describe('nodes and scheduling', () => {
  test('registers N ready nodes on loopback and spreads pods over them', async () => {
    cluster = await new TestCluster({ nodes: 3 }).start();
    const nodes = (await cluster.client.list(nodesResource)).items;
    expect(nodes.map((n) => n.metadata?.name)).toEqual(['bosun', 'bosun-m02', 'bosun-m03']);
    for (const [i, n] of nodes.entries()) {
      expect(n.status.conditions.find((c: KubeObject) => c.type === 'Ready')).toMatchObject({
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      });
      expect(n.status.addresses).toEqual([
        { type: 'InternalIP', address: `127.0.0.${i + 1}` },
        { type: 'Hostname', address: n.metadata?.name },
      ]);
      expect(n.status.capacity.pods).toBe('110');
    }
    for (let i = 0; i < 6; i++) await cluster.client.create(podsResource, 'default', pod(`p${i}`, 'nginx'));
    await cluster.run(5000);
    const perNode = new Map<string, number>();
    for (const p of await cluster.pods())
      perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    expect([...perNode.values()]).toEqual([2, 2, 2]);
    const p0 = await get('p0');
    expect(p0?.status.hostIP).toBe(
      `127.0.0.${['bosun', 'bosun-m02', 'bosun-m03'].indexOf(p0?.spec.nodeName) + 1}`,
    );
    expect(await eventsFor('p0')).toContain(
      `Normal Scheduled Successfully assigned default/p0 to ${p0?.spec.nodeName}`,
    );
  });

  test('a nodeSelector no node matches leaves the pod Pending with FailedScheduling', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(
      podsResource,
      'default',
      pod('picky', 'nginx', { spec: { nodeSelector: { disk: 'ssd' } } }),
    );
    await cluster.run(5000);
    const p = await get('picky');
    expect(p?.spec.nodeName).toBeUndefined();
    expect(p?.status.phase).toBe('Pending');
    expect(await eventsFor('picky')).toEqual([
      "Warning FailedScheduling 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    ]);
  });
});

describe('pod lifecycle', () => {
  test('sandbox and IP at once, ContainerCreating while pulling, Running, then Ready after the readiness probe delay', async () => {
    cluster = await new TestCluster().start();
    const probe = {
      readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 },
    };
    await cluster.client.create(
      podsResource,
      'default',
      pod('web', 'kiamol/ch09-vweb:v1', { container: probe }),
    );
    await cluster.run(0);
    let p = await get('web');
    expect(p?.status.phase).toBe('Pending');
    expect(waiting(p)).toBe('ContainerCreating');
    // The sandbox (and its IP) comes before the pull, as kuberuntime's SyncPod creates it first.
    expect(cond(p, 'PodReadyToStartContainers')).toBe('True');
    expect(p?.status.podIP).toBe('10.42.0.2');
    expect(cond(p, 'PodScheduled')).toBe('True');
    expect(cond(p, 'Ready')).toBe('False');
    expect(p?.status.conditions.map((c: KubeObject) => c.type)).toEqual([
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ]);
    expect(p?.status.conditions[2]).toMatchObject({
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [web]',
    });
    expect(p?.status.startTime).toBe('2025-01-01T00:00:00Z');
    expect(p?.status.hostIP).toBe('127.0.0.1');

    await cluster.run(1000);
    p = await get('web');
    expect(p?.status.phase).toBe('Running');
    expect(p?.status.podIP).toBe('10.42.0.2');
    expect(cond(p, 'PodReadyToStartContainers')).toBe('True');
    expect(cond(p, 'Ready')).toBe('False');
    expect(p?.status.containerStatuses[0]).toMatchObject({
      ready: false,
      started: true,
      restartCount: 0,
      image: 'docker.io/kiamol/ch09-vweb:v1',
      state: { running: { startedAt: '2025-01-01T00:00:01Z' } },
    });
    expect(p?.status.containerStatuses[0].imageID).toMatch(
      /^docker\.io\/kiamol\/ch09-vweb@sha256:[0-9a-f]{64}$/,
    );

    await cluster.run(4999);
    expect(cond(await get('web'), 'Ready')).toBe('False');
    await cluster.run(1);
    p = await get('web');
    expect(cond(p, 'Ready')).toBe('True');
    expect(cond(p, 'ContainersReady')).toBe('True');
    expect(p?.status.conditions.find((c: KubeObject) => c.type === 'Ready').lastTransitionTime).toBe(
      '2025-01-01T00:00:06Z',
    );
    expect(await eventsFor('web')).toEqual([
      'Normal Scheduled Successfully assigned default/web to bosun',
      'Normal Pulling Pulling image "kiamol/ch09-vweb:v1"',
      'Normal Pulled Successfully pulled image "kiamol/ch09-vweb:v1" in 1s (1s including waiting). Image size: ' +
        (await eventsFor('web'))[2].split('Image size: ')[1],
      'Normal Created Created container: web',
      'Normal Started Started container web',
    ]);
  });

  test('an image already on the node starts without a pull', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(podsResource, 'default', pod('first', 'nginx:1.27'));
    await cluster.run(2000);
    await cluster.client.create(podsResource, 'default', pod('second', 'nginx:1.27'));
    await cluster.run(0);
    expect(cond(await get('second'), 'Ready')).toBe('True');
    expect(await eventsFor('second')).toEqual([
      'Normal Scheduled Successfully assigned default/second to bosun',
      'Normal Pulled Container image "nginx:1.27" already present on machine',
      'Normal Created Created container: web',
      'Normal Started Started container web',
    ]);
  });

  test('bosun.dev/readiness: never keeps a running pod unready', async () => {
    cluster = await new TestCluster().start();
    const probe = { readinessProbe: { tcpSocket: { port: 80 } } };
    await cluster.client.create(
      podsResource,
      'default',
      pod('sick', 'nginx', { container: probe, annotations: { [podAnnotations.readiness]: 'never' } }),
    );
    await cluster.run(60_000);
    const p = await get('sick');
    expect(p?.status.phase).toBe('Running');
    expect(cond(p, 'Ready')).toBe('False');
  });
});

describe('failure patterns', () => {
  test('an image that never pulls: ErrImagePull, then ImagePullBackOff, retried with back-off', async () => {
    cluster = await new TestCluster({ imagePullFailure: ['kiamol/*:v3'] }).start();
    await cluster.client.create(podsResource, 'default', pod('broken', 'kiamol/ch09-vweb:v3'));
    await cluster.run(1000);
    let p = await get('broken');
    expect(waiting(p)).toBe('ErrImagePull');
    expect(p?.status.containerStatuses[0].state.waiting.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "kiamol/ch09-vweb:v3": failed to resolve reference "kiamol/ch09-vweb:v3": kiamol/ch09-vweb:v3: not found',
    );
    await cluster.run(1000);
    p = await get('broken');
    expect(waiting(p)).toBe('ImagePullBackOff');
    expect(p?.status.phase).toBe('Pending');
    expect(p?.status.containerStatuses[0]).toMatchObject({
      ready: false,
      started: false,
      imageID: '',
      image: 'kiamol/ch09-vweb:v3',
    });
    // The retry comes after the 10s back-off plus the pull.
    await cluster.run(10_999);
    expect(waiting(await get('broken'))).toBe('ImagePullBackOff');
    await cluster.run(1);
    expect(waiting(await get('broken'))).toBe('ErrImagePull');
    expect(await eventsFor('broken')).toEqual([
      'Normal Scheduled Successfully assigned default/broken to bosun',
      'Normal Pulling Pulling image "kiamol/ch09-vweb:v3" (x2)',
      'Warning Failed Failed to pull image "kiamol/ch09-vweb:v3": rpc error: code = NotFound desc = failed to pull and unpack image "kiamol/ch09-vweb:v3": failed to resolve reference "kiamol/ch09-vweb:v3": kiamol/ch09-vweb:v3: not found (x2)',
      'Warning Failed Error: ErrImagePull (x2)',
      'Normal BackOff Back-off pulling image "kiamol/ch09-vweb:v3"',
      'Warning Failed Error: ImagePullBackOff',
    ]);
  });

  test('a crashing image: restarted at once after the first exit, then CrashLoopBackOff with back-off doubling', async () => {
    cluster = await new TestCluster({ imageCrash: ['*/ch09-vweb:v3'] }).start();
    await cluster.client.create(podsResource, 'default', pod('crash', 'kiamol/ch09-vweb:v3'));
    await cluster.run(2000); // pulled at 1s, exits at 2s
    let p = await get('crash');
    expect(p?.status.phase).toBe('Running');
    expect(p?.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const uid = p?.metadata?.uid;
    await cluster.run(1000); // the kubelet notices at 3s: no back-off yet, restarted
    p = await get('crash');
    expect(p?.status.containerStatuses[0]).toMatchObject({ restartCount: 1, started: true });
    expect(p?.status.containerStatuses[0].lastState.terminated).toMatchObject({
      exitCode: 1,
      reason: 'Error',
      startedAt: '2025-01-01T00:00:01Z',
      finishedAt: '2025-01-01T00:00:02Z',
    });
    await cluster.run(2000); // exits at 4s, noticed at 5s: within the 10s back-off
    p = await get('crash');
    expect(waiting(p)).toBe('CrashLoopBackOff');
    expect(p?.status.containerStatuses[0].state.waiting.message).toBe(
      `back-off 10s restarting failed container=web pod=crash_default(${uid})`,
    );
    await cluster.run(9000); // restarted at 14s, exits at 15s: 20s back-off
    await cluster.run(2000);
    p = await get('crash');
    expect(p?.status.containerStatuses[0].restartCount).toBe(2);
    expect(p?.status.containerStatuses[0].state.waiting.message).toMatch(/^back-off 20s restarting/);
    await cluster.run(20_000 + 40_000 + 2000);
    p = await get('crash');
    expect(p?.status.containerStatuses[0].restartCount).toBe(4);
    expect(p?.status.containerStatuses[0].state.waiting.message).toMatch(/^back-off 1m20s restarting/);
    expect(await eventsFor('crash')).toContain(
      `Warning BackOff Back-off restarting failed container web in pod crash_default(${uid}) (x4)`,
    );
  });

  test('back-off doubles from 10s to a 5m cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backOffMs)).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
  });

  test.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['kiamol/ch09-vweb:v3', 'docker.io/kiamol/ch09-vweb:v3'],
    ['ghcr.io/org/app', 'ghcr.io/org/app:latest'],
    ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
  ])('normalizeImage(%s) = %s', (image, want) => {
    expect(normalizeImage(image)).toBe(want);
  });

  test.each([
    [['kiamol/ch09-vweb:v3'], 'kiamol/ch09-vweb:v3', true],
    [['*:v3'], 'kiamol/ch09-vweb:v3', true],
    [['docker.io/kiamol/*'], 'kiamol/ch09-vweb:v1', true],
    [['nginx'], 'nginx:1.27', false],
    [['nginx:*'], 'nginx', false],
    [['docker.io/library/nginx:*'], 'nginx', true],
    [['ngin?:1.27'], 'nginx:1.27', true],
    [[], 'nginx', false],
  ])('patterns %j match %s: %s', (patterns, image, want) => {
    expect(imageMatches(patterns, image)).toBe(want);
  });
});

describe('graceful deletion', () => {
  test('the pod stays Terminating for its grace period, then the kubelet removes it', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(
      podsResource,
      'default',
      pod('web', 'nginx', { spec: { terminationGracePeriodSeconds: 20 } }),
    );
    await cluster.run(2000);
    await cluster.client.delete(podsResource, 'default', 'web');
    await cluster.run(0);
    const p = await get('web');
    expect(p?.metadata?.deletionTimestamp).toBe('2025-01-01T00:00:22Z');
    expect(p?.metadata?.deletionGracePeriodSeconds).toBe(20);
    expect(await eventsFor('web')).toContain('Normal Killing Stopping container web');
    await cluster.run(19_999);
    expect(await get('web')).toBeDefined();
    await cluster.run(1);
    expect(await get('web')).toBeUndefined();
  });

  test('--grace-period=0 --force removes the pod at once', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(podsResource, 'default', pod('web', 'nginx'));
    await cluster.run(2000);
    await cluster.client.delete(podsResource, 'default', 'web', { gracePeriodSeconds: 0 });
    expect(await get('web')).toBeUndefined();
    await cluster.run(1000);
    expect(cluster.errors).toEqual([]);
  });

  test('bosun.dev/stop-seconds: containers that stop sooner than the grace period', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(
      podsResource,
      'default',
      pod('quick', 'nginx', { annotations: { [podAnnotations.stopSeconds]: '2' } }),
    );
    await cluster.run(2000);
    await cluster.client.delete(podsResource, 'default', 'quick');
    await cluster.run(1999);
    expect(await get('quick')).toBeDefined();
    await cluster.run(1);
    expect(await get('quick')).toBeUndefined();
  });

  test('a pod that never started goes at once', async () => {
    cluster = await new TestCluster({ imagePullFailure: ['nginx'] }).start();
    await cluster.client.create(podsResource, 'default', pod('stuck', 'nginx'));
    await cluster.run(5000);
    await cluster.client.delete(podsResource, 'default', 'stuck');
    await cluster.run(0);
    expect(await get('stuck')).toBeUndefined();
  });
});

describe('restart', () => {
  test('a new kubelet resumes running pods from their status instead of starting them again', async () => {
    const first = await new TestCluster().start();
    await first.client.create(podsResource, 'default', pod('web', 'nginx'));
    await first.client.create(podsResource, 'default', pod('crash', 'bad:v1'));
    await first.run(5000);
    first.stop();
    const before = await first.pods();
    const eventsBefore = (await first.events()).length;
    // The harness creates kind's default StorageClass on every start; a restart finds it there.
    await first.client.delete(storageClassesResource, undefined, 'standard').catch(() => undefined);
    cluster = await new TestCluster({}, first).start();
    await cluster.run(5000);
    const web = await get('web');
    expect(web?.status).toEqual(before.find((p) => p.metadata?.name === 'web')?.status);
    expect((await cluster.events()).length).toBe(eventsBefore);
    // A new pod gets the next free IP.
    await cluster.client.create(podsResource, 'default', pod('next', 'nginx'));
    await cluster.run(1000);
    const ips = (await cluster.pods()).map((p) => p.status.podIP);
    expect(new Set(ips).size).toBe(3);
  });
  test('a pod restored mid-initialization goes on from the init container it was at', async () => {
    const first = await new TestCluster().start();
    await first.client.create(podsResource, 'default', {
      metadata: { name: 'init' },
      spec: {
        initContainers: [
          { name: 'migrate', image: 'busybox:1.36' },
          { name: 'seed', image: 'alpine:3.20' },
        ],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      },
    });
    await first.run(2500); // migrate done at 2s, seed pulling
    first.stop();
    // The harness creates kind's default StorageClass on every start; a restart finds it there.
    await first.client.delete(storageClassesResource, undefined, 'standard').catch(() => undefined);
    cluster = await new TestCluster({}, first).start();
    await cluster.run(10_000);
    const p = await get('init');
    expect(p?.status.phase).toBe('Running');
    expect(p?.status.initContainerStatuses.map((s: KubeObject) => s.state.terminated?.reason)).toEqual([
      'Completed',
      'Completed',
    ]);
    expect((await eventsFor('init')).filter((e) => e.includes('Started container migrate'))).toEqual([
      'Normal Started Started container migrate',
    ]);
  });
});
