// Resource words resolved as kubectl 1.35 resolves them, checked against the real kubectl on one
// control plane: plural, singular, kind and short names in several cases, `resource.group`
// (and group prefixes), `resource.version.group`, `Kind.version.group`, categories, short names
// that name several resources (kubectl's warning), custom resources, the `<Kind>List` names
// upstream's mapper invents, malformed TYPE/NAME arguments and the exact errors; through get,
// describe and delete --dry-run, which share the resolution.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEach, Harness, kubectlBin } from './harness.ts';
import { flagsFirst, runSide } from './sides.ts';

if (!kubectlBin)
  console.log('kubectl resolve compare: skipped, no reference kubectl (run scripts/reference-bins.sh)');

type Obj = Record<string, any>;

const anything = { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };

/** A namespaced custom resource whose short names clash with a built-in one and with `widgets`. */
const crontabs: Obj = {
  metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com',
    scope: 'Namespaced',
    names: {
      plural: 'crontabs',
      singular: 'crontab',
      kind: 'CronTab',
      shortNames: ['ct', 'deploy'],
      categories: ['all', 'cron-things'],
    },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            description: 'CronTab runs a command on a schedule.',
            type: 'object',
            properties: { spec: { type: 'object', description: 'What to run and when.' } },
          },
        },
      },
      { name: 'v1beta1', served: true, storage: false, schema: anything },
    ],
  },
};

/** A cluster-scoped one whose singular is not its kind. */
const widgets: Obj = {
  metadata: { name: 'widgets.toys.example.org' },
  spec: {
    group: 'toys.example.org',
    scope: 'Cluster',
    names: {
      plural: 'widgets',
      singular: 'gadget',
      kind: 'Widget',
      shortNames: ['ct', 'wd'],
      categories: ['cron-things'],
    },
    versions: [{ name: 'v2', served: true, storage: true, schema: anything }],
  },
};

/** Each is `kubectl get WORD`. */
const words: string[] = [
  // plural, singular, kind: any case
  'deployments',
  'Deployments',
  'DEPLOYMENTS',
  'deployment',
  'Deployment',
  'DEPLOYMENT',
  'dEpLoYmEnT',
  // short names: exact case only; `deploy` also names crontabs here
  'deploy',
  'Deploy',
  'DEPLOY',
  'po',
  'PO',
  'svc',
  'cm',
  'ev',
  'EV',
  'hpa',
  'crd',
  'crds',
  // resource.group, group prefixes, resource.version.group
  'deployments.apps',
  'deployment.apps',
  'deploy.apps',
  'deployments.app',
  'deploy.ap',
  'deployments.APPS',
  'Deployment.apps',
  'deployments.v1.apps',
  'deployment.v1.apps',
  'Deployment.v1.apps',
  'deploy.v1.apps',
  'deployments.v2.apps',
  'hpa.autoscaling',
  'horizontalpodautoscalers.v1.autoscaling',
  'horizontalpodautoscalers.v2.autoscaling',
  'HorizontalPodAutoscaler.v1.autoscaling',
  'hpa.v1.autoscaling',
  'events.events.k8s.io',
  'ev.events.k8s.io',
  'ev.events',
  'events.k8s',
  'Event.v1.events.k8s.io',
  'pods.v1',
  'po.v1',
  'Pod.v1',
  // custom resources
  'ct',
  'crontab',
  'crontabs',
  'CronTab',
  'crontabs.stable',
  'crontabs.stable.example.com',
  'ct.stable.example.com',
  'ct.toys',
  'crontabs.v1beta1.stable.example.com',
  'CronTab.v1beta1.stable.example.com',
  'widgets',
  'widget',
  'Widget',
  'Widget.toys.example.org',
  'gadget',
  'wd',
  // categories are case-sensitive
  'all',
  'ALL',
  'cron-things',
  'cron-things,cm',
  // lists upstream's mapper guesses for every kind, and nothing at all
  'deploymentlist',
  'deploymentlists',
  'list',
  'nothings',
  'foo.bar',
  'foo.v1.bar',
  'deploy,',
  ',',
];

/** Whole commands. */
const commands: string[][] = [
  ['get', 'deployments', 'web'],
  ['get', 'ns', 'default'],
  ['get', 'NS', 'default'],
  ['get', 'Namespace/default', '-o', 'name'],
  ['get', 'Deployment', 'web', '-o', 'name'],
  ['get', 'deployment.v1.apps/web', '-o', 'name'],
  ['get', 'DEPLOY/web'],
  ['get', 'deploy/web', 'ct/tick'],
  ['get', 'deploy,ct', 'web'],
  ['get', 'all', 'web'],
  ['get', 'all,cm', 'web'],
  ['get', 'pods,pod,po'],
  ['get', 'deploy/web', 'svc'],
  ['get', 'a/b/c'],
  ['get', 'deploy,svc/web'],
  ['get', '/web'],
  ['get', 'deploy/'],
  ['get', 'deploy', 'web', '-l', 'app=web'],
  ['get', 'nothings', 'web', '-l', 'app=web'],
  ['get', 'deploy/web', '-l', 'app=web'],
  ['get', 'pods', '--field-selector', 'nope=1'],
  ['get', 'pods', '-l', 'app=web', '--field-selector', 'nope=1'],
  ['get', 'all', '-w', '--request-timeout=1s'],
  ['get', 'pods,pod', '-w', '--request-timeout=1s'],
  ['get', 'deploy/web', 'svc/web', '-w', '--request-timeout=1s'],
  ['get', 'pod', 'nope', '-w', '--request-timeout=1s'],
  ['describe', 'ev'],
  ['describe', 'EV'],
  ['describe', 'deployment.apps', 'web'],
  ['describe', 'ct', 'tick'],
  ['describe', 'nothings'],
  ['delete', 'Deployment', 'web', '--dry-run=client'],
  ['delete', 'deploy.apps/web', '--dry-run=client'],
  ['delete', 'ct', 'tick', '--dry-run=client'],
  ['delete', 'ev', '--all', '--dry-run=client'],
  ['delete', 'DEPLOY', 'web', '--dry-run=client'],
  ['explain', 'ct'],
  ['explain', 'crontabs.spec'],
];

const h = new Harness();

describe.skipIf(!kubectlBin)('resource words resolve as kubectl 1.35 resolves them', () => {
  beforeAll(async () => {
    await h.start();
    for (const crd of [crontabs, widgets])
      await h.api('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    for (const path of ['/apis/stable.example.com/v1', '/apis/toys.example.org/v2'])
      for (let i = 0; i < 50 && (await h.rest!.request('GET', path)).status !== 200; i++)
        await new Promise((done) => setTimeout(done, 100));
    const labels = { app: 'web' };
    await h.both(async (ns) => {
      await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
        metadata: { name: 'web', labels },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
        },
      });
      await h.api('POST', `/apis/stable.example.com/v1/namespaces/${ns}/crontabs`, {
        apiVersion: 'stable.example.com/v1',
        kind: 'CronTab',
        metadata: { name: 'tick' },
      });
    });
  }, 60_000);

  afterAll(() => h.stop());

  test('explain shows the description a custom resource schema gives its root', async () => {
    const shown = await runSide(h, 'ref', ['explain', 'crontabs']);
    expect(shown.stdout).toMatch(/DESCRIPTION:\n {4}CronTab runs a command on a schedule\.\n/);
    expect(shown.stdout).toMatch(/spec\t<Object>\n {4}What to run and when\./);
  }, 60_000);

  const cases = [...words.map((w) => ['get', w]), ...commands];
  compareEach(flagsFirst(h), cases);
});
