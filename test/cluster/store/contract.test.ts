// The Store contract: every backend (SQLite file, SQLite :memory:, the
// Map-based log) must give the same answers, including Kubernetes' exact
// error messages and resourceVersion rules.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SteppedClock } from '../../../src/cluster/clock.ts';
import {
  type ListOptions,
  type LogStoreOptions,
  openMemoryStore,
  openSqliteStore,
  type Store,
  type StoredObject,
  StoreError,
  type Watch,
  type WatchEvent,
} from '../../../src/cluster/store/index.ts';

interface Backend {
  name: string;
  open(options: LogStoreOptions): Store;
  cleanup?(): void;
}

let dir = '';
const backends: Backend[] = [
  {
    name: 'sqlite file',
    open: (options) => openSqliteStore({ ...options, path: join(dir, 'store.db') }),
  },
  { name: 'sqlite :memory:', open: (options) => openSqliteStore({ ...options, path: ':memory:' }) },
  { name: 'memory log', open: (options) => openMemoryStore(options) },
];

const deploy = (name: string, namespace = 'default') => ({ resource: 'deployments.apps', namespace, name });
const obj = (name: string, extra: Record<string, unknown> = {}, namespace = 'default'): StoredObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError, the call succeeded');
}

const rvOf = (o: StoredObject | undefined) => o?.metadata?.resourceVersion;
const names = (items: StoredObject[]) =>
  items.map((o) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`);
const summary = (e: WatchEvent | undefined) =>
  e && `${e.type} ${(e.object.metadata as { name?: string })?.name ?? ''}@${rvOf(e.object)}`;

/** A next() still waiting when drain gave up: the event it receives belongs to the next drain. */
const waiting = new WeakMap<Watch, Promise<WatchEvent | undefined>>();

/** Events available right now, without waiting for more. */
async function drain(watch: Watch, max = 1000): Promise<WatchEvent[]> {
  const events: WatchEvent[] = [];
  for (let i = 0; i < max; i++) {
    const pending = waiting.get(watch) ?? watch.next();
    waiting.set(watch, pending);
    const next = await Promise.race([pending, new Promise<'idle'>((r) => setTimeout(() => r('idle'), 20))]);
    if (next === 'idle') break;
    waiting.delete(watch);
    if (next === undefined) break;
    events.push(next);
  }
  return events;
}

describe.each(backends)('Store contract: $name', (backend) => {
  let clock: SteppedClock;
  let store: Store;
  const open = (options: LogStoreOptions = {}) => {
    store = backend.open({ clock, compaction: false, ...options });
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bosun-store-'));
    clock = new SteppedClock();
    open();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('create and get', () => {
    it('stamps one global, increasing resourceVersion as a string', async () => {
      expect(store.currentRevision()).toBe(0);
      const a = await store.create(deploy('a'), obj('a'));
      const p = await store.create(
        { resource: 'pods', namespace: 'default', name: 'p' },
        { metadata: { name: 'p' } },
      );
      const n = await store.create(
        { resource: 'namespaces', name: 'kube-system' },
        { metadata: { name: 'kube-system' } },
      );
      expect([rvOf(a), rvOf(p), rvOf(n)]).toEqual(['1', '2', '3']);
      expect(store.currentRevision()).toBe(3);
      expect(await store.get(deploy('a'))).toEqual({
        ...obj('a'),
        metadata: { name: 'a', namespace: 'default', resourceVersion: '1' },
      });
      expect(rvOf(await store.get({ resource: 'namespaces', name: 'kube-system' }))).toBe('3');
    });

    it('returns a copy: mutating the input or the result does not change the store', async () => {
      const input = obj('a', { spec: { replicas: 1 } });
      const created = await store.create(deploy('a'), input);
      (input.spec as { replicas: number }).replicas = 5;
      (created.spec as { replicas: number }).replicas = 7;
      expect((await store.get(deploy('a'))).spec).toEqual({ replicas: 1 });
      expect(input.metadata?.resourceVersion).toBeUndefined();
    });

    it.each([
      {
        case: 'create of an existing object',
        run: async (s: Store) => {
          await s.create(deploy('x'), obj('x'));
          return s.create(deploy('x'), obj('x'));
        },
        reason: 'AlreadyExists',
        code: 409,
        message: 'deployments.apps "x" already exists',
        details: { name: 'x', group: 'apps', kind: 'deployments' },
      },
      {
        case: 'create with a resourceVersion',
        run: (s: Store) => s.create(deploy('x'), { metadata: { name: 'x', resourceVersion: '4' } }),
        reason: 'BadRequest',
        code: 400,
        message: 'resourceVersion should not be set on objects to be created',
      },
      {
        case: 'get of a missing core object',
        run: (s: Store) => s.get({ resource: 'pods', namespace: 'default', name: 'p' }),
        reason: 'NotFound',
        code: 404,
        message: 'pods "p" not found',
        details: { name: 'p', kind: 'pods' },
      },
      {
        case: 'get at a future resourceVersion',
        run: (s: Store) => s.get(deploy('x'), { resourceVersion: '99' }),
        reason: 'Timeout',
        code: 504,
        message: 'Too large resource version: 99, current: 0',
      },
      {
        case: 'get with an unparsable resourceVersion',
        run: (s: Store) => s.get(deploy('x'), { resourceVersion: 'abc' }),
        reason: 'BadRequest',
        code: 400,
        message: 'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
      },
      {
        case: 'update of a missing object',
        run: (s: Store) => s.update(deploy('x'), obj('x')),
        reason: 'NotFound',
        code: 404,
        message: 'deployments.apps "x" not found',
      },
      {
        case: 'delete of a missing object',
        run: (s: Store) => s.delete(deploy('x')),
        reason: 'NotFound',
        code: 404,
        message: 'deployments.apps "x" not found',
      },
    ])('$case fails as Kubernetes does', async ({ run, reason, code, message, details }) => {
      const err = await failure(run(store));
      expect({ reason: err.reason, code: err.code, message: err.message }).toEqual({ reason, code, message });
      const status = err.toStatus();
      expect(status).toMatchObject({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason,
        code,
        message,
      });
      if (details) expect(status.details).toEqual(details);
    });
  });

  describe('update', () => {
    it('checks the resourceVersion it carries (optimistic concurrency)', async () => {
      const v1 = await store.create(deploy('x'), obj('x', { spec: { replicas: 1 } }));
      const v2 = await store.update(deploy('x'), { ...v1, spec: { replicas: 2 } });
      expect(rvOf(v2)).toBe('2');
      const err = await failure(store.update(deploy('x'), { ...v1, spec: { replicas: 3 } }));
      expect(err.reason).toBe('Conflict');
      expect(err.code).toBe(409);
      expect(err.message).toBe(
        'Operation cannot be fulfilled on deployments.apps "x": the object has been modified; please apply your changes to the latest version and try again',
      );
      expect((await store.get(deploy('x'))).spec).toEqual({ replicas: 2 });
    });

    it('without a resourceVersion is unconditional', async () => {
      await store.create(deploy('x'), obj('x'));
      await store.update(deploy('x'), obj('x', { spec: { replicas: 2 } }));
      const v3 = await store.update(deploy('x'), obj('x', { spec: { replicas: 3 } }));
      expect(rvOf(v3)).toBe('3');
    });

    it('that changes nothing keeps the resourceVersion and writes nothing', async () => {
      const v1 = await store.create(deploy('x'), obj('x', { spec: { a: 1, b: [1, 2] } }));
      const w = store.watch({ resource: 'deployments.apps', resourceVersion: '1' });
      // Same content, different key order: Go compares canonical bytes.
      const same = await store.update(deploy('x'), {
        spec: { b: [1, 2], a: 1 },
        metadata: { namespace: 'default', name: 'x', resourceVersion: '1' },
        kind: 'Deployment',
        apiVersion: 'apps/v1',
      });
      expect(rvOf(same)).toBe('1');
      expect(store.currentRevision()).toBe(1);
      expect(await drain(w)).toEqual([]);
      w.stop();
      expect(rvOf(v1)).toBe('1');
    });

    it('checks a uid precondition with the storage error Kubernetes wraps', async () => {
      await store.create(deploy('x'), { metadata: { name: 'x', uid: 'u-1' } });
      const err = await failure(
        store.update(deploy('x'), { metadata: { name: 'x' } }, { preconditions: { uid: 'u-2' } }),
      );
      expect(err.reason).toBe('Conflict');
      expect(err.message).toBe(
        'Operation cannot be fulfilled on deployments.apps "x": StorageError: invalid object, Code: 4, Key: /registry/deployments/default/x, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: u-2, UID in object meta: u-1',
      );
    });
  });

  describe('delete', () => {
    it('removes the object, returns its last state and allows re-creation', async () => {
      await store.create(deploy('x'), obj('x', { spec: { replicas: 1 } }));
      const gone = await store.delete(deploy('x'));
      expect(gone).toMatchObject({ spec: { replicas: 1 }, metadata: { resourceVersion: '1' } });
      expect((await failure(store.get(deploy('x')))).reason).toBe('NotFound');
      expect(store.currentRevision()).toBe(2);
      const again = await store.create(deploy('x'), obj('x'));
      expect(rvOf(again)).toBe('3');
    });

    it.each([
      {
        preconditions: { uid: 'other' },
        message:
          'Operation cannot be fulfilled on deployments.apps "x": StorageError: invalid object, Code: 4, Key: /registry/deployments/default/x, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: other, UID in object meta: u-1',
      },
      {
        preconditions: { resourceVersion: '7' },
        message:
          'Operation cannot be fulfilled on deployments.apps "x": StorageError: invalid object, Code: 4, Key: /registry/deployments/default/x, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ResourceVersion in precondition: 7, ResourceVersion in object meta: 1',
      },
    ])('checks preconditions $preconditions', async ({ preconditions, message }) => {
      await store.create(deploy('x'), { metadata: { name: 'x', uid: 'u-1' } });
      const err = await failure(store.delete(deploy('x'), { preconditions }));
      expect([err.reason, err.message]).toEqual(['Conflict', message]);
      expect(rvOf(await store.get(deploy('x')))).toBe('1');
      await store.delete(deploy('x'), { preconditions: { uid: 'u-1', resourceVersion: '1' } });
      expect((await failure(store.get(deploy('x')))).reason).toBe('NotFound');
    });
  });

  describe('list', () => {
    beforeEach(async () => {
      // rv 1..6: b/y, a/x, a/z, ab/w (after a/* in etcd's key order), a-b/v, cluster-scoped noise
      await store.create(deploy('y', 'b'), obj('y', {}, 'b'));
      await store.create(deploy('x', 'a'), obj('x', {}, 'a'));
      await store.create(deploy('z', 'a'), obj('z', {}, 'a'));
      await store.create(deploy('w', 'ab'), obj('w', {}, 'ab'));
      await store.create(deploy('v', 'a-b'), obj('v', {}, 'a-b'));
      await store.create({ resource: 'namespaces', name: 'a' }, { metadata: { name: 'a' } });
    });

    it('lists one namespace or all of them, in etcd key order', async () => {
      const all = await store.list('deployments.apps');
      expect(names(all.items)).toEqual(['a-b/v', 'a/x', 'a/z', 'ab/w', 'b/y']);
      expect(all.resourceVersion).toBe('6');
      expect(all.continue).toBeUndefined();
      expect(names((await store.list('deployments.apps', { namespace: 'a' })).items)).toEqual(['a/x', 'a/z']);
      expect(names((await store.list('deployments.apps', { namespace: 'c' })).items)).toEqual([]);
      expect(names((await store.list('namespaces')).items)).toEqual(['/a']);
    });

    it('pages with continue tokens that read a consistent snapshot', async () => {
      const first = await store.list('deployments.apps', { limit: 2 });
      expect(names(first.items)).toEqual(['a-b/v', 'a/x']);
      expect(first.remainingItemCount).toBe(3);
      expect(first.continue).toBeTypeOf('string');
      // Changes after the first page must not show in the next pages.
      await store.delete(deploy('z', 'a'));
      await store.create(deploy('aa', 'a'), obj('aa', {}, 'a'));
      await store.update(deploy('y', 'b'), obj('y', { spec: { changed: true } }, 'b'));
      const second = await store.list('deployments.apps', { limit: 2, continue: first.continue });
      expect(names(second.items)).toEqual(['a/z', 'ab/w']);
      expect(second.resourceVersion).toBe('6');
      expect(second.remainingItemCount).toBe(1);
      const third = await store.list('deployments.apps', { limit: 2, continue: second.continue });
      expect(names(third.items)).toEqual(['b/y']);
      expect(third.items[0].spec).toBeUndefined();
      expect(third.continue).toBeUndefined();
      // A fresh list sees the new state.
      const now = await store.list('deployments.apps');
      expect(names(now.items)).toEqual(['a-b/v', 'a/aa', 'a/x', 'ab/w', 'b/y']);
      expect(now.resourceVersion).toBe('9');
    });

    it('applies a predicate before the limit, without remainingItemCount', async () => {
      const notX: ListOptions['predicate'] = (o) => o.metadata?.name !== 'x';
      const page = await store.list('deployments.apps', { limit: 2, predicate: notX });
      expect(names(page.items)).toEqual(['a-b/v', 'a/z']);
      expect(page.remainingItemCount).toBeUndefined();
      const rest = await store.list('deployments.apps', {
        limit: 2,
        predicate: notX,
        continue: page.continue,
      });
      expect(names(rest.items)).toEqual(['ab/w', 'b/y']);
      expect(rest.continue).toBeUndefined();
    });

    // State: rv 6 as above; then rv 7 updates a/x and rv 8 deletes b/y.
    it.each([
      { options: {}, rv: '8', items: ['a-b/v', 'a/x', 'a/z', 'ab/w'] },
      { options: { resourceVersion: '0' }, rv: '8', items: ['a-b/v', 'a/x', 'a/z', 'ab/w'] },
      { options: { resourceVersion: '3' }, rv: '8', items: ['a-b/v', 'a/x', 'a/z', 'ab/w'] },
      {
        options: { resourceVersion: '3', resourceVersionMatch: 'NotOlderThan' },
        rv: '8',
        items: ['a-b/v', 'a/x', 'a/z', 'ab/w'],
      },
      {
        options: { resourceVersion: '3', resourceVersionMatch: 'Exact' },
        rv: '3',
        items: ['a/x', 'a/z', 'b/y'],
      },
      {
        options: { resourceVersion: '7', resourceVersionMatch: 'Exact' },
        rv: '7',
        items: ['a-b/v', 'a/x', 'a/z', 'ab/w', 'b/y'],
      },
      // The legacy rule: a non-zero resourceVersion with a limit and no match is exact.
      { options: { resourceVersion: '3', limit: 10 }, rv: '3', items: ['a/x', 'a/z', 'b/y'] },
      { options: { resourceVersion: '0', limit: 10 }, rv: '8', items: ['a-b/v', 'a/x', 'a/z', 'ab/w'] },
      { options: { resourceVersion: '9' }, error: 'Too large resource version: 9, current: 8' },
      {
        options: { resourceVersion: '9', resourceVersionMatch: 'Exact' },
        error: 'Too large resource version: 9, current: 8',
      },
      {
        options: { resourceVersionMatch: 'Exact' },
        error: 'resourceVersionMatch is forbidden unless resourceVersion is provided',
      },
      {
        options: { resourceVersion: '0', resourceVersionMatch: 'Exact' },
        error: 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
      },
      {
        options: { resourceVersion: '5', continue: 'x' },
        error: 'specifying resource version is not allowed when using continue',
      },
      {
        options: { continue: 'not-a-token' },
        error: 'continue key is not valid: illegal base64 data or JSON',
      },
    ] as { options: ListOptions; rv?: string; items?: string[]; error?: string }[])(
      'resourceVersion rules: $options',
      async ({ options, rv, items, error }) => {
        await store.update(deploy('x', 'a'), obj('x', { spec: { n: 1 } }, 'a'));
        await store.delete(deploy('y', 'b'));
        if (error) {
          expect((await failure(store.list('deployments.apps', options))).message).toBe(error);
          return;
        }
        const result = await store.list('deployments.apps', options);
        expect({ rv: result.resourceVersion, items: names(result.items) }).toEqual({ rv, items });
      },
    );
  });

  describe('batch', () => {
    it('applies every op in one transaction', async () => {
      await store.create(deploy('old'), obj('old'));
      const results = await store.batch([
        { op: 'create', key: deploy('a'), object: obj('a') },
        { op: 'update', key: deploy('old'), object: obj('old', { spec: { v: 2 } }) },
        { op: 'delete', key: deploy('a') },
      ]);
      expect(results.map(rvOf)).toEqual(['2', '3', '2']);
      expect(store.currentRevision()).toBe(4);
    });

    it('applies none when one fails, and consumes no revision', async () => {
      await store.create(deploy('old'), obj('old'));
      const w = store.watch({ resource: 'deployments.apps', resourceVersion: '1' });
      const err = await failure(
        store.batch([
          { op: 'create', key: deploy('a'), object: obj('a') },
          { op: 'create', key: deploy('old'), object: obj('old') },
        ]),
      );
      expect(err.message).toBe('deployments.apps "old" already exists');
      expect(store.currentRevision()).toBe(1);
      expect((await failure(store.get(deploy('a')))).reason).toBe('NotFound');
      expect(await drain(w)).toEqual([]);
      const next = await store.create(deploy('b'), obj('b'));
      expect(rvOf(next)).toBe('2');
      expect((await drain(w)).map(summary)).toEqual(['ADDED b@2']);
      w.stop();
    });

    it('writes issued together commit together but fail alone', async () => {
      await store.create(deploy('x'), obj('x'));
      const [ok, dup, ok2] = await Promise.allSettled([
        store.create(deploy('a'), obj('a')),
        store.create(deploy('x'), obj('x')),
        store.create(deploy('b'), obj('b')),
      ]);
      expect([ok.status, dup.status, ok2.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(names((await store.list('deployments.apps')).items)).toEqual([
        'default/a',
        'default/b',
        'default/x',
      ]);
      expect(store.currentRevision()).toBe(3);
    });
  });

  describe('guaranteedUpdate', () => {
    it('retries on conflict until its change applies', async () => {
      await store.create(deploy('c'), obj('c', { count: 0 }));
      let calls = 0;
      const result = await store.guaranteedUpdate(deploy('c'), async (current) => {
        calls++;
        // Another writer sneaks in while the first attempt computes.
        if (calls === 1) await store.update(deploy('c'), obj('c', { count: 10 }));
        return { ...current!, count: (current!.count as number) + 1 };
      });
      expect(calls).toBe(2);
      expect(result.count).toBe(11);
      expect(rvOf(result)).toBe('3');
    });

    it('skips the write when nothing changes, creates with ignoreNotFound, fails preconditions', async () => {
      const created = await store.guaranteedUpdate(
        deploy('n'),
        (current) => current ?? obj('n', { uid: 'u' }),
        {
          ignoreNotFound: true,
        },
      );
      expect(rvOf(created)).toBe('1');
      const same = await store.guaranteedUpdate(deploy('n'), (current) => current!);
      expect(rvOf(same)).toBe('1');
      expect(store.currentRevision()).toBe(1);
      expect((await failure(store.guaranteedUpdate(deploy('missing'), (c) => c!))).reason).toBe('NotFound');
      const err = await failure(
        store.guaranteedUpdate(deploy('n'), (c) => ({ ...c!, x: 1 }), {
          preconditions: { resourceVersion: '9' },
        }),
      );
      expect(err.message).toContain(
        'Precondition failed: ResourceVersion in precondition: 9, ResourceVersion in object meta: 1',
      );
    });
  });

  it('100 concurrent writers with stale resourceVersions: conflicts reported, no update lost', async () => {
    await store.create(deploy('counter'), obj('counter', { count: 0 }));
    let conflicts = 0;
    let successes = 0;
    const writer = async () => {
      for (;;) {
        const current = await store.get(deploy('counter'));
        await new Promise((r) => setImmediate(r));
        try {
          await store.update(deploy('counter'), { ...current, count: (current.count as number) + 1 });
          successes++;
          return;
        } catch (err) {
          if (!(err instanceof StoreError) || err.reason !== 'Conflict') throw err;
          conflicts++;
        }
      }
    };
    await Promise.all(Array.from({ length: 100 }, writer));
    const final = await store.get(deploy('counter'));
    expect(successes).toBe(100);
    expect(conflicts).toBeGreaterThan(0);
    expect(final.count).toBe(successes);
    expect(rvOf(final)).toBe(String(1 + successes));
  });

  describe('watch', () => {
    it('replays from a resourceVersion, then streams live events', async () => {
      await store.create(deploy('a'), obj('a'));
      await store.create(deploy('b'), obj('b'));
      await store.create({ resource: 'pods', namespace: 'default', name: 'p' }, { metadata: { name: 'p' } });
      await store.update(deploy('a'), obj('a', { spec: { v: 2 } }));
      const w = store.watch({ resource: 'deployments.apps', resourceVersion: '1' });
      expect((await drain(w)).map(summary)).toEqual(['ADDED b@2', 'MODIFIED a@4']);
      await store.delete(deploy('b'));
      await store.create(deploy('c', 'other'), obj('c', {}, 'other'));
      const events = await drain(w);
      expect(events.map(summary)).toEqual(['DELETED b@5', 'ADDED c@6']);
      // DELETED carries the last state, stamped with the deletion's resourceVersion.
      expect(events[0].object).toEqual({
        ...obj('b'),
        metadata: { name: 'b', namespace: 'default', resourceVersion: '5' },
      });
      w.stop();
      expect(await w.next()).toBeUndefined();
    });

    it('filters by namespace and name', async () => {
      const inNs = store.watch({ resource: 'deployments.apps', namespace: 'a', resourceVersion: '0' });
      const byName = store.watch({
        resource: 'deployments.apps',
        namespace: 'a',
        name: 'x',
        resourceVersion: '0',
      });
      await store.create(deploy('x', 'a'), obj('x', {}, 'a'));
      await store.create(deploy('y', 'a'), obj('y', {}, 'a'));
      await store.create(deploy('x', 'ab'), obj('x', {}, 'ab'));
      expect((await drain(inNs)).map(summary)).toEqual(['ADDED x@1', 'ADDED y@2']);
      expect((await drain(byName)).map(summary)).toEqual(['ADDED x@1']);
      inNs.stop();
      byName.stop();
    });

    it('starts with the current state when resourceVersion is unset or "0"', async () => {
      await store.create(deploy('a'), obj('a'));
      await store.create(deploy('b'), obj('b'));
      await store.delete(deploy('a'));
      for (const resourceVersion of [undefined, '0']) {
        const w = store.watch({ resource: 'deployments.apps', resourceVersion });
        expect((await drain(w)).map(summary)).toEqual(['ADDED b@2']);
        w.stop();
      }
      const fromNow = store.watch({
        resource: 'deployments.apps',
        resourceVersion: '0',
        sendInitialEvents: false,
      });
      await store.update(deploy('b'), obj('b', { spec: { v: 1 } }));
      expect((await drain(fromNow)).map(summary)).toEqual(['MODIFIED b@4']);
      fromNow.stop();
    });

    it('ends watch-list initial events with an annotated bookmark', async () => {
      await store.create(deploy('a'), obj('a'));
      const w = store.watch({ resource: 'deployments.apps', sendInitialEvents: true, allowBookmarks: true });
      const events = await drain(w);
      expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
      expect(events[1].object).toEqual({
        metadata: { resourceVersion: '1', annotations: { 'k8s.io/initial-events-end': 'true' } },
      });
      w.stop();
    });

    it('sends bookmarks on the clock and on request', async () => {
      store.watch({ resource: 'pods', allowBookmarks: false }).stop();
      const w = store.watch({ resource: 'deployments.apps', resourceVersion: '0', allowBookmarks: true });
      await store.create({ resource: 'pods', namespace: 'default', name: 'p' }, { metadata: { name: 'p' } });
      expect(await drain(w)).toEqual([]);
      await clock.advance(60_000);
      expect(await drain(w)).toEqual([{ type: 'BOOKMARK', object: { metadata: { resourceVersion: '1' } } }]);
      w.requestBookmark();
      expect((await drain(w)).map(summary)).toEqual(['BOOKMARK @1']);
      w.stop();
      expect(clock.pending()).toBe(0);
    });

    it('reports objects entering and leaving a predicate as ADDED and DELETED', async () => {
      const ready = (o: StoredObject) => (o.status as { ready?: boolean } | undefined)?.ready === true;
      await store.create(deploy('a'), obj('a', { status: { ready: false } }));
      const live = store.watch({ resource: 'deployments.apps', resourceVersion: '1', predicate: ready });
      await store.update(deploy('a'), obj('a', { status: { ready: true } }));
      await store.update(deploy('a'), obj('a', { status: { ready: true }, spec: { x: 1 } }));
      await store.update(deploy('a'), obj('a', { status: { ready: false } }));
      await store.update(deploy('a'), obj('a', { status: { ready: false }, spec: { x: 2 } }));
      await store.update(deploy('a'), obj('a', { status: { ready: true } }));
      await store.delete(deploy('a'));
      const expected = ['ADDED a@2', 'MODIFIED a@3', 'DELETED a@4', 'ADDED a@6', 'DELETED a@7'];
      expect((await drain(live)).map(summary)).toEqual(expected);
      live.stop();
      // Replaying the same history from the log gives the same events.
      const replay = store.watch({ resource: 'deployments.apps', resourceVersion: '1', predicate: ready });
      expect((await drain(replay)).map(summary)).toEqual(expected);
      replay.stop();
    });

    it('a slow consumer falls back to the log and still sees every event in order', async () => {
      await store.close();
      open({ watchQueueLimit: 5 });
      const w = store.watch({ resource: 'deployments.apps', resourceVersion: '0' });
      await store.batch(
        Array.from({ length: 30 }, (_, i) => ({
          op: 'create' as const,
          key: deploy(`o${i}`),
          object: obj(`o${i}`),
        })),
      );
      for (let i = 30; i < 40; i++) await store.create(deploy(`o${i}`), obj(`o${i}`));
      const events = await drain(w);
      expect(events.map((e) => rvOf(e.object))).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
      await store.create(deploy('late'), obj('late'));
      expect((await drain(w)).map(summary)).toEqual(['ADDED late@41']);
      w.stop();
    });

    it('waits for a future resourceVersion', async () => {
      await store.create(deploy('a'), obj('a'));
      const w = store.watch({ resource: 'deployments.apps', resourceVersion: '2' });
      await store.create(deploy('b'), obj('b'));
      await store.create(deploy('c'), obj('c'));
      expect((await drain(w)).map(summary)).toEqual(['ADDED c@3']);
      w.stop();
    });

    it('is an async iterable that stops when the loop ends', async () => {
      const w = store.watch({ resource: 'deployments.apps', resourceVersion: '0' });
      const seen: string[] = [];
      const loop = (async () => {
        for await (const event of w) {
          seen.push(summary(event)!);
          if (seen.length === 2) break;
        }
      })();
      await store.create(deploy('a'), obj('a'));
      await store.create(deploy('b'), obj('b'));
      await loop;
      expect(seen).toEqual(['ADDED a@1', 'ADDED b@2']);
      expect(await w.next()).toBeUndefined();
    });
  });

  describe('compaction', () => {
    async function history() {
      // rv1 create a, rv2-4 update a, rv5 create b, rv6 delete b, rv7 create c, rv8 update c
      await store.create(deploy('a'), obj('a', { n: 0 }));
      for (let n = 1; n <= 3; n++) await store.update(deploy('a'), obj('a', { n }));
      await store.create(deploy('b'), obj('b'));
      await store.delete(deploy('b'));
      await store.create(deploy('c'), obj('c', { n: 0 }));
      await store.update(deploy('c'), obj('c', { n: 1 }));
    }

    it('removes superseded rows and tombstones but keeps each live key', async () => {
      await history();
      const result = await store.compact(7);
      // removed: a@1..3 (superseded by a@4), b@5 and its tombstone b@6
      expect(result).toEqual({ compactedRevision: 7, removedRows: 5 });
      expect(names((await store.list('deployments.apps')).items)).toEqual(['default/a', 'default/c']);
      expect(
        (
          await store.list('deployments.apps', { resourceVersion: '7', resourceVersionMatch: 'Exact' })
        ).items.map(rvOf),
      ).toEqual(['4', '7']);
      const tooOld = await failure(
        store.list('deployments.apps', { resourceVersion: '6', resourceVersionMatch: 'Exact' }),
      );
      expect([tooOld.reason, tooOld.code, tooOld.message]).toEqual([
        'Expired',
        410,
        'The resourceVersion for the provided list is too old.',
      ]);
      expect(store.currentRevision()).toBe(8);
      // Revisions are never reused after compaction.
      expect(rvOf(await store.create(deploy('d'), obj('d')))).toBe('9');
    });

    it('ends a watch from a compacted revision with 410 Expired', async () => {
      await history();
      await store.compact(7);
      const w = store.watch({ resource: 'deployments.apps', resourceVersion: '3' });
      const event = await w.next();
      expect(event).toEqual({
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'too old resource version: 3 (7)',
          reason: 'Expired',
          code: 410,
        },
      });
      expect(await w.next()).toBeUndefined();
      const ok = store.watch({ resource: 'deployments.apps', resourceVersion: '7' });
      expect((await drain(ok)).map(summary)).toEqual(['MODIFIED c@8']);
      ok.stop();
    });

    it('expires a continue token older than the compaction, offering an inconsistent one', async () => {
      await history();
      const page = await store.list('deployments.apps', { limit: 1 });
      await store.update(deploy('c'), obj('c', { n: 2 }));
      await store.compact(9);
      const err = await failure(store.list('deployments.apps', { limit: 1, continue: page.continue }));
      expect(err.reason).toBe('Expired');
      expect(err.message).toMatch(
        /^The provided continue parameter is too old to display a consistent list result\./,
      );
      const status = err.toStatus();
      const rest = await store.list('deployments.apps', { limit: 1, continue: status.metadata.continue });
      expect(rest.items.map((o) => `${o.metadata?.name}@${rvOf(o)}`)).toEqual(['c@9']);
    });

    it('runs in the background on the clock, keeping the retention window', async () => {
      await store.close();
      open({ compaction: { intervalMs: 60_000, retentionMs: 120_000, batchRevisions: 2 } });
      await store.create(deploy('a'), obj('a', { n: 0 }));
      await store.update(deploy('a'), obj('a', { n: 1 }));
      await clock.advance(60_000);
      await store.update(deploy('a'), obj('a', { n: 2 }));
      // Nothing is older than the window yet.
      expect((await store.compact()).compactedRevision).toBe(0);
      await clock.advance(120_000);
      // The run at t=180s compacted rows 1-2 (written at t=0); row 3 (t=60s) is still inside the window.
      const w = store.watch({ resource: 'deployments.apps', resourceVersion: '1' });
      expect((await w.next())?.object.message).toBe('too old resource version: 1 (2)');
      await store.update(deploy('a'), obj('a', { n: 3 }));
      expect((await store.compact()).compactedRevision).toBe(2);
      await clock.advance(1);
      expect(await store.compact()).toEqual({ compactedRevision: 3, removedRows: 1 });
      expect((await store.get(deploy('a'))).n).toBe(3);
    });
  });
});
