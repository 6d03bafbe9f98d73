// The ApiClient contract the control loops rely on, run against both the
// in-memory fake (what the controller tests use) and the server's in-process
// client (what `bosun up` runs them on), so the fake cannot drift from the
// real API path.

import { afterAll, describe, expect, test } from 'vitest';
import { SteppedClock } from '../../../src/cluster/clock.ts';
import {
  type ApiClient,
  type ClientWatchEvent,
  isAlreadyExists,
  isConflict,
  isNotFound,
  type KubeObject,
  podsResource,
  type Resource,
} from '../../../src/cluster/controllers/index.ts';
import { startControlPlane } from '../../../src/cluster/index.ts';
import { FakeApiClient } from './fake-client.ts';

interface Subject {
  client: ApiClient;
  clock: SteppedClock;
  stop(): Promise<void>;
}

const subjects: [string, () => Promise<Subject>][] = [
  [
    'fake client',
    async () => {
      const clock = new SteppedClock(Date.UTC(2025, 0, 1));
      return { client: new FakeApiClient(clock), clock, stop: async () => {} };
    },
  ],
  [
    'in-process server client',
    async () => {
      const clock = new SteppedClock(Date.UTC(2025, 0, 1));
      const plane = await startControlPlane({ port: 0, inMemory: true, clock, controllers: false });
      return { client: plane.client, clock, stop: () => plane.stop() };
    },
  ],
];

const configMaps: Resource = { group: '', version: 'v1', resource: 'configmaps' };

function pod(name: string, extra: { nodeName?: string; grace?: number } = {}): KubeObject {
  const spec: KubeObject = { containers: [{ name: 'web', image: 'nginx' }] };
  if (extra.nodeName) spec.nodeName = extra.nodeName;
  if (extra.grace !== undefined) spec.terminationGracePeriodSeconds = extra.grace;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec };
}

function configMap(name: string, data: Record<string, string> = { a: '1' }): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
}

/** The first `count` events of a watch (or fewer if it ends). */
async function take(events: AsyncIterable<ClientWatchEvent>, count: number): Promise<ClientWatchEvent[]> {
  const out: ClientWatchEvent[] = [];
  if (count === 0) return out;
  for await (const e of events) {
    if (e.type === 'BOOKMARK') continue;
    out.push(e);
    if (out.length >= count) break;
  }
  return out;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

describe.each(subjects)('ApiClient contract: %s', (_label, open) => {
  const started: Subject[] = [];
  const fresh = async () => {
    const s = await open();
    started.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of started) await s.stop();
  });

  test('create fills the system fields; get returns the object typed', async () => {
    const { client, clock } = await fresh();
    const created = await client.create(configMaps, 'default', configMap('one'));
    expect(created.apiVersion).toBe('v1');
    expect(created.kind).toBe('ConfigMap');
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.namespace).toBe('default');
    expect(created.metadata?.creationTimestamp).toBe(new Date(clock.now()).toISOString().replace('.000', ''));
    expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(0);
    const got = await client.get(configMaps, 'default', 'one');
    expect(got).toMatchObject({
      kind: 'ConfigMap',
      data: { a: '1' },
      metadata: { uid: created.metadata?.uid },
    });
  });

  test('generateName gets a random suffix', async () => {
    const { client } = await fresh();
    const created = await client.create(configMaps, 'default', {
      ...configMap(''),
      metadata: { generateName: 'gen-' },
    });
    expect(created.metadata?.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  test('errors carry the Status code and reason', async () => {
    const { client } = await fresh();
    const missing = await failure(client.get(configMaps, 'default', 'nope'));
    expect(isNotFound(missing)).toBe(true);
    expect(missing).toMatchObject({ code: 404, reason: 'NotFound' });

    await client.create(configMaps, 'default', configMap('dup'));
    const dup = await failure(client.create(configMaps, 'default', configMap('dup')));
    expect(isAlreadyExists(dup)).toBe(true);
    expect(isConflict(dup)).toBe(false);
    expect(dup).toMatchObject({ code: 409, reason: 'AlreadyExists' });

    const bad = await failure(client.create(podsResource, 'default', { ...pod('Bad_Name') }));
    expect(bad).toMatchObject({ code: 422, reason: 'Invalid' });
  });

  test('update with a stale resourceVersion is a Conflict', async () => {
    const { client } = await fresh();
    const first = await client.create(configMaps, 'default', configMap('cm'));
    const second = await client.update(configMaps, 'default', { ...first, data: { a: '2' } });
    expect(Number(second.metadata?.resourceVersion)).toBeGreaterThan(Number(first.metadata?.resourceVersion));
    const stale = await failure(client.update(configMaps, 'default', { ...first, data: { a: '3' } }));
    expect(isConflict(stale)).toBe(true);
    expect(stale).toMatchObject({ code: 409, reason: 'Conflict' });
    expect((await client.get(configMaps, 'default', 'cm')).data).toEqual({ a: '2' });
  });

  test('updateStatus writes status and leaves spec alone', async () => {
    const { client } = await fresh();
    const created = await client.create(podsResource, 'default', pod('p'));
    const written = await client.updateStatus(podsResource, 'default', {
      ...created,
      spec: { ...created.spec, activeDeadlineSeconds: 5 },
      status: { ...created.status, phase: 'Running' },
    });
    expect(written.status?.phase).toBe('Running');
    expect(written.spec?.activeDeadlineSeconds).toBeUndefined();
  });

  test('merge patch sets and removes fields', async () => {
    const { client } = await fresh();
    await client.create(configMaps, 'default', configMap('m', { a: '1', b: '2' }));
    const patched = await client.patch(configMaps, 'default', 'm', 'merge', {
      metadata: { labels: { x: 'y' } },
      data: { a: null, c: '3' },
    });
    expect(patched.data).toEqual({ b: '2', c: '3' });
    expect(patched.metadata?.labels).toEqual({ x: 'y' });
  });

  test('watch from a list resourceVersion sees later changes in order, and resumes mid-way', async () => {
    const { client } = await fresh();
    await client.create(configMaps, 'default', configMap('before'));
    const listed = await client.list(configMaps, 'default');
    expect(listed.items.map((i) => i.metadata?.name)).toContain('before');
    expect(listed.items.every((i) => i.kind === 'ConfigMap')).toBe(true);
    const watch = client.watch(configMaps, 'default', listed.resourceVersion);
    const a = await client.create(configMaps, 'default', configMap('w'));
    const b = await client.update(configMaps, 'default', { ...a, data: { a: '2' } });
    await client.delete(configMaps, 'default', 'w');
    const events = await take(watch, 3);
    watch.stop();
    expect(events.map((e) => [e.type, e.object.metadata?.name, e.object.kind])).toEqual([
      ['ADDED', 'w', 'ConfigMap'],
      ['MODIFIED', 'w', 'ConfigMap'],
      ['DELETED', 'w', 'ConfigMap'],
    ]);
    const resumed = client.watch(configMaps, 'default', String(b.metadata?.resourceVersion));
    const rest = await take(resumed, 1);
    resumed.stop();
    expect(rest.map((e) => e.type)).toEqual(['DELETED']);
  });

  test('bind sets nodeName and PodScheduled; a bound pod cannot be bound again', async () => {
    const { client } = await fresh();
    await client.create(podsResource, 'default', pod('b'));
    await client.bind('default', 'b', 'bosun');
    const bound = await client.get(podsResource, 'default', 'b');
    expect(bound.spec?.nodeName).toBe('bosun');
    expect(bound.status?.conditions).toContainEqual(
      expect.objectContaining({ type: 'PodScheduled', status: 'True' }),
    );
    const again = await failure(client.bind('default', 'b', 'other'));
    expect(again).toMatchObject({ code: 409 });
  });

  test('an unscheduled pod is deleted at once', async () => {
    const { client } = await fresh();
    await client.create(podsResource, 'default', pod('u'));
    await client.delete(podsResource, 'default', 'u');
    expect(isNotFound(await failure(client.get(podsResource, 'default', 'u')))).toBe(true);
  });

  test('a scheduled pod is deleted gracefully; a shorter grace shortens it; grace 0 removes it', async () => {
    const { client, clock } = await fresh();
    await client.create(podsResource, 'default', pod('g', { grace: 40 }));
    await client.bind('default', 'g', 'bosun');
    await client.delete(podsResource, 'default', 'g');
    let marked = await client.get(podsResource, 'default', 'g');
    expect(marked.metadata?.deletionGracePeriodSeconds).toBe(40);
    expect(Date.parse(marked.metadata?.deletionTimestamp)).toBe(clock.now() + 40_000);
    // A longer grace changes nothing.
    await client.delete(podsResource, 'default', 'g', { gracePeriodSeconds: 60 });
    expect((await client.get(podsResource, 'default', 'g')).metadata?.deletionGracePeriodSeconds).toBe(40);
    await client.delete(podsResource, 'default', 'g', { gracePeriodSeconds: 10 });
    marked = await client.get(podsResource, 'default', 'g');
    expect(marked.metadata?.deletionGracePeriodSeconds).toBe(10);
    expect(Date.parse(marked.metadata?.deletionTimestamp)).toBe(clock.now() + 10_000);
    // The kubelet's status writes while the pod stops do not remove it.
    await client.updateStatus(podsResource, 'default', { ...marked, status: { phase: 'Running' } });
    expect((await client.get(podsResource, 'default', 'g')).metadata?.name).toBe('g');
    await client.delete(podsResource, 'default', 'g', { gracePeriodSeconds: 0 });
    expect(isNotFound(await failure(client.get(podsResource, 'default', 'g')))).toBe(true);
  });

  test('a stale uid precondition is a Conflict', async () => {
    const { client } = await fresh();
    await client.create(configMaps, 'default', configMap('pre'));
    const err = await failure(
      client.delete(configMaps, 'default', 'pre', {
        preconditions: { uid: '00000000-0000-0000-0000-000000000000' },
      }),
    );
    expect(isConflict(err)).toBe(true);
  });

  const propagation: ['Orphan' | 'Foreground', string][] = [
    ['Orphan', 'orphan'],
    ['Foreground', 'foregroundDeletion'],
  ];
  test.each(propagation)(
    '%s propagation holds the object with the %s finalizer',
    async (policy, finalizer) => {
      const { client } = await fresh();
      await client.create(configMaps, 'default', configMap('held'));
      await client.delete(configMaps, 'default', 'held', { propagationPolicy: policy });
      const held = await client.get(configMaps, 'default', 'held');
      expect(held.metadata?.finalizers).toEqual([finalizer]);
      expect(held.metadata?.deletionTimestamp).toBeDefined();
      // The garbage collector removes the finalizer: the object goes.
      await client.patch(configMaps, 'default', 'held', 'merge', { metadata: { finalizers: null } });
      expect(isNotFound(await failure(client.get(configMaps, 'default', 'held')))).toBe(true);
    },
  );
});
