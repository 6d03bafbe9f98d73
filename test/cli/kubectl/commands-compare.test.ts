// `bosun kubectl replace`, `expose` and `run` against the real kubectl 1.35 on one control plane:
// each case runs with real kubectl in namespace `ref` and ours in `bos`, in order, so both see the
// same state; stdout, stderr and exit code must be equal after normalisation.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { compareEach, Harness, kubectlBin } from './harness.ts';
import { flagsFirst } from './sides.ts';

const h = new Harness();

const manifests: Record<string, string> = {
  'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rep\ndata:\n  a: "1"\n',
  'cm2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rep\ndata:\n  a: "2"\n',
  'cm-other-ns.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rep\n  namespace: default\ndata:\n  a: "1"\n',
  'cm-stale.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rep\n  resourceVersion: "1"\ndata:\n  a: "3"\n',
  'missing.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-there\ndata:\n  a: "1"\n',
  'two.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rep\ndata:\n  a: "4"\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: rep-secret\nstringData:\n  k: v\n',
};

/** Workloads to expose, written the same way in both namespaces. */
async function seed(ns: string): Promise<void> {
  const labels = { app: 'web', tier: 'front' };
  const podSpec = {
    containers: [
      {
        name: 'web',
        image: 'nginx',
        ports: [
          { containerPort: 80, protocol: 'TCP' },
          { containerPort: 53, protocol: 'UDP' },
          { containerPort: 53, protocol: 'TCP' },
        ],
      },
    ],
  };
  await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    metadata: { name: 'web', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: podSpec },
    },
  });
  await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    metadata: { name: 'noport' },
    spec: {
      selector: { matchLabels: { app: 'noport' } },
      template: {
        metadata: { labels: { app: 'noport' } },
        spec: { containers: [{ name: 'c', image: 'x' }] },
      },
    },
  });
  await h.api('POST', `/apis/apps/v1/namespaces/${ns}/replicasets`, {
    metadata: { name: 'rs1' },
    spec: {
      selector: { matchLabels: { app: 'rs1' } },
      template: {
        metadata: { labels: { app: 'rs1' } },
        spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] },
      },
    },
  });
  await h.api('POST', `/api/v1/namespaces/${ns}/pods`, {
    metadata: { name: 'pod1', labels: { app: 'pod1' } },
    spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 9000 }] }] },
  });
  await h.api('POST', `/api/v1/namespaces/${ns}/pods`, {
    metadata: { name: 'bare' },
    spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 9000 }] }] },
  });
  await h.api('POST', `/apis/apps/v1/namespaces/${ns}/daemonsets`, {
    metadata: { name: 'ds' },
    spec: {
      selector: { matchLabels: { app: 'ds' } },
      template: { metadata: { labels: { app: 'ds' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
    },
  });
}

const cases: string[][] = [
  // a global flag given again after the command: the last one wins (the side's -n comes first)
  ['get', 'svc', 'kubernetes', '-n', 'default', '-o', 'name'],
  ['get', 'svc', 'kubernetes', '--namespace=default', '-o', 'name'],
  // replace
  ['replace', '-f', 'cm.yaml'],
  ['create', '-f', 'cm.yaml'],
  ['replace', '-f', 'cm2.yaml'],
  ['replace', '-f', 'cm2.yaml', '-o', 'yaml'],
  ['replace', '-f', 'cm.yaml', '--dry-run=client'],
  ['replace', '-f', 'cm.yaml', '--dry-run=server', '-o', 'name'],
  ['replace', '-f', 'cm-stale.yaml'],
  ['replace', '-f', 'cm-other-ns.yaml'],
  ['replace', '-f', 'missing.yaml'],
  ['replace', '-f', 'two.yaml'],
  ['replace', '-f', 'cm.yaml', '--force'],
  ['replace', '-f', 'cm.yaml', '--force', '-o', 'name'],
  ['replace', '-f', 'missing.yaml', '--force'],
  ['replace', '-f', 'cm.yaml', '--force', '--dry-run=client'],
  ['replace', '-f', 'cm.yaml', '--force', '--cascade=bad'],
  ['get', 'cm', 'rep', 'not-there', '-o', 'jsonpath={.items[*].data.a}'],
  ['replace'],
  ['replace', '-f', 'nope.yaml'],
  ['replace', '-f', 'cm.yaml', '--bogus'],
  // expose
  ['expose', 'deployment', 'web', '--dry-run=client', '-o', 'yaml'],
  [
    'expose',
    'deploy',
    'web',
    '--port=8080',
    '--target-port=80',
    '--name=web2',
    '--type=NodePort',
    '--dry-run=client',
    '-o',
    'json',
  ],
  [
    'expose',
    'deploy/web',
    '--protocol=UDP',
    '--labels=a=b',
    '--selector=x=y',
    '--dry-run=client',
    '-o',
    'json',
  ],
  [
    'expose',
    'deploy',
    'web',
    '--port=80',
    '--name=web3',
    '--cluster-ip=None',
    '--session-affinity=ClientIP',
    '-o',
    'yaml',
  ],
  [
    'expose',
    'deploy',
    'web',
    '--port=80',
    '--name=web4',
    '--target-port=http',
    '--external-ip=1.2.3.4',
    '--type=LoadBalancer',
    '--dry-run=server',
    '-o',
    'name',
  ],
  [
    'expose',
    'deploy',
    'web',
    '--port=80',
    '--name=web5',
    '--overrides={"metadata":{"annotations":{"x":"y"}}}',
    '--dry-run=client',
    '-o',
    'yaml',
  ],
  ['expose', 'deploy', 'web'],
  ['expose', 'deploy', 'web'],
  ['expose', 'svc', 'web', '--name=web-again', '--dry-run=client', '-o', 'yaml'],
  ['expose', 'rs', 'rs1', '--dry-run=client', '-o', 'yaml'],
  ['expose', 'pod', 'pod1', '--port=444', '--name=pod-svc'],
  ['expose', 'pod', 'bare', '--dry-run=client'],
  ['expose', 'deploy', 'noport'],
  ['expose', 'deploy', 'noport', '--cluster-ip=None', '--dry-run=client', '-o', 'yaml'],
  ['expose', 'ds', 'ds', '--port=80'],
  ['expose', 'cm', 'rep', '--port=80'],
  ['expose', 'deploy', 'nope'],
  ['expose'],
  ['expose', 'deploy', 'web', '--session-affinity=Sticky', '--dry-run=client'],
  ['expose', 'deploy', 'web', '-o', 'wide', '--dry-run=client'],
  ['get', 'svc', '-o', 'name'],
  // run
  ['run', 'p1', '--image=nginx', '--dry-run=client', '-o', 'yaml'],
  [
    'run',
    'p1',
    '--image=nginx',
    '--port=80',
    '--labels=a=b,c=d',
    '--env=A=1',
    '--env=B=2',
    '--restart=Never',
    '--dry-run=client',
    '-o',
    'json',
    '--',
    'sh',
    '-c',
    'echo hi',
  ],
  ['run', 'p1', '--image=nginx', '--command', '--dry-run=client', '-o', 'yaml', '--', 'sleep', '10'],
  ['run', 'p1', '--image=busybox', 'extra', 'args'],
  ['run', 'p1', '--image=nginx'],
  ['get', 'pod', 'p1', '-o', 'jsonpath={.spec.containers[0].args}'],
  ['run', 'p2', '--image=x', '--expose', '--port=80', '--dry-run=client', '-o', 'yaml'],
  ['run', 'p2', '--image=x', '--expose', '--port=80'],
  [
    'run',
    'p3',
    '--image=x',
    '--annotations=a=b',
    '--image-pull-policy=Never',
    '--privileged',
    '-l',
    'x=y',
    '--dry-run=server',
    '-o',
    'yaml',
  ],
  ['run', 'p3', '--image=x', '--env=A', '--dry-run=client'],
  ['run', 'p3', '--image=x', '--port=abc', '--dry-run=client'],
  ['run', 'p3', '--image=x', '--expose', '--dry-run=client'],
  ['run', 'p3', '--image=x', '--labels=bad', '--dry-run=client'],
  ['run', 'p3', '--image=x', '--image-pull-policy=Bad', '--dry-run=client'],
  ['run', 'p3', '--image=x', '--restart=Bad'],
  ['run', 'p3'],
  ['run', '--image=x'],
  ['run', 'p3', '--image=x', '--bogus'],
];

describe.skipIf(!kubectlBin)('kubectl replace, expose and run equal kubectl 1.35', () => {
  beforeAll(async () => {
    await h.start();
    for (const [file, text] of Object.entries(manifests)) writeFileSync(join(h.work, file), text);
    await h.both(seed);
  }, 60_000);
  afterAll(() => h.stop());

  compareEach(flagsFirst(h), cases);
});
