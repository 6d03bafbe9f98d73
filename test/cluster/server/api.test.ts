// The API server over HTTPS against an in-memory store: each step is a request
// and what the answer must contain; steps run in order on one server.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ControlPlane, startControlPlane } from '../../../src/cluster/index.ts';
import { type Client, client } from './client.ts';

let plane: ControlPlane;
let api: Client;

beforeAll(async () => {
  plane = await startControlPlane({ port: 0, inMemory: true });
  api = client(plane.port, plane.caPem, plane.token);
});
afterAll(async () => {
  await plane?.stop();
});

const table = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const aggregated = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
const cm = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...extra },
  data: { k: 'v' },
});

interface Step {
  name: string;
  method?: string;
  path: string;
  body?: unknown;
  contentType?: string;
  accept?: string;
  token?: string | null;
  status: number;
  /** A subset the JSON answer must match. */
  json?: unknown;
  text?: string;
  header?: [string, string];
}

const steps: Step[] = [
  {
    name: 'anonymous is 401',
    path: '/api/v1/namespaces',
    token: null,
    status: 401,
    json: { kind: 'Status', reason: 'Unauthorized', code: 401, message: 'Unauthorized' },
  },
  {
    name: 'wrong token is 401',
    path: '/api/v1/namespaces',
    token: 'nope',
    status: 401,
    json: { reason: 'Unauthorized' },
  },
  { name: 'healthz answers anonymously', path: '/healthz', token: null, status: 200, text: 'ok' },
  {
    name: 'readyz verbose lists checks',
    path: '/readyz?verbose',
    status: 200,
    text: '[+]ping ok\n[+]log ok\n[+]etcd ok\n[+]poststarthook/start-apiserver-admission-initializer ok\n[+]poststarthook/generic-apiserver-start-informers ok\nreadyz check passed\n',
  },
  {
    name: 'version',
    path: '/version',
    status: 200,
    json: { major: '1', minor: '35', gitVersion: 'v1.35.0' },
  },
  { name: 'legacy /api', path: '/api', status: 200, json: { kind: 'APIVersions', versions: ['v1'] } },
  {
    name: 'aggregated /apis',
    path: '/apis',
    accept: aggregated,
    status: 200,
    json: { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' },
    header: ['content-type', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'],
  },
  {
    name: 'group /apis/apps',
    path: '/apis/apps',
    status: 200,
    json: { kind: 'APIGroup', name: 'apps', preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
  },
  {
    name: 'unknown group is 404',
    path: '/apis/nope/v1',
    status: 404,
    json: { reason: 'NotFound', message: 'the server could not find the requested resource' },
  },
  {
    name: 'system namespaces exist',
    path: '/api/v1/namespaces/kube-system',
    status: 200,
    json: {
      metadata: { name: 'kube-system', labels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      status: { phase: 'Active' },
    },
  },
  {
    name: 'create',
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: cm('one', { labels: { app: 'a' } }),
    status: 201,
    json: {
      kind: 'ConfigMap',
      metadata: {
        name: 'one',
        namespace: 'default',
        resourceVersion: expect.any(String),
        uid: expect.any(String),
        creationTimestamp: expect.stringMatching(/Z$/),
      },
    },
  },
  {
    name: 'create twice is AlreadyExists',
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: cm('one'),
    status: 409,
    json: {
      reason: 'AlreadyExists',
      message: 'configmaps "one" already exists',
      details: { name: 'one', kind: 'configmaps' },
    },
  },
  {
    name: 'create in a missing namespace',
    method: 'POST',
    path: '/api/v1/namespaces/nope/configmaps',
    body: cm('x'),
    status: 404,
    json: { reason: 'NotFound', message: 'namespaces "nope" not found' },
  },
  {
    name: 'namespace mismatch',
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: cm('x', { namespace: 'other' }),
    status: 400,
    json: {
      reason: 'BadRequest',
      message: 'the namespace of the provided object does not match the namespace sent on the request',
    },
  },
  {
    name: 'name required',
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: { data: {} },
    status: 422,
    json: {
      reason: 'Invalid',
      message: 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
      details: {
        causes: [
          {
            reason: 'FieldValueRequired',
            field: 'metadata.name',
            message: 'Required value: name or generateName is required',
          },
        ],
      },
    },
  },
  {
    name: 'generateName',
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: { metadata: { generateName: 'gen-' } },
    status: 201,
    json: { metadata: { name: expect.stringMatching(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/) } },
  },
  {
    name: 'dry run does not store',
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps?dryRun=All',
    body: cm('dry'),
    status: 201,
    json: { metadata: { name: 'dry' } },
  },
  {
    name: 'dry-run object is absent',
    path: '/api/v1/namespaces/default/configmaps/dry',
    status: 404,
    json: {
      reason: 'NotFound',
      message: 'configmaps "dry" not found',
      details: { name: 'dry', kind: 'configmaps' },
    },
  },
  {
    name: 'create two',
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: cm('two', { labels: { app: 'b' } }),
    status: 201,
  },
  {
    name: 'label selector',
    path: '/api/v1/namespaces/default/configmaps?labelSelector=app%3Db',
    status: 200,
    json: { kind: 'ConfigMapList', apiVersion: 'v1', items: [{ metadata: { name: 'two' } }] },
  },
  {
    name: 'set-based selector',
    path: '/api/v1/configmaps?labelSelector=app+in+(a,b)',
    status: 200,
    json: { items: [{ metadata: { name: 'one' } }, { metadata: { name: 'two' } }] },
  },
  {
    name: 'field selector',
    path: '/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Done',
    status: 200,
    json: { items: [{ metadata: { name: 'one' } }] },
  },
  {
    name: 'unsupported field label',
    path: '/api/v1/namespaces/default/configmaps?fieldSelector=spec.x%3D1',
    status: 400,
    json: { reason: 'BadRequest', message: 'field label not supported: spec.x' },
  },
  {
    name: 'limit pages',
    path: '/api/v1/namespaces/default/configmaps?limit=1',
    status: 200,
    json: {
      metadata: { continue: expect.any(String), remainingItemCount: 2 },
      items: [{ metadata: { name: expect.stringMatching(/^gen-/) } }],
    },
  },
  {
    name: 'stale update conflicts',
    method: 'PUT',
    path: '/api/v1/namespaces/default/configmaps/one',
    body: cm('one', { resourceVersion: '1' }),
    status: 409,
    json: {
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on configmaps "one": the object has been modified; please apply your changes to the latest version and try again',
    },
  },
  {
    name: 'name mismatch on update',
    method: 'PUT',
    path: '/api/v1/namespaces/default/configmaps/one',
    body: cm('other'),
    status: 400,
    json: { message: 'the name of the object (other) does not match the name on the URL (one)' },
  },
  {
    name: 'unconditional update',
    method: 'PUT',
    path: '/api/v1/namespaces/default/configmaps/one',
    body: { ...cm('one', { labels: { app: 'a' } }), data: { k: 'w' } },
    status: 200,
    json: { data: { k: 'w' } },
  },
  {
    name: 'merge patch',
    method: 'PATCH',
    path: '/api/v1/namespaces/default/configmaps/one',
    body: { data: { m: '1' } },
    contentType: 'application/merge-patch+json',
    status: 200,
    json: { data: { k: 'w', m: '1' } },
  },
  {
    name: 'json patch',
    method: 'PATCH',
    path: '/api/v1/namespaces/default/configmaps/one',
    body: [{ op: 'remove', path: '/data/m' }],
    contentType: 'application/json-patch+json',
    status: 200,
    json: { data: { k: 'w' } },
  },
  {
    name: 'strategic merge patch',
    method: 'PATCH',
    path: '/api/v1/namespaces/default/configmaps/one',
    body: { metadata: { labels: { s: '1' } } },
    contentType: 'application/strategic-merge-patch+json',
    status: 200,
    json: { metadata: { labels: { app: 'a', s: '1' } } },
  },
  {
    name: 'apply needs a field manager',
    method: 'PATCH',
    path: '/api/v1/namespaces/default/configmaps/applied',
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: b\n',
    contentType: 'application/apply-patch+yaml',
    status: 400,
    json: { reason: 'BadRequest' },
  },
  {
    name: 'apply creates',
    method: 'PATCH',
    path: '/api/v1/namespaces/default/configmaps/applied?fieldManager=test',
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: b\n',
    contentType: 'application/apply-patch+yaml',
    status: 201,
    json: { metadata: { name: 'applied', namespace: 'default' }, data: { a: 'b' } },
  },
  {
    name: 'unknown patch type',
    method: 'PATCH',
    path: '/api/v1/namespaces/default/configmaps/one',
    body: {},
    contentType: 'text/plain',
    status: 415,
    json: { reason: 'UnsupportedMediaType' },
  },
  {
    name: 'table for one object',
    path: '/api/v1/namespaces/default/configmaps/one',
    accept: table,
    status: 200,
    json: {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      columnDefinitions: [{ name: 'Name' }, { name: 'Data' }, { name: 'Age' }],
      rows: [
        {
          cells: ['one', 1, expect.any(String)],
          object: { kind: 'PartialObjectMetadata', metadata: { name: 'one' } },
        },
      ],
    },
  },
  {
    name: 'delete precondition',
    method: 'DELETE',
    path: '/api/v1/namespaces/default/configmaps/one',
    body: { preconditions: { resourceVersion: '1' } },
    status: 409,
    json: {
      reason: 'Conflict',
      message: expect.stringContaining('Precondition failed: ResourceVersion in precondition: 1'),
    },
  },
  {
    name: 'delete',
    method: 'DELETE',
    path: '/api/v1/namespaces/default/configmaps/one',
    status: 200,
    json: { kind: 'Status', status: 'Success', details: { name: 'one', kind: 'configmaps' } },
  },
  {
    name: 'finalizers hold a delete',
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: cm('held', { finalizers: ['example.com/hold'] }),
    status: 201,
  },
  {
    name: 'delete marks it',
    method: 'DELETE',
    path: '/api/v1/namespaces/default/configmaps/held',
    status: 200,
    json: { metadata: { deletionTimestamp: expect.any(String), finalizers: ['example.com/hold'] } },
  },
  {
    name: 'removing the finalizer deletes',
    method: 'PATCH',
    path: '/api/v1/namespaces/default/configmaps/held',
    body: { metadata: { finalizers: null } },
    contentType: 'application/merge-patch+json',
    status: 200,
  },
  { name: 'held is gone', path: '/api/v1/namespaces/default/configmaps/held', status: 404 },
  {
    name: 'deletecollection',
    method: 'DELETE',
    path: '/api/v1/namespaces/default/configmaps?labelSelector=app%3Db',
    status: 200,
    json: { kind: 'ConfigMapList', items: [{ metadata: { name: 'two' } }] },
  },
  {
    name: 'create namespace',
    method: 'POST',
    path: '/api/v1/namespaces',
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'scratch' } },
    status: 201,
  },
  {
    name: 'content in it',
    method: 'POST',
    path: '/api/v1/namespaces/scratch/configmaps',
    body: cm('inside'),
    status: 201,
  },
  {
    name: 'delete the namespace',
    method: 'DELETE',
    path: '/api/v1/namespaces/scratch',
    status: 200,
    json: { status: { phase: 'Terminating' } },
  },
  { name: 'its content is gone', path: '/api/v1/namespaces/scratch/configmaps/inside', status: 404 },
  {
    name: 'default may not be deleted',
    method: 'DELETE',
    path: '/api/v1/namespaces/default',
    status: 403,
    json: {
      reason: 'Forbidden',
      message: 'namespaces "default" is forbidden: this namespace may not be deleted',
    },
  },
  {
    name: 'create deployment',
    method: 'POST',
    path: '/apis/apps/v1/namespaces/default/deployments',
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
      status: { replicas: 9 },
    },
    status: 201,
    json: { metadata: { generation: 1 } },
  },
  {
    name: 'scale get',
    path: '/apis/apps/v1/namespaces/default/deployments/web/scale',
    status: 200,
    json: {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 1 },
      status: { selector: 'app=web' },
    },
  },
  {
    name: 'scale patch',
    method: 'PATCH',
    path: '/apis/apps/v1/namespaces/default/deployments/web/scale',
    body: { spec: { replicas: 3 } },
    contentType: 'application/merge-patch+json',
    status: 200,
    json: { kind: 'Scale', spec: { replicas: 3 } },
  },
  {
    name: 'scale moved spec.replicas and generation',
    path: '/apis/apps/v1/namespaces/default/deployments/web',
    status: 200,
    json: { spec: { replicas: 3 }, metadata: { generation: 2 } },
  },
  {
    name: 'status subresource writes status only',
    method: 'PATCH',
    path: '/apis/apps/v1/namespaces/default/deployments/web/status',
    body: { spec: { replicas: 7 }, status: { replicas: 3 } },
    contentType: 'application/merge-patch+json',
    status: 200,
    json: { spec: { replicas: 3 }, status: { replicas: 3 }, metadata: { generation: 2 } },
  },
  {
    name: 'GET of the status subresource is the object',
    path: '/apis/apps/v1/namespaces/default/deployments/web/status',
    status: 200,
    json: { kind: 'Deployment', status: { replicas: 3 } },
  },
  {
    name: 'GET of a subresource the resource does not serve is a 404',
    path: '/apis/apps/v1/namespaces/default/deployments/web/log',
    status: 404,
    json: { reason: 'NotFound', message: 'the server could not find the requested resource' },
  },
  {
    name: 'main resource keeps status',
    method: 'PATCH',
    path: '/apis/apps/v1/namespaces/default/deployments/web',
    body: { status: { replicas: 8 } },
    contentType: 'application/merge-patch+json',
    status: 200,
    json: { status: { replicas: 3 } },
  },
  {
    name: 'method not allowed',
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps/x',
    body: cm('x'),
    status: 405,
    json: { reason: 'MethodNotAllowed' },
  },
];

describe('API server', () => {
  for (const step of steps) {
    test(step.name, async () => {
      const reply = await api.call(step.method ?? 'GET', step.path, {
        body: step.body,
        contentType: step.contentType,
        accept: step.accept,
        token: step.token,
      });
      expect(reply.status, reply.text).toBe(step.status);
      if (step.json !== undefined) expect(reply.json).toMatchObject(step.json as object);
      if (step.text !== undefined) expect(reply.text).toBe(step.text);
      if (step.header) expect(reply.headers[step.header[0]]).toBe(step.header[1]);
    });
  }

  test('watch-list sends the state, then the initial-events-end bookmark, then changes', async () => {
    const events = await api.lines(
      '/api/v1/namespaces/kube-system/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=5',
      3,
      async () => {
        await api.call('POST', '/api/v1/namespaces/kube-system/configmaps', { body: cm('w2') });
      },
    );
    expect(events.map((e) => e.type)).toEqual(['BOOKMARK', 'ADDED', 'MODIFIED'].slice(0, events.length));
    expect(events[0].object).toMatchObject({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } },
    });
  });

  test('watch from a resourceVersion replays later changes', async () => {
    const created = await api.call('POST', '/api/v1/namespaces/kube-public/configmaps', { body: cm('r1') });
    const rv = created.json.metadata.resourceVersion;
    await api.call('PATCH', '/api/v1/namespaces/kube-public/configmaps/r1', {
      body: { data: { x: 'y' } },
      contentType: 'application/merge-patch+json',
    });
    await api.call('DELETE', '/api/v1/namespaces/kube-public/configmaps/r1');
    const events = await api.lines(
      `/api/v1/watch/namespaces/kube-public/configmaps?resourceVersion=${rv}&timeoutSeconds=2`,
      2,
    );
    expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([
      ['MODIFIED', 'r1'],
      ['DELETED', 'r1'],
    ]);
  });

  test('watch ends at timeoutSeconds', async () => {
    const events = await api.lines(
      '/api/v1/namespaces/kube-node-lease/configmaps?watch=1&resourceVersion=1&timeoutSeconds=1',
      100,
    );
    expect(events).toEqual([]);
  });

  test('invalid sendInitialEvents combination is rejected', async () => {
    const reply = await api.call('GET', '/api/v1/configmaps?watch=true&sendInitialEvents=true');
    expect(reply.status).toBe(400);
    expect(reply.json.message).toContain(
      'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    );
  });
});
