// `bosun kubectl describe` of ResourceQuota, LimitRange, the quota and limit sections of a
// Namespace, and PodDisruptionBudget against the real kubectl 1.35 on the same control plane.
// Statuses no controller fills here (quota usage, PDB counts) are written through the API.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness, kubectlBin, normalise } from './harness.ts';

if (!kubectlBin)
  console.log(
    'kubectl describe policy compare: skipped, no reference kubectl (run scripts/reference-bins.sh)',
  );

type Obj = Record<string, any>;

interface Case {
  args: string[];
  /**
   * kubectl walks a Go map for the rows of one LimitRange item, so their order changes from run
   * to run: such outputs are compared as sorted lines.
   */
  unordered?: boolean;
}

const quotas: { body: Obj; status?: Obj }[] = [
  { body: { metadata: { name: 'empty' }, spec: {} } },
  {
    body: {
      metadata: { name: 'compute', labels: { team: 'a' } },
      spec: { hard: { cpu: '2', memory: '1Gi', pods: '10', 'requests.storage': '1G' } },
    },
    // used amounts in another format than the limit are shown in the limit's format
    status: {
      hard: { cpu: '2', memory: '1Gi', pods: '10', 'requests.storage': '1G' },
      used: { cpu: '1500m', memory: '500M', 'requests.storage': '512Mi' },
    },
  },
  {
    body: {
      metadata: { name: 'scoped' },
      spec: { hard: { pods: '4' }, scopes: ['NotTerminating', 'BestEffort'] },
    },
    status: { hard: { pods: '4' }, used: { pods: '1' } },
  },
];

const limitRanges: Obj[] = [
  {
    metadata: { name: 'mem', labels: { team: 'a' } },
    spec: {
      limits: [
        {
          type: 'Container',
          max: { memory: '1Gi' },
          min: { memory: '4Mi' },
          default: { memory: '512Mi' },
          defaultRequest: { memory: '256Mi' },
          maxLimitRequestRatio: { memory: '2' },
        },
      ],
    },
  },
  {
    metadata: { name: 'mixed' },
    spec: {
      limits: [
        { type: 'Pod', max: { cpu: '4', memory: '2Gi' } },
        { type: 'Container', defaultRequest: { cpu: '100m' }, default: { cpu: '500m' } },
        { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } },
      ],
    },
  },
];

const pdbs: { body: Obj; status?: Obj }[] = [
  {
    body: { metadata: { name: 'min' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } },
    status: {
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      observedGeneration: 1,
    },
  },
  {
    body: {
      metadata: { name: 'max', labels: { app: 'web' } },
      spec: {
        maxUnavailable: '25%',
        selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] },
      },
    },
  },
  { body: { metadata: { name: 'bare' }, spec: {} } },
];

const cases: Case[] = [
  { args: ['describe', 'quota', 'empty'] },
  { args: ['describe', 'quota', 'compute'] },
  { args: ['describe', 'resourcequota/scoped', '--show-events=false'] },
  { args: ['describe', 'quota'] },
  { args: ['describe', 'quota', '-l', 'team=a'] },
  { args: ['describe', 'limits', 'mem'] },
  { args: ['describe', 'limitrange', 'mixed'], unordered: true },
  { args: ['describe', 'limits'], unordered: true },
  { args: ['describe', 'ns', 'ref'], unordered: true },
  { args: ['describe', 'ns', 'quiet'] },
  { args: ['describe', 'pdb', 'min'] },
  { args: ['describe', 'pdb', 'max'] },
  { args: ['describe', 'poddisruptionbudget/bare'] },
  { args: ['describe', 'pdb', '-l', 'app=web'] },
  { args: ['describe', 'pdb'] },
];

describe.skipIf(!kubectlBin)('bosun kubectl describe (quotas, limits, pdb) equals kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
    // a namespace with neither quotas nor limit ranges, seen by both clients
    await h.api('POST', '/api/v1/namespaces', { metadata: { name: 'quiet', labels: { team: 'b' } } });
    await h.both(async (ns) => {
      for (const q of quotas) {
        await h.api('POST', `/api/v1/namespaces/${ns}/resourcequotas`, q.body);
        if (q.status)
          await h.api(
            'PATCH',
            `/api/v1/namespaces/${ns}/resourcequotas/${q.body.metadata.name}/status`,
            { status: q.status },
            'application/merge-patch+json',
          );
      }
      for (const lr of limitRanges) await h.api('POST', `/api/v1/namespaces/${ns}/limitranges`, lr);
      for (const p of pdbs) {
        const created = await h.api('POST', `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, p.body);
        if (p.status)
          await h.api(
            'PATCH',
            `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/${p.body.metadata.name}/status`,
            { status: p.status },
            'application/merge-patch+json',
          );
        if (p.body.metadata.name === 'min')
          await h.api('POST', `/api/v1/namespaces/${ns}/events`, {
            metadata: { name: 'min.pdb' },
            involvedObject: {
              apiVersion: 'policy/v1',
              kind: 'PodDisruptionBudget',
              name: 'min',
              namespace: ns,
              uid: created.metadata.uid,
            },
            reason: 'NoPods',
            message: 'No matching pods found',
            type: 'Normal',
            source: { component: 'controllermanager' },
            firstTimestamp: '2024-03-01T10:00:00Z',
            lastTimestamp: '2024-03-01T10:00:00Z',
            count: 3,
          });
      }
    });
  }, 60_000);
  afterAll(() => h.stop());

  const text = (s: string, unordered?: boolean) => {
    const n = normalise(s);
    return unordered ? n.split('\n').sort().join('\n') : n;
  };
  for (const { args, unordered } of cases) {
    test(args.join(' '), async () => {
      const expected = await h.real(args);
      const actual = await h.ours(args);
      expect(text(actual.stdout, unordered)).toBe(text(expected.stdout, unordered));
      expect(normalise(actual.stderr)).toBe(normalise(expected.stderr));
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }
});
