import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyJSONPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  createMergePatch,
  createThreeWayJSONMergePatch,
  type JSONObject,
  requireKeyUnchanged,
} from '../../../src/kube/patch/index.ts';
import type { SchemaNode } from '../../../src/kube/schema.ts';

const pod = JSON.parse(readFileSync(new URL('./testdata/pod.json', import.meta.url), 'utf8')) as JSONObject;
const withPod = (md: JSONObject, spec: JSONObject): JSONObject => ({ ...pod, metadata: md, spec });
const origMd = pod.metadata as JSONObject;
const origSpec = pod.spec as JSONObject;
const [c1, c2] = origSpec.containers as JSONObject[];

// The patch facts of the Pod fields the cases touch (as the OpenAPI room serves them).
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
              env: {
                type: 'array',
                patchStrategy: 'merge',
                patchMergeKey: 'name',
                items: { type: 'object' },
              },
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
        tolerations: { type: 'array', items: { type: 'object' } },
      },
    },
  },
};

// Results recorded from `kubectl patch --local -f pod.json --type json -p ...` (kubectl v1.35.2).
const jsonPatchCases: Array<[unknown, JSONObject | string]> = [
  [
    [{ op: 'add', path: '/metadata/labels/c', value: '3' }],
    withPod({ ...origMd, labels: { a: '1', b: '2', c: '3' } }, origSpec),
  ],
  [
    [{ op: 'remove', path: '/metadata/labels/zz' }],
    "error in remove for path: '/metadata/labels/zz': Unable to remove nonexistent key: zz: missing value",
  ],
  [
    [{ op: 'replace', path: '/metadata/labels/zz', value: 'q' }],
    withPod({ ...origMd, labels: { a: '1', b: '2', zz: 'q' } }, origSpec),
  ],
  [
    [{ op: 'add', path: '/metadata/finalizers/-1', value: 'z' }],
    withPod({ ...origMd, finalizers: ['x', 'y', 'z'] }, origSpec),
  ],
  [
    [{ op: 'add', path: '/metadata/finalizers/5', value: 'z' }],
    "error in add for path: '/metadata/finalizers/5': Unable to access invalid index: 5: invalid index referenced",
  ],
  [
    [{ op: 'remove', path: '/metadata/finalizers/x' }],
    `error in remove for path: '/metadata/finalizers/x': strconv.Atoi: parsing "x": invalid syntax`,
  ],
  [
    [{ op: 'test', path: '/metadata/labels/a', value: '2' }],
    'testing value /metadata/labels/a failed: test failed',
  ],
  [
    [{ op: 'move', from: '/metadata/labels/a', path: '/metadata/labels/q' }],
    withPod({ ...origMd, labels: { b: '2', q: '1' } }, origSpec),
  ],
  [
    [{ op: 'copy', from: '/metadata/finalizers', path: '/metadata/f2' }],
    withPod({ ...origMd, f2: ['x', 'y'] }, origSpec),
  ],
  [[{ op: 'nope', path: '/a' }], 'Unexpected kind: nope'],
  [
    [{ op: 'add', path: '/nope/x', value: 1 }],
    'add operation does not apply: doc is missing path: "/nope/x": missing value',
  ],
  [{ op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
  [
    [{ op: 'remove', path: '/metadata/finalizers/-3' }],
    "error in remove for path: '/metadata/finalizers/-3': Unable to access invalid index: -3: invalid index referenced",
  ],
  // kubectl rewrites this one as "Object to be patched is missing field (...)"; the API server sends it as is.
  [
    [{ op: 'replace', path: '/metadata/finalizers/7', value: 1 }],
    'replace operation does not apply: doc is missing key: /metadata/finalizers/7: missing value',
  ],
  [[{ op: 'test', path: '/metadata/nope', value: null }], pod],
  [
    [{ op: 'add', path: '/metadata/finalizers/x', value: 'z' }],
    `error in add for path: '/metadata/finalizers/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
  ],
  [
    [{ op: 'move', from: '/metadata/nope/a', path: '/metadata/q' }],
    'move operation does not apply: doc is missing from path: /metadata/nope/a: missing value',
  ],
  [[{ op: 'add' }], 'add operation failed to decode path: missing value'],
];

describe('applyJSONPatch', () => {
  it.each(jsonPatchCases)('%j', (patch, expected) => {
    if (typeof expected === 'string') expect(() => applyJSONPatch(pod, patch)).toThrow(expected);
    else expect(applyJSONPatch(pod, patch)).toEqual(expected);
  });
  it('does not mutate its input', () => {
    const doc = { a: [1] };
    applyJSONPatch(doc, [{ op: 'add', path: '/a/-', value: 2 }]);
    expect(doc).toEqual({ a: [1] });
  });
});

// RFC 7386 appendix A, plus recorded kubectl runs.
const mergeCases: Array<[unknown, unknown, unknown]> = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  [
    pod,
    {
      metadata: { labels: { a: null, c: '3' }, finalizers: ['z'] },
      spec: { containers: [{ name: 'c3', image: 'i3' }] },
    },
    withPod(
      { ...origMd, labels: { b: '2', c: '3' }, finalizers: ['z'] },
      { ...origSpec, containers: [{ name: 'c3', image: 'i3' }] },
    ),
  ],
];

describe('applyMergePatch', () => {
  it.each(mergeCases)('%j + %j', (doc, patch, expected) => {
    expect(applyMergePatch(doc as JSONObject, patch as JSONObject)).toEqual(expected);
  });
  it('creates two-way and three-way patches', () => {
    expect(
      createMergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { a: 1, b: { c: 3 }, e: [2], f: 'x' }),
    ).toEqual({
      b: { c: 3, d: null },
      e: [2],
      f: 'x',
    });
    // original = last applied, modified = new config, current = live (with a server-set field kept).
    const original = { kind: 'X', spec: { a: 1, b: 2 } };
    const modified = { kind: 'X', spec: { a: 1, c: 3 } };
    const current = { kind: 'X', spec: { a: 5, b: 2, server: true } };
    expect(createThreeWayJSONMergePatch(original, modified, current)).toEqual({
      spec: { a: 1, b: null, c: 3 },
    });
    expect(() =>
      createThreeWayJSONMergePatch(original, { ...modified, kind: 'Y' }, current, [
        requireKeyUnchanged('kind'),
      ]),
    ).toThrow('precondition failed for: map[kind:Y spec:map[a:1 b:<nil> c:3]]');
  });
});

const podWith = (md: Partial<JSONObject>, spec: Partial<JSONObject>) =>
  withPod({ ...origMd, ...md } as JSONObject, { ...origSpec, ...spec } as JSONObject);

// Results recorded from `kubectl patch --local -f pod.json --type strategic -p ...` (kubectl v1.35.2).
const strategicCases: Array<[JSONObject, JSONObject | string]> = [
  [
    { metadata: { labels: { a: null, c: '3' }, finalizers: ['z', 'x'] } },
    podWith({ labels: { b: '2', c: '3' }, finalizers: ['z', 'x', 'y'] }, {}),
  ],
  [
    {
      spec: {
        containers: [
          { name: 'c2', image: 'new' },
          { name: 'c0', image: 'i0' },
        ],
      },
    },
    podWith({}, { containers: [c1, { image: 'new', name: 'c2' }, { image: 'i0', name: 'c0' }] }),
  ],
  [{ spec: { containers: [{ name: 'c1', $patch: 'delete' }] } }, podWith({}, { containers: [c2] })],
  [
    { spec: { containers: [{ name: 'c9', image: 'x' }, { $patch: 'replace' }] } },
    podWith({}, { containers: [{ image: 'x', name: 'c9' }] }),
  ],
  [
    {
      spec: {
        '$setElementOrder/containers': [{ name: 'c2' }, { name: 'c1' }],
        containers: [{ name: 'c1', image: 'n1' }],
      },
    },
    podWith({}, { containers: [c2, { ...c1, image: 'n1' }] }),
  ],
  [
    {
      spec: {
        containers: [
          {
            name: 'c1',
            env: [
              { name: 'C', value: '3' },
              { name: 'A', value: null },
            ],
            args: ['z'],
          },
        ],
      },
    },
    podWith(
      {},
      {
        containers: [
          { ...c1, args: ['z'], env: [{ name: 'C', value: '3' }, { name: 'A' }, { name: 'B', value: '2' }] },
          c2,
        ],
      },
    ),
  ],
  [
    { spec: { containers: [{ name: 'c1', ports: [{ containerPort: 81 }] }] } },
    podWith(
      {},
      { containers: [{ ...c1, ports: [{ containerPort: 81 }, { containerPort: 80, protocol: 'TCP' }] }, c2] },
    ),
  ],
  [{ metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } }, podWith({ finalizers: ['y'] }, {})],
  [
    { spec: { volumes: [{ name: 'v1', hostPath: { path: '/x' }, $retainKeys: ['name', 'hostPath'] }] } },
    podWith({}, { volumes: [{ hostPath: { path: '/x' }, name: 'v1' }] }),
  ],
  [
    { spec: { volumes: [{ name: 'v1', hostPath: { path: '/x' } }] } },
    podWith({}, { volumes: [{ emptyDir: {}, hostPath: { path: '/x' }, name: 'v1' }] }),
  ],
  [{ spec: { tolerations: [{ key: 'k2' }] } }, podWith({}, { tolerations: [{ key: 'k2' }] })],
  [{ metadata: { labels: { $patch: 'replace', z: '9' } } }, podWith({ labels: { z: '9' } }, {})],
  [{ metadata: { labels: { $patch: 'delete' } } }, podWith({ labels: {} }, {})],
  [
    { spec: { containers: [{ image: 'noname' }] } },
    'map: map[image:noname] does not contain declared merge key: name',
  ],
  [{ metadata: { labels: { $patch: 'merge' } } }, 'unknown patch type: merge in map: map[$patch:merge]'],
  [
    { spec: { containers: [{ name: 'c1', $patch: 'merge' }] } },
    'merging lists cannot yet be specified in the patch',
  ],
  [
    { spec: { '$setElementOrder/containers': [{ name: 'c2' }, { name: 'c1' }] } },
    podWith({}, { containers: [c2, c1] }),
  ],
  [{ metadata: { finalizers: ['y', 'w'] } }, podWith({ finalizers: ['x', 'y', 'w'] }, {})],
];

describe('applyStrategicMergePatch', () => {
  it.each(strategicCases)('%j', (patch, expected) => {
    if (typeof expected === 'string')
      expect(() => applyStrategicMergePatch(pod, patch, podSchema)).toThrow(expected);
    else expect(applyStrategicMergePatch(pod, patch, podSchema)).toEqual(expected);
  });
  it('without a schema merges maps and replaces lists', () => {
    expect(applyStrategicMergePatch({ a: { b: 1, c: [1] } }, { a: { c: [2], d: null } }, undefined)).toEqual({
      a: { b: 1, c: [2] },
    });
  });
});
