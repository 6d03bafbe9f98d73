// `bosun kubectl set env` and `set resources` against the real kubectl 1.35 on one control plane:
// each case runs with real kubectl in namespace `ref` and ours in `bos`, in order, so both see the
// same state; stdout, stderr and exit code must be equal after normalisation.

import { afterAll, beforeAll, describe } from 'vitest';
import { compareEach, Harness, kubectlBin } from './harness.ts';
import { flagsFirst } from './sides.ts';

const h = new Harness();

async function seed(ns: string): Promise<void> {
  const labels = { app: 'web' };
  await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    metadata: { name: 'web', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { name: 'web', image: 'nginx' },
            { name: 'sidecar', image: 'busybox', env: [{ name: 'KEEP', value: 'k' }] },
          ],
        },
      },
    },
  });
  await h.api('POST', `/api/v1/namespaces/${ns}/configmaps`, {
    metadata: { name: 'settings' },
    // one key: kubectl walks the data map in Go's random order
    data: { 'log.level': 'debug' },
  });
  await h.api('POST', `/api/v1/namespaces/${ns}/secrets`, {
    metadata: { name: 'creds' },
    data: { pw: 'czNjcjN0' },
  });
  await h.api('POST', `/api/v1/namespaces/${ns}/pods`, {
    metadata: { name: 'pod1', labels },
    spec: { containers: [{ name: 'c', image: 'x' }] },
  });
}

const cases: string[][] = [
  // set env
  ['set', 'env', 'deploy/web', 'A=1', 'B=2'],
  ['set', 'env', 'deploy/web', 'A=1'],
  ['set', 'env', 'deploy/web', '--list'],
  ['set', 'env', 'deploy/web', 'A-'],
  ['set', 'env', 'deploy', 'web', '-c', 'web', 'C=3', '--dry-run=client', '-o', 'yaml'],
  ['set', 'env', 'deploy/web', '-c', 'side*', '-e', 'X=1', '-e', 'Y=2', '-o', 'json'],
  ['set', 'env', 'deploy/web', '--from=configmap/settings', '--prefix=CFG_'],
  ['set', 'env', 'deploy/web', '--from=secret/creds', '--keys=pw', '-c', 'web'],
  ['set', 'env', 'deploy/web', '--list'],
  ['set', 'env', 'deploy/web', '--list', '--resolve', '-c', 'web'],
  ['set', 'env', 'deploy/web', 'B=9', '--overwrite=false'],
  ['set', 'env', 'deploy/web', '-c', 'nomatch', 'Z=1'],
  ['set', 'env', 'deploy/web', '1BAD=x'],
  ['set', 'env', 'deploy/web', '--from=secret/nope'],
  ['set', 'env', 'cm/settings', 'Z=1'],
  ['set', 'env', 'deploy/web'],
  ['set', 'env'],
  ['set', 'env', 'deploy', '-l', 'app=web', 'L=1', '--dry-run=server'],
  ['set', 'env', 'pod/pod1', '--list'],
  ['set', 'env', 'deploy/web', 'Z=1', '-o', 'name'],
  // set resources
  ['set', 'resources', 'deploy/web', '--limits=cpu=200m,memory=512Mi', '--requests=cpu=100m'],
  ['set', 'resources', 'deploy/web', '--limits=cpu=200m'],
  [
    'set',
    'resources',
    'deploy/web',
    '-c',
    'sidecar',
    '--limits=cpu=1,memory=1Gi',
    '--dry-run=client',
    '-o',
    'yaml',
  ],
  ['set', 'resources', 'deploy/web', '-c', 'web', '--requests=cpu=0.5', '-o', 'json'],
  ['set', 'resources', 'deploy/web'],
  ['set', 'resources', 'deploy/web', '--limits=cpu=abc'],
  ['set', 'resources', 'deploy/web', '-c', 'nope', '--limits=cpu=1'],
  ['set', 'resources', 'cm/settings', '--limits=cpu=1'],
  ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[*].resources}'],
  // the set group itself
  ['set'],
  ['set', 'foo'],
];

describe.skipIf(!kubectlBin)('kubectl set env/resources equal kubectl 1.35', () => {
  beforeAll(async () => {
    await h.start();
    await h.both(seed);
  }, 60_000);
  afterAll(() => h.stop());

  compareEach(flagsFirst(h), cases);
});
