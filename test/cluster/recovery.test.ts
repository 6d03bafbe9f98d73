// The start-up path of a restarted control plane, in-process: the cluster clock never starts
// before the last run's newest write (a scaled clock runs ahead of the wall clock), and a
// restart on the same data directory with port 0 takes the last run's port again when it is
// free, so kubeconfigs and clients keep working.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { RealClock, ScaledClock } from '../../src/cluster/clock.ts';
import { clusterClock, startControlPlane } from '../../src/cluster/server/control-plane.ts';
import { client } from './server/client.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bosun-recovery-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the cluster clock after a restart', () => {
  const hour = 3_600_000;
  const cases: {
    name: string;
    scale: number | undefined;
    lastWrite: (wall: number) => number | undefined;
    kind: string;
    startsAfterLastWrite: boolean;
  }[] = [
    {
      name: 'first start, real time',
      scale: undefined,
      lastWrite: () => undefined,
      kind: 'RealClock',
      startsAfterLastWrite: false,
    },
    {
      name: 'first start, scaled',
      scale: 60,
      lastWrite: () => undefined,
      kind: 'ScaledClock',
      startsAfterLastWrite: false,
    },
    {
      name: 'last write in the past, real time',
      scale: 1,
      lastWrite: (w) => w - hour,
      kind: 'RealClock',
      startsAfterLastWrite: false,
    },
    {
      name: 'a scaled run left writes an hour ahead; restarted scaled',
      scale: 60,
      lastWrite: (w) => w + hour,
      kind: 'ScaledClock',
      startsAfterLastWrite: true,
    },
    {
      name: 'a scaled run left writes an hour ahead; restarted in real time',
      scale: 1,
      lastWrite: (w) => w + hour,
      kind: 'ScaledClock',
      startsAfterLastWrite: true,
    },
  ];
  test.each(cases)('$name', ({ scale, lastWrite, kind, startsAfterLastWrite }) => {
    const wall = Date.now();
    const last = lastWrite(wall);
    const clock = clusterClock(scale, last);
    expect(clock.constructor.name).toBe(kind);
    if (clock instanceof ScaledClock) expect(clock.factor).toBe(scale ?? 1);
    if (startsAfterLastWrite) expect(clock.now()).toBeGreaterThan(last!);
    else expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
    if (clock instanceof RealClock) expect(last === undefined || last < wall).toBe(true);
  });

  test('a scaled control plane restarted carries on from its newest write', async () => {
    const first = await startControlPlane({ port: 0, dataDir: dir, timeScale: 3600, controllers: false });
    await new Promise((r) => setTimeout(r, 300)); // about 18 minutes of cluster time
    const api = client(first.port, first.caPem, first.token);
    const made = await api.call('POST', '/api/v1/namespaces/default/configmaps', {
      body: { metadata: { name: 'then' } },
    });
    expect(made.status).toBe(201);
    const then = Date.parse(made.json.metadata.creationTimestamp);
    expect(then - Date.now()).toBeGreaterThan(10 * 60_000);
    await first.stop();

    const second = await startControlPlane({ port: 0, dataDir: dir, timeScale: 3600, controllers: false });
    expect(second.clock.now()).toBeGreaterThanOrEqual(then);
    const again = client(second.port, second.caPem, second.token);
    const next = await again.call('POST', '/api/v1/namespaces/default/configmaps', {
      body: { metadata: { name: 'now' } },
    });
    expect(Date.parse(next.json.metadata.creationTimestamp)).toBeGreaterThanOrEqual(then);
    await second.stop();
  });
});

describe('the port after a restart', () => {
  test('port 0 takes the last port again, or another when it is taken', async () => {
    const first = await startControlPlane({ port: 0, dataDir: dir, controllers: false });
    const port = first.port;
    expect(readFileSync(join(dir, 'port'), 'utf8').trim()).toBe(String(port));
    await first.stop();

    const second = await startControlPlane({ port: 0, dataDir: dir, controllers: false });
    expect(second.port).toBe(port);
    expect(parseKubeconfigServer(join(dir, 'kubeconfig'))).toBe(`https://127.0.0.1:${port}`);
    await second.stop();

    // Someone else took it meanwhile: any free port, remembered for next time.
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', () => r()));
    try {
      const third = await startControlPlane({ port: 0, dataDir: dir, controllers: false });
      expect(third.port).not.toBe(port);
      expect(readFileSync(join(dir, 'port'), 'utf8').trim()).toBe(String(third.port));
      await third.stop();
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });

  test('an explicit port is used as given', async () => {
    const first = await startControlPlane({ port: 0, dataDir: dir, controllers: false });
    await first.stop();
    const probe = createServer();
    const free = await new Promise<number>((r) =>
      probe.listen(0, '127.0.0.1', () => r((probe.address() as { port: number }).port)),
    );
    await new Promise((r) => probe.close(r));
    const second = await startControlPlane({ port: free, dataDir: dir, controllers: false });
    expect(second.port).toBe(free);
    await second.stop();
  });
});

function parseKubeconfigServer(path: string): string {
  const match = /server: (\S+)/.exec(readFileSync(path, 'utf8'));
  return match?.[1] ?? '';
}
