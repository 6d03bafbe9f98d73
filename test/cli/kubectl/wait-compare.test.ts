// `bosun kubectl wait` against the real kubectl 1.35 on the same control plane: conditions,
// JSONPath, delete and create, timeouts, and a deletion that happens while the command waits.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness, kubectlBin, normalise } from './harness.ts';

if (!kubectlBin)
  console.log('kubectl wait compare: skipped, no reference kubectl (run scripts/reference-bins.sh)');

interface Case {
  run: string[];
  /** Done to the namespace while the command waits (after `afterMs`). */
  meanwhile?: { afterMs: number; act: (h: Harness, ns: string) => Promise<unknown> };
}

const cases: Case[] = [
  { run: ['wait', 'deploy/web', '--for=condition=Available', '--timeout=5s'] },
  { run: ['wait', 'deploy', 'web', '--for=condition=available=TRUE'] },
  { run: ['wait', 'deploy/web', '--for=condition=Available=false', '--timeout=1s'] },
  { run: ['wait', 'deploy/web', '--for=condition=Available=false', '--timeout=0'] },
  { run: ['wait', 'deploy/web', '--for=condition=Progressing', '--timeout=1s'] },
  { run: ['wait', 'deploy/web', '--for=jsonpath={.spec.replicas}=2'] },
  { run: ['wait', 'deploy/web', "--for=jsonpath='{.status.readyReplicas}'=2"] },
  { run: ['wait', 'deploy/web', '--for=jsonpath={.spec.replicas}=4', '--timeout=1s'] },
  { run: ['wait', 'deploy/web', '--for=jsonpath={.metadata.name}'] },
  { run: ['wait', 'deploy/web', '--for=jsonpath={.spec.template}=x'] },
  { run: ['wait', 'deploy/web', '--for=jsonpath={.spec.replicas}='] },
  { run: ['wait', 'deploy/web', '--for=jsonpath={.spec.replicas}=2', '-o', 'name'] },
  { run: ['wait', 'cm/nope', '--for=delete'] },
  { run: ['wait', 'cm/keep', '--for=delete', '--timeout=1s'] },
  { run: ['wait', 'cm/keep', '--for=delete', '--timeout=0'] },
  { run: ['wait', 'cm/nope', '--for=condition=Ready'] },
  { run: ['wait', 'cm', '-l', 'app=none', '--for=delete'] },
  { run: ['wait', 'cm', '-l', 'app=none', '--for=condition=Ready'] },
  { run: ['wait', 'cm/keep', '--for=bogus'] },
  { run: ['wait', 'cm/keep', '--for=create'] },
  { run: ['wait', '--for=delete'] },
  {
    run: ['wait', 'cm/gone', '--for=delete', '--timeout=20s'],
    meanwhile: { afterMs: 2500, act: (h, ns) => h.api('DELETE', `/api/v1/namespaces/${ns}/configmaps/gone`) },
  },
  {
    run: ['wait', 'deploy/web', '--for=jsonpath={.spec.replicas}=5', '--timeout=20s'],
    meanwhile: {
      afterMs: 2500,
      act: (h, ns) =>
        h.api(
          'PATCH',
          `/apis/apps/v1/namespaces/${ns}/deployments/web`,
          { spec: { replicas: 5 } },
          'application/merge-patch+json',
        ),
    },
  },
];

describe.skipIf(!kubectlBin)('bosun kubectl wait equals kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
    await h.both(async (ns) => {
      await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx' }] },
          },
        },
      });
      await h.deploymentStatus(ns, 'web', { updated: 2, ready: 2, available: 2, total: 2 }, [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
      ]);
      for (const name of ['keep', 'gone'])
        await h.api('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name }, data: { a: '1' } });
    });
  }, 60_000);
  afterAll(() => h.stop());

  for (const c of cases) {
    test(c.run.join(' '), async () => {
      const side = async (ns: string, runIt: () => Promise<import('./harness.ts').Result>) => {
        const running = runIt();
        if (c.meanwhile) {
          await new Promise((r) => setTimeout(r, c.meanwhile!.afterMs));
          await c.meanwhile.act(h, ns);
        }
        return running;
      };
      const expected = await side('ref', () => h.real(c.run));
      const actual = await side('bos', () => h.ours(c.run));
      expect(normalise(actual.stdout)).toBe(normalise(expected.stdout));
      expect(normalise(actual.stderr)).toBe(normalise(expected.stderr));
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }
});
