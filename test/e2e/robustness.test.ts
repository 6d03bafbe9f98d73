// `bosun up` as a process under stress, talked to over HTTPS by real clients: a restart on the
// same data directory keeps every object and resourceVersion; SIGKILL during a burst of writes
// loses no acknowledged write; 100 concurrent clients updating one object with stale
// resourceVersions get 409s and lose no update.

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Client, client } from '../cluster/server/client.ts';
import { startUp, type Up } from './support.ts';

const started: Up[] = [];
afterEach(async () => {
  for (const up of started.splice(0)) {
    await up.stop();
    up.cleanup();
  }
});

/** An HTTPS client for the server a kubeconfig points at. */
function clientOf(up: Up): Client {
  const config = parse(readFileSync(up.kubeconfig, 'utf8'));
  const cluster = config.clusters[0].cluster;
  const port = Number(new URL(cluster.server).port);
  const ca = Buffer.from(cluster['certificate-authority-data'], 'base64').toString();
  return client(port, ca, config.users[0].user.token);
}

const configmaps = '/api/v1/namespaces/default/configmaps';
const configMap = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

/** name → resourceVersion of every ConfigMap in default. */
async function versions(api: Client): Promise<Map<string, string>> {
  const list = await api.call('GET', configmaps);
  expect(list.status).toBe(200);
  return new Map(list.json.items.map((i: any) => [i.metadata.name, i.metadata.resourceVersion]));
}

describe('bosun up under stress', () => {
  test('a restart on the same data directory keeps every object and resourceVersion', async () => {
    const first = await startUp();
    started.push(first);
    const api = clientOf(first);
    for (let i = 0; i < 20; i++) {
      const reply = await api.call('POST', configmaps, { body: configMap(`keep-${i}`, { i: String(i) }) });
      expect(reply.status).toBe(201);
    }
    const updated = await api.call('PATCH', `${configmaps}/keep-3`, {
      body: { data: { i: 'three' } },
      contentType: 'application/merge-patch+json',
    });
    expect(updated.status).toBe(200);
    expect((await api.call('DELETE', `${configmaps}/keep-5`)).status).toBe(200);
    const before = await versions(api);
    const listBefore = await api.call('GET', configmaps);
    await first.stop();

    const second = await startUp({ work: first.work });
    started.push(second);
    const again = clientOf(second);
    expect(await versions(again)).toEqual(before);
    const listAfter = await again.call('GET', configmaps);
    expect(listAfter.json.items).toEqual(listBefore.json.items);
    expect(Number(listAfter.json.metadata.resourceVersion)).toBeGreaterThanOrEqual(
      Number(listBefore.json.metadata.resourceVersion),
    );
    // New writes continue the same resourceVersion sequence.
    const next = await again.call('POST', configmaps, { body: configMap('after', {}) });
    expect(Number(next.json.metadata.resourceVersion)).toBeGreaterThan(
      Math.max(...[...before.values()].map(Number)),
    );
  }, 60_000);

  test('SIGKILL during a burst of writes loses no acknowledged write', async () => {
    const first = await startUp();
    started.push(first);
    const api = clientOf(first);
    const acknowledged = new Map<string, string>();
    let killed = false;
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const reply = await api.call('POST', configmaps, {
            body: configMap(`burst-${w}-${i}`, { w: String(w) }),
          });
          if (reply.status === 201)
            acknowledged.set(reply.json.metadata.name, reply.json.metadata.resourceVersion);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const writers = Array.from({ length: 20 }, (_, w) => writer(w));
    while (acknowledged.size < 300) await new Promise((r) => setTimeout(r, 5));
    await first.kill();
    killed = true;
    await Promise.all(writers);

    const second = await startUp({ work: first.work });
    started.push(second);
    const stored = await versions(clientOf(second));
    for (const [name, rv] of acknowledged) expect(stored.get(name), name).toBe(rv);
  }, 60_000);

  test('100 concurrent clients with stale resourceVersions get 409s and lose no update', async () => {
    const up = await startUp({ inMemory: true });
    started.push(up);
    const api = clientOf(up);
    const path = `${configmaps}/counter`;
    expect((await api.call('POST', configmaps, { body: configMap('counter', { n: '0' }) })).status).toBe(201);
    let conflicts = 0;
    // Each client adds one to the counter: read, increment, write with the version read; retry on 409.
    const increment = async () => {
      for (;;) {
        const current = (await api.call('GET', path)).json;
        current.data.n = String(Number(current.data.n) + 1);
        const reply = await api.call('PUT', path, { body: current });
        if (reply.status === 200) return;
        expect(reply.status).toBe(409);
        expect(reply.json).toMatchObject({
          kind: 'Status',
          reason: 'Conflict',
          message:
            'Operation cannot be fulfilled on configmaps "counter": the object has been modified; please apply your changes to the latest version and try again',
        });
        conflicts++;
      }
    };
    await Promise.all(Array.from({ length: 100 }, increment));
    const final = (await api.call('GET', path)).json;
    expect(final.data.n).toBe('100');
    expect(conflicts).toBeGreaterThan(0);
    // A write with a long-stale version is refused outright.
    const stale = await api.call('PUT', path, {
      body: { ...final, metadata: { ...final.metadata, resourceVersion: '1' }, data: { n: '0' } },
    });
    expect(stale.status).toBe(409);
    expect((await api.call('GET', path)).json.data.n).toBe('100');
  }, 60_000);
});
