// The timeline route over a real HTTP server: the paths it answers, its
// Status errors, and the paths it leaves to the API server.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseTimelineName, timelineRoutes } from '../../../src/cluster/timeline/index.ts';
import { start, World } from './world.ts';

let world: World;
let server: Server;
let base = '';

beforeAll(async () => {
  world = new World();
  await world.startRecorder();
  await world.deployment('web', 1);
  await world.put({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'data' },
  });
  await world.at(3);
  const route = timelineRoutes(world.recorder);
  server = createServer((req, res) => {
    if (route(req, res, new URL(req.url ?? '/', 'http://localhost'))) return;
    res.writeHead(418);
    res.end('not a timeline path');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await world.recorder.stop();
  await world.store.close();
});

const group = '/apis/bosun.dev/v1alpha1';

describe('GET', () => {
  test('one timeline', async () => {
    const res = await fetch(`${base}${group}/namespaces/default/rollouttimelines/deployment.web`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      apiVersion: 'bosun.dev/v1alpha1',
      kind: 'RolloutTimeline',
      metadata: { name: 'deployment.web', namespace: 'default' },
      workload: { kind: 'Deployment', namespace: 'default', name: 'web' },
      start,
      now: start + 3000,
      truncated: false,
      samples: [{ t: start, desired: 1, revisions: [] }],
      events: [{ t: start, type: 'Created', message: 'created, 1 replica' }],
    });
  });

  test.each([
    [`${group}/rollouttimelines`, ['Deployment/default/web', 'StatefulSet/data/db']],
    [`${group}/namespaces/data/rollouttimelines/`, ['StatefulSet/data/db']],
    [`${group}/namespaces/none/rollouttimelines`, []],
  ])('the list %s', async (path, workloads) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as { kind: string; items: any[] };
    expect(list.kind).toBe('RolloutTimelineList');
    expect(
      list.items.map((i: any) => `${i.workload.kind}/${i.workload.namespace}/${i.workload.name}`),
    ).toEqual(workloads);
  });
});

describe('errors and other paths', () => {
  test.each([
    [
      'GET',
      'namespaces/default/rollouttimelines/deployment.nope',
      404,
      'NotFound',
      'rollouttimelines.bosun.dev "deployment.nope" not found',
    ],
    [
      'GET',
      'namespaces/default/rollouttimelines/pod.web',
      404,
      'NotFound',
      'rollouttimelines.bosun.dev "pod.web" not found',
    ],
    [
      'GET',
      'namespaces/data/rollouttimelines/deployment.web',
      404,
      'NotFound',
      'rollouttimelines.bosun.dev "deployment.web" not found',
    ],
    [
      'DELETE',
      'namespaces/default/rollouttimelines/deployment.web',
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    ],
  ])('%s %s: %d %s', async (method, path, code, reason, message) => {
    const res = await fetch(`${base}${group}/${path}`, { method });
    expect(res.status).toBe(code);
    expect(await res.json()).toMatchObject({ kind: 'Status', status: 'Failure', code, reason, message });
  });

  test.each([
    '/api/v1/namespaces/default/pods',
    '/apis/apps/v1/deployments',
    `${group}`,
    `${group}/namespaces/default/other`,
    `${group}/namespaces/default/rollouttimelines/deployment.web/status`,
    '/apis/bosun.devx/v1alpha1/rollouttimelines',
  ])('%s is left to the API server', async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(418);
  });
});

test.each([
  ['deployment.web', { kind: 'Deployment', namespace: 'ns', name: 'web' }],
  ['statefulset.db.v2', { kind: 'StatefulSet', namespace: 'ns', name: 'db.v2' }],
  ['daemonset.agent', { kind: 'DaemonSet', namespace: 'ns', name: 'agent' }],
  ['Deployment.web', undefined],
  ['replicaset.web', undefined],
  ['deployment.', undefined],
  ['web', undefined],
])('parseTimelineName(%s)', (name, ref) => {
  expect(parseTimelineName(name, 'ns')).toEqual(ref);
});
