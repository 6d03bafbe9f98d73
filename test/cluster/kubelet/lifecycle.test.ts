// Pod lifecycles on the stepped clock, as sequences: each case is a pod (and the cluster's
// failure patterns), and what `kubectl get pods` shows (READY STATUS RESTARTS, from the server's
// own Pod row) at given instants after its creation, plus checks of the status fields at some of
// them, and the kubelet's events at the end. Times follow the simulation's defaults: a pull takes
// 1s, an init container runs 1s, a crashing image exits 1s after it starts, the kubelet notices an
// exit 1s later; back-off 10s doubling to 5m (kuberuntime), probes as upstream's prober counts them.

import { afterEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/cluster/controllers/index.ts';
import { podsResource } from '../../../src/cluster/controllers/index.ts';
import { type KubeletOptions, podAnnotations } from '../../../src/cluster/kubelet/index.ts';
import { printers } from '../../../src/cluster/registry/printers/tables.ts';
import { TestCluster } from '../controllers/harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

interface Step {
  /** ms after the pod was created */
  at: number;
  /** READY STATUS RESTARTS as kubectl prints them */
  row: string;
  check?: (pod: KubeObject) => void;
}

interface Case {
  name: string;
  options?: KubeletOptions;
  annotations?: Record<string, string>;
  spec: KubeObject;
  steps: Step[];
  /** The pod's events at the end, `type reason message (xN)`, Scheduled first. */
  events?: (uid: string) => string[];
}

function row(pod: KubeObject, now: number): string {
  const cells = printers['/Pod'].row(pod, new Date(now));
  return `${cells[1]} ${cells[2]} ${cells[3]}`;
}

async function runCase(c: Case): Promise<void> {
  cluster = await new TestCluster(c.options ?? {}).start();
  const start = cluster.clock.now();
  await cluster.client.create(podsResource, 'default', {
    metadata: { name: 'p', ...(c.annotations ? { annotations: c.annotations } : {}) },
    spec: c.spec,
  });
  const seen: string[] = [];
  const want: string[] = [];
  let pod: KubeObject | undefined;
  for (const step of c.steps) {
    await cluster.run(start + step.at - cluster.clock.now());
    pod = (await cluster.pods()).find((p) => p.metadata?.name === 'p');
    seen.push(`${step.at}: ${pod ? row(pod, cluster.clock.now()) : 'gone'}`);
    want.push(`${step.at}: ${step.row}`);
    if (pod && step.check) step.check(pod);
  }
  expect(seen).toEqual(want);
  if (c.events) {
    const events = (await cluster.events())
      .filter((e) => e.involvedObject.name === 'p')
      .map((e) => `${e.type} ${e.reason} ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
    expect(events).toEqual(c.events(pod?.metadata?.uid));
  }
  expect(cluster.errors).toEqual([]);
}

const app = (extra: KubeObject = {}) => ({ name: 'app', image: 'nginx:1.27', ...extra });
const conditions = (p: KubeObject) =>
  Object.fromEntries(
    (p.status.conditions as KubeObject[]).map((c) => [
      c.type,
      [c.status, c.reason, c.message].filter((x) => x !== undefined).join(' '),
    ]),
  );
const state = (s: KubeObject) => {
  const [kind, detail] = Object.entries(s.state)[0] as [string, KubeObject];
  return `${kind}${detail.reason ? ` ${detail.reason}` : ''}${detail.exitCode !== undefined ? ` ${detail.exitCode}` : ''}`;
};
const inits = (p: KubeObject) => (p.status.initContainerStatuses as KubeObject[]).map(state);
const mains = (p: KubeObject) => (p.status.containerStatuses as KubeObject[]).map(state);

const httpLiveness = { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 2 };

const cases: Case[] = [
  {
    name: 'init containers run one after another, then the app: Init:0/2, Init:1/2, PodInitializing, Running',
    spec: {
      initContainers: [
        { name: 'migrate', image: 'busybox:1.36' },
        { name: 'seed', image: 'alpine:3.20' },
      ],
      containers: [app()],
    },
    steps: [
      {
        at: 0,
        row: '0/1 Init:0/2 0',
        check: (p) => {
          expect(p.status.phase).toBe('Pending');
          expect(inits(p)).toEqual(['waiting PodInitializing', 'waiting PodInitializing']);
          expect(mains(p)).toEqual(['waiting PodInitializing']);
          expect(p.status.podIP).toBe('10.42.0.2');
          expect(conditions(p)).toEqual({
            PodReadyToStartContainers: 'True',
            Initialized: 'False ContainersNotInitialized containers with incomplete status: [migrate seed]',
            Ready: 'False ContainersNotReady containers with unready status: [app]',
            ContainersReady: 'False ContainersNotReady containers with unready status: [app]',
            PodScheduled: 'True',
          });
        },
      },
      { at: 1000, row: '0/1 Init:0/2 0', check: (p) => expect(inits(p)[0]).toBe('running') },
      {
        at: 2000,
        row: '0/1 Init:1/2 0',
        check: (p) => {
          expect(p.status.initContainerStatuses[0]).toMatchObject({
            ready: true,
            started: false,
            restartCount: 0,
            state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2025-01-01T00:00:01Z' } },
          });
          expect(conditions(p).Initialized).toBe(
            'False ContainersNotInitialized containers with incomplete status: [seed]',
          );
        },
      },
      { at: 3000, row: '0/1 Init:1/2 0' },
      {
        at: 4000,
        row: '0/1 PodInitializing 0',
        check: (p) => {
          expect(inits(p)).toEqual(['terminated Completed 0', 'terminated Completed 0']);
          expect(conditions(p).Initialized).toBe('True');
          expect(p.status.phase).toBe('Pending');
        },
      },
      {
        at: 5000,
        row: '1/1 Running 0',
        check: (p) => {
          expect(p.status.phase).toBe('Running');
          expect(Object.values(conditions(p))).toEqual(['True', 'True', 'True', 'True', 'True']);
        },
      },
    ],
    events: () => [
      'Normal Scheduled Successfully assigned default/p to bosun',
      'Normal Pulling Pulling image "busybox:1.36"',
      expect.stringMatching(/^Normal Pulled Successfully pulled image "busybox:1.36" in 1s/),
      'Normal Created Created container: migrate',
      'Normal Started Started container migrate',
      'Normal Pulling Pulling image "alpine:3.20"',
      expect.stringMatching(/^Normal Pulled Successfully pulled image "alpine:3.20" in 1s/),
      'Normal Created Created container: seed',
      'Normal Started Started container seed',
      'Normal Pulling Pulling image "nginx:1.27"',
      expect.stringMatching(/^Normal Pulled Successfully pulled image "nginx:1.27" in 1s/),
      'Normal Created Created container: app',
      'Normal Started Started container app',
    ],
  },
  {
    name: 'bosun.dev/init-seconds: how long each init container runs',
    annotations: { [podAnnotations.initSeconds]: '5', [podAnnotations.pullSeconds]: '0' },
    spec: { initContainers: [{ name: 'wait', image: 'busybox' }], containers: [app()] },
    steps: [
      { at: 4999, row: '0/1 Init:0/1 0' },
      { at: 5000, row: '1/1 Running 0' },
    ],
  },
  {
    name: 'a sidecar (restartable init container) starts before the app and keeps running',
    spec: {
      initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31', restartPolicy: 'Always' }],
      containers: [app()],
    },
    steps: [
      { at: 0, row: '0/2 Init:0/1 0' },
      {
        at: 1000,
        row: '1/2 PodInitializing 0',
        check: (p) => {
          expect(p.status.initContainerStatuses[0]).toMatchObject({ ready: true, started: true });
          expect(conditions(p).Initialized).toBe('True');
        },
      },
      {
        at: 2000,
        row: '2/2 Running 0',
        check: (p) => {
          expect(inits(p)).toEqual(['running']);
          expect(conditions(p).ContainersReady).toBe('True');
        },
      },
      { at: 600_000, row: '2/2 Running 0' },
    ],
  },
  {
    name: 'a crashing init container (restartPolicy Always): Init:Error, a restart, then Init:CrashLoopBackOff',
    options: { imageCrash: ['busybox:*'] },
    spec: { initContainers: [{ name: 'migrate', image: 'busybox:1.36' }], containers: [app()] },
    steps: [
      { at: 1000, row: '0/1 Init:0/1 0' },
      {
        at: 2000,
        row: '0/1 Init:Error 0',
        check: (p) => {
          expect(inits(p)).toEqual(['terminated Error 1']);
          expect(p.status.phase).toBe('Pending');
        },
      },
      { at: 3000, row: '0/1 Init:0/1 1 (1s ago)' },
      { at: 4000, row: '0/1 Init:Error 1 (2s ago)' },
      {
        at: 5000,
        row: '0/1 Init:CrashLoopBackOff 1 (1s ago)',
        check: (p) =>
          expect(p.status.initContainerStatuses[0].state.waiting.message).toBe(
            `back-off 10s restarting failed container=migrate pod=p_default(${p.metadata?.uid})`,
          ),
      },
      { at: 13_999, row: '0/1 Init:CrashLoopBackOff 1 (9s ago)' },
      { at: 14_000, row: '0/1 Init:0/1 2 (10s ago)' },
      { at: 16_000, row: '0/1 Init:CrashLoopBackOff 2 (1s ago)' },
    ],
  },
  {
    name: 'a crashing init container with restartPolicy Never fails the pod: Init:Error',
    options: { imageCrash: ['busybox:*'] },
    spec: {
      restartPolicy: 'Never',
      initContainers: [{ name: 'migrate', image: 'busybox:1.36' }],
      containers: [app()],
    },
    steps: [
      {
        at: 2000,
        row: '0/1 Init:Error 0',
        check: (p) => {
          expect(p.status.phase).toBe('Failed');
          expect(mains(p)).toEqual(['waiting PodInitializing']);
          expect(conditions(p)).toEqual({
            PodReadyToStartContainers: 'False',
            Initialized: 'False ContainersNotInitialized containers with incomplete status: [migrate]',
            Ready: 'False PodFailed',
            ContainersReady: 'False PodFailed',
            PodScheduled: 'True',
          });
        },
      },
      { at: 60_000, row: '0/1 Init:Error 0' },
    ],
  },
  {
    name: 'a crashing app (restartPolicy Always): Error, restarted at once, Error, then CrashLoopBackOff 10s, 20s...',
    options: { imageCrash: ['*/ch09-vweb:v3'] },
    spec: { containers: [{ name: 'web', image: 'kiamol/ch09-vweb:v3' }] },
    steps: [
      { at: 1000, row: '0/1 Running 0' },
      {
        at: 2000,
        row: '0/1 Error 0',
        check: (p) => {
          expect(p.status.phase).toBe('Running');
          expect(p.status.containerStatuses[0]).toMatchObject({
            started: false,
            ready: false,
            lastState: {},
            state: {
              terminated: {
                exitCode: 1,
                reason: 'Error',
                startedAt: '2025-01-01T00:00:01Z',
                finishedAt: '2025-01-01T00:00:02Z',
              },
            },
          });
        },
      },
      { at: 3000, row: '0/1 Running 1 (1s ago)' },
      { at: 4000, row: '0/1 Error 1 (2s ago)' },
      {
        at: 5000,
        row: '0/1 CrashLoopBackOff 1 (1s ago)',
        check: (p) => {
          const cs = p.status.containerStatuses[0];
          expect(cs.state.waiting.message).toBe(
            `back-off 10s restarting failed container=web pod=p_default(${p.metadata?.uid})`,
          );
          expect(cs.lastState.terminated).toMatchObject({
            exitCode: 1,
            startedAt: '2025-01-01T00:00:03Z',
            finishedAt: '2025-01-01T00:00:04Z',
          });
          // The ID of the container that exited, as the runtime still has it.
          expect(cs.containerID).toBe(cs.lastState.terminated.containerID);
        },
      },
      { at: 14_000, row: '0/1 Running 2 (10s ago)' },
      { at: 16_000, row: '0/1 CrashLoopBackOff 2 (1s ago)' },
      { at: 35_000, row: '0/1 Running 3 (20s ago)' },
      {
        at: 37_000,
        row: '0/1 CrashLoopBackOff 3 (1s ago)',
        check: (p) => expect(p.status.containerStatuses[0].state.waiting.message).toMatch(/^back-off 40s /),
      },
    ],
    events: (uid) => [
      'Normal Scheduled Successfully assigned default/p to bosun',
      'Normal Pulling Pulling image "kiamol/ch09-vweb:v3"',
      expect.stringMatching(/^Normal Pulled Successfully pulled image/),
      'Normal Created Created container: web (x4)',
      'Normal Started Started container web (x4)',
      'Normal Pulled Container image "kiamol/ch09-vweb:v3" already present on machine (x3)',
      `Warning BackOff Back-off restarting failed container web in pod p_default(${uid}) (x3)`,
    ],
  },
  {
    name: 'a failing liveness probe: Unhealthy twice, Killing, the grace period, a restart; the next kill backs off',
    annotations: { [podAnnotations.livenessFailsAfterSeconds]: '10' },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', livenessProbe: httpLiveness }] },
    steps: [
      { at: 10_999, row: '1/1 Running 0' },
      // Started at 1s; probes at 1, 6, 11, 16s: failures at 11 and 16s; killed at 16s; 30s grace.
      { at: 16_000, row: '1/1 Running 0' },
      { at: 45_999, row: '1/1 Running 0' },
      {
        at: 46_000,
        row: '1/1 Running 1 (0s ago)',
        check: (p) =>
          expect(p.status.containerStatuses[0]).toMatchObject({
            restartCount: 1,
            lastState: {
              terminated: {
                exitCode: 137,
                reason: 'Error',
                startedAt: '2025-01-01T00:00:01Z',
                finishedAt: '2025-01-01T00:00:46Z',
              },
            },
          }),
      },
      // Failures at 56 and 61s, killed at 91s: within the 10s back-off of the last restart.
      { at: 91_000, row: '0/1 CrashLoopBackOff 1 (0s ago)' },
      { at: 101_000, row: '1/1 Running 2 (10s ago)' },
    ],
    events: () => [
      'Normal Scheduled Successfully assigned default/p to bosun',
      'Normal Pulling Pulling image "nginx:1.27"',
      expect.stringMatching(/^Normal Pulled Successfully pulled image/),
      'Normal Created Created container: web (x3)',
      'Normal Started Started container web (x3)',
      'Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500 (x4)',
      'Normal Killing Container web failed liveness probe, will be restarted (x2)',
      'Normal Pulled Container image "nginx:1.27" already present on machine (x2)',
      expect.stringMatching(/^Warning BackOff Back-off restarting failed container web in pod p_default/),
    ],
  },
  {
    name: 'bosun.dev/liveness: never with a stop time: killed after the first failures, exit 143',
    annotations: { [podAnnotations.liveness]: 'never', [podAnnotations.stopSeconds]: '2' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 3, periodSeconds: 10 },
        },
      ],
    },
    // Probes at 4, 14, 24s: the third failure kills at 24s; it stops by 26s.
    steps: [
      { at: 25_999, row: '1/1 Running 0' },
      {
        at: 26_000,
        row: '1/1 Running 1 (0s ago)',
        check: (p) => expect(p.status.containerStatuses[0].lastState.terminated.exitCode).toBe(143),
      },
    ],
    events: () => [
      'Normal Scheduled Successfully assigned default/p to bosun',
      'Normal Pulling Pulling image "nginx:1.27"',
      expect.stringMatching(/^Normal Pulled Successfully pulled image/),
      'Normal Created Created container: web (x2)',
      'Normal Started Started container web (x2)',
      'Warning Unhealthy Liveness probe failed: dial tcp 10.42.0.2:80: connect: connection refused (x3)',
      'Normal Killing Container web failed liveness probe, will be restarted',
      'Normal Pulled Container image "nginx:1.27" already present on machine',
    ],
  },
  {
    name: 'a startup probe holds liveness and readiness back until it passes',
    annotations: { [podAnnotations.startupSeconds]: '7', [podAnnotations.liveness]: 'never' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          startupProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5, failureThreshold: 3 },
          readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
          livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5, failureThreshold: 1 },
        },
      ],
    },
    // Started at 1s; startup probes at 1, 6 (fail), 11s (pass); readiness and liveness from 11s.
    steps: [
      {
        at: 10_999,
        row: '0/1 Running 0',
        check: (p) => expect(p.status.containerStatuses[0]).toMatchObject({ started: false, ready: false }),
      },
      {
        // Ready at the first readiness probe after the start-up; being killed does not unready it.
        at: 11_000,
        row: '1/1 Running 0',
        check: (p) => expect(p.status.containerStatuses[0]).toMatchObject({ started: true, ready: true }),
      },
    ],
    events: () => [
      'Normal Scheduled Successfully assigned default/p to bosun',
      'Normal Pulling Pulling image "nginx:1.27"',
      expect.stringMatching(/^Normal Pulled Successfully pulled image/),
      'Normal Created Created container: web',
      'Normal Started Started container web',
      'Warning Unhealthy Startup probe failed: HTTP probe failed with statuscode: 500 (x2)',
      // liveness fails at its first probe (11s) with failureThreshold 1
      'Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500',
      'Normal Killing Container web failed liveness probe, will be restarted',
    ],
  },
  {
    name: 'a startup probe that never passes kills the container after failureThreshold probes',
    annotations: { [podAnnotations.startup]: 'never', [podAnnotations.stopSeconds]: '0' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          startupProbe: { exec: { command: ['cat', '/ready'] }, periodSeconds: 10, failureThreshold: 2 },
        },
      ],
    },
    steps: [
      { at: 10_999, row: '0/1 Running 0' },
      { at: 11_000, row: '0/1 Running 1 (0s ago)' },
    ],
    events: () => [
      'Normal Scheduled Successfully assigned default/p to bosun',
      'Normal Pulling Pulling image "nginx:1.27"',
      expect.stringMatching(/^Normal Pulled Successfully pulled image/),
      'Normal Created Created container: web (x2)',
      'Normal Started Started container web (x2)',
      'Warning Unhealthy Startup probe failed:  (x2)',
      'Normal Killing Container web failed startup probe, will be restarted',
      'Normal Pulled Container image "nginx:1.27" already present on machine',
    ],
  },
  {
    name: 'readiness that fails later turns the pod NotReady (Running 0/1)',
    annotations: { [podAnnotations.readinessFailsAfterSeconds]: '20' },
    spec: {
      containers: [
        { name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { port: 80 }, periodSeconds: 10 } },
      ],
    },
    // Started at 1s; probes at 1 (ready), 11, 21, 31, 41s: failures at 21, 31, 41s.
    steps: [
      { at: 1000, row: '1/1 Running 0' },
      { at: 40_999, row: '1/1 Running 0' },
      {
        at: 41_000,
        row: '0/1 Running 0',
        check: (p) =>
          expect(conditions(p).Ready).toBe('False ContainersNotReady containers with unready status: [web]'),
      },
    ],
  },
  {
    name: 'a Job-style pod that exits 0 with restartPolicy Never: Completed, phase Succeeded',
    annotations: { [podAnnotations.exitAfterSeconds]: '3' },
    spec: { restartPolicy: 'Never', containers: [app()] },
    steps: [
      { at: 3999, row: '1/1 Running 0' },
      {
        at: 4000,
        row: '0/1 Completed 0',
        check: (p) => {
          expect(p.status.phase).toBe('Succeeded');
          expect(mains(p)).toEqual(['terminated Completed 0']);
          expect(conditions(p)).toEqual({
            PodReadyToStartContainers: 'False',
            Initialized: 'True PodCompleted',
            Ready: 'False PodCompleted',
            ContainersReady: 'False PodCompleted',
            PodScheduled: 'True',
          });
        },
      },
    ],
  },
  {
    name: 'exit code 2 with restartPolicy Never: Error, phase Failed',
    annotations: { [podAnnotations.exitAfterSeconds]: '3', [podAnnotations.exitCode]: '2' },
    spec: { restartPolicy: 'Never', containers: [app()] },
    steps: [
      {
        at: 4000,
        row: '0/1 Error 0',
        check: (p) => {
          expect(p.status.phase).toBe('Failed');
          expect(conditions(p).Ready).toBe('False PodFailed');
          expect(conditions(p).Initialized).toBe('True');
        },
      },
    ],
  },
  {
    name: 'exit code 2 with restartPolicy OnFailure: restarted, Running',
    annotations: { [podAnnotations.exitAfterSeconds]: '3', [podAnnotations.exitCode]: '2' },
    spec: { restartPolicy: 'OnFailure', containers: [app()] },
    steps: [
      { at: 4000, row: '0/1 Error 0', check: (p) => expect(p.status.phase).toBe('Running') },
      { at: 5000, row: '1/1 Running 1 (1s ago)' },
    ],
  },
  {
    name: 'a Job pod with a sidecar completes once the app is done and the sidecar stopped',
    annotations: { [podAnnotations.exitAfterSeconds]: '3', [podAnnotations.stopSeconds]: '1' },
    spec: {
      restartPolicy: 'Never',
      initContainers: [{ name: 'logs', image: 'fluent/fluent-bit:3.1', restartPolicy: 'Always' }],
      containers: [app()],
    },
    // sidecar 1s, app pulled by 2s, exits at 5s; the sidecar stops by 6s (exit 143 on SIGTERM).
    steps: [
      { at: 4999, row: '2/2 Running 0' },
      { at: 5000, row: '1/2 Completed 0', check: (p) => expect(p.status.phase).toBe('Running') },
      {
        at: 6000,
        row: '0/2 Completed 0',
        check: (p) => {
          expect(p.status.phase).toBe('Succeeded');
          expect(inits(p)).toEqual(['terminated Error 143']);
        },
      },
    ],
  },
];

describe('pod lifecycle sequences', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => runCase(c));
});
