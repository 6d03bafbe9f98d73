// One contract for every storage driver (memory, Secrets, ConfigMaps against an in-process
// control plane), then the storage layer's history, last, deployed and pruning rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ControlPlane, startControlPlane } from '../../src/cluster/index.ts';
import { loadClientConfig, RestClient } from '../../src/kube/client/index.ts';
import {
  ConfigMapsDriver,
  type Driver,
  MemoryDriver,
  NoDeployedReleasesError,
  type Release,
  ReleaseExistsError,
  ReleaseNotFoundError,
  SecretsDriver,
  Storage,
} from '../../src/release/index.ts';

let work = '';
let plane: ControlPlane | undefined;
let rest: RestClient | undefined;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bosun-release-storage-'));
  const kubeconfig = join(work, 'kubeconfig');
  plane = await startControlPlane({ port: 0, inMemory: true, kubeconfig, controllers: false });
  rest = new RestClient(loadClientConfig({ kubeconfig }));
  for (const ns of ['secrets', 'configmaps', 'other'])
    await rest.json('POST', '/api/v1/namespaces', { body: { metadata: { name: ns } } });
}, 60_000);

afterAll(async () => {
  rest?.close();
  await plane?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

function rel(
  name: string,
  version: number,
  status: string,
  namespace: string,
  labels: Record<string, string> = {},
): Release {
  return {
    name,
    namespace,
    version,
    info: { lastDeployed: `2026-11-25T10:00:0${version}Z`, description: `rev ${version}`, status, notes: '' },
    chart: { metadata: { name: 'c', version: '1.0.0' } },
    config: { n: version },
    manifest: '',
    hooks: [],
    applyMethod: 'ssa',
    labels,
  };
}

const drivers: { name: string; namespace: string; make: (ns: string) => Driver }[] = [
  { name: 'memory', namespace: 'mem', make: (ns) => new MemoryDriver(ns, () => 1700000000) },
  { name: 'Secret', namespace: 'secrets', make: (ns) => new SecretsDriver(rest!, ns, () => 1700000000) },
  {
    name: 'ConfigMap',
    namespace: 'configmaps',
    make: (ns) => new ConfigMapsDriver(rest!, ns, () => 1700000000),
  },
];

describe.each(drivers)('driver $name', ({ namespace, make }) => {
  const key = (n: string, v: number) => `sh.helm.release.v1.${n}.v${v}`;

  test('create, get, query, list, update, delete', async () => {
    const d = make(namespace);
    await d.create(key('a', 1), rel('a', 1, 'superseded', namespace, { team: 'x' }));
    await d.create(key('a', 2), rel('a', 2, 'deployed', namespace));
    await d.create(key('b', 1), rel('b', 1, 'failed', namespace));
    await expect(d.create(key('a', 2), rel('a', 2, 'deployed', namespace))).rejects.toBeInstanceOf(
      ReleaseExistsError,
    );

    const got = await d.get(key('a', 1));
    expect([got.name, got.version, got.info.description, got.config]).toEqual(['a', 1, 'rev 1', { n: 1 }]);
    // get drops the system labels, keeps the user's
    expect(got.labels).toEqual({ team: 'x' });
    await expect(d.get(key('zzz', 1))).rejects.toBeInstanceOf(ReleaseNotFoundError);

    const deployed = await d.query({ name: 'a', owner: 'helm', status: 'deployed' });
    expect(deployed.map((r) => r.version)).toEqual([2]);
    // query keeps every label of the storage object
    expect(deployed[0]!.labels).toMatchObject({
      name: 'a',
      owner: 'helm',
      status: 'deployed',
      version: '2',
      createdAt: '1700000000',
    });
    await expect(d.query({ name: 'nope', owner: 'helm' })).rejects.toBeInstanceOf(ReleaseNotFoundError);

    const all = await d.list(() => true);
    expect(all.map((r) => `${r.name}.${r.version}`).sort()).toEqual(['a.1', 'a.2', 'b.1']);
    expect((await d.list((r) => r.name === 'b')).length).toBe(1);

    const failed = rel('b', 1, 'uninstalled', namespace);
    await d.update(key('b', 1), failed);
    const after = await d.query({ name: 'b', owner: 'helm' });
    expect(after[0]!.info.status).toBe('uninstalled');
    expect(after[0]!.labels).toMatchObject({ status: 'uninstalled', modifiedAt: '1700000000' });

    const removed = await d.delete(key('b', 1));
    expect(removed.name).toBe('b');
    await expect(d.get(key('b', 1))).rejects.toBeInstanceOf(ReleaseNotFoundError);
  });

  test('storage: history, last, deployed, pruning to --history-max', async () => {
    const s = new Storage(make(namespace));
    for (const [v, status] of [
      [1, 'superseded'],
      [2, 'deployed'],
      [3, 'failed'],
    ] as const)
      await s.create(rel('p', v, status, namespace));
    expect((await s.last('p')).version).toBe(3);
    expect((await s.deployed('p')).version).toBe(2);
    await expect(s.deployed('q')).rejects.toBeInstanceOf(NoDeployedReleasesError);
    await expect(s.deployed('q')).rejects.toThrow('"q" has no deployed releases');
    await expect(s.last('q')).rejects.toThrow('release: not found');

    // keeps the last deployed revision while pruning the oldest ones
    s.maxHistory = 2;
    await s.create(rel('p', 4, 'pending-upgrade', namespace));
    const left = (await s.history('p')).map((r) => r.version).sort();
    expect(left).toEqual([2, 4]);
  });
});

test('an all-namespaces driver lists every namespace and writes to the record namespace', async () => {
  const everywhere = new SecretsDriver(rest!, '');
  await everywhere.create('sh.helm.release.v1.z.v1', rel('z', 1, 'deployed', 'other'));
  const names = (await everywhere.list(() => true)).map((r) => `${r.namespace}/${r.name}`);
  expect(names).toContain('other/z');
  expect(names).toContain('secrets/a');
  const secret = await rest!.json('GET', '/api/v1/namespaces/other/secrets/sh.helm.release.v1.z.v1');
  expect(secret.type).toBe('helm.sh/release.v1');
  expect(secret.metadata.labels).toMatchObject({
    name: 'z',
    owner: 'helm',
    status: 'deployed',
    version: '1',
  });
});
