// The server wired to the real rooms, over HTTPS: field validation (Strict/Warn/Ignore) with
// upstream's statuses, pruning of undeclared fields, patch failures, server-side apply with
// managedFields and 409 conflicts, and custom resources served from their CRDs. Steps run in
// order on one server.

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

const cms = '/api/v1/namespaces/default/configmaps';
const apply = 'application/apply-patch+yaml';
const merge = 'application/merge-patch+json';

interface Step {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  contentType?: string;
  status: number;
  /** A subset the JSON answer must match. */
  json?: unknown;
  /** Dotted paths the JSON answer must not have. */
  absent?: string[];
  /** The Warning header, exactly. */
  warning?: string;
}

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', shortNames: ['gd'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
          },
        },
      },
    ],
  },
};

const steps: Step[] = [
  {
    name: 'Strict create: unknown and duplicate fields are a 400 from the decoder',
    method: 'POST',
    path: `${cms}?fieldValidation=Strict`,
    body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"s"},"spec":{},"data":{},"data":{}}',
    status: 400,
    json: {
      reason: 'BadRequest',
      message:
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec", duplicate field "data"',
    },
  },
  {
    name: 'Warn create: a Warning header per problem, the undeclared field dropped',
    method: 'POST',
    path: cms,
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w', colour: 'blue' }, data: { k: 'v' } },
    status: 201,
    warning: '299 - "unknown field \\"metadata.colour\\""',
    json: { metadata: { name: 'w' }, data: { k: 'v' } },
  },
  {
    name: 'the stored object has no undeclared field',
    method: 'GET',
    path: `${cms}/w`,
    status: 200,
    json: { metadata: { name: 'w' } },
    absent: ['metadata.colour'],
  },
  {
    name: 'an ordinary write records its manager in managedFields',
    method: 'POST',
    path: `${cms}?fieldManager=tester`,
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm' }, data: { k: 'v' } },
    status: 201,
    json: {
      metadata: {
        managedFields: [
          {
            manager: 'tester',
            operation: 'Update',
            apiVersion: 'v1',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': { '.': {}, 'f:k': {} } },
          },
        ],
      },
    },
  },
  {
    name: 'Strict merge patch with an undeclared field is a 422 naming the patched object',
    method: 'PATCH',
    path: `${cms}/w?fieldValidation=Strict`,
    body: { spec: { x: 1 } },
    contentType: merge,
    status: 422,
    json: {
      reason: 'Invalid',
      message: expect.stringMatching(
        /^ "" is invalid: patch: Invalid value: "\{.*\}": strict decoding error: unknown field "spec"$/,
      ),
      details: { causes: [{ reason: 'FieldValueInvalid', field: 'patch' }] },
    },
  },
  {
    name: 'Strict strategic merge patch names the patch as Go prints it',
    method: 'PATCH',
    path: `${cms}/w?fieldValidation=Strict`,
    body: { spec: { x: 1 } },
    contentType: 'application/strategic-merge-patch+json',
    status: 422,
    json: {
      message:
        ' "" is invalid: patch: Invalid value: "map[spec:map[x:1]]": strict decoding error: unknown field "spec"',
    },
  },
  {
    name: "a JSON patch whose test fails is upstream's generic 422",
    method: 'PATCH',
    path: `${cms}/w`,
    body: [{ op: 'test', path: '/data/k', value: 'other' }],
    contentType: 'application/json-patch+json',
    status: 422,
    json: { reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
  },
  {
    name: 'a deployment to patch',
    method: 'POST',
    path: '/apis/apps/v1/namespaces/default/deployments',
    body: {
      metadata: { name: 'np' },
      spec: {
        selector: { matchLabels: { app: 'np' } },
        template: { metadata: { labels: { app: 'np' } }, spec: { containers: [{ name: 'a', image: 'a' }] } },
      },
    },
    status: 201,
  },
  {
    name: 'nulls a strategic merge patch leaves in an appended item are not stored (typed decoding drops them)',
    method: 'PATCH',
    path: '/apis/apps/v1/namespaces/default/deployments/np',
    body: { spec: { template: { spec: { containers: [{ name: 'z', image: 'z', args: null }] } } } },
    contentType: 'application/strategic-merge-patch+json',
    status: 200,
    json: {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'z', image: 'z' },
              { name: 'a', image: 'a' },
            ],
          },
        },
      },
    },
    absent: ['spec.template.spec.containers.0.args'],
  },
  {
    name: 'a JSON patch adding a null field stores no field',
    method: 'PATCH',
    path: '/apis/apps/v1/namespaces/default/deployments/np',
    body: [{ op: 'add', path: '/spec/template/spec/containers/1/command', value: null }],
    contentType: 'application/json-patch+json',
    status: 200,
    absent: ['spec.template.spec.containers.1.command'],
  },
  {
    name: 'a JSON patch body that is not a list is a 400',
    method: 'PATCH',
    path: `${cms}/w`,
    body: { op: 'add' },
    contentType: 'application/json-patch+json',
    status: 400,
    json: { reason: 'BadRequest' },
  },
  {
    name: 'server-side apply creates and records the applier',
    method: 'PATCH',
    path: `${cms}/ssa?fieldManager=alice`,
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: one\n',
    contentType: apply,
    status: 201,
    json: {
      data: { k: 'one' },
      metadata: {
        managedFields: [{ manager: 'alice', operation: 'Apply', fieldsV1: { 'f:data': { 'f:k': {} } } }],
      },
    },
  },
  {
    name: 'another applier taking an owned field is a 409 with one cause per field',
    method: 'PATCH',
    path: `${cms}/ssa?fieldManager=bob`,
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: two\n',
    contentType: apply,
    status: 409,
    json: {
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "alice": .data.k',
      details: {
        name: 'ssa',
        kind: 'configmaps',
        causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.data.k' }],
      },
    },
  },
  {
    name: 'force takes the field over',
    method: 'PATCH',
    path: `${cms}/ssa?fieldManager=bob&force=true`,
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: two\n',
    contentType: apply,
    status: 200,
    json: { data: { k: 'two' }, metadata: { managedFields: [{ manager: 'bob', operation: 'Apply' }] } },
  },
  {
    name: 'an applied configuration with an undeclared field is refused by the field manager',
    method: 'PATCH',
    path: `${cms}/ssa?fieldManager=bob`,
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\nshape: round\n',
    contentType: apply,
    status: 500,
    json: {
      message:
        'failed to create typed patch object (/ssa; /v1, Kind=ConfigMap): .shape: field not declared in schema',
    },
  },
  {
    name: 'a CRD is established when stored',
    method: 'POST',
    path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    body: crd,
    status: 201,
    json: {
      status: {
        acceptedNames: { kind: 'Gadget', plural: 'gadgets' },
        conditions: [
          { type: 'NamesAccepted', status: 'True' },
          { type: 'Established', status: 'True' },
        ],
        storedVersions: ['v1'],
      },
    },
  },
  {
    name: 'its group-version is discoverable',
    method: 'GET',
    path: '/apis/example.com/v1',
    status: 200,
    json: { kind: 'APIResourceList', resources: [{ name: 'gadgets', kind: 'Gadget', shortNames: ['gd'] }] },
  },
  {
    name: 'its custom resources are served, pruned by the CRD schema',
    method: 'POST',
    path: '/apis/example.com/v1/namespaces/default/gadgets',
    body: {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'g1' },
      spec: { size: 2, extra: 1 },
    },
    status: 201,
    warning: '299 - "unknown field \\"spec.extra\\""',
    json: { spec: { size: 2 } },
    absent: ['spec.extra'],
  },
  {
    name: 'deleting the CRD stops serving it',
    method: 'DELETE',
    path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.example.com',
    status: 200,
  },
  { name: 'the group-version is gone', method: 'GET', path: '/apis/example.com/v1', status: 404 },
];

describe('server wired to the rooms', () => {
  for (const step of steps) {
    test(step.name, async () => {
      const reply = await api.call(step.method, step.path, {
        body: step.body,
        contentType: step.contentType,
      });
      expect(reply.status, reply.text).toBe(step.status);
      if (step.json !== undefined) expect(reply.json).toMatchObject(step.json as object);
      for (const path of step.absent ?? []) {
        const parent = path
          .split('.')
          .slice(0, -1)
          .reduce((o, k) => o?.[k], reply.json);
        expect(Object.keys(parent ?? {}), path).not.toContain(path.split('.').pop());
      }
      if (step.warning !== undefined) expect(reply.headers.warning).toBe(step.warning);
    });
  }

  test('the custom resources of a deleted CRD are gone with it', async () => {
    const again = await api.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: crd,
    });
    expect(again.status).toBe(201);
    const list = await api.call('GET', '/apis/example.com/v1/gadgets');
    expect(list.json.items).toEqual([]);
  });
});
