import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/cluster/registry/index.ts';
import { created, messages, strategy } from './helpers.ts';

const deployment = (
  over: { name?: string; spec?: Record<string, unknown>; labels?: Record<string, string> } = {},
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: over.name ?? 'web',
    namespace: 'default',
    ...(over.labels ? { labels: over.labels } : {}),
  },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    },
    ...over.spec,
  },
});

const statefulSet = (claims: string[], mount: string, volumes?: unknown[]): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'db' } },
    serviceName: 'db',
    template: {
      metadata: { labels: { app: 'db' } },
      spec: {
        ...(volumes ? { volumes } : {}),
        containers: [{ name: 'db', image: 'postgres', volumeMounts: [{ name: mount, mountPath: '/data' }] }],
      },
    },
    volumeClaimTemplates: claims.map((name) => ({
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    })),
  },
});

// Messages as kube-apiserver's field.Error prints them.
const cases: [string, [string, string, string], KubeObject, string[]][] = [
  ['a valid Deployment', ['apps', 'v1', 'deployments'], deployment(), []],
  [
    'selector does not match the template labels',
    ['apps', 'v1', 'deployments'],
    deployment({ spec: { selector: { matchLabels: { app: 'other' } } } }),
    [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ],
  ],
  [
    'negative replicas',
    ['apps', 'v1', 'deployments'],
    deployment({ spec: { replicas: -1 } }),
    ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
  ],
  [
    'upper-case name',
    ['apps', 'v1', 'deployments'],
    deployment({ name: 'Web' }),
    [
      "metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
  ],
  [
    'bad label value',
    ['apps', 'v1', 'deployments'],
    deployment({ labels: { app: 'a b' } }),
    [
      "metadata.labels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ],
  [
    'missing image, bad container name, bad port',
    ['apps', 'v1', 'deployments'],
    deployment({
      spec: {
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'Web_1', ports: [{ containerPort: 70000 }] }] },
        },
      },
    }),
    [
      "spec.template.spec.containers[0].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'spec.template.spec.containers[0].image: Required value',
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
  ],
  [
    'restartPolicy Never in a Deployment',
    ['apps', 'v1', 'deployments'],
    deployment({
      spec: {
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] },
        },
      },
    }),
    ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
  ],
  [
    'empty selector',
    ['apps', 'v1', 'deployments'],
    deployment({ spec: { selector: {} } }),
    [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ],
  ],
  [
    'Job defaulted to restartPolicy Always',
    ['batch', 'v1', 'jobs'],
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', namespace: 'default', uid: 'u' },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    },
    ['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"'],
  ],
  [
    'Service name must be a DNS-1035 label; multiple ports need names',
    ['', 'v1', 'services'],
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: '1web', namespace: 'default' },
      spec: { ports: [{ port: 80 }, { port: 443 }] },
    },
    [
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      'spec.ports[0].name: Required value',
      'spec.ports[1].name: Required value',
    ],
  ],
  [
    'Service type not supported',
    ['', 'v1', 'services'],
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'Magic', ports: [{ port: 80 }] },
    },
    [
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
  ],
  [
    'ConfigMap key',
    ['', 'v1', 'configmaps'],
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'default' },
      data: { 'a b': 'x' },
    },
    [
      "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ],
  ],
  [
    'Namespace name is a DNS label',
    ['', 'v1', 'namespaces'],
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } },
    [
      "metadata.name: Invalid value: \"a.b\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ],
  ],
  [
    'a namespaced kind without namespace',
    ['', 'v1', 'secrets'],
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } },
    ['metadata.namespace: Required value'],
  ],
  [
    'missing name',
    ['', 'v1', 'secrets'],
    { apiVersion: 'v1', kind: 'Secret', metadata: { namespace: 'default' } },
    ['metadata.name: Required value: name or generateName is required'],
  ],
  [
    'TLS secret without its keys',
    ['', 'v1', 'secrets'],
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'eA==' },
    },
    ['data[tls.key]: Required value'],
  ],
  [
    'RBAC names are path segments',
    ['rbac.authorization.k8s.io', 'v1', 'clusterroles'],
    { metadata: { name: 'system:Admin/x' } },
    ['metadata.name: Invalid value: "system:Admin/x": may not contain \'/\''],
  ],
  [
    'cluster-scoped kind with a namespace',
    ['', 'v1', 'nodes'],
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', namespace: 'default' } },
    ['metadata.namespace: Forbidden: not allowed on this type'],
  ],
  // kiamol ch09 todo-list db: a volumeMount naming a volumeClaimTemplates entry.
  [
    'StatefulSet mounting its claim template',
    ['apps', 'v1', 'statefulsets'],
    statefulSet(['data'], 'data'),
    [],
  ],
  [
    'StatefulSet mounting an unknown volume',
    ['apps', 'v1', 'statefulsets'],
    statefulSet(['data'], 'logs'),
    ['spec.template.spec.containers[0].volumeMounts[0].name: Not found: "logs"'],
  ],
  [
    'StatefulSet claim template named like a pod volume',
    ['apps', 'v1', 'statefulsets'],
    statefulSet(['data'], 'data', [{ name: 'data', emptyDir: {} }]),
    ['spec.template.spec.volumes[1].name: Duplicate value: "data"'],
  ],
];

describe('validation on create', () => {
  test.each(cases)('%s', (_name, resource, obj, expected) => {
    expect(messages(strategy(...resource), obj)).toEqual(expected);
  });

  test('errors carry upstream reasons and paths', () => {
    const errs = strategy('apps', 'v1', 'deployments').validateCreate(
      created(strategy('apps', 'v1', 'deployments'), deployment({ spec: { replicas: -2 } })),
    );
    expect(errs).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.replicas',
        message: 'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
      },
    ]);
  });
});

describe('validation on update', () => {
  test('a Deployment selector is immutable', () => {
    const s = strategy('apps', 'v1', 'deployments');
    const old = created(s, deployment());
    const next = created(
      s,
      deployment({
        spec: {
          selector: { matchLabels: { app: 'web', v: '2' } },
          template: {
            metadata: { labels: { app: 'web', v: '2' } },
            spec: { containers: [{ name: 'c', image: 'x' }] },
          },
        },
      }),
    );
    expect(s.validateUpdate(next, old).map((e) => e.message)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  test('a Service cluster IP cannot change', () => {
    const s = strategy('', 'v1', 'services');
    const old = created(s, {
      metadata: { name: 'web', namespace: 'default' },
      spec: { ports: [{ port: 80 }] },
    });
    const next = structuredClone(old);
    next.spec!.clusterIP = '10.96.0.99';
    next.spec!.clusterIPs = ['10.96.0.99'];
    expect(s.validateUpdate(next, old).map((e) => e.message)).toEqual([
      'spec.clusterIPs[0]: Invalid value: "10.96.0.99": may not change once set',
    ]);
  });

  test('immutable ConfigMaps keep their data', () => {
    const s = strategy('', 'v1', 'configmaps');
    const old: KubeObject = {
      metadata: { name: 'c', namespace: 'default' },
      data: { a: '1' },
      immutable: true,
    };
    const next: KubeObject = {
      metadata: { name: 'c', namespace: 'default' },
      data: { a: '2' },
      immutable: true,
    };
    expect(s.validateUpdate(next, old).map((e) => e.message)).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  test('names never change', () => {
    const s = strategy('', 'v1', 'configmaps');
    expect(
      s
        .validateUpdate(
          { metadata: { name: 'b', namespace: 'default' } },
          { metadata: { name: 'a', namespace: 'default' } },
        )
        .map((e) => e.message),
    ).toEqual(['metadata.name: Invalid value: "b": field is immutable']);
  });
});
