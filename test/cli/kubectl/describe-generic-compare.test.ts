// `bosun kubectl describe` against the real kubectl 1.35 on the same control plane for
// ReplicationControllers and for the kinds upstream describes generically (every field of the
// object with readable labels): Lease, Event, ControllerRevision, PodTemplate,
// CustomResourceDefinition and a custom resource.

import { afterAll, beforeAll, describe } from 'vitest';
import { compareEach, Harness, kubectlBin } from './harness.ts';

if (!kubectlBin)
  console.log(
    'kubectl describe generic compare: skipped, no reference kubectl (run scripts/reference-bins.sh)',
  );

type Obj = Record<string, any>;

const template = (labels: Obj) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
});

const controllers: { body: Obj; status?: Obj }[] = [
  {
    body: {
      metadata: { name: 'web', labels: { app: 'web' }, annotations: { note: 'legacy' } },
      spec: {
        replicas: 3,
        selector: { app: 'web', tier: 'fe' },
        template: template({ app: 'web', tier: 'fe' }),
      },
    },
    status: {
      replicas: 2,
      conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' }],
    },
  },
  { body: { metadata: { name: 'min' }, spec: { template: template({ run: 'min' }) } } },
];

const crd: Obj = {
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', shortNames: ['wd'] },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  size: { type: 'integer' },
                  colour: { type: 'string' },
                  tags: { type: 'array', items: { type: 'string' } },
                  parts: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { name: { type: 'string' }, count: { type: 'integer' } },
                    },
                  },
                  enabled: { type: 'boolean' },
                  ratio: { type: 'number' },
                  tiny: { type: 'number' },
                  apiURL: { type: 'string' },
                  HTTPServer: { type: 'string' },
                },
              },
            },
          },
        },
      },
    ],
  },
};

const widget: Obj = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'gear', labels: { app: 'web' } },
  spec: {
    size: 3,
    colour: 'red',
    tags: ['a', 'b'],
    parts: [
      { name: 'cog', count: 2 },
      { name: 'axle', count: 1 },
    ],
    enabled: true,
    ratio: 0.5,
    // Go prints this one as 1e-05
    tiny: 0.00001,
    apiURL: 'https://example.com',
    HTTPServer: 'x',
  },
};

const cases: string[][] = [
  ['describe', 'rc', 'web'],
  ['describe', 'replicationcontroller/min'],
  ['describe', 'rc'],
  ['describe', 'rc', '-l', 'app=web'],
  ['describe', 'lease', 'leader'],
  ['describe', 'leases'],
  ['describe', 'podtemplate', 'base'],
  ['describe', 'controllerrevision', 'web-1'],
  ['describe', 'events.v1.events.k8s.io', 'web.1'],
  ['describe', 'event', 'web.1'],
  ['describe', 'crd', 'widgets.example.com'],
  ['describe', 'widget', 'gear'],
  ['describe', 'wd'],
  ['describe', 'widgets', '-l', 'app=web'],
];

describe.skipIf(!kubectlBin)('bosun kubectl describe (rc, generic kinds) equals kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
    await h.api('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    // the new resource shows in discovery once established
    for (let i = 0; i < 50; i++) {
      const r = await h.rest!.request('GET', '/apis/example.com/v1');
      if (r.status === 200) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    await h.both(async (ns) => {
      for (const rc of controllers) {
        const created = await h.api('POST', `/api/v1/namespaces/${ns}/replicationcontrollers`, rc.body);
        if (rc.status)
          await h.api(
            'PATCH',
            `/api/v1/namespaces/${ns}/replicationcontrollers/${rc.body.metadata.name}/status`,
            { status: rc.status },
            'application/merge-patch+json',
          );
        if (rc.body.metadata.name !== 'web') continue;
        // two pods of the controller (one running, one pending) and one it does not own
        for (const [name, phase, owned] of [
          ['web-a', 'Running', true],
          ['web-b', 'Pending', true],
          ['web-c', 'Running', false],
        ] as const) {
          await h.api('POST', `/api/v1/namespaces/${ns}/pods`, {
            metadata: {
              name,
              labels: { app: 'web', tier: 'fe' },
              ownerReferences: owned
                ? [
                    {
                      apiVersion: 'v1',
                      kind: 'ReplicationController',
                      name: 'web',
                      uid: created.metadata.uid,
                      controller: true,
                    },
                  ]
                : [],
            },
            spec: template({}).spec,
          });
          await h.api(
            'PATCH',
            `/api/v1/namespaces/${ns}/pods/${name}/status`,
            { status: { phase } },
            'application/merge-patch+json',
          );
        }
        await h.api('POST', `/api/v1/namespaces/${ns}/events`, {
          metadata: { name: 'web.1' },
          involvedObject: {
            apiVersion: 'v1',
            kind: 'ReplicationController',
            name: 'web',
            namespace: ns,
            uid: created.metadata.uid,
          },
          reason: 'SuccessfulCreate',
          message: 'Created pod: web-a',
          type: 'Normal',
          source: { component: 'replication-controller' },
          firstTimestamp: '2024-03-01T10:00:00Z',
          lastTimestamp: '2024-03-01T10:00:00Z',
          count: 4,
        });
      }
      await h.api('POST', `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`, {
        metadata: { name: 'leader', labels: { app: 'web' } },
        spec: {
          holderIdentity: 'web-1',
          leaseDurationSeconds: 15,
          leaseTransitions: 2,
          acquireTime: '2024-03-01T10:00:00.000000Z',
        },
      });
      await h.api('POST', `/api/v1/namespaces/${ns}/podtemplates`, {
        metadata: { name: 'base', labels: { app: 'web' } },
        template: template({ app: 'web' }),
      });
      await h.api('POST', `/apis/apps/v1/namespaces/${ns}/controllerrevisions`, {
        metadata: { name: 'web-1', labels: { app: 'web' } },
        revision: 1,
        data: { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } } },
      });
      await h.api('POST', `/apis/example.com/v1/namespaces/${ns}/widgets`, widget);
    });
  }, 60_000);
  afterAll(() => h.stop());

  compareEach(h, cases);
});
