// Crash recovery of the whole control plane, as a real cluster recovers when apiserver, etcd,
// the controllers and the kubelet restart: `bosun up` is SIGKILLed with work in flight (a
// Deployment mid-rollout with `kubectl rollout status` watching, a pod Terminating in its grace
// period, a StatefulSet scaling up one ordinal at a time, a Job, a crash-looping pod, a fresh helm
// release) and restarted on the same data directory. Everything must survive unchanged and every
// piece of work must finish, with nothing duplicated. Run with the real kubectl and helm.

import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Client, client } from '../cluster/server/client.ts';
import { helmBin, kubectlBin, type Result, startUp, type Up, until } from './support.ts';

const started: Up[] = [];
afterEach(async () => {
  for (const up of started.splice(0)) {
    await up.stop();
    up.cleanup();
  }
});

const missing = !kubectlBin || !helmBin;

function clientOf(up: Up): Client {
  const config = parse(readFileSync(up.kubeconfig, 'utf8'));
  const cluster = config.clusters[0].cluster;
  const port = Number(new URL(cluster.server).port);
  const ca = Buffer.from(cluster['certificate-authority-data'], 'base64').toString();
  return client(port, ca, config.users[0].user.token);
}

async function kubectl(up: Up, ...args: string[]): Promise<Result> {
  return up.run(kubectlBin!, args, { timeoutMs: 60_000 });
}

async function json(up: Up, ...args: string[]): Promise<any> {
  const r = await kubectl(up, ...args, '-o', 'json');
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Polls until `check` returns a value; the server may be restarting, so a failing check is "not yet". */
const eventually = <T>(what: string, check: () => Promise<T | undefined>, ms = 90_000): Promise<T> =>
  until(what, check, { ms, everyMs: 250, retryErrors: true });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a command in the background; resolves with its result when it exits. */
function background(up: Up, bin: string, args: string[]): Promise<Result> {
  return new Promise((done) => {
    execFile(
      bin,
      ['--kubeconfig', up.kubeconfig, ...args],
      { cwd: up.work, timeout: 240_000, env: { ...process.env, HOME: up.work } },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: unknown }).code ?? 1) : 0;
        done({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

const workloads = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  template:
    metadata:
      labels: {app: web}
      annotations: {bosun.dev/pull-seconds: "2"}
    spec:
      containers: [{name: web, image: "nginx:1.25"}]
---
apiVersion: v1
kind: Pod
metadata: {name: steady, labels: {app: steady}}
spec:
  containers: [{name: app, image: "redis:7"}]
---
apiVersion: v1
kind: Pod
metadata: {name: crashy, labels: {app: crashy}}
spec:
  containers: [{name: app, image: "crashy:1"}]
---
apiVersion: v1
kind: Pod
metadata: {name: slow, labels: {app: slow}}
spec:
  terminationGracePeriodSeconds: 25
  containers: [{name: app, image: "redis:7"}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {colour: blue}
`;

const statefulSetAndJob = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata:
      labels: {app: db}
      annotations: {bosun.dev/pull-seconds: "3"}
    spec:
      containers: [{name: db, image: "postgres:16"}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  completions: 3
  parallelism: 1
  template:
    metadata:
      annotations: {bosun.dev/exit-after-seconds: "2"}
    spec:
      restartPolicy: Never
      containers: [{name: work, image: "busybox:1.36"}]
`;

function writeChart(dir: string): void {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: notes\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'message: hello\n');
  writeFileSync(
    join(dir, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-notes\ndata:\n  message: {{ .Values.message | quote }}\n',
  );
}

interface PodFacts {
  uid: string;
  ip: string;
  node: string;
  restarts: number;
  phase: string;
}

function facts(pod: any): PodFacts {
  return {
    uid: pod.metadata.uid,
    ip: pod.status.podIP,
    node: pod.spec.nodeName,
    restarts: pod.status.containerStatuses?.[0]?.restartCount ?? 0,
    phase: pod.status.phase,
  };
}

describe.skipIf(missing)('bosun up recovers from SIGKILL', () => {
  test('work in flight finishes after a restart, nothing lost or duplicated', async () => {
    const first = await startUp({ args: ['--image-crash', 'crashy*'] });
    started.push(first);
    // (e) a helm release right before the crash.
    writeChart(join(first.work, 'notes'));
    const install = await first.run(helmBin!, ['install', 'notes', join(first.work, 'notes')], {
      timeoutMs: 60_000,
    });
    expect(install.code, install.stderr).toBe(0);
    writeFileSync(join(first.work, 'workloads.yaml'), workloads);
    writeFileSync(join(first.work, 'later.yaml'), statefulSetAndJob);
    expect((await kubectl(first, 'apply', '-f', 'workloads.yaml')).code).toBe(0);
    const rolled = await kubectl(first, 'rollout', 'status', 'deploy/web', '--timeout=90s');
    expect(rolled.code, rolled.stderr).toBe(0);
    await eventually('steady Running and crashy restarted', async () => {
      const steady = await json(first, 'get', 'pod', 'steady');
      const crashy = await json(first, 'get', 'pod', 'crashy');
      return steady.status.phase === 'Running' && facts(crashy).restarts >= 1 ? true : undefined;
    });

    // (b) a pod Terminating within its 25s grace period.
    expect((await kubectl(first, 'delete', 'pod', 'slow', '--wait=false')).code).toBe(0);
    const slow = await json(first, 'get', 'pod', 'slow');
    const slowDeadline = Date.parse(slow.metadata.deletionTimestamp);
    // (c) + (d) a StatefulSet scaling up and a Job, both under way.
    expect((await kubectl(first, 'apply', '-f', 'later.yaml')).code).toBe(0);
    // (a) a rollout under way, watched by the real kubectl across the restart.
    expect((await kubectl(first, 'set', 'image', 'deploy/web', 'web=nginx:1.26')).code).toBe(0);
    const watching = background(first, kubectlBin!, ['rollout', 'status', 'deploy/web', '--timeout=200s']);
    await eventually('the new ReplicaSet to have a pod', async () => {
      const pods = await json(first, 'get', 'pods', '-l', 'app=web');
      const hashes = new Set(pods.items.map((p: any) => p.metadata.labels['pod-template-hash']));
      return hashes.size === 2 ? true : undefined;
    });
    await eventually('db-0 to exist', async () =>
      (await json(first, 'get', 'pod', 'db-0')) ? true : undefined,
    );

    const before = {
      steady: facts(await json(first, 'get', 'pod', 'steady')),
      crashy: facts(await json(first, 'get', 'pod', 'crashy')),
      replicaSets: (await json(first, 'get', 'rs', '-l', 'app=web')).items.map((rs: any) => ({
        name: rs.metadata.name,
        uid: rs.metadata.uid,
        revision: rs.metadata.annotations['deployment.kubernetes.io/revision'],
      })),
      deployment: (await json(first, 'get', 'deploy', 'web')).metadata,
      // Objects nothing writes to after creation: every one must come back at the same resourceVersion.
      quiet: new Map<string, string>(
        [
          ...(await json(first, 'get', 'configmaps,secrets', '-A')).items,
          ...(await json(first, 'get', 'namespaces,storageclasses')).items,
        ].map((o: any) => [
          `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
          o.metadata.resourceVersion,
        ]),
      ),
      helm: (await first.run(helmBin!, ['history', 'notes'])).stdout,
      // kubectl -o json wraps items in a List of its own (no resourceVersion): ask the API.
      listRv: (await clientOf(first).call('GET', '/api/v1/namespaces/default/configmaps')).json.metadata
        .resourceVersion as string,
    };
    expect(before.replicaSets).toHaveLength(2);
    expect(
      [...before.quiet.keys()].some((k) => k.startsWith('Secret/default/sh.helm.release.v1.notes.v1')),
    ).toBe(true);
    await first.kill();
    // The crash is noticed by the watching kubectl: it keeps retrying until the server is back.

    const second = await startUp({ work: first.work, args: ['--image-crash', 'crashy*'] });
    started.push(second);
    // Same data directory, same port: the kubeconfig and the watching kubectl still work.
    expect(readFileSync(second.kubeconfig, 'utf8')).toBe(readFileSync(first.kubeconfig, 'utf8'));

    // Every untouched object, at its resourceVersion.
    const quietAfter = new Map<string, string>(
      [
        ...(await json(second, 'get', 'configmaps,secrets', '-A')).items,
        ...(await json(second, 'get', 'namespaces,storageclasses')).items,
      ].map((o: any) => [
        `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
        o.metadata.resourceVersion,
      ]),
    );
    for (const [key, rv] of before.quiet) expect(quietAfter.get(key), key).toBe(rv);
    expect((await second.run(helmBin!, ['history', 'notes'])).stdout).toBe(before.helm);

    // A watch from a resourceVersion before the crash resumes (or says 410 Gone, for a relist).
    const api = clientOf(second);
    const resumed = await api.lines(
      `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${before.listRv}`,
      1,
      async () => {
        await kubectl(second, 'create', 'configmap', 'after-restart', '--from-literal=k=v');
      },
    );
    if (resumed[0].type === 'ERROR') expect(resumed[0].object.code).toBe(410);
    else expect(resumed[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'after-restart' } } });

    // (b) the Terminating pod is still there until its grace period is over, then goes.
    const stillThere = await kubectl(second, 'get', 'pod', 'slow');
    if (Date.now() < slowDeadline - 2000) expect(stillThere.code, 'slow went before its grace ended').toBe(0);
    await eventually('slow to go', async () =>
      (await kubectl(second, 'get', 'pod', 'slow')).code !== 0 ? true : undefined,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(slowDeadline - 1500);

    // The kubelet re-adopted its pods: same uid, IP, node, and restart count carried on.
    const steady = facts(await json(second, 'get', 'pod', 'steady'));
    expect(steady).toEqual(before.steady);
    const crashy = facts(await json(second, 'get', 'pod', 'crashy'));
    expect(crashy.uid).toBe(before.crashy.uid);
    expect(crashy.ip).toBe(before.crashy.ip);
    expect(crashy.restarts).toBeGreaterThanOrEqual(before.crashy.restarts);
    expect(crashy.restarts).toBeLessThanOrEqual(before.crashy.restarts + 2);

    // (a) the rollout finishes; the kubectl that watched across the crash says so.
    const watched = await watching;
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout).toContain('deployment "web" successfully rolled out');
    const replicaSets = (await json(second, 'get', 'rs', '-l', 'app=web')).items;
    expect(
      replicaSets.map((rs: any) => ({
        name: rs.metadata.name,
        uid: rs.metadata.uid,
        revision: rs.metadata.annotations['deployment.kubernetes.io/revision'],
      })),
    ).toEqual(before.replicaSets);
    const deployment = await json(second, 'get', 'deploy', 'web');
    expect(deployment.metadata.uid).toBe(before.deployment.uid);
    expect(deployment.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    const webPods = await eventually('the old pods gone', async () => {
      const pods = (await json(second, 'get', 'pods', '-l', 'app=web')).items;
      return pods.length === 3 ? pods : undefined;
    });
    expect(new Set(webPods.map((p: any) => p.status.podIP)).size).toBe(3);
    expect(webPods.every((p: any) => p.spec.containers[0].image === 'nginx:1.26')).toBe(true);

    // (c) the StatefulSet finishes its ordered scale-up with exactly its three ordinals.
    const db = await eventually('db to have 3 ready replicas', async () => {
      const sts = await json(second, 'get', 'sts', 'db');
      return sts.status.readyReplicas === 3 ? sts : undefined;
    });
    expect(db.status.replicas).toBe(3);
    const dbPods = (await json(second, 'get', 'pods', '-l', 'app=db')).items;
    expect(dbPods.map((p: any) => p.metadata.name).sort()).toEqual(['db-0', 'db-1', 'db-2']);

    // (d) the Job completes with exactly its three completions.
    const job = await eventually('the Job to complete', async () => {
      const j = await json(second, 'get', 'job', 'batch');
      return j.status.succeeded === 3 && j.status.completionTime ? j : undefined;
    });
    expect(job.status.failed ?? 0).toBe(0);
    const jobPods = (await json(second, 'get', 'pods', '-l', 'batch.kubernetes.io/job-name=batch')).items;
    expect(jobPods).toHaveLength(3);
    expect(jobPods.every((p: any) => p.status.phase === 'Succeeded')).toBe(true);
  }, 300_000);

  test('a scaled clock restarted does not rewind; nodes keep their identity and lease', async () => {
    const first = await startUp({ args: ['--time-scale', '60', '--nodes', '2'] });
    started.push(first);
    await sleep(2000); // two minutes of cluster time
    expect((await kubectl(first, 'create', 'configmap', 'early')).code).toBe(0);
    const early = await json(first, 'get', 'configmap', 'early');
    const nodesBefore = (await json(first, 'get', 'nodes')).items;
    const leaseBefore = await json(first, 'get', 'lease', '-n', 'kube-node-lease', 'bosun');
    await first.kill();

    const second = await startUp({ work: first.work, args: ['--time-scale', '60', '--nodes', '2'] });
    started.push(second);
    expect((await kubectl(second, 'create', 'configmap', 'late')).code).toBe(0);
    const late = await json(second, 'get', 'configmap', 'late');
    expect(Date.parse(late.metadata.creationTimestamp)).toBeGreaterThanOrEqual(
      Date.parse(early.metadata.creationTimestamp),
    );
    const nodesAfter = (await json(second, 'get', 'nodes')).items;
    expect(
      nodesAfter.map((n: any) => [
        n.metadata.uid,
        n.status.nodeInfo.machineID,
        n.status.nodeInfo.systemUUID,
        n.status.nodeInfo.bootID,
      ]),
    ).toEqual(
      nodesBefore.map((n: any) => [
        n.metadata.uid,
        n.status.nodeInfo.machineID,
        n.status.nodeInfo.systemUUID,
        n.status.nodeInfo.bootID,
      ]),
    );
    for (const n of nodesAfter) {
      expect(n.status.nodeInfo.machineID).toMatch(/^[0-9a-f]{32}$/);
      expect(n.status.capacity).toMatchObject({ 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' });
    }
    // The lease is renewed (every 10s of cluster time: a sixth of a second here), never backwards.
    const renewed = await eventually('the lease to be renewed', async () => {
      const lease = await json(second, 'get', 'lease', '-n', 'kube-node-lease', 'bosun');
      return Date.parse(lease.spec.renewTime) > Date.parse(leaseBefore.spec.renewTime) ? lease : undefined;
    });
    expect(renewed.metadata.uid).toBe(leaseBefore.metadata.uid);
    expect(renewed.spec).toMatchObject({ holderIdentity: 'bosun', leaseDurationSeconds: 40 });
  }, 120_000);
});
