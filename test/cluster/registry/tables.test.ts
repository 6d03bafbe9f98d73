import { describe, expect, test } from 'vitest';
import {
  humanDuration,
  type KubeObject,
  strategyForCustomResource,
} from '../../../src/cluster/registry/index.ts';
import { strategy } from './helpers.ts';

const now = new Date('2026-01-01T12:00:00Z');
const ago = (seconds: number) =>
  new Date(now.getTime() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  const s = 1000;
  test.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [125 * s, '2m5s'],
    [180 * s, '3m'],
    [10 * 60 * s, '10m'],
    [179 * 60 * s, '179m'],
    [3 * 3600 * s + 4 * 60 * s, '3h4m'],
    [5 * 3600 * s, '5h'],
    [47 * 3600 * s, '47h'],
    [50 * 3600 * s, '2d2h'],
    [72 * 3600 * s, '3d'],
    [30 * 86400 * s, '30d'],
    [800 * 86400 * s, '2y70d'],
    [3650 * 86400 * s, '10y'],
  ])('%d ms → %s', (ms, expected) => expect(humanDuration(ms)).toBe(expected));
});

const header = (group: string, version: string, plural: string, wide = false) =>
  strategy(group, version, plural)
    .tableColumns()
    .filter((c) => wide || c.priority === 0)
    .map((c) => c.name.toUpperCase())
    .join(' ');

describe('columns as kubectl shows them', () => {
  test.each([
    ['', 'pods', false, 'NAME READY STATUS RESTARTS AGE'],
    ['', 'pods', true, 'NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES'],
    ['apps', 'deployments', true, 'NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR'],
    ['', 'services', true, 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE SELECTOR'],
    ['', 'configmaps', false, 'NAME DATA AGE'],
    ['', 'secrets', false, 'NAME TYPE DATA AGE'],
    ['batch', 'jobs', false, 'NAME STATUS COMPLETIONS DURATION AGE'],
    ['batch', 'cronjobs', false, 'NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE'],
    ['apps', 'statefulsets', false, 'NAME READY AGE'],
    ['', 'namespaces', false, 'NAME STATUS AGE'],
    ['rbac.authorization.k8s.io', 'roles', false, 'NAME CREATED AT'],
    ['', 'events', false, 'LAST SEEN TYPE REASON OBJECT MESSAGE'],
  ] as const)('%s/%s wide=%s', (group, plural, wide, expected) => {
    expect(header(group, 'v1', plural, wide)).toBe(expected);
  });
});

const running = { running: { startedAt: ago(60) } };
const pod = (status: Record<string, unknown>, extra: Partial<KubeObject> = {}): KubeObject => ({
  metadata: { name: 'p', creationTimestamp: ago(300), ...(extra.metadata ?? {}) },
  spec: { containers: [{ name: 'a' }, { name: 'b' }], nodeName: 'node-1', ...(extra.spec ?? {}) },
  status,
});

describe('pod rows', () => {
  const row = (p: KubeObject) => strategy('', 'v1', 'pods').tableRow(p, now);
  test.each([
    [
      'pending, nothing started',
      pod({ phase: 'Pending' }),
      ['p', '0/2', 'Pending', '0', '5m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'running and ready',
      pod({
        phase: 'Running',
        podIPs: [{ ip: '10.244.0.5' }],
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 0, state: running },
          { name: 'b', ready: true, restartCount: 0, state: running },
        ],
      }),
      ['p', '2/2', 'Running', '0', '5m', '10.244.0.5', 'node-1', '<none>', '<none>'],
    ],
    [
      'crash looping with a recent restart',
      pod({
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 0, state: running },
          {
            name: 'b',
            ready: false,
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } },
          },
        ],
      }),
      ['p', '1/2', 'CrashLoopBackOff', '5 (90s ago)', '5m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'container creating',
      pod({
        phase: 'Pending',
        containerStatuses: [{ name: 'a', state: { waiting: { reason: 'ContainerCreating' } } }],
      }),
      ['p', '0/2', 'ContainerCreating', '0', '5m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'init container 0 of 1 running',
      pod(
        { phase: 'Pending', initContainerStatuses: [{ name: 'init', state: running }] },
        { spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'a' }] } },
      ),
      ['p', '0/1', 'Init:0/1', '0', '5m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'completed',
      pod({
        phase: 'Succeeded',
        containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      }),
      ['p', '0/2', 'Completed', '0', '5m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'terminating',
      pod(
        { phase: 'Running', containerStatuses: [{ name: 'a', ready: true, state: running }] },
        { metadata: { name: 'p', deletionTimestamp: ago(1), creationTimestamp: ago(300) } },
      ),
      ['p', '1/2', 'Terminating', '0', '5m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'image pull error',
      pod({
        phase: 'Pending',
        containerStatuses: [{ name: 'a', state: { waiting: { reason: 'ErrImagePull' } } }],
      }),
      ['p', '0/2', 'ErrImagePull', '0', '5m', '<none>', 'node-1', '<none>', '<none>'],
    ],
  ])('%s', (_n, p, expected) => expect(row(p)).toEqual(expected));
});

describe('other rows', () => {
  test('deployment', () => {
    const d: KubeObject = {
      metadata: { name: 'web', creationTimestamp: ago(3700) },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web', tier: 'fe' } },
        template: {
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx:1.27' },
              { name: 'side', image: 'busybox' },
            ],
          },
        },
      },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(strategy('apps', 'v1', 'deployments').tableRow(d, now)).toEqual([
      'web',
      '2/3',
      3,
      2,
      '61m',
      'nginx,side',
      'nginx:1.27,busybox',
      'app=web,tier=fe',
    ]);
  });

  test('services of each type', () => {
    const s = strategy('', 'v1', 'services');
    const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({
      metadata: { name: 's', creationTimestamp: ago(10) },
      spec,
      status,
    });
    expect(
      s.tableRow(
        svc({
          type: 'ClusterIP',
          clusterIPs: ['10.96.0.10'],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
          selector: { k: 'v' },
        }),
        now,
      ),
    ).toEqual(['s', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP', '10s', 'k=v']);
    expect(
      s.tableRow(
        svc({
          type: 'NodePort',
          clusterIPs: ['10.96.1.1'],
          ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
        }),
        now,
      ),
    ).toEqual(['s', 'NodePort', '10.96.1.1', '<none>', '80:30080/TCP', '10s', '<none>']);
    expect(s.tableRow(svc({ type: 'LoadBalancer', clusterIPs: ['10.96.1.2'], ports: [] }), now)[3]).toBe(
      '<pending>',
    );
    expect(s.tableRow(svc({ type: 'ExternalName', externalName: 'example.com' }), now).slice(1, 5)).toEqual([
      'ExternalName',
      '<none>',
      'example.com',
      '<none>',
    ]);
  });

  test('jobs and cronjobs', () => {
    const job: KubeObject = {
      metadata: { name: 'pi', creationTimestamp: ago(200) },
      spec: {
        completions: 1,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } },
        template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } },
      },
      status: {
        succeeded: 1,
        startTime: ago(200),
        completionTime: ago(170),
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    };
    expect(strategy('batch', 'v1', 'jobs').tableRow(job, now)).toEqual([
      'pi',
      'Complete',
      '1/1',
      '30s',
      '3m20s',
      'pi',
      'perl',
      'batch.kubernetes.io/controller-uid=u',
    ]);
    const cj: KubeObject = {
      metadata: { name: 'tick', creationTimestamp: ago(7200) },
      spec: {
        schedule: '*/5 * * * *',
        suspend: false,
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } },
      },
      status: { lastScheduleTime: ago(45) },
    };
    expect(strategy('batch', 'v1', 'cronjobs').tableRow(cj, now)).toEqual([
      'tick',
      '*/5 * * * *',
      '<none>',
      'False',
      0,
      '45s',
      '120m',
      'c',
      'busybox',
      '<none>',
    ]);
  });

  test('configmaps, secrets, namespaces and the default NAME/CREATED AT table', () => {
    expect(
      strategy('', 'v1', 'configmaps').tableRow(
        { metadata: { name: 'c', creationTimestamp: ago(5) }, data: { a: '1' }, binaryData: { b: 'AA==' } },
        now,
      ),
    ).toEqual(['c', 2, '5s']);
    expect(
      strategy('', 'v1', 'secrets').tableRow(
        { metadata: { name: 's', creationTimestamp: ago(5) }, type: 'Opaque', data: { a: 'eA==' } },
        now,
      ),
    ).toEqual(['s', 'Opaque', 1, '5s']);
    expect(
      strategy('', 'v1', 'namespaces').tableRow(
        { metadata: { name: 'default', creationTimestamp: ago(90000) }, status: { phase: 'Active' } },
        now,
      ),
    ).toEqual(['default', 'Active', '25h']);
    expect(
      strategy('rbac.authorization.k8s.io', 'v1', 'roles').tableRow(
        { metadata: { name: 'r', creationTimestamp: '2026-01-01T11:00:00Z' } },
        now,
      ),
    ).toEqual(['r', '2026-01-01T11:00:00Z']);
  });

  test('events', () => {
    const ev: KubeObject = {
      metadata: { name: 'web.123' },
      involvedObject: { kind: 'Pod', name: 'web-1' },
      reason: 'Pulled',
      message: 'Successfully pulled image\n',
      type: 'Normal',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: ago(120),
      lastTimestamp: ago(30),
      count: 3,
    };
    expect(strategy('', 'v1', 'events').tableRow(ev, now)).toEqual([
      '30s',
      'Normal',
      'Pulled',
      'pod/web-1',
      '',
      'kubelet, node-1',
      'Successfully pulled image',
      '2m',
      3,
      'web.123',
    ]);
  });
});

describe('custom resources', () => {
  const crd: KubeObject = {
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets', shortNames: ['wd'], categories: ['all'] },
      versions: [
        {
          name: 'v1',
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
            { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
        },
        { name: 'v2' },
      ],
    },
  };

  test('discovery facts and printer columns', () => {
    const s = strategyForCustomResource(crd, 'v1');
    expect(s.info).toMatchObject({
      group: 'example.com',
      kind: 'Widget',
      listKind: 'WidgetList',
      singular: 'widget',
      namespaced: true,
      shortNames: ['wd'],
      categories: ['all'],
    });
    expect(s.info.subresources).toEqual({ status: true });
    expect(s.tableColumns().map((c) => c.name)).toEqual(['Name', 'Size', 'Ready', 'Age']);
    const w: KubeObject = {
      metadata: { name: 'w', creationTimestamp: ago(65) },
      spec: { size: 3 },
      status: {
        conditions: [
          { type: 'Synced', status: 'False' },
          { type: 'Ready', status: 'True' },
        ],
      },
    };
    expect(s.tableRow(w, now)).toEqual(['w', 3, 'True', '65s']);
    expect(s.tableRow({ metadata: { name: 'x' } }, now)).toEqual(['x', null, null, null]);
  });

  test('a version without columns prints NAME and AGE', () => {
    const s = strategyForCustomResource(crd, 'v2');
    expect(s.tableColumns().map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Age', 'date'],
    ]);
    expect(s.tableRow({ metadata: { name: 'w', creationTimestamp: ago(3) } }, now)).toEqual(['w', '3s']);
  });
});
