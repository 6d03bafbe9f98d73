// Server-side apply of Deployments by two managers through the full field manager (manager
// identifiers, metadata stripping), with the schema our API server serves: conflicts carry the
// text kubectl prints after "error: ", force moves ownership, and a manager's dropped fields go
// unless someone else still owns them. Expected sets follow structured-merge-diff's rules.
import { describe, expect, it } from 'vitest';
import { schemaFor } from '../../../src/cluster/openapi/index.ts';
import { apply, decodeManagedFields } from '../../../src/kube/apply/index.ts';
import type { JSONObject } from '../../../src/kube/patch/json.ts';

const schema = schemaFor('apps/v1', 'Deployment');
const now = new Date('2025-03-01T10:00:00Z');
const options = { now, resetFields: [['status']] };

const deployment = (spec: JSONObject): JSONObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec,
});
const withContainers = (containers: JSONObject[], extra: JSONObject = {}) =>
  deployment({
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers } },
    ...extra,
  });

interface Step {
  manager: string;
  config: JSONObject;
  force?: boolean;
  /** The error text when the apply conflicts. */
  conflict?: string;
}
interface Case {
  name: string;
  steps: Step[];
  /** Paths into the final object and the value each must have (undefined: absent). */
  expect?: Array<[string, unknown]>;
  /** Managers that must own (or not own) a fieldsV1 path, e.g. `f:spec.f:replicas`. */
  owns?: Array<[string, string, boolean]>;
}

const cases: Case[] = [
  {
    name: 'same replicas from two appliers is shared',
    steps: [
      { manager: 'alice', config: deployment({ replicas: 2 }) },
      { manager: 'bob', config: deployment({ replicas: 2 }) },
    ],
    expect: [['spec.replicas', 2]],
    owns: [
      ['alice', 'f:spec.f:replicas', true],
      ['bob', 'f:spec.f:replicas', true],
    ],
  },
  {
    name: 'different replicas conflicts with the exact message',
    steps: [
      { manager: 'alice', config: deployment({ replicas: 2 }) },
      {
        manager: 'bob',
        config: deployment({ replicas: 3 }),
        conflict: 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas',
      },
    ],
    expect: [['spec.replicas', 2]],
  },
  {
    name: 'force moves ownership of replicas',
    steps: [
      { manager: 'alice', config: deployment({ replicas: 2, minReadySeconds: 5 }) },
      { manager: 'bob', config: deployment({ replicas: 3 }), force: true },
    ],
    expect: [
      ['spec.replicas', 3],
      ['spec.minReadySeconds', 5],
    ],
    owns: [
      ['alice', 'f:spec.f:replicas', false],
      ['alice', 'f:spec.f:minReadySeconds', true],
      ['bob', 'f:spec.f:replicas', true],
    ],
  },
  {
    name: 'a container image owned by another applier conflicts at the item path',
    steps: [
      { manager: 'alice', config: withContainers([{ name: 'a', image: 'nginx:1' }]) },
      {
        manager: 'bob',
        config: withContainers([{ name: 'a', image: 'nginx:2' }]),
        conflict:
          'Apply failed with 1 conflict: conflict with "alice": .spec.template.spec.containers[name="a"].image',
      },
    ],
  },
  {
    name: 'a container dropped by its sole applier is removed, one kept by another stays',
    steps: [
      {
        manager: 'alice',
        config: withContainers([
          { name: 'a', image: 'nginx:1' },
          { name: 'b', image: 'redis' },
          { name: 'c', image: 'busybox' },
        ]),
      },
      { manager: 'bob', config: withContainers([{ name: 'c', image: 'busybox' }]) },
      { manager: 'alice', config: withContainers([{ name: 'a', image: 'nginx:1' }]) },
    ],
    expect: [
      ['spec.template.spec.containers.length', 2],
      ['spec.template.spec.containers.0.name', 'a'],
      ['spec.template.spec.containers.1.name', 'c'],
    ],
  },
  {
    name: 'ports are keyed by containerPort and protocol (TCP by default)',
    steps: [
      {
        manager: 'alice',
        config: withContainers([{ name: 'a', image: 'x', ports: [{ containerPort: 53 }] }]),
      },
      {
        manager: 'bob',
        config: withContainers([{ name: 'a', image: 'x', ports: [{ containerPort: 53, protocol: 'UDP' }] }]),
      },
    ],
    expect: [['spec.template.spec.containers.0.ports.length', 2]],
    owns: [
      [
        'alice',
        'f:spec.f:template.f:spec.f:containers.k:{"name":"a"}.f:ports.k:{"containerPort":53,"protocol":"TCP"}',
        true,
      ],
      [
        'bob',
        'f:spec.f:template.f:spec.f:containers.k:{"name":"a"}.f:ports.k:{"containerPort":53,"protocol":"UDP"}',
        true,
      ],
    ],
  },
  {
    name: 'the same port with an explicit TCP is the same item, shared',
    steps: [
      {
        manager: 'alice',
        config: withContainers([{ name: 'a', image: 'x', ports: [{ containerPort: 80 }] }]),
      },
      {
        manager: 'bob',
        config: withContainers([{ name: 'a', image: 'x', ports: [{ containerPort: 80, protocol: 'TCP' }] }]),
      },
    ],
    expect: [['spec.template.spec.containers.0.ports.length', 1]],
  },
  {
    name: 'labels are a granular map: different keys never conflict',
    steps: [
      {
        manager: 'alice',
        config: { ...deployment({}), metadata: { name: 'web', namespace: 'default', labels: { a: '1' } } },
      },
      {
        manager: 'bob',
        config: { ...deployment({}), metadata: { name: 'web', namespace: 'default', labels: { b: '2' } } },
      },
    ],
    expect: [
      ['metadata.labels.a', '1'],
      ['metadata.labels.b', '2'],
    ],
  },
  {
    name: 'the selector is atomic: a different one conflicts on the whole field',
    steps: [
      { manager: 'alice', config: deployment({ selector: { matchLabels: { app: 'web' } } }) },
      {
        manager: 'bob',
        config: deployment({ selector: { matchLabels: { app: 'web', tier: 'x' } } }),
        conflict: 'Apply failed with 1 conflict: conflict with "alice": .spec.selector',
      },
    ],
  },
];

function at(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function ownsPath(obj: JSONObject, manager: string, path: string): boolean {
  const managed = decodeManagedFields((obj.metadata as JSONObject).managedFields);
  for (const [id, vs] of managed.fields) {
    if (!id.includes(`"${manager}"`) && id !== manager) continue;
    let node: unknown = vs.set.toFieldsV1();
    for (const part of path.split(/\.(?=[fk]:)/)) {
      node = (node as Record<string, unknown> | undefined)?.[part];
      if (node === undefined) return false;
    }
    return true;
  }
  return false;
}

describe('server-side apply by two managers', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let live: JSONObject | undefined;
    for (const step of c.steps) {
      const run = () => apply(live, step.config, step.manager, schema, { ...options, force: step.force });
      if (step.conflict) {
        expect(run).toThrow(step.conflict);
        continue;
      }
      live = run();
    }
    for (const [path, value] of c.expect ?? []) expect(at(live, path)).toEqual(value);
    for (const [manager, path, owned] of c.owns ?? []) expect(ownsPath(live!, manager, path)).toBe(owned);
  });
});
