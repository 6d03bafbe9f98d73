// CronJob: robfig/cron's standard parsing and next-time arithmetic (table),
// and the controller on the stepped clock: Jobs named by the scheduled
// minute, lastScheduleTime, SawCompletedJob, history limits, Forbid and
// Replace, with upstream's event wording.

import { afterEach, describe, expect, test } from 'vitest';
import { cronJobsResource, jobNameFor } from '../../../src/cluster/controllers/cronjob/controller.ts';
import { parseSchedule } from '../../../src/cluster/controllers/cronjob/schedule.ts';
import type { KubeObject } from '../../../src/cluster/controllers/index.ts';
import { jobsResource } from '../../../src/cluster/controllers/job/controller.ts';
import { TestCluster } from './harness.ts';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('cron schedules (cron.ParseStandard)', () => {
  // [schedule, from, the next activations]
  const cases: [string, string, string[]][] = [
    ['*/15 * * * *', '2025-01-01T00:07:30Z', ['2025-01-01T00:15:00.000Z', '2025-01-01T00:30:00.000Z']],
    ['0 9 * * MON-FRI', '2025-01-03T10:00:00Z', ['2025-01-06T09:00:00.000Z', '2025-01-07T09:00:00.000Z']],
    // day-of-month and day-of-week both restricted: either matches.
    ['0 0 13 * 5', '2025-06-01T00:00:00Z', ['2025-06-06T00:00:00.000Z', '2025-06-13T00:00:00.000Z']],
    // one of them `*`: both must match.
    ['0 0 13 * *', '2025-06-01T00:00:00Z', ['2025-06-13T00:00:00.000Z', '2025-07-13T00:00:00.000Z']],
    ['30 6-16/4 * * *', '2025-01-01T07:00:00Z', ['2025-01-01T10:30:00.000Z', '2025-01-01T14:30:00.000Z']],
    ['5/20 * * * *', '2025-01-01T00:00:00Z', ['2025-01-01T00:05:00.000Z', '2025-01-01T00:25:00.000Z']],
    ['0 0 29 feb ?', '2025-01-01T00:00:00Z', ['2028-02-29T00:00:00.000Z', undefined as unknown as string]],
    ['@hourly', '2025-01-01T00:00:00Z', ['2025-01-01T01:00:00.000Z', '2025-01-01T02:00:00.000Z']],
    ['@weekly', '2025-01-01T00:00:00Z', ['2025-01-05T00:00:00.000Z', '2025-01-12T00:00:00.000Z']],
    ['@every 90s', '2025-01-01T00:00:00.500Z', ['2025-01-01T00:01:30.000Z', '2025-01-01T00:03:00.000Z']],
    [
      'TZ=Asia/Tokyo 0 9 * * *',
      '2025-01-01T00:00:00Z',
      ['2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z'],
    ],
  ];
  test.each(cases)('%s after %s', (spec, from, expected) => {
    const schedule = parseSchedule(spec);
    const first = schedule.next(Date.parse(from));
    const second = first === undefined ? undefined : schedule.next(first);
    expect([iso(first), iso(second)].slice(0, expected[1] === undefined ? 1 : 2)).toEqual(
      expected[1] === undefined ? [expected[0]] : expected,
    );
  });

  test.each([
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['', 'empty spec string'],
  ])('%j is rejected: %s', (spec, message) => {
    expect(() => parseSchedule(spec)).toThrow(message);
  });
});

let cluster: TestCluster;
afterEach(() => cluster?.stop());

function cronJob(spec: KubeObject, runSeconds: number | undefined): KubeObject {
  const annotations: Record<string, string> = {};
  if (runSeconds !== undefined) annotations['bosun.dev/exit-after-seconds'] = String(runSeconds);
  return {
    metadata: { name: 'tick' },
    spec: {
      schedule: '* * * * *',
      ...spec,
      jobTemplate: {
        metadata: { labels: { app: 'tick' } },
        spec: {
          template: {
            metadata: { annotations },
            spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] },
          },
        },
      },
    },
  };
}

async function cronEvents(): Promise<string[]> {
  return (await cluster.events())
    .filter((e) => e.involvedObject?.kind === 'CronJob')
    .map((e) => `${e.reason} ${e.message}`);
}

async function jobNames(): Promise<string[]> {
  return (await cluster.client.list(jobsResource, 'default')).items.map((j) => j.metadata?.name).sort();
}

describe('CronJob controller', () => {
  test('every minute: Jobs named by the scheduled minute, status, history limit', async () => {
    cluster = await new TestCluster().start();
    const start = cluster.clock.now(); // 2025-01-01T00:00:00Z
    await cluster.client.create(cronJobsResource, 'default', cronJob({ successfulJobsHistoryLimit: 2 }, 5));
    await cluster.run(60_500);
    const minute = (n: number) => jobNameFor('tick', start + n * 60_000);
    expect(minute(1)).toBe('tick-28928161');
    expect(await jobNames()).toEqual([minute(1)]);
    let cj = await cluster.client.get(cronJobsResource, 'default', 'tick');
    expect(cj.status.lastScheduleTime).toBe('2025-01-01T00:01:00Z');
    expect(cj.status.active).toEqual([
      expect.objectContaining({ kind: 'Job', name: minute(1), namespace: 'default', apiVersion: 'batch/v1' }),
    ]);
    const job = await cluster.client.get(jobsResource, 'default', minute(1));
    expect(job.metadata?.labels).toMatchObject({ app: 'tick' });
    expect(job.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
      '2025-01-01T00:01:00Z',
    );
    expect(job.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'CronJob',
      name: 'tick',
      controller: true,
    });

    await cluster.run(4 * 60_000);
    // Two finished Jobs kept (the limit counts finished ones) plus the one just started.
    expect(await jobNames()).toEqual([minute(3), minute(4), minute(5)]);
    cj = await cluster.client.get(cronJobsResource, 'default', 'tick');
    expect(cj.status.lastScheduleTime).toBe('2025-01-01T00:05:00Z');
    // Job 4's pod: created at 4:00.1, pulled in 1s, exited 5s later.
    expect(cj.status.lastSuccessfulTime).toBe('2025-01-01T00:04:06Z');
    const events = await cronEvents();
    expect(events.slice(0, 2)).toEqual([
      `SuccessfulCreate Created job ${minute(1)}`,
      `SawCompletedJob Saw completed job: ${minute(1)}, condition: Complete`,
    ]);
    expect(events).toContain(`SuccessfulDelete Deleted job ${minute(1)}`);
    // The deleted Jobs' pods go with them.
    const owners = new Set((await cluster.pods()).map((p) => p.metadata?.ownerReferences?.[0]?.name));
    expect([...owners].sort()).toEqual([minute(3), minute(4), minute(5)]);
  });

  test('Forbid: no new Job while one runs', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(cronJobsResource, 'default', cronJob({ concurrencyPolicy: 'Forbid' }, 90));
    await cluster.run(150_500);
    expect(await jobNames()).toHaveLength(1);
    expect(await cronEvents()).toContain(
      'JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid',
    );
  });

  test('Replace: the running Job is deleted for the new one', async () => {
    cluster = await new TestCluster().start();
    const start = cluster.clock.now();
    await cluster.client.create(
      cronJobsResource,
      'default',
      cronJob({ concurrencyPolicy: 'Replace' }, undefined),
    );
    await cluster.run(120_500);
    const second = jobNameFor('tick', start + 120_000);
    expect(await jobNames()).toEqual([second]);
    expect(await cronEvents()).toContain(
      `SuccessfulDelete Deleted job ${jobNameFor('tick', start + 60_000)}`,
    );
    const cj = await cluster.client.get(cronJobsResource, 'default', 'tick');
    expect(cj.status.active.map((r: KubeObject) => r.name)).toEqual([second]);
  });

  test('suspend: nothing is scheduled', async () => {
    cluster = await new TestCluster().start();
    await cluster.client.create(cronJobsResource, 'default', cronJob({ suspend: true }, 5));
    await cluster.run(180_000);
    expect(await jobNames()).toEqual([]);
  });
});
