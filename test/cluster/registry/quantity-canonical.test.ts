// The API server stores every resource.Quantity in canonical form, as kube-apiserver does after
// decoding into Go types, and answers a malformed one with upstream's decode error.

import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/cluster/registry/index.ts';
import { created, strategy } from './helpers.ts';

type Obj = Record<string, any>;

interface Case {
  name: string;
  resource: [string, string, string];
  input: KubeObject;
  /** dotted path (numbers index lists) -> the stored value; `undefined` means absent */
  expected: Record<string, unknown>;
  /** written through the status subresource (a create drops status) */
  status?: boolean;
}

const container = (resources: Obj, extra: Obj = {}) => ({ name: 'c', image: 'nginx', resources, ...extra });

const cases: Case[] = [
  {
    name: 'pod container, init and ephemeral resources, overhead, pod-level resources',
    resource: ['', 'v1', 'pods'],
    input: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        containers: [
          container({ requests: { cpu: '1000m', memory: '1.5Gi' }, limits: { cpu: 2, memory: '2048Mi' } }),
        ],
        initContainers: [container({ requests: { cpu: 0.5 } })],
        ephemeralContainers: [container({ limits: { 'ephemeral-storage': '1000M' } })],
        overhead: { cpu: '0.25' },
        resources: { limits: { memory: '1024Ki' } },
        volumes: [
          { name: 'a', emptyDir: { sizeLimit: '1000Mi' } },
          { name: 'b', emptyDir: { sizeLimit: null } },
          {
            name: 'c',
            ephemeral: {
              volumeClaimTemplate: {
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1e9' } } },
              },
            },
          },
        ],
      },
    },
    expected: {
      'spec.containers.0.resources.requests.cpu': '1',
      'spec.containers.0.resources.requests.memory': '1536Mi',
      'spec.containers.0.resources.limits.cpu': '2',
      'spec.containers.0.resources.limits.memory': '2Gi',
      'spec.initContainers.0.resources.requests.cpu': '500m',
      'spec.ephemeralContainers.0.resources.limits.ephemeral-storage': '1G',
      'spec.overhead.cpu': '250m',
      'spec.resources.limits.memory': '1Mi',
      'spec.volumes.0.emptyDir.sizeLimit': '1000Mi',
      'spec.volumes.1.emptyDir.sizeLimit': undefined,
      'spec.volumes.2.ephemeral.volumeClaimTemplate.spec.resources.requests.storage': '1e9',
    },
  },
  {
    name: 'a resourceFieldRef without a divisor gets the zero Quantity, "0"',
    resource: ['', 'v1', 'pods'],
    input: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        containers: [
          container(
            {},
            {
              env: [
                { name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
                {
                  name: 'B',
                  valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1024Ki' } },
                },
              ],
            },
          ),
        ],
        volumes: [
          {
            name: 'd',
            downwardAPI: {
              items: [{ path: 'x', resourceFieldRef: { resource: 'requests.cpu', containerName: 'c' } }],
            },
          },
        ],
      },
    },
    expected: {
      'spec.containers.0.env.0.valueFrom.resourceFieldRef.divisor': '0',
      'spec.containers.0.env.1.valueFrom.resourceFieldRef.divisor': '1Mi',
      'spec.volumes.0.downwardAPI.items.0.resourceFieldRef.divisor': '0',
    },
  },
  {
    name: 'limits copied to requests by defaulting are canonical too',
    resource: ['', 'v1', 'pods'],
    input: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [container({ limits: { cpu: '2000m' } })] },
    },
    expected: { 'spec.containers.0.resources.limits.cpu': '2' },
  },
  {
    name: 'deployment template',
    resource: ['apps', 'v1', 'deployments'],
    input: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'default' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: {
          metadata: { labels: { a: 'b' } },
          spec: { containers: [container({ requests: { cpu: '100m', memory: '134217728' } })] },
        },
      },
    },
    expected: {
      'spec.template.spec.containers.0.resources.requests.cpu': '100m',
      'spec.template.spec.containers.0.resources.requests.memory': '134217728',
    },
  },
  {
    name: 'statefulset template and volume claim templates',
    resource: ['apps', 'v1', 'statefulsets'],
    input: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's', namespace: 'default' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        serviceName: 's',
        template: {
          metadata: { labels: { a: 'b' } },
          spec: { containers: [container({ limits: { cpu: '1.0' } })] },
        },
        volumeClaimTemplates: [
          { metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1024Mi' } } } },
        ],
      },
    },
    expected: {
      'spec.template.spec.containers.0.resources.limits.cpu': '1',
      'spec.volumeClaimTemplates.0.spec.resources.requests.storage': '1Gi',
    },
  },
  {
    name: 'cronjob job template',
    resource: ['batch', 'v1', 'cronjobs'],
    input: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c', namespace: 'default' },
      spec: {
        schedule: '* * * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: { restartPolicy: 'Never', containers: [container({ requests: { cpu: '.1' } })] },
            },
          },
        },
      },
    },
    expected: { 'spec.jobTemplate.spec.template.spec.containers.0.resources.requests.cpu': '100m' },
  },
  {
    name: 'PVC requests',
    resource: ['', 'v1', 'persistentvolumeclaims'],
    input: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10240Mi' } } },
    },
    expected: { 'spec.resources.requests.storage': '10Gi' },
  },
  {
    name: 'PV capacity',
    resource: ['', 'v1', 'persistentvolumes'],
    input: {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'v' },
      spec: { capacity: { storage: '5000M' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' } },
    },
    expected: { 'spec.capacity.storage': '5G' },
  },
  {
    name: 'ResourceQuota hard',
    resource: ['', 'v1', 'resourcequotas'],
    input: {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q', namespace: 'default' },
      spec: { hard: { 'requests.cpu': '4000m', pods: 10, 'limits.memory': '8192Mi' } },
    },
    expected: {
      'spec.hard.requests\\.cpu': '4',
      'spec.hard.pods': '10',
      'spec.hard.limits\\.memory': '8Gi',
    },
  },
  {
    name: 'LimitRange',
    resource: ['', 'v1', 'limitranges'],
    input: {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'l', namespace: 'default' },
      spec: {
        limits: [
          {
            type: 'Container',
            max: { cpu: '2000m' },
            min: { memory: '0.5Mi' },
            default: { cpu: '500m' },
            defaultRequest: { cpu: 0.25 },
            maxLimitRequestRatio: { cpu: '4' },
          },
        ],
      },
    },
    expected: {
      'spec.limits.0.max.cpu': '2',
      'spec.limits.0.min.memory': '512Ki',
      'spec.limits.0.default.cpu': '500m',
      'spec.limits.0.defaultRequest.cpu': '250m',
      'spec.limits.0.maxLimitRequestRatio.cpu': '4',
    },
  },
  {
    name: 'Node capacity and allocatable',
    resource: ['', 'v1', 'nodes'],
    status: true,
    input: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
      status: { capacity: { cpu: '8000m', memory: '16Gi' }, allocatable: { cpu: 7.5, pods: '110' } },
    },
    expected: {
      'status.capacity.cpu': '8',
      'status.capacity.memory': '16Gi',
      'status.allocatable.cpu': '7500m',
      'status.allocatable.pods': '110',
    },
  },
  {
    name: 'HPA v2 metric targets and behavior tolerance',
    resource: ['autoscaling', 'v2', 'horizontalpodautoscalers'],
    input: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h', namespace: 'default' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1024Mi' } },
          },
          {
            type: 'Pods',
            pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1000m' } },
          },
          {
            type: 'External',
            external: { metric: { name: 'queue' }, target: { type: 'Value', value: 0.5 } },
          },
        ],
        behavior: { scaleUp: { tolerance: '0.05' } },
      },
    },
    expected: {
      'spec.metrics.0.resource.target.averageValue': '1Gi',
      'spec.metrics.1.pods.target.averageValue': '1',
      'spec.metrics.2.external.target.value': '500m',
      'spec.behavior.scaleUp.tolerance': '50m',
    },
  },
];

/** Reads a dotted path; `\.` escapes a dot inside a key. */
function at(obj: unknown, path: string): unknown {
  const keys = path.split(/(?<!\\)\./).map((k) => k.replace(/\\\./g, '.'));
  let cur: any = obj;
  for (const k of keys) cur = cur?.[k];
  return cur;
}

describe('quantities are stored canonical', () => {
  test.each(cases)('$name', ({ resource, input, expected, status }) => {
    const s = strategy(...resource);
    let out = created(s, input);
    if (status) {
      out = structuredClone(input);
      s.applyDefaults(out);
    }
    for (const [path, value] of Object.entries(expected))
      expect([path, at(out, path)]).toEqual([path, value]);
  });
});

const malformed = (value: unknown): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [container({ requests: { cpu: value } })] },
});

const formatError =
  'Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'';

describe('a malformed quantity is the decoder error, a 400 BadRequest', () => {
  test.each([
    ['abc', formatError],
    ['1 cpu', formatError],
    [true, formatError],
    [{ a: 1 }, formatError],
    ['1ki', 'Pod in version "v1" cannot be handled as a Pod: unable to parse quantity\'s suffix'],
  ])('%j', (value, message) => {
    let thrown: any;
    try {
      created(strategy('', 'v1', 'pods'), malformed(value));
    } catch (e) {
      thrown = e;
    }
    expect(thrown?.toStatus?.()).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });
  test('the version comes from the body, else from the URL', () => {
    const hpa = {
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h', namespace: 'default' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        maxReplicas: 2,
        metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { averageValue: 'x' } } }],
      },
    };
    expect(() => created(strategy('autoscaling', 'v2', 'horizontalpodautoscalers'), hpa)).toThrow(
      `HorizontalPodAutoscaler in version "v2" cannot be handled as a HorizontalPodAutoscaler: quantities must match`,
    );
  });
});
