import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/cluster/registry/index.ts';
import { created, strategy } from './helpers.ts';

// What a v1.35 kube-apiserver stores for these inputs (spec parts, as `kubectl get -o yaml` shows).
const container = (name: string, image: string, pull: string) => ({
  name,
  image,
  imagePullPolicy: pull,
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
});
const podSpecDefaults = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};
const template = (labels: Record<string, string>, containers: unknown[]) => ({
  metadata: { labels },
  spec: { containers },
});

interface Case {
  name: string;
  resource: [string, string, string];
  input: KubeObject;
  expected: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'Secret: stringData merged into data (its keys win) and dropped, type Opaque',
    resource: ['', 'v1', 'secrets'],
    input: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      data: { a: 'b2xk', keep: 'eA==' },
      stringData: { a: 'new', u: 'ünïcode' },
    },
    expected: { data: { a: 'bmV3', keep: 'eA==', u: 'w7xuw69jb2Rl' }, stringData: undefined, type: 'Opaque' },
  },
  {
    name: 'Deployment from `kubectl create deployment web --image=nginx`',
    resource: ['apps', 'v1', 'deployments'],
    input: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: template({ app: 'web' }, [{ name: 'nginx', image: 'nginx' }]),
      },
    },
    expected: {
      spec: {
        progressDeadlineSeconds: 600,
        replicas: 1,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'web' } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [container('nginx', 'nginx', 'Always')], ...podSpecDefaults },
        },
      },
    },
  },
  {
    name: 'Service with a numeric port',
    resource: ['', 'v1', 'services'],
    input: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    },
    expected: {
      spec: {
        clusterIP: '10.96.12.34',
        clusterIPs: ['10.96.12.34'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'NodePort Service gets a node port and external traffic policy',
    resource: ['', 'v1', 'services'],
    input: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'np', namespace: 'default' },
      spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] },
    },
    expected: {
      spec: {
        clusterIP: '10.96.12.34',
        clusterIPs: ['10.96.12.34'],
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 30080 }],
        sessionAffinity: 'None',
        type: 'NodePort',
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'StatefulSet',
    resource: ['apps', 'v1', 'statefulsets'],
    input: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: template({ app: 'db' }, [{ name: 'pg', image: 'postgres:16' }]),
      },
    },
    expected: {
      spec: {
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        podManagementPolicy: 'OrderedReady',
        replicas: 1,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'db' } },
        serviceName: 'db',
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [container('pg', 'postgres:16', 'IfNotPresent')], ...podSpecDefaults },
        },
        updateStrategy: { rollingUpdate: { maxUnavailable: 1, partition: 0 }, type: 'RollingUpdate' },
      },
    },
  },
  {
    name: 'DaemonSet',
    resource: ['apps', 'v1', 'daemonsets'],
    input: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: template({ app: 'agent' }, [{ name: 'a', image: 'reg.io:5000/agent@sha256:abc' }]),
      },
    },
    expected: {
      spec: {
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            containers: [container('a', 'reg.io:5000/agent@sha256:abc', 'IfNotPresent')],
            ...podSpecDefaults,
          },
        },
        updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
      },
    },
  },
  {
    name: 'CronJob (only the pod template inside the job template is defaulted)',
    resource: ['batch', 'v1', 'cronjobs'],
    input: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: {
        schedule: '*/5 * * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36' }] },
            },
          },
        },
      },
    },
    expected: {
      spec: {
        concurrencyPolicy: 'Allow',
        failedJobsHistoryLimit: 1,
        jobTemplate: {
          spec: {
            template: {
              spec: {
                ...podSpecDefaults,
                restartPolicy: 'OnFailure',
                containers: [container('c', 'busybox:1.36', 'IfNotPresent')],
              },
            },
          },
        },
        schedule: '*/5 * * * *',
        successfulJobsHistoryLimit: 3,
        suspend: false,
      },
    },
  },
  {
    name: 'Namespace gets its name label, finalizer and phase',
    resource: ['', 'v1', 'namespaces'],
    input: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
    expected: {
      metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
  },
];

describe('defaulting on create', () => {
  test.each(cases)('$name', ({ resource, input, expected }) => {
    const out = created(strategy(...resource), input);
    const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, out[k]]));
    expect(picked).toEqual(expected);
  });

  test('Job: completions/parallelism 1, backoff 6, generated selector and labels once the uid is known', () => {
    const s = strategy('batch', 'v1', 'jobs');
    const job = created(s, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
      spec: {
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } },
      },
    });
    expect(s.validateCreate(job)).toEqual([]);
    const labels = {
      'batch.kubernetes.io/controller-uid': 'u-1',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'u-1',
      'job-name': 'pi',
    };
    expect(job.metadata!.labels).toEqual(labels);
    expect(job.metadata!.generation).toBe(1);
    expect(job.spec).toMatchObject({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      suspend: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
      template: { metadata: { labels } },
    });
  });

  test('Pod: admission defaults, probes, volumes, QoS and Pending status', () => {
    const pod = created(strategy('', 'v1', 'pods'), {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            readinessProbe: { httpGet: { port: 80 } },
            resources: { limits: { cpu: '1', memory: '1Gi' } },
            volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'x' } }, { name: 'scratch' }],
      },
      status: { phase: 'Running' },
    });
    expect(pod.spec).toMatchObject({
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      serviceAccount: 'default',
      serviceAccountName: 'default',
      tolerations: [
        {
          effect: 'NoExecute',
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          tolerationSeconds: 300,
        },
        {
          effect: 'NoExecute',
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          tolerationSeconds: 300,
        },
      ],
      volumes: [
        { name: 'cfg', configMap: { name: 'x', defaultMode: 420 } },
        { name: 'scratch', emptyDir: {} },
      ],
    });
    expect(pod.spec!.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      readinessProbe: {
        failureThreshold: 3,
        httpGet: { path: '/', port: 80, scheme: 'HTTP' },
        periodSeconds: 10,
        successThreshold: 1,
        timeoutSeconds: 1,
      },
      resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } },
    });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });
});

describe('updates', () => {
  test('generation follows spec changes; status survives a main-resource update', () => {
    const s = strategy('apps', 'v1', 'deployments');
    const base: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: template({ app: 'web' }, [{ name: 'nginx', image: 'nginx:1' }]),
      },
    };
    const old = created(s, base);
    old.status = { replicas: 1 };
    const relabelled = structuredClone(old);
    relabelled.metadata!.labels = { tier: 'front' };
    delete relabelled.status;
    s.prepareForUpdate(relabelled, old);
    expect([relabelled.metadata!.generation, relabelled.status]).toEqual([1, { replicas: 1 }]);
    const bumped = structuredClone(old);
    bumped.spec!.template.spec.containers[0].image = 'nginx:2';
    s.prepareForUpdate(bumped, old);
    expect(bumped.metadata!.generation).toBe(2);
  });

  test('the status subresource keeps spec and labels from the stored object', () => {
    const s = strategy('apps', 'v1', 'deployments');
    const old: KubeObject = {
      metadata: { name: 'web', labels: { a: '1' }, generation: 3 },
      spec: { replicas: 2 },
      status: { replicas: 1 },
    };
    const write: KubeObject = {
      metadata: { name: 'web', labels: { a: 'changed' }, resourceVersion: '9' },
      spec: { replicas: 5 },
      status: { replicas: 2 },
    };
    s.prepareForUpdate(write, old, 'status');
    expect(write).toEqual({
      metadata: { name: 'web', labels: { a: '1' }, generation: 3, resourceVersion: '9' },
      spec: { replicas: 2 },
      status: { replicas: 2 },
    });
  });

  test('a Service update without clusterIP or nodePort keeps the allocated ones', () => {
    const s = strategy('', 'v1', 'services');
    const old = created(s, {
      metadata: { name: 'np', namespace: 'default' },
      spec: { type: 'NodePort', ports: [{ port: 80 }] },
    });
    const next: KubeObject = {
      metadata: { name: 'np', namespace: 'default' },
      spec: { type: 'NodePort', ports: [{ port: 80 }] },
    };
    s.applyDefaults(next);
    s.prepareForUpdate(next, old);
    expect(next.spec).toMatchObject({
      clusterIP: '10.96.12.34',
      clusterIPs: ['10.96.12.34'],
      ports: [{ port: 80, nodePort: 30080 }],
    });
    expect(s.validateUpdate(next, old)).toEqual([]);
  });
});
