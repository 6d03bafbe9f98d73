// `bosun kubectl autoscale` against the real kubectl 1.35 on one control plane: the cases run in
// order (the first creates HPA `web`, a later one collides with it and takes kubectl's v1
// fallback path), each with real kubectl in namespace `ref` and ours in `bos`.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness, kubectlBin, normalise } from './harness.ts';
import { runSide } from './sides.ts';

const h = new Harness();

async function seed(ns: string): Promise<void> {
  const labels = { app: 'web' };
  const template = { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
  await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: labels }, template },
  });
  await h.api('POST', `/apis/apps/v1/namespaces/${ns}/statefulsets`, {
    metadata: { name: 'db' },
    spec: { serviceName: 'db', selector: { matchLabels: labels }, template },
  });
  await h.api('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'cfg' } });
}

const cases: string[][] = [
  ['autoscale', 'deploy/web', '--max=3'],
  ['autoscale', 'deploy/web', '--max=3'],
  ['autoscale', 'deploy/web', '--max=3', '--cpu=50%'],
  ['autoscale', 'deploy/web', '--max=3', '--cpu=500m'],
  ['autoscale', 'deploy/web', '--max=3', '--cpu-percent=50'],
  ['autoscale', 'deploy/web', '--min=2', '--max=5', '--cpu-percent=80', '--dry-run=client', '-o', 'yaml'],
  [
    'autoscale',
    'deploy',
    'web',
    '--max=4',
    '--name=m',
    '--memory=200',
    '--cpu=500',
    '-o',
    'yaml',
    '--dry-run=client',
  ],
  ['autoscale', 'deploy', 'web', '--max=4', '--name=m2', '--memory=60%', '--cpu=1.5', '-o', 'json'],
  ['autoscale', 'deploy/web', '--max=5', '--name=s', '--dry-run=server', '-o', 'json'],
  ['autoscale', 'deploy/web', '--max=5', '--name=sy', '--dry-run=server', '-o', 'yaml'],
  ['autoscale', 'statefulset/db', '--max=2', '--min=1', '--cpu=2Gi'],
  ['autoscale', 'deploy/web', '--max=2', '--name=n1', '-o', 'name'],
  [
    'autoscale',
    'deploy/web',
    '--max=3',
    '--name=s1',
    '--save-config',
    '-o',
    'jsonpath={.metadata.annotations}',
  ],
  ['autoscale', 'deploy/web', '--max=3', '--name=r1', '--record', '-o', 'jsonpath={.metadata.annotations}'],
  ['autoscale', '-f', 'web.yaml', '--max=6', '--name=fromfile'],
  ['get', 'hpa', '-o', 'custom-columns=NAME:.metadata.name,MIN:.spec.minReplicas,MAX:.spec.maxReplicas'],
  // errors
  ['autoscale', 'deploy/web'],
  ['autoscale', 'deploy/web', '--max=1', '--min=3'],
  ['autoscale', 'deploy/web', '--max=0'],
  ['autoscale', 'deploy/web', '--max=x'],
  ['autoscale', 'deploy/web', '--max=3', '--cpu=abc'],
  ['autoscale', 'deploy/web', '--max=3', '--cpu=-5%'],
  ['autoscale', 'deploy/web', '--max=3', '--memory=1.5.5'],
  ['autoscale', 'deploy/web', '--max=3', '--cpu=5%', '--cpu-percent=4'],
  ['autoscale', 'deploy', '--max=3'],
  ['autoscale', '--max=3'],
  ['autoscale', 'cm/cfg', '--max=3'],
  ['autoscale', 'deploy/nope', '--max=3'],
  ['autoscale', 'deploy/web', '--max=3', '--dry-run=maybe'],
];

describe.skipIf(!kubectlBin)('kubectl autoscale equals kubectl 1.35', () => {
  beforeAll(async () => {
    await h.start();
    await h.both(seed);
    writeFileSync(
      join(h.work, 'web.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n',
    );
  }, 60_000);
  afterAll(() => h.stop());

  for (const args of cases) {
    test(args.join(' '), async () => {
      const expected = await runSide(h, 'ref', args);
      const actual = await runSide(h, 'bos', args);
      expect(normalise(actual.stdout)).toBe(normalise(expected.stdout));
      expect(normalise(actual.stderr)).toBe(normalise(expected.stderr));
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }
});
