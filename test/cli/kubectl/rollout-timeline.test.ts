// `bosun kubectl rollout timeline` against an in-process control plane on a stepped clock: a
// Deployment written through the API, rolled from v1 to v2 by the real controllers and the
// simulated kubelet, recorded by the timeline recorder over the plane's store, and read back
// by the command as text, JSON and SVG.
// Until the server room mounts the timeline route on the API server itself, the test serves it
// from a stand-in HTTP server over the same recorder (and uses the plane's own when it does).

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SteppedClock } from '../../../src/cluster/clock.ts';
import { type ControlPlane, startControlPlane } from '../../../src/cluster/index.ts';
import {
  type RolloutTimeline,
  TimelineRecorder,
  timelineRoutes,
} from '../../../src/cluster/timeline/index.ts';
import { loadClientConfig, RestClient } from '../../../src/kube/client/index.ts';
import { bosunCommand } from '../../support/bosun-cli.ts';

const root = resolve(import.meta.dirname, '../../..');
type Obj = Record<string, any>;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let work = '';
let plane: ControlPlane;
let clock: SteppedClock;
let rest: RestClient;
let recorder: TimelineRecorder | undefined;
let standIn: Server | undefined;
/** The kubeconfig the command uses: the plane's, or the stand-in's. */
let kubeconfig = '';

function bosun(args: string[]): Promise<Result> {
  return new Promise((done) => {
    execFile(
      bosunCommand()[0],
      [...bosunCommand()[1], 'kubectl', 'rollout', 'timeline', ...args, '--kubeconfig', kubeconfig],
      { cwd: work, timeout: 30_000 },
      (err, stdout, stderr) =>
        done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Moves the clock forward by ms, letting the control loops go quiet at each timer. */
async function run(ms: number): Promise<void> {
  const until = clock.now() + ms;
  const loops = plane.controllers!;
  await loops.idle();
  for (;;) {
    const next = clock.nextDue();
    if (next === undefined || next > until) break;
    await clock.advanceTo(next);
    await loops.idle();
  }
  await clock.advanceTo(until);
  await loops.idle();
}

const deploymentPath = '/apis/apps/v1/namespaces/shop/deployments';

function deployment(image: string): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image }] },
      },
    },
  };
}

function standInKubeconfig(port: number): string {
  const path = join(work, 'timeline-kubeconfig');
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: stand-in\n  cluster:\n    server: http://127.0.0.1:${port}`,
      'users:',
      `- name: admin\n  user:\n    token: ${plane.token}`,
      'contexts:',
      '- name: stand-in\n  context:\n    cluster: stand-in\n    user: admin',
      'current-context: stand-in',
      '',
    ].join('\n'),
  );
  return path;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bosun-timeline-cli-'));
  clock = new SteppedClock(Date.UTC(2025, 0, 1));
  plane = await startControlPlane({ port: 0, inMemory: true, kubeconfig: join(work, 'kubeconfig'), clock });
  rest = new RestClient(loadClientConfig({ kubeconfig: join(work, 'kubeconfig') }));
  const served = await rest.request('GET', '/apis/bosun.dev/v1alpha1/rollouttimelines');
  if (served.status === 200) {
    kubeconfig = join(work, 'kubeconfig');
  } else {
    recorder = new TimelineRecorder({ store: plane.store, clock }).start();
    await recorder.synced();
    const route = timelineRoutes(recorder);
    standIn = createServer((req, res) => {
      if (route(req, res, new URL(req.url ?? '/', 'http://localhost'))) return;
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'NotFound',
          message: 'the server could not find the requested resource',
          code: 404,
        }),
      );
    });
    await new Promise<void>((r) => standIn!.listen(0, '127.0.0.1', r));
    kubeconfig = standInKubeconfig((standIn.address() as AddressInfo).port);
  }

  await rest.json('POST', '/api/v1/namespaces', { body: { metadata: { name: 'shop' } } });
  await rest.json('POST', deploymentPath, { body: deployment('kiamol/ch09-vweb:v1') });
  await run(60_000);
  const current = await rest.json('GET', `${deploymentPath}/web`);
  await rest.json('PUT', `${deploymentPath}/web`, {
    body: { ...deployment('kiamol/ch09-vweb:v2'), metadata: current.metadata },
  });
  await run(120_000);
}, 120_000);

afterAll(async () => {
  await recorder?.stop();
  await new Promise<void>((r) => (standIn ? standIn.close(() => r()) : r()));
  rest?.close();
  await plane?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('bosun kubectl rollout timeline', () => {
  test('prints one line per change, from revision 1 to revision 2', async () => {
    const r = await bosun(['deploy/web', '-n', 'shop']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('deployment/web in namespace shop, recorded since 2025-01-01T00:00:00Z');
    const body = lines.slice(1).map((l) => l.replace(/^\+\S+\s+/, ''));
    expect(body.slice(0, 2)).toEqual(['* created, 2 replicas', '* revision 1 created']);
    expect(body).toContain('* revision 2 created');
    expect(body).toContain('rev 1  ready 2/2');
    // During the update both revisions have pods; at the end only revision 2, all ready.
    expect(body.some((l) => /^rev 2 .*\| rev 1 /.test(l))).toBe(true);
    expect(body.filter((l) => !l.startsWith('*')).at(-1)).toBe('rev 2  ready 2/2');
    // Offsets never go back.
    const offsets = lines.slice(1).map((l) => l.split(/\s+/)[0]);
    expect(offsets[0]).toBe('+0s');
    const seconds = offsets.map((o) => {
      const m = /^\+(?:(\d+)m)?([\d.]+)s$/.exec(o)!;
      return Number(m[1] ?? 0) * 60 + Number(m[2]);
    });
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
  });

  test('-o json is the RolloutTimeline the server serves; TYPE NAME works as TYPE/NAME', async () => {
    const r = await bosun(['deployment', 'web', '-n', 'shop', '-o', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as RolloutTimeline;
    expect(doc).toMatchObject({
      apiVersion: 'bosun.dev/v1alpha1',
      kind: 'RolloutTimeline',
      metadata: { name: 'deployment.web', namespace: 'shop' },
      workload: { kind: 'Deployment', namespace: 'shop', name: 'web' },
      start: Date.UTC(2025, 0, 1),
      now: clock.now(),
    });
    const text = await bosun(['deployment.apps/web', '-n', 'shop']);
    const sampleLines = text.stdout.split('\n').filter((l) => /^\+\S+\s+(rev|no pods)/.test(l));
    expect(sampleLines).toHaveLength(doc.samples.length);
    // Never more pods than replicas + maxSurge (25% of 2, rounded up: 1), terminating aside.
    for (const s of doc.samples) {
      const live = s.revisions.reduce((n, c) => n + c.ready + c.running + c.starting, 0);
      expect(live).toBeLessThanOrEqual(3);
    }
  });

  test('--svg FILE writes the picture and still prints the text', async () => {
    const file = join(work, 'web.svg');
    const r = await bosun(['deploy/web', '-n', 'shop', '--svg', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^deployment\/web in namespace shop/);
    expect(existsSync(file)).toBe(true);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('deployment/web (shop)');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const toStdout = await bosun(['deploy/web', '-n', 'shop', '--svg', '-']);
    expect(toStdout.stdout).toBe(svg);
  });

  test.each([
    {
      args: ['deploy/missing', '-n', 'shop'],
      stderr: 'Error from server (NotFound): rollouttimelines.bosun.dev "deployment.missing" not found\n',
    },
    {
      args: ['pods/web', '-n', 'shop'],
      stderr:
        'error: rollout timelines are recorded for Deployments, DaemonSets and StatefulSets, not "pods"\n',
    },
    { args: ['deploy', '-n', 'shop'], stderr: 'error: a name is required: deploy/NAME\n' },
    {
      args: ['deploy/web', '-o', 'wide'],
      stderr:
        'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n',
    },
  ])('$args: $stderr', async ({ args, stderr }) => {
    const r = await bosun(args);
    expect(r.stderr).toBe(stderr);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
  });
});
