// The Job controller on the stepped clock with the simulated kubelet: pods
// complete by the documented `bosun.dev/exit-after-seconds` and
// `bosun.dev/exit-code` annotations; parallelism/completions, backoffLimit
// with the failure back-off, OnFailure restarts, activeDeadlineSeconds,
// suspend/resume and ttlSecondsAfterFinished, with upstream's conditions
// and events.

import { afterEach, describe, expect, test } from 'vitest';
import { type KubeObject, podsResource } from '../../../src/cluster/controllers/index.ts';
import { jobsResource } from '../../../src/cluster/controllers/job/controller.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

function job(spec: KubeObject, podAnnotations: Record<string, string>, restartPolicy = 'Never'): KubeObject {
  return {
    metadata: { name: 'work' },
    spec: {
      ...spec,
      template: {
        metadata: { annotations: podAnnotations },
        spec: { restartPolicy, containers: [{ name: 'main', image: 'busybox' }] },
      },
    },
  };
}

async function jobStatus(): Promise<KubeObject> {
  return (await cluster.client.get(jobsResource, 'default', 'work')).status;
}

function conditionsOf(status: KubeObject): [string, string, string][] {
  return ((status.conditions ?? []) as KubeObject[]).map((c) => [c.type, c.status, c.reason]);
}

async function jobEvents(): Promise<string[]> {
  return (await cluster.events())
    .filter((e) => e.involvedObject?.kind === 'Job')
    .map((e) => `${e.type} ${e.reason} ${e.message}`.replace(/work-\w{5}/, 'work-*'));
}

describe('kubelet: containers that exit by annotation', () => {
  test('restartPolicy Never: the pod Succeeds with a terminated container and PodCompleted conditions', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(podsResource, 'default', {
      metadata: { name: 'once', annotations: { 'bosun.dev/exit-after-seconds': '3' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] },
    });
    await cluster.run(3000);
    let pod = await cluster.client.get(podsResource, 'default', 'once');
    expect(pod.status.phase).toBe('Running');
    await cluster.run(2000);
    pod = await cluster.client.get(podsResource, 'default', 'once');
    expect(pod.status.phase).toBe('Succeeded');
    const cs = pod.status.containerStatuses[0];
    expect(cs).toMatchObject({ ready: false, started: false, restartCount: 0 });
    expect(cs.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    // Pulled at 1s, exited 3s later.
    expect(cs.state.terminated.finishedAt).toBe('2025-01-01T00:00:04Z');
    expect((pod.status.conditions as KubeObject[]).map((c) => [c.type, c.status, c.reason ?? ''])).toEqual([
      ['PodReadyToStartContainers', 'False', ''],
      ['Initialized', 'True', 'PodCompleted'],
      ['Ready', 'False', 'PodCompleted'],
      ['ContainersReady', 'False', 'PodCompleted'],
      ['PodScheduled', 'True', ''],
    ]);
  });

  test.each([
    ['Never', '2', 'Failed', 0],
    ['OnFailure', '0', 'Succeeded', 0],
    ['OnFailure', '2', 'Running', 1],
    ['Always', '0', 'Running', 1],
  ])('restartPolicy %s, exit code %s: phase %s, restarts %d', async (policy, code, phase, restarts) => {
    cluster = await new TestCluster().start();
    await cluster.client.create(podsResource, 'default', {
      metadata: {
        name: 'p',
        annotations: { 'bosun.dev/exit-after-seconds': '1', 'bosun.dev/exit-code': code },
      },
      spec: { restartPolicy: policy, containers: [{ name: 'c', image: 'busybox' }] },
    });
    // Exit at 2s; a restart comes after the 10s back-off.
    await cluster.run(12_500);
    const pod = await cluster.client.get(podsResource, 'default', 'p');
    expect(pod.status.phase).toBe(phase);
    expect(pod.status.containerStatuses[0].restartCount).toBe(restarts);
    if (phase === 'Failed') expect(pod.status.containerStatuses[0].state.terminated.reason).toBe('Error');
  });
});

describe('Job controller', () => {
  test('parallelism 2, completions 3: runs two pods at a time and completes', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(
      jobsResource,
      'default',
      job({ completions: 3, parallelism: 2 }, { 'bosun.dev/exit-after-seconds': '5' }),
    );
    await cluster.run(1000);
    // No readiness probe: ready as soon as they run.
    expect(await jobStatus()).toMatchObject({ active: 2, ready: 2, terminating: 0 });
    expect((await jobStatus()).startTime).toBe('2025-01-01T00:00:00Z');
    await cluster.run(5500); // the first two exited at 6s
    expect(await jobStatus()).toMatchObject({ active: 1, succeeded: 2 });
    await cluster.run(10_000);
    const status = await jobStatus();
    expect(status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(status.active).toBeUndefined();
    expect(status.completionTime).toBe('2025-01-01T00:00:12Z');
    expect(conditionsOf(status)).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached'],
      ['Complete', 'True', 'CompletionsReached'],
    ]);
    expect((status.conditions as KubeObject[])[1].message).toBe('Reached expected number of succeeded pods');
    const pods = await cluster.pods();
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.status.phase === 'Succeeded')).toBe(true);
    expect(pods[0]!.metadata!.ownerReferences[0]).toMatchObject({
      kind: 'Job',
      name: 'work',
      controller: true,
    });
    expect(pods[0]!.metadata!.labels!['job-name']).toBe('work');
    expect(await jobEvents()).toEqual([
      'Normal SuccessfulCreate Created pod: work-*',
      'Normal SuccessfulCreate Created pod: work-*',
      'Normal SuccessfulCreate Created pod: work-*',
      'Normal Completed Job completed',
    ]);
  });

  test('backoffLimit: failed pods are replaced after 10s, 20s... then BackoffLimitExceeded', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(
      jobsResource,
      'default',
      job({ backoffLimit: 2 }, { 'bosun.dev/exit-after-seconds': '1', 'bosun.dev/exit-code': '3' }),
    );
    const created: number[] = [];
    const start = cluster.clock.now();
    let seen = 0;
    await cluster.runUntil(async () => {
      const pods = await cluster.pods();
      if (pods.length > seen) {
        seen = pods.length;
        created.push((cluster.clock.now() - start) / 1000);
      }
      return !!(await jobStatus()).conditions?.some((c: KubeObject) => c.type === 'Failed');
    });
    // Each pod fails 2s after creation; the next waits 10s, then 20s, after the last failure.
    expect(created).toEqual([0, 12, 34]);
    const status = await jobStatus();
    expect(status.failed).toBe(3);
    expect(status.succeeded).toBeUndefined();
    expect(status.completionTime).toBeUndefined();
    expect(conditionsOf(status)).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded'],
      ['Failed', 'True', 'BackoffLimitExceeded'],
    ]);
    expect((await jobEvents()).at(-1)).toBe(
      'Warning BackoffLimitExceeded Job has reached the specified backoff limit',
    );
  });

  test('restartPolicy OnFailure: container restarts count against backoffLimit', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(
      jobsResource,
      'default',
      job(
        { backoffLimit: 1 },
        { 'bosun.dev/exit-after-seconds': '1', 'bosun.dev/exit-code': '1' },
        'OnFailure',
      ),
    );
    // The first exit restarts at once, the next after a 10s back-off (as the kubelet does): the
    // second restart (~14s) exceeds the limit; the pod then has its 30s grace.
    await cluster.run(20_000);
    expect(conditionsOf(await jobStatus()).map((c) => c[0])).toEqual(['FailureTarget']);
    await cluster.run(30_000);
    const status = await jobStatus();
    expect(conditionsOf(status).map((c) => c[0])).toEqual(['FailureTarget', 'Failed']);
    // The restarting pod was deleted (it never became terminal itself).
    expect((await jobEvents()).filter((e) => e.startsWith('Normal SuccessfulDelete'))).toHaveLength(1);
    expect(await cluster.pods()).toHaveLength(0);
  });

  test('activeDeadlineSeconds: the running pod is stopped and the Job fails with DeadlineExceeded', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(jobsResource, 'default', {
      ...job({ activeDeadlineSeconds: 20 }, {}),
    });
    await cluster.run(20_500);
    let status = await jobStatus();
    expect(conditionsOf(status)).toEqual([['FailureTarget', 'True', 'DeadlineExceeded']]);
    expect(status.terminating).toBe(1);
    await cluster.run(31_000); // the 30s grace period
    status = await jobStatus();
    expect(conditionsOf(status).map((c) => c[0])).toEqual(['FailureTarget', 'Failed']);
    expect((status.conditions as KubeObject[])[1].message).toBe(
      'Job was active longer than specified deadline',
    );
    expect((await jobEvents()).at(-1)).toBe(
      'Warning DeadlineExceeded Job was active longer than specified deadline',
    );
  });

  test('suspend deletes the pods; resume creates them again', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(jobsResource, 'default', job({}, { 'bosun.dev/stop-seconds': '0' }));
    await cluster.run(2000);
    const setSuspend = async (suspend: boolean) => {
      const j = await cluster.client.get(jobsResource, 'default', 'work');
      await cluster.client.update(jobsResource, 'default', { ...j, spec: { ...j.spec, suspend } });
    };
    await setSuspend(true);
    await cluster.run(2000);
    expect(conditionsOf(await jobStatus())).toEqual([['Suspended', 'True', 'JobSuspended']]);
    expect(await cluster.pods()).toHaveLength(0);
    await setSuspend(false);
    await cluster.run(2000);
    expect(conditionsOf(await jobStatus())).toEqual([['Suspended', 'False', 'JobResumed']]);
    expect(await cluster.pods()).toHaveLength(1);
    expect((await jobEvents()).filter((e) => !e.includes('pod:'))).toEqual([
      'Normal Suspended Job suspended',
      'Normal Resumed Job resumed',
    ]);
  });

  test('ttlSecondsAfterFinished deletes the Job and its pods', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(
      jobsResource,
      'default',
      job({ ttlSecondsAfterFinished: 30 }, { 'bosun.dev/exit-after-seconds': '1' }),
    );
    await cluster.run(5000);
    expect(conditionsOf(await jobStatus()).map((c) => c[0])).toEqual(['SuccessCriteriaMet', 'Complete']);
    await cluster.run(25_000);
    expect((await cluster.client.list(jobsResource, 'default')).items).toHaveLength(1);
    await cluster.run(10_000);
    expect((await cluster.client.list(jobsResource, 'default')).items).toHaveLength(0);
    expect(await cluster.pods()).toHaveLength(0);
  });
});
