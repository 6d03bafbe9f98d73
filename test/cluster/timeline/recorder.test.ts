// The recorder over a memory store on a stepped clock: scripted pod,
// ReplicaSet and ControllerRevision changes as the controllers and the
// kubelet would write them, and the timeline that results.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  openSqliteStore,
  type Watch,
  type WatchEvent,
  type WatchOptions,
} from '../../../src/cluster/store/index.ts';
import {
  openSqliteTimelines,
  type RolloutTimeline,
  sampleText,
  timelineSvg,
  timelineText,
} from '../../../src/cluster/timeline/index.ts';
import { golden, start, World } from './world.ts';

const web = { kind: 'Deployment', namespace: 'default', name: 'web' } as const;

/** Offsets and one line per sample: the shape of a timeline without the header. */
const lines = (t: RolloutTimeline) => t.samples.map((s) => `+${(s.t - t.start) / 1000}s ${sampleText(s)}`);
const eventLines = (t: RolloutTimeline) => t.events.map((e) => `+${(e.t - t.start) / 1000}s ${e.message}`);

let world: World;
afterEach(async () => {
  await world?.recorder?.stop();
  await world?.store.close();
});

/** A rolling update of 3 replicas from revision 1 to 2 (maxSurge 1, maxUnavailable 0), then a scale, then a rollback. */
async function rollingUpdate(w: World): Promise<void> {
  await w.deployment('web', 3);
  await w.replicaSet('web-a', 'web', 1);
  for (const p of ['a1', 'a2', 'a3']) await w.pod(p, 'ReplicaSet', 'web-a', 'starting');
  await w.at(2);
  for (const p of ['a1', 'a2', 'a3']) await w.pod(p, 'ReplicaSet', 'web-a', 'running');
  await w.at(4);
  for (const p of ['a1', 'a2', 'a3']) await w.pod(p, 'ReplicaSet', 'web-a', 'ready');
  await w.at(10);
  await w.replicaSet('web-b', 'web', 2);
  await w.pod('b1', 'ReplicaSet', 'web-b', 'starting');
  await w.at(12);
  await w.pod('b1', 'ReplicaSet', 'web-b', 'ready');
  await w.pod('a1', 'ReplicaSet', 'web-a', 'terminating');
  await w.pod('b2', 'ReplicaSet', 'web-b', 'starting');
  await w.at(14);
  await w.remove('Pod', 'a1');
  await w.pod('b2', 'ReplicaSet', 'web-b', 'ready');
  await w.pod('a2', 'ReplicaSet', 'web-a', 'terminating');
  await w.pod('b3', 'ReplicaSet', 'web-b', 'starting');
  await w.at(16.5);
  await w.remove('Pod', 'a2');
  await w.pod('b3', 'ReplicaSet', 'web-b', 'ready');
  await w.pod('a3', 'ReplicaSet', 'web-a', 'terminating');
  await w.at(18);
  await w.remove('Pod', 'a3');
  await w.patch('Deployment', 'web', (d) => {
    d.status = {
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    };
  });
  await w.at(20);
  await w.patch('Deployment', 'web', (d) => {
    d.spec.replicas = 4;
  });
  await w.pod('b4', 'ReplicaSet', 'web-b', 'starting');
  await w.at(30);
  // `rollout undo`: the old ReplicaSet gets the next revision.
  await w.patch('ReplicaSet', 'web-a', (rs) => {
    rs.metadata.annotations['deployment.kubernetes.io/revision'] = '3';
  });
  await w.pod('a4', 'ReplicaSet', 'web-a', 'starting');
  await w.at(33);
}

describe('recording a Deployment', () => {
  test('a rolling update, a scale and a rollback', async () => {
    world = new World();
    await world.startRecorder();
    await rollingUpdate(world);
    const t = world.recorder.get(web)!;
    expect(t.start).toBe(start);
    expect(t.now).toBe(start + 33_000);
    expect(lines(t)).toEqual([
      '+0s rev 1  ready 0/3  starting 3',
      '+2s rev 1  ready 0/3  not-ready 3',
      '+4s rev 1  ready 3/3',
      '+10s rev 2  ready 0/3  starting 1 | rev 1  ready 3',
      '+12s rev 2  ready 1/3  starting 1 | rev 1  ready 2  terminating 1',
      '+14s rev 2  ready 2/3  starting 1 | rev 1  ready 1  terminating 1',
      '+16.5s rev 2  ready 3/3 | rev 1  terminating 1',
      '+18s rev 2  ready 3/3',
      '+20s rev 2  ready 3/4  starting 1',
      '+30s rev 3  ready 0/4  starting 1 | rev 2  ready 3  starting 1',
    ]);
    expect(eventLines(t)).toEqual([
      '+0s created, 3 replicas',
      '+0s revision 1 created',
      '+10s revision 2 created',
      '+18s Available True: MinimumReplicasAvailable',
      '+18s Progressing True: NewReplicaSetAvailable',
      '+20s scaled from 3 to 4 replicas',
      '+30s revision 3 created (the template of revision 1)',
    ]);
    expect(t.samples[3].revisions.map((r) => r.name)).toEqual(['web-b', 'web-a']);
    golden('rolling-update.txt', timelineText(t));
    golden('rolling-update.svg', timelineSvg(t));
  });

  test('changes at one instant make one sample, and a change undone within it none', async () => {
    world = new World();
    await world.startRecorder();
    await world.deployment('web', 1);
    await world.replicaSet('web-a', 'web', 1);
    await world.pod('a1', 'ReplicaSet', 'web-a', 'starting');
    await world.pod('a1', 'ReplicaSet', 'web-a', 'running');
    await world.pod('a1', 'ReplicaSet', 'web-a', 'ready');
    await world.at(5);
    await world.pod('a1', 'ReplicaSet', 'web-a', 'running');
    await world.pod('a1', 'ReplicaSet', 'web-a', 'ready');
    await world.at(6);
    await world.pod('a1', 'ReplicaSet', 'web-a', 'succeeded');
    expect(lines(world.recorder.get(web)!)).toEqual(['+0s rev 1  ready 1/1', '+6s no pods (1 wanted)']);
  });

  test('pods seen before their ReplicaSet count once it arrives', async () => {
    world = new World();
    await world.startRecorder();
    await world.deployment('web', 2);
    await world.pod('a1', 'ReplicaSet', 'web-a', 'ready');
    await world.at(1);
    await world.pod('a2', 'ReplicaSet', 'web-a', 'starting');
    await world.at(2);
    await world.replicaSet('web-a', 'web', 1);
    expect(lines(world.recorder.get(web)!)).toEqual([
      '+0s no pods (2 wanted)',
      '+2s rev 1  ready 1/2  starting 1',
    ]);
  });

  test('a progress deadline, a pause and a deletion are events', async () => {
    world = new World();
    await world.startRecorder();
    await world.deployment('web', 1);
    await world.at(600);
    await world.patch('Deployment', 'web', (d) => {
      d.status = {
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "web-b" has timed out progressing.',
          },
        ],
      };
    });
    await world.at(601);
    await world.patch('Deployment', 'web', (d) => {
      d.spec.paused = true;
    });
    await world.at(602);
    await world.remove('Deployment', 'web');
    const t = world.recorder.get(web)!;
    expect(eventLines(t)).toEqual([
      '+0s created, 1 replica',
      '+600s Progressing False: ProgressDeadlineExceeded',
      '+601s paused',
      '+602s deleted',
    ]);
    expect(t.events[1]).toMatchObject({
      condition: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      detail: 'ReplicaSet "web-b" has timed out progressing.',
    });
    expect(lines(t)).toEqual(['+0s no pods (1 wanted)', '+602s no pods']);
  });

  test('bounded: the oldest samples and events go first', async () => {
    world = new World();
    await world.startRecorder({ limits: { maxSamples: 3, maxEvents: 2 } });
    await world.deployment('web', 1);
    await world.replicaSet('web-a', 'web', 1);
    for (let i = 1; i <= 5; i++) {
      await world.at(i);
      await world.patch('Deployment', 'web', (d) => {
        d.spec.replicas = i + 1;
      });
    }
    const t = world.recorder.get(web)!;
    expect(t.truncated).toBe(true);
    expect(lines(t)).toEqual(['+3s no pods (4 wanted)', '+4s no pods (5 wanted)', '+5s no pods (6 wanted)']);
    expect(eventLines(t)).toEqual(['+4s scaled from 4 to 5 replicas', '+5s scaled from 5 to 6 replicas']);
    expect(timelineText(t)).toContain('(older samples and events were dropped)');
  });
});

describe('DaemonSets and StatefulSets: revisions from ControllerRevisions', () => {
  test('a DaemonSet labels its pods with the hash', async () => {
    world = new World();
    await world.startRecorder();
    await world.put({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      status: { desiredNumberScheduled: 2 },
    });
    await world.controllerRevision('agent-6d4f8', 'DaemonSet', 'agent', '6d4f8', 1);
    await world.pod('agent-x', 'DaemonSet', 'agent', 'ready', '6d4f8');
    await world.pod('agent-y', 'DaemonSet', 'agent', 'ready', '6d4f8');
    await world.at(3);
    await world.controllerRevision('agent-9c7b5', 'DaemonSet', 'agent', '9c7b5', 2);
    await world.pod('agent-x', 'DaemonSet', 'agent', 'terminating', '6d4f8');
    await world.at(4);
    await world.remove('Pod', 'agent-x');
    await world.pod('agent-z', 'DaemonSet', 'agent', 'running', '9c7b5');
    const t = world.recorder.get({ kind: 'DaemonSet', namespace: 'default', name: 'agent' })!;
    expect(lines(t)).toEqual([
      '+0s rev 1  ready 2/2',
      '+3s rev 1  ready 1/2  terminating 1',
      '+4s rev 2  ready 0/2  not-ready 1 | rev 1  ready 1',
    ]);
    expect(eventLines(t)).toEqual(['+0s created', '+0s revision 1 created', '+3s revision 2 created']);
    expect(t.samples[2].revisions.map((r) => r.name)).toEqual(['9c7b5', '6d4f8']);
  });

  test('a StatefulSet labels its pods with the revision name; an unknown hash is revision 0', async () => {
    world = new World();
    await world.startRecorder();
    await world.put({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { replicas: 2 },
    });
    await world.controllerRevision('db-5b8c', 'StatefulSet', 'db', '5b8c', 1);
    await world.pod('db-0', 'StatefulSet', 'db', 'ready', 'db-5b8c');
    await world.pod('db-1', 'StatefulSet', 'db', 'starting', 'db-77aa');
    const t = world.recorder.get({ kind: 'StatefulSet', namespace: 'default', name: 'db' })!;
    expect(lines(t)).toEqual(['+0s rev 1  ready 1/2 | rev ?  starting 1']);
  });
});

describe('persistence and restarts', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  test('a restarted recorder keeps its timelines and repeats no event', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bosun-timeline-'));
    world = new World(openSqliteStore({ path: join(dir, 'state.db'), compaction: false }));
    await world.startRecorder({}, await openSqliteTimelines(join(dir, 'timeline.db')));
    await rollingUpdate(world);
    const before = world.recorder.get(web)!;
    await world.recorder.stop();

    await world.at(40);
    await world.startRecorder({}, await openSqliteTimelines(join(dir, 'timeline.db')));
    const after = world.recorder.get(web)!;
    expect(after.samples).toEqual(before.samples);
    expect(after.events).toEqual(before.events);
    expect(after.now).toBe(start + 40_000);

    // Changes while the recorder was down show at the time it finds them.
    await world.recorder.stop();
    await world.remove('Deployment', 'web');
    await world.at(50);
    await world.startRecorder({}, await openSqliteTimelines(join(dir, 'timeline.db')));
    expect(eventLines(world.recorder.get(web)!).at(-1)).toBe('+50s deleted');
  });

  test('a sample replaced within one instant replaces its stored row', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bosun-timeline-'));
    world = new World();
    await world.startRecorder({}, await openSqliteTimelines(join(dir, 'timeline.db')));
    await world.deployment('web', 1);
    await world.replicaSet('web-a', 'web', 1);
    await world.at(1);
    await world.pod('a1', 'ReplicaSet', 'web-a', 'starting');
    await world.pod('a1', 'ReplicaSet', 'web-a', 'ready');
    await world.at(2);
    await world.pod('a1', 'ReplicaSet', 'web-a', 'running');
    await world.pod('a1', 'ReplicaSet', 'web-a', 'ready');
    const live = lines(world.recorder.get(web)!);
    await world.recorder.stop();
    const reopened = await openSqliteTimelines(join(dir, 'timeline.db'));
    const stored = reopened.load();
    reopened.close();
    expect(stored).toHaveLength(1);
    expect(stored[0].samples.map((s) => `+${(s.t - start) / 1000}s ${sampleText(s)}`)).toEqual(live);
    expect(live).toEqual(['+0s no pods (1 wanted)', '+1s rev 1  ready 1/1']);
  });
});

describe('watch failures', () => {
  test('a watch ending in an error (410 Gone) starts over from the current state', async () => {
    const base = new World();
    const failedOnce = new Set<string>();
    const store = new Proxy(base.store, {
      get(target, prop, receiver) {
        if (prop !== 'watch') return Reflect.get(target, prop, receiver);
        return (options: WatchOptions): Watch => {
          if (failedOnce.has(options.resource)) return target.watch(options);
          failedOnce.add(options.resource);
          const events: (WatchEvent | undefined)[] = [
            { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } as never },
          ];
          return {
            next: async () => events.shift(),
            requestBookmark() {},
            stop() {},
            async *[Symbol.asyncIterator]() {},
          };
        };
      },
    });
    world = new World(store);
    await world.deployment('web', 1);
    await world.replicaSet('web-a', 'web', 1);
    await world.pod('a1', 'ReplicaSet', 'web-a', 'ready');
    const errors: unknown[] = [];
    await world.startRecorder({ onError: (err) => errors.push(err) });
    expect(errors).toHaveLength(6);
    expect(lines(world.recorder.get(web)!)).toEqual(['+0s rev 1  ready 1/1']);
    await world.at(1);
    await world.remove('Pod', 'a1');
    expect(lines(world.recorder.get(web)!)).toEqual(['+0s rev 1  ready 1/1', '+1s no pods (1 wanted)']);
  });

  test('pods of other controllers and bare pods are not counted', async () => {
    world = new World();
    await world.startRecorder();
    await world.deployment('web', 1);
    await world.pod('job-x', 'Job', 'web', 'ready');
    await world.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bare' },
      status: { phase: 'Running' },
    });
    expect(lines(world.recorder.get(web)!)).toEqual(['+0s no pods (1 wanted)']);
  });
});
