import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch, type JSONObject } from '../../../src/kube/patch/index.ts';
import {
  createThreeWayMergePatch,
  createTwoWayMergePatch,
} from '../../../src/kube/patch/strategic-create.ts';
import type { SchemaNode } from '../../../src/kube/schema.ts';

// The patch facts of the Pod fields the cases touch (as upstream's struct tags declare them).
const podSchema: SchemaNode = {
  type: 'object',
  properties: {
    metadata: {
      type: 'object',
      properties: { finalizers: { type: 'array', patchStrategy: 'merge', items: { type: 'string' } } },
    },
    spec: {
      type: 'object',
      properties: {
        containers: {
          type: 'array',
          patchStrategy: 'merge',
          patchMergeKey: 'name',
          items: {
            type: 'object',
            properties: {
              ports: {
                type: 'array',
                patchStrategy: 'merge',
                patchMergeKey: 'containerPort',
                items: { type: 'object' },
              },
              args: { type: 'array', items: { type: 'string' } },
            },
          },
        },
        volumes: {
          type: 'array',
          patchStrategy: 'merge,retainKeys',
          patchMergeKey: 'name',
          items: { type: 'object' },
        },
      },
    },
  },
};

interface TwoWayCase {
  name: string;
  original: JSONObject;
  modified: JSONObject;
  patch: JSONObject;
}

// Expected patches follow upstream's strategicpatch semantics (patch_test.go's two-way cases).
const twoWay: TwoWayCase[] = [
  { name: 'no change', original: { a: 1 }, modified: { a: 1 }, patch: {} },
  {
    name: 'scalar change and removal',
    original: { a: 1, b: 2 },
    modified: { a: 3 },
    patch: { a: 3, b: null },
  },
  {
    name: 'nested map addition',
    original: { metadata: { labels: { app: 'x' } } },
    modified: { metadata: { labels: { app: 'x', tier: 'web' } } },
    patch: { metadata: { labels: { tier: 'web' } } },
  },
  {
    name: 'merge list item changed, with setElementOrder',
    original: {
      spec: {
        containers: [
          { name: 'a', image: '1' },
          { name: 'b', image: '1' },
        ],
      },
    },
    modified: {
      spec: {
        containers: [
          { name: 'a', image: '2' },
          { name: 'b', image: '1' },
        ],
      },
    },
    patch: {
      spec: {
        containers: [{ name: 'a', image: '2' }],
        '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
      },
    },
  },
  {
    name: 'merge list item removed',
    original: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
    modified: { spec: { containers: [{ name: 'b' }] } },
    patch: {
      spec: { containers: [{ name: 'a', $patch: 'delete' }], '$setElementOrder/containers': [{ name: 'b' }] },
    },
  },
  {
    name: 'merge list reordered only',
    original: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
    modified: { spec: { containers: [{ name: 'b' }, { name: 'a' }] } },
    patch: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
  },
  {
    name: 'primitive merge list: additions and deleteFromPrimitiveList',
    original: { metadata: { finalizers: ['a', 'b'] } },
    modified: { metadata: { finalizers: ['c', 'a'] } },
    patch: {
      metadata: {
        finalizers: ['c'],
        '$deleteFromPrimitiveList/finalizers': ['b'],
        '$setElementOrder/finalizers': ['c', 'a'],
      },
    },
  },
  {
    name: 'atomic list replaced whole',
    original: { spec: { containers: [{ name: 'a', args: ['x', 'y'] }] } },
    modified: { spec: { containers: [{ name: 'a', args: ['y'] }] } },
    patch: {
      spec: { containers: [{ name: 'a', args: ['y'] }], '$setElementOrder/containers': [{ name: 'a' }] },
    },
  },
  {
    name: 'retainKeys on a changed volume source',
    original: { spec: { volumes: [{ name: 'v', emptyDir: {} }] } },
    modified: { spec: { volumes: [{ name: 'v', hostPath: { path: '/x' } }] } },
    patch: {
      spec: {
        volumes: [{ $retainKeys: ['hostPath', 'name'], emptyDir: null, hostPath: { path: '/x' }, name: 'v' }],
        '$setElementOrder/volumes': [{ name: 'v' }],
      },
    },
  },
  { name: 'type change', original: { a: { b: 1 } }, modified: { a: 'x' }, patch: { a: 'x' } },
];

describe('createTwoWayMergePatch', () => {
  it.each(twoWay.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const patch = createTwoWayMergePatch(c.original, c.modified, podSchema);
    expect(patch).toEqual(c.patch);
    // Applying the patch to the original yields the modified object.
    expect(applyStrategicMergePatch(c.original, patch, podSchema)).toEqual(c.modified);
  });

  it('rejects list items without their merge key', () => {
    expect(() =>
      createTwoWayMergePatch(
        { spec: { containers: [{ name: 'a' }] } },
        { spec: { containers: [{ image: 'x' }] } },
        podSchema,
      ),
    ).toThrow('map: map[image:x] does not contain declared merge key: name');
  });
});

describe('createThreeWayMergePatch', () => {
  it('deletes what last-applied had, keeps what others added to live', () => {
    const original = {
      metadata: { labels: { app: 'x', old: 'y' } },
      spec: { containers: [{ name: 'a', image: '1' }] },
    };
    const current = {
      metadata: { labels: { app: 'x', old: 'y', added: 'by-controller' } },
      spec: { containers: [{ name: 'a', image: '1', imagePullPolicy: 'Always' }] },
    };
    const modified = {
      metadata: { labels: { app: 'x' } },
      spec: { containers: [{ name: 'a', image: '2' }] },
    };
    const patch = createThreeWayMergePatch(original, modified, current, podSchema, true);
    expect(patch).toEqual({
      metadata: { labels: { old: null } },
      spec: { containers: [{ name: 'a', image: '2' }], '$setElementOrder/containers': [{ name: 'a' }] },
    });
    expect(applyStrategicMergePatch(current, patch, podSchema)).toEqual({
      metadata: { labels: { app: 'x', added: 'by-controller' } },
      spec: { containers: [{ name: 'a', image: '2', imagePullPolicy: 'Always' }] },
    });
  });

  it('removes a list item last-applied had', () => {
    const original = { spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
    const current = { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'sidecar' }] } };
    const modified = { spec: { containers: [{ name: 'a' }] } };
    const patch = createThreeWayMergePatch(original, modified, current, podSchema, true);
    expect(patch).toEqual({
      spec: { containers: [{ name: 'b', $patch: 'delete' }], '$setElementOrder/containers': [{ name: 'a' }] },
    });
    expect(applyStrategicMergePatch(current, patch, podSchema)).toEqual({
      spec: { containers: [{ name: 'a' }, { name: 'sidecar' }] },
    });
  });

  it('reports a conflict without overwrite when live changed the same field', () => {
    const original = { spec: { replicas: 1 } };
    const current = { spec: { replicas: 5 } };
    const modified = { spec: { replicas: 2 } };
    expect(() => createThreeWayMergePatch(original, modified, current, undefined, false)).toThrow(
      'conflicts with changes made from original to current',
    );
    expect(createThreeWayMergePatch(original, modified, current, undefined, true)).toEqual({
      spec: { replicas: 2 },
    });
  });
});
