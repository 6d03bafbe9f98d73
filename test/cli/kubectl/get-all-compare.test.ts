// `bosun kubectl get` over several resource types against the real kubectl 1.35 on one control
// plane: the category `all` (built-in members and a custom resource that joins it), `-A`, `-l`,
// `-o wide/name/yaml/json`, `all` mixed with other types, `TYPE,TYPE` lists and `TYPE,TYPE NAME`,
// the blank line between kinds' tables, `kind.group/name` cells and the "No resources found" rules.

import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bosunCommand } from '../../support/bosun-cli.ts';
import { compareEach, Harness, kubectlBin, normalise, type Result } from './harness.ts';
import { flagsFirst, runSide, type Side } from './sides.ts';

const _root = resolve(import.meta.dirname, '../../..');

/**
 * Like runSide, in the side's empty namespace: one `-n` only (ours takes the first of several
 * `-n` flags where kubectl takes the last).
 */
function runEmpty(h: Harness, which: Side, args: string[]): Promise<Result> {
  const [bin, pre] =
    which === 'ref' ? [kubectlBin!, []] : [bosunCommand()[0], [...bosunCommand()[1], 'kubectl']];
  return new Promise((done) => {
    execFile(
      bin,
      [...pre, '--kubeconfig', h.kubeconfig, '-n', `${which}-empty`, ...args],
      { cwd: h.work, timeout: 30_000 },
      (err, stdout, stderr) => {
        const rename = (t: string) => (which === 'bos' ? t.replace(/\bbos\b/g, 'ref') : t);
        done({
          code: err ? Number((err as { code?: number }).code ?? 1) : 0,
          stdout: rename(stdout),
          stderr: rename(stderr),
        });
      },
    );
  });
}

if (!kubectlBin)
  console.log('kubectl get-all compare: skipped, no reference kubectl (run scripts/reference-bins.sh)');

type Obj = Record<string, any>;

const crontabs: Obj = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com',
    scope: 'Namespaced',
    names: {
      plural: 'crontabs',
      singular: 'crontab',
      kind: 'CronTab',
      shortNames: ['ct'],
      categories: ['all'],
    },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    ],
  },
};

const labels = { app: 'web' };
const template = { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };

/** What each side's namespace holds: one object of most `all` members, a ConfigMap, a CronTab. */
const objects: [string, Obj][] = [
  [
    '/apis/apps/v1/namespaces/{ns}/deployments',
    { metadata: { name: 'web', labels }, spec: { replicas: 1, selector: { matchLabels: labels }, template } },
  ],
  [
    '/apis/apps/v1/namespaces/{ns}/replicasets',
    {
      metadata: { name: 'web-5d4f', labels: { ...labels, 'pod-template-hash': '5d4f' } },
      spec: { replicas: 1, selector: { matchLabels: labels }, template },
    },
  ],
  ['/api/v1/namespaces/{ns}/pods', { metadata: { name: 'web-5d4f-abcde', labels }, spec: template.spec }],
  ['/api/v1/namespaces/{ns}/pods', { metadata: { name: 'solo' }, spec: template.spec }],
  [
    '/api/v1/namespaces/{ns}/services',
    { metadata: { name: 'web', labels }, spec: { selector: labels, ports: [{ port: 80 }] } },
  ],
  [
    '/apis/apps/v1/namespaces/{ns}/statefulsets',
    {
      metadata: { name: 'db' },
      spec: {
        replicas: 0,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: dbTemplate(),
      },
    },
  ],
  [
    '/apis/apps/v1/namespaces/{ns}/daemonsets',
    {
      metadata: { name: 'agent', labels },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: agent() },
    },
  ],
  [
    '/apis/batch/v1/namespaces/{ns}/cronjobs',
    {
      metadata: { name: 'nightly' },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: { spec: { template: { spec: { ...template.spec, restartPolicy: 'Never' } } } },
      },
    },
  ],
  [
    '/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers',
    {
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3 },
    },
  ],
  ['/api/v1/namespaces/{ns}/configmaps', { metadata: { name: 'settings', labels }, data: { a: '1' } }],
  [
    '/apis/stable.example.com/v1/namespaces/{ns}/crontabs',
    { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'tick', labels } },
  ],
];

function dbTemplate(): Obj {
  return { metadata: { labels: { app: 'db' } }, spec: template.spec };
}

function agent(): Obj {
  return { metadata: { labels: { app: 'agent' } }, spec: template.spec };
}

const cases: string[][] = [
  ['get', 'all'],
  ['get', 'all', '-o', 'wide'],
  ['get', 'all', '-o', 'name'],
  ['get', 'all', '-o', 'yaml'],
  ['get', 'all', '-o', 'json'],
  ['get', 'all', '-l', 'app=web'],
  ['get', 'all', '-l', 'app=web', '-o', 'name'],
  ['get', 'all', '-l', 'app=none'],
  ['get', 'all', '--show-kind'],
  ['get', 'all', '--no-headers'],
  ['get', 'all', '--show-labels'],
  ['get', 'all,cm'],
  ['get', 'cm,all'],
  ['get', 'all,ns', '-l', 'app=none'],
  ['get', 'all,crontabs'],
  ['get', 'all', 'web'],
  ['get', 'deploy,svc'],
  ['get', 'deploy,svc', '-o', 'wide'],
  ['get', 'deploy,svc', 'web'],
  ['get', 'deploy,svc,cm', 'web'],
  ['get', 'deploy,svc', 'web', '-o', 'name'],
  ['get', 'svc,deploy', '-o', 'name'],
  ['get', 'deploy/web', 'svc/web', 'cm/settings'],
  ['get', 'pods,po,pod'],
  ['get', 'pods,deploy', '-l', 'app=web', '--no-headers'],
  ['get', 'ct,cm'],
  ['get', 'cronjobs,jobs'],
  ['get', 'jobs,cronjobs'],
];

/** Cases run in a namespace with nothing in it. */
const inEmptyNamespace: string[][] = [
  ['get', 'all'],
  ['get', 'all,cm'],
  ['get', 'all', '-o', 'name'],
  ['get', 'deploy,svc', '-o', 'name'],
  ['get', 'all', '-o', 'yaml'],
  ['get', 'all', '-o', 'json'],
  ['get', 'all,ns'],
  ['get', 'ns,all', '-l', 'app=none'],
  ['get', 'all', '--ignore-not-found'],
];

/** Cases whose output lists both sides' namespaces: compared with `bos` read as `ref` on both. */
const acrossNamespaces: string[][] = [
  ['get', 'all', '-A'],
  ['get', 'all', '-A', '-o', 'name'],
  ['get', 'all', '-A', '-l', 'app=web'],
  ['get', 'deploy,svc,ns', '-A'],
  ['get', 'ns,svc', '-A'],
  ['get', 'svc,ns', '-A', '-o', 'wide'],
  ['get', 'cm,ns,deploy', '-A', '-l', 'app=web'],
];

const h = new Harness();

describe.skipIf(!kubectlBin)('get over several types equals kubectl 1.35', () => {
  beforeAll(async () => {
    await h.start();
    await h.api('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crontabs);
    // the CRD is served once the server has published it
    for (let i = 0; i < 50; i++) {
      const r = await h.rest!.request('GET', '/apis/stable.example.com/v1');
      if (r.status === 200) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    await h.both(async (ns) => {
      await h.api('POST', '/api/v1/namespaces', { metadata: { name: `${ns}-empty` } });
      for (const [path, body] of objects) await h.api('POST', path.replace('{ns}', ns), body);
    });
  }, 60_000);

  afterAll(() => h.stop());

  compareEach(flagsFirst(h), cases);

  for (const args of inEmptyNamespace) {
    test(`${args.join(' ')} (empty namespace)`, async () => {
      // namespaces are listed whole on both sides: `bos` read as `ref` on both
      const same = (t: string) => normalise(t.replace(/\bbos\b/g, 'ref'));
      const expected = await runEmpty(h, 'ref', args);
      const actual = await runEmpty(h, 'bos', args);
      expect(same(actual.stdout)).toBe(same(expected.stdout));
      expect(same(actual.stderr)).toBe(same(expected.stderr));
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }

  for (const args of acrossNamespaces) {
    test(args.join(' '), async () => {
      const same = (t: string) => normalise(t.replace(/\bbos\b/g, 'ref'));
      const expected = await runSide(h, 'ref', args);
      const actual = await runSide(h, 'bos', args);
      expect(same(actual.stdout)).toBe(same(expected.stdout));
      expect(same(actual.stderr)).toBe(same(expected.stderr));
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }
});
