// What real kubectl 1.35 shows of the simulated pod lifecycle, against an in-process control
// plane with its controllers, scheduler and kubelet on a stepped clock: `get pods` tables and
// `get pod -o yaml` status shapes at chosen instants, for a pod with init containers, a pod
// whose liveness probe fails, and a Job's pods, compared with golden files in testdata/
// (UPDATE_GOLDEN=1 rewrites them; the goldens were checked by hand against upstream's shapes).

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SteppedClock } from '../../../src/cluster/clock.ts';
import { type ControlPlane, startControlPlane } from '../../../src/cluster/index.ts';
import { loadClientConfig, RestClient } from '../../../src/kube/client/index.ts';
import { referenceBin } from '../../support/reference-bins.ts';

const kubectlBin = referenceBin('kubectl');
const testdata = join(import.meta.dirname, 'testdata');

let work = '';
let plane: ControlPlane;
let clock: SteppedClock;
let rest: RestClient;

function kubectl(...args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile(
      kubectlBin!,
      ['--kubeconfig', join(work, 'kubeconfig'), '-n', 'life', ...args],
      { timeout: 30_000 },
      (err, stdout, stderr) => (err ? fail(new Error(`${err.message}\n${stderr}`)) : done(stdout)),
    );
  });
}

/** Moves the clock forward by ms, letting the control loops go quiet at each timer. */
async function run(ms: number): Promise<void> {
  const until = clock.now() + ms;
  const loops = plane.controllers!;
  await loops.idle();
  for (;;) {
    const next = clock.nextDue();
    if (next === undefined || next > until) break;
    await clock.advanceTo(next);
    await loops.idle();
  }
  await clock.advanceTo(until);
  await loops.idle();
}

/** What differs from run to run: uids, container IDs, resourceVersions, generated name suffixes. */
function normalise(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/containerd:\/\/[0-9a-f]{64}/g, 'containerd://<id>')
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>')
    .replace(/(resourceVersion: )"\d+"/g, '$1"<rv>"')
    .replace(/\bbatch-[bcdfghjklmnpqrstvwxz2456789]{5}\b/g, 'batch-<suffix>');
}

function golden(name: string, actual: string): void {
  const file = join(testdata, `${name}.golden`);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const initPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'init', namespace: 'life' },
  spec: {
    initContainers: [
      { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'migrate'] },
      { name: 'seed', image: 'alpine:3.20', command: ['sh', '-c', 'seed'] },
    ],
    containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }],
  },
};

const livenessPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'live',
    namespace: 'life',
    annotations: { 'bosun.dev/liveness-fails-after-seconds': '20' },
  },
  spec: {
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 2 },
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      },
    ],
    terminationGracePeriodSeconds: 10,
  },
};

const job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'batch', namespace: 'life' },
  spec: {
    completions: 2,
    parallelism: 2,
    template: {
      metadata: { annotations: { 'bosun.dev/exit-after-seconds': '30' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36' }] },
    },
  },
};

describe.skipIf(!kubectlBin)('real kubectl over the simulated lifecycle', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'bosun-kubelet-'));
    clock = new SteppedClock(Date.UTC(2025, 0, 1));
    plane = await startControlPlane({ port: 0, inMemory: true, kubeconfig: join(work, 'kubeconfig'), clock });
    rest = new RestClient(loadClientConfig({ kubeconfig: join(work, 'kubeconfig') }));
    await rest.json('POST', '/api/v1/namespaces', { body: { metadata: { name: 'life' } } });
    await run(0);
    await rest.json('POST', '/api/v1/namespaces/life/pods', { body: initPod });
    await rest.json('POST', '/api/v1/namespaces/life/pods', { body: livenessPod });
    await rest.json('POST', '/apis/batch/v1/namespaces/life/jobs', { body: job });
  });

  afterAll(async () => {
    rest?.close();
    await plane?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  // Pulls take 1s (the second pod finds nginx on the node); init containers run 1s each.
  test.each([
    [2000, 'pods-2s'],
    [4000, 'pods-4s'],
    [60_000, 'pods-60s'],
  ])('kubectl get pods at %dms', async (at, name) => {
    await run(at - (clock.now() - Date.UTC(2025, 0, 1)));
    // The Job's pods sort by their random names: once normalised, by the rest of the row.
    const [header, ...rows] = normalise(await kubectl('get', 'pods', '-o', 'wide'))
      .trimEnd()
      .split('\n');
    golden(name, `${[header, ...rows.sort()].join('\n')}\n`);
  });

  test('kubectl get pod -o yaml: init containers done, the app running', async () => {
    golden('init-pod.yaml', normalise(await kubectl('get', 'pod', 'init', '-o', 'yaml')));
  });

  test('kubectl get pod -o yaml: restarted after a failed liveness probe', async () => {
    golden('liveness-pod.yaml', normalise(await kubectl('get', 'pod', 'live', '-o', 'yaml')));
  });

  test("kubectl get pod -o yaml: a Job's completed pod", async () => {
    // The one created first (its name is random): it got the lower IP.
    const list = await rest.json(
      'GET',
      '/api/v1/namespaces/life/pods?labelSelector=batch.kubernetes.io/job-name%3Dbatch',
    );
    const first = (list.items as { metadata: { name: string }; status: { podIP: string } }[]).find(
      (p) => p.status.podIP === '10.42.0.4',
    );
    golden('job-pod.yaml', normalise(await kubectl('get', 'pod', first!.metadata.name, '-o', 'yaml')));
  });
});
