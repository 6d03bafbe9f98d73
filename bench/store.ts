// Object store throughput: `npx tsx bench/store.ts`. Prints milliseconds per
// scenario for each SQLite durability mode (there is no reference tool to
// compare against: etcd/kine are not installed here).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type Store, type StoredObject } from '../src/cluster/store/index.ts';

const count = 10_000;

function pod(i: number): StoredObject {
  const name = `pod-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: `ns-${i % 10}`,
      uid: `uid-${i}`,
      labels: { app: 'bench', shard: String(i % 7) },
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80 }],
          resources: { requests: { cpu: '10m' } },
        },
      ],
      nodeName: `node-${i % 3}`,
    },
    status: {
      phase: 'Running',
      podIP: `10.0.${i >> 8}.${i & 255}`,
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

const key = (o: StoredObject) => ({
  resource: 'pods',
  namespace: o.metadata!.namespace as string,
  name: o.metadata!.name as string,
});

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await fn();
  console.log(`  ${label.padEnd(44)} ${(performance.now() - start).toFixed(1).padStart(8)} ms`);
}

async function run(mode: 'full' | 'normal' | 'memory'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bosun-bench-'));
  const path = mode === 'memory' ? ':memory:' : join(dir, 'store.db');
  const store: Store = openSqliteStore({
    path,
    synchronous: mode === 'normal' ? 'normal' : 'full',
    compaction: false,
  });
  console.log(mode === 'memory' ? 'sqlite :memory:' : `sqlite file, synchronous=${mode}`);
  const pods = Array.from({ length: count }, (_, i) => pod(i));
  await time(`create ${count} pods in one batch`, () =>
    store.batch(pods.map((o) => ({ op: 'create', key: key(o), object: o }))),
  );
  await time(`update ${count} pods, all issued at once (grouped)`, () =>
    Promise.all(pods.map((o) => store.update(key(o), { ...o, status: { phase: 'Succeeded' } }))),
  );
  await time('1000 sequential awaited updates', async () => {
    for (let i = 0; i < 1000; i++)
      await store.update(key(pods[i]), { ...pods[i], status: { phase: `p${i}` } });
  });
  await time(`list ${count} pods (all namespaces)`, async () => {
    const all = await store.list('pods');
    if (all.items.length !== count) throw new Error(`listed ${all.items.length}`);
  });
  await time(`list ${count} pods in pages of 500`, async () => {
    let token: string | undefined;
    let n = 0;
    do {
      const page = await store.list('pods', { limit: 500, continue: token });
      n += page.items.length;
      token = page.continue;
    } while (token);
    if (n !== count) throw new Error(`paged ${n}`);
  });
  await time('list one namespace (1000 pods)', () => store.list('pods', { namespace: 'ns-3' }));
  await time(`list at an old exact revision (${count} pods)`, () =>
    store.list('pods', { resourceVersion: String(count), resourceVersionMatch: 'Exact' }),
  );
  await time(`watch replay of the last ${count} events`, async () => {
    const w = store.watch({ resource: 'pods', resourceVersion: String(store.currentRevision() - count) });
    for (let i = 0; i < count; i++) await w.next();
    w.stop();
  });
  await time('compact all history', () => store.compact(store.currentRevision()));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

for (const mode of ['full', 'normal', 'memory'] as const) await run(mode);
