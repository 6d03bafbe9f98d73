// PodDisruptionBudgets: the status arithmetic as a table (pkg/controller/disruption's cases), then
// through a control plane with controllers on a stepped clock: the disruption controller keeping a
// budget's status, and the pods/eviction subresource spending it (201, or 429 with upstream's Status).

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SteppedClock } from '../../../src/cluster/clock.ts';
import {
  countHealthy,
  disruptedPods,
  disruptionsAllowed,
  expectation,
} from '../../../src/cluster/controllers/disruption/budget.ts';
import {
  deploymentsResource,
  type KubeObject,
  podsResource,
} from '../../../src/cluster/controllers/index.ts';
import { type ControlPlane, startControlPlane } from '../../../src/cluster/index.ts';
import { decideBudget } from '../../../src/cluster/registry/index.ts';
import { RestClient } from '../../../src/kube/client/index.ts';
import { runFor } from './run-until.ts';

type Obj = Record<string, any>;

const now = Date.parse('2026-03-01T10:00:00Z');
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

function pod(name: string, opts: { ready?: boolean; owner?: string; deleting?: boolean } = {}): KubeObject {
  return {
    metadata: {
      name,
      namespace: 'default',
      ...(opts.owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: opts.owner,
                uid: `uid-${opts.owner}`,
                controller: true,
              },
            ],
          }
        : {}),
      ...(opts.deleting ? { deletionTimestamp: iso(now) } : {}),
    },
    status: { conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

describe('budget arithmetic', () => {
  const scales: Record<string, number> = { a: 4, b: 2 };
  const scaleOf = (p: KubeObject) => {
    const ref = p.metadata?.ownerReferences?.[0];
    return ref ? { uid: ref.uid, replicas: scales[ref.name]! } : undefined;
  };
  const cases: {
    name: string;
    spec: Obj;
    pods: KubeObject[];
    expected: number;
    desired: number;
    unmanaged?: string[];
  }[] = [
    {
      name: 'integer minAvailable counts pods',
      spec: { minAvailable: 2 },
      pods: [pod('x'), pod('y'), pod('z')],
      expected: 3,
      desired: 2,
    },
    {
      name: 'percentage minAvailable rounds up over the scale',
      spec: { minAvailable: '50%' },
      pods: [pod('p', { owner: 'a' })],
      expected: 4,
      desired: 2,
    },
    {
      name: '34% of 4 is 2 (ceil)',
      spec: { minAvailable: '34%' },
      pods: [pod('p', { owner: 'a' })],
      expected: 4,
      desired: 2,
    },
    {
      name: 'maxUnavailable 1 over two controllers',
      spec: { maxUnavailable: 1 },
      pods: [pod('p', { owner: 'a' }), pod('q', { owner: 'b' })],
      expected: 6,
      desired: 5,
    },
    {
      name: 'maxUnavailable 25% of 6 is 2 (ceil)',
      spec: { maxUnavailable: '25%' },
      pods: [pod('p', { owner: 'a' }), pod('q', { owner: 'b' })],
      expected: 6,
      desired: 4,
    },
    {
      name: 'maxUnavailable beyond the scale leaves 0 desired',
      spec: { maxUnavailable: 9 },
      pods: [pod('p', { owner: 'a' })],
      expected: 4,
      desired: 0,
    },
    {
      name: 'unmanaged pods are reported and not counted',
      spec: { maxUnavailable: 1 },
      pods: [pod('p', { owner: 'b' }), pod('loose')],
      expected: 2,
      desired: 1,
      unmanaged: ['loose'],
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      const e = expectation({ spec: c.spec }, c.pods, scaleOf);
      expect([e.expectedCount, e.desiredHealthy, e.unmanagedPods]).toEqual([
        c.expected,
        c.desired,
        c.unmanaged ?? [],
      ]);
    });

  test('healthy pods: ready, not deleting, not recently disrupted', () => {
    const pods = [pod('a'), pod('b', { ready: false }), pod('c', { deleting: true }), pod('d'), pod('e')];
    const recorded = { d: iso(now - 30_000), e: iso(now - 180_000), gone: iso(now) };
    const d = disruptedPods({ status: { disruptedPods: recorded } }, pods, now);
    expect(d.pods).toEqual({ d: recorded.d });
    expect(d.overdue).toEqual(['e']);
    expect(d.recheckAtMs).toBe(Date.parse(recorded.d) + 120_000);
    expect(countHealthy(pods, d.pods, now)).toBe(2);
  });

  const allowedCases: [healthy: number, desired: number, expected: number, allowed: number][] = [
    [3, 2, 3, 1],
    [2, 2, 3, 0],
    [1, 2, 3, 0],
    [3, 0, 0, 0],
    [5, 1, 5, 4],
  ];
  for (const [h, d, e, want] of allowedCases)
    test(`disruptionsAllowed(${h}, ${d}, ${e}) = ${want}`, () => {
      expect(disruptionsAllowed(h, d, e)).toBe(want);
    });
});

describe("the eviction handler's budget decision (checkAndDecrement)", () => {
  const at = iso(now);
  const pdb = (status: Obj, spec: Obj = {}, generation = 1): KubeObject => ({
    metadata: { name: 'b', generation },
    spec,
    status: { observedGeneration: 1, ...status },
  });
  test('an allowed eviction takes one and records the pod', () => {
    const d = decideBudget(
      pod('p'),
      pdb({ disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2 }),
      at,
      false,
    );
    expect(d).toEqual({
      kind: 'decrement',
      status: {
        observedGeneration: 1,
        disruptionsAllowed: 0,
        currentHealthy: 3,
        desiredHealthy: 2,
        disruptedPods: { p: at },
        conditions: [
          {
            type: 'DisruptionAllowed',
            status: 'False',
            observedGeneration: 1,
            lastTransitionTime: at,
            reason: 'InsufficientPods',
            message: '',
          },
        ],
      },
    });
  });
  test('a dry run decrements but records nothing', () => {
    const d = decideBudget(pod('p'), pdb({ disruptionsAllowed: 2 }), at, true);
    expect(d).toMatchObject({ kind: 'decrement', status: { disruptionsAllowed: 1 } });
    expect((d as { status: Obj }).status.disruptedPods).toBeUndefined();
  });
  const refusals: [name: string, budget: KubeObject, code: number, message: string][] = [
    [
      'none allowed',
      pdb({ disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 }),
      429,
      "Cannot evict pod as it would violate the pod's disruption budget.",
    ],
    [
      'status behind the spec',
      pdb({ disruptionsAllowed: 1 }, {}, 2),
      429,
      "Cannot evict pod as it would violate the pod's disruption budget.",
    ],
    [
      'negative',
      pdb({ disruptionsAllowed: -1 }),
      403,
      'poddisruptionbudget.policy "b" is forbidden: pdb disruptions allowed is negative',
    ],
  ];
  for (const [name, budget, code, message] of refusals)
    test(`refused: ${name}`, () => {
      const d = decideBudget(pod('p'), budget, at, false);
      expect(d.kind === 'refuse' && [d.refusal.code, d.refusal.message]).toEqual([code, message]);
    });
  test('an unready pod goes untouched when the budget is met or the policy is AlwaysAllow', () => {
    const unready = pod('p', { ready: false });
    expect(
      decideBudget(unready, pdb({ disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 }), at, false)
        .kind,
    ).toBe('spare-unhealthy');
    expect(
      decideBudget(
        unready,
        pdb(
          { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 },
          { unhealthyPodEvictionPolicy: 'AlwaysAllow' },
        ),
        at,
        false,
      ).kind,
    ).toBe('spare-unhealthy');
    expect(
      decideBudget(unready, pdb({ disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 }), at, false)
        .kind,
    ).toBe('refuse');
  });
});

let plane: ControlPlane;
let clock: SteppedClock;
let rest: RestClient;

const run = (ms: number): Promise<void> => runFor(plane, clock, ms);

const pdbs = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };

async function budget(name: string): Promise<Obj> {
  return plane.client.get(pdbs, 'default', name);
}

async function evict(name: string, deleteOptions?: Obj): Promise<{ status: number; body: Obj }> {
  const reply = await rest.request('POST', `/api/v1/namespaces/default/pods/${name}/eviction`, {
    body: JSON.stringify({
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name, namespace: 'default' },
      ...(deleteOptions ? { deleteOptions } : {}),
    }),
    contentType: 'application/json',
  });
  return { status: reply.status, body: JSON.parse(reply.text) };
}

async function webPods(): Promise<KubeObject[]> {
  return (await plane.client.list(podsResource, 'default', { labelSelector: 'app=web' })).items
    .filter((p) => !p.metadata?.deletionTimestamp)
    .sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
}

describe('eviction against a budget, through a control plane', () => {
  beforeAll(async () => {
    clock = new SteppedClock(now);
    plane = await startControlPlane({ inMemory: true, port: 0, clock, nodes: 2 });
    rest = new RestClient({
      server: plane.url,
      token: plane.token,
      caPem: plane.caPem,
      namespace: 'default',
      namespaceExplicit: false,
    });
    await plane.client.create(deploymentsResource, 'default', {
      metadata: { name: 'web' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx' }] },
        },
      },
    });
    await plane.client.create(pdbs, 'default', {
      metadata: { name: 'web' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    });
    await run(30_000);
  });
  afterAll(async () => {
    rest?.close();
    await plane?.stop();
  });

  test('the controller fills in the status', async () => {
    const pdb = await budget('web');
    expect(pdb.status).toMatchObject({
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      disruptionsAllowed: 1,
      observedGeneration: 1,
    });
    expect(pdb.status.conditions).toEqual([
      {
        type: 'DisruptionAllowed',
        status: 'True',
        observedGeneration: 1,
        lastTransitionTime: expect.any(String),
        reason: 'SufficientPods',
        message: '',
      },
    ]);
  });

  test('one eviction is allowed, the next is refused with 429', async () => {
    const [first, second] = await webPods();
    const ok = await evict(first!.metadata!.name);
    expect(ok).toEqual({
      status: 201,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 },
    });
    const after = await budget('web');
    expect(after.status.disruptionsAllowed).toBe(0);
    // the controller has already dropped the entry: the pod is terminating (buildDisruptedPodMap)
    const evicted = await plane.client
      .get(podsResource, 'default', first!.metadata!.name)
      .catch(() => undefined);
    expect(evicted === undefined || !!evicted.metadata?.deletionTimestamp).toBe(true);
    expect(after.status.conditions[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    const refused = await evict(second!.metadata!.name);
    expect(refused).toEqual({
      status: 429,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: "Cannot evict pod as it would violate the pod's disruption budget.",
        reason: 'TooManyRequests',
        details: {
          causes: [
            {
              reason: 'DisruptionBudget',
              message: 'The disruption budget web needs 2 healthy pods and has 2 currently',
            },
          ],
        },
        code: 429,
      },
    });
  });

  test('once the replacement is ready the budget allows one again', async () => {
    await run(60_000);
    const pdb = await budget('web');
    expect(pdb.status).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(pdb.status.disruptedPods).toBeUndefined();
  });

  test('errors: a name mismatch, a missing pod, a dry run that changes nothing', async () => {
    const [p] = await webPods();
    const name = p!.metadata!.name;
    const mismatch = await rest.request('POST', `/api/v1/namespaces/default/pods/${name}/eviction`, {
      body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'other' } }),
      contentType: 'application/json',
    });
    expect([mismatch.status, JSON.parse(mismatch.text).message]).toEqual([
      400,
      'name in URL does not match name in Eviction object',
    ]);
    const missing = await evict('nope');
    expect([missing.status, missing.body.message]).toEqual([404, 'pods "nope" not found']);
    const dry = await evict(name, { dryRun: ['All'] });
    expect(dry.status).toBe(201);
    expect((await budget('web')).status.disruptionsAllowed).toBe(1);
    expect((await webPods()).map((x) => x.metadata?.name)).toContain(name);
  });

  test('a budget whose status lags its generation answers 429 "still being processed"', async () => {
    const pdb = await budget('web');
    plane.controllers!.stop();
    await plane.client.update(pdbs, 'default', { ...pdb, spec: { ...pdb.spec, minAvailable: 1 } });
    const [p] = await webPods();
    const r = await evict(p!.metadata!.name);
    expect([r.status, r.body.details]).toEqual([
      429,
      {
        retryAfterSeconds: 10,
        causes: [
          {
            reason: 'DisruptionBudget',
            message: 'The disruption budget web is still being processed by the server.',
          },
        ],
      },
    ]);
  });
});
