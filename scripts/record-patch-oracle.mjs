#!/usr/bin/env node
// Records test/kube/patch/testdata/oracle/*.json from real kubectl: every case is one
// `kubectl patch --local -f <base> --type <type> -p <patch> -o json`, so upstream's own Go code
// (evanphx/json-patch, apimachinery's strategicpatch with the Go structs' patch tags) decides the
// result or the error. No server is involved (an empty kubeconfig is enough).
//
//   node scripts/record-patch-oracle.mjs [path/to/kubectl]
//
// Cases are data below; the fast-check part generates strategic patches over a Deployment with a
// fixed seed, so a re-run records the same patches.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test/kube/patch/testdata/oracle');
const kubectl = process.argv[2] ?? join(process.env.HOME ?? '/root', '.cache/bosun-reference/kubectl');

// ---------------------------------------------------------------------------------------------
// Base objects

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'default',
    labels: { app: 'web', tier: 'fe' },
    annotations: { note: 'one' },
    finalizers: ['f1', 'f2'],
    ownerReferences: [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'o1', uid: 'u1' },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'o2', uid: 'u2', controller: true },
    ],
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'] }],
        containers: [
          {
            name: 'a',
            image: 'nginx:1',
            args: ['x', 'y'],
            ports: [
              { containerPort: 80, protocol: 'TCP', name: 'http' },
              { containerPort: 80, protocol: 'UDP', name: 'dns' },
              { containerPort: 443 },
            ],
            env: [
              { name: 'A', value: '1' },
              { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            ],
            volumeMounts: [
              { name: 'data', mountPath: '/data' },
              { name: 'cfg', mountPath: '/etc/cfg', readOnly: true },
            ],
            resources: { limits: { cpu: '1' }, requests: { cpu: '100m' } },
          },
          { name: 'b', image: 'redis', command: ['redis-server'] },
        ],
        volumes: [
          { name: 'data', emptyDir: {} },
          { name: 'cfg', configMap: { name: 'cfg' } },
        ],
        tolerations: [
          { key: 'k1', operator: 'Exists' },
          { key: 'k2', operator: 'Equal', value: 'v', effect: 'NoSchedule' },
        ],
        imagePullSecrets: [{ name: 's1' }, { name: 's2' }],
        hostAliases: [{ ip: '1.2.3.4', hostnames: ['a.local'] }],
        nodeSelector: { disk: 'ssd' },
        topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }],
        securityContext: { runAsUser: 1000 },
      },
    },
  },
};

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { a: '1', b: '2' }, finalizers: ['x', 'y'] },
  spec: {
    containers: [
      {
        name: 'c1',
        image: 'i1',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        args: ['a', 'b'],
      },
      { name: 'c2', image: 'i2' },
    ],
    volumes: [{ name: 'v1', emptyDir: {} }],
    tolerations: [{ key: 'k' }],
    schedulingGates: [{ name: 'g1' }],
    readinessGates: [{ conditionType: 'r1' }],
  },
  status: {
    phase: 'Running',
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Initialized', status: 'True' },
    ],
  },
};

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'svc' },
  spec: {
    selector: { app: 'web' },
    ports: [
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ],
    type: 'ClusterIP',
    externalIPs: ['10.0.0.1'],
  },
};

const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cm', labels: { x: 'y' } },
  data: { a: '1', b: '2' },
};

const node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1' },
  spec: {
    podCIDRs: ['10.0.0.0/24'],
    taints: [
      { key: 't1', effect: 'NoSchedule' },
      { key: 't2', value: 'v', effect: 'NoExecute' },
    ],
  },
};

const statefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db' },
  spec: {
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
    template: {
      metadata: { labels: { app: 'db' } },
      spec: { containers: [{ name: 'db', image: 'pg' }] },
    },
    volumeClaimTemplates: [
      { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } },
      { metadata: { name: 'logs' }, spec: { accessModes: ['ReadWriteOnce'] } },
    ],
  },
};

const role = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'r' },
  rules: [
    { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list'] },
  ],
};

const namespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'ns', finalizers: ['a/b'] },
  spec: { finalizers: ['kubernetes'] },
};

const job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'j' },
  spec: {
    backoffLimit: 2,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'j', image: 'busybox' }] } },
  },
};

const ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'ing' },
  spec: {
    rules: [
      {
        host: 'a.example',
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } },
          ],
        },
      },
    ],
    tls: [{ hosts: ['a.example'], secretName: 't' }],
  },
};

// Empty lists: what merges against nothing.
const emptyLists = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'e', finalizers: [] },
  spec: { containers: [], tolerations: [] },
};

const nodeStatus = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n2' },
  status: {
    addresses: [
      { type: 'InternalIP', address: '10.0.0.1' },
      { type: 'Hostname', address: 'n2' },
    ],
    conditions: [{ type: 'Ready', status: 'True' }],
    images: [{ names: ['a'], sizeBytes: 1 }],
  },
};

const serviceAccount = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: 'sa' },
  secrets: [{ name: 's1' }],
  imagePullSecrets: [{ name: 'p1' }],
};

const deploymentStatus = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: {
      spec: {
        containers: [
          {
            name: 'c',
            image: 'i',
            volumeDevices: [{ name: 'blk', devicePath: '/dev/x' }],
            resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }],
          },
        ],
        resourceClaims: [{ name: 'r1', resourceClaimName: 'c1' }],
      },
    },
  },
  status: {
    conditions: [
      { type: 'Available', status: 'True' },
      { type: 'Progressing', status: 'True' },
    ],
  },
};

const bases = {
  deployment,
  nodeStatus,
  serviceAccount,
  deploymentStatus,
  emptyLists,
  pod,
  service,
  configMap,
  node,
  statefulSet,
  role,
  namespace,
  job,
  ingress,
};

// ---------------------------------------------------------------------------------------------
// Strategic merge patch cases

const tpl = (spec) => ({ spec: { template: { spec } } });
const ctrA = (fields) => tpl({ containers: [{ name: 'a', ...fields }] });
const podSpec = (spec) => ({ spec });
const c1 = (fields) => podSpec({ containers: [{ name: 'c1', ...fields }] });

const strategic = [
  // maps and scalars
  ['deployment', 'replicas', { spec: { replicas: 5 } }],
  ['deployment', 'label add and delete', { metadata: { labels: { tier: null, env: 'prod' } } }],
  ['deployment', 'delete missing label', { metadata: { labels: { nope: null } } }],
  [
    'deployment',
    'annotations replace directive',
    { metadata: { annotations: { $patch: 'replace', x: 'y' } } },
  ],
  ['deployment', 'annotations delete directive', { metadata: { annotations: { $patch: 'delete' } } }],
  ['deployment', 'unknown map directive', { metadata: { labels: { $patch: 'merge' } } }],
  ['deployment', 'bad map directive', { metadata: { labels: { $patch: 'sideways' } } }],
  ['deployment', 'nested null', { spec: { template: { spec: { securityContext: { runAsUser: null } } } } }],
  ['deployment', 'null on absent map', { spec: { template: { spec: { dnsConfig: null } } } }],
  [
    'deployment',
    'new nested map with nulls',
    { spec: { template: { spec: { dnsConfig: { nameservers: ['1.1.1.1'], searches: null } } } } },
  ],
  ['deployment', 'replace whole map with scalar', { spec: { template: { spec: { nodeSelector: 'x' } } } }],
  ['deployment', 'replace list with map', tpl({ containers: { x: 1 } })],
  ['deployment', 'nodeSelector null', tpl({ nodeSelector: null })],
  ['deployment', 'nodeSelector merge', tpl({ nodeSelector: { disk: null, zone: 'a' } })],
  ['deployment', 'selector matchLabels', { spec: { selector: { matchLabels: { tier: 'x' } } } }],
  ['deployment', 'resources merge', ctrA({ resources: { limits: { memory: '1Gi' }, requests: null } })],
  [
    'deployment',
    'resources replace directive',
    ctrA({ resources: { $patch: 'replace', limits: { cpu: '2' } } }),
  ],
  ['deployment', 'metadata replace', { metadata: { $patch: 'replace', name: 'web' } }],
  ['deployment', 'spec delete', { spec: { $patch: 'delete' } }],
  [
    'deployment',
    'top-level replace',
    { $patch: 'replace', apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
  ],
  // containers (merge by name)
  ['deployment', 'container image', ctrA({ image: 'nginx:2' })],
  ['deployment', 'container add', tpl({ containers: [{ name: 'c', image: 'busybox' }] })],
  [
    'deployment',
    'container add two, reorder',
    tpl({
      containers: [
        { name: 'd', image: 'd' },
        { name: 'b', image: 'r2' },
        { name: 'c', image: 'c' },
      ],
    }),
  ],
  ['deployment', 'container delete', tpl({ containers: [{ name: 'a', $patch: 'delete' }] })],
  ['deployment', 'container delete missing', tpl({ containers: [{ name: 'zzz', $patch: 'delete' }] })],
  ['deployment', 'container delete without key', tpl({ containers: [{ $patch: 'delete' }] })],
  [
    'deployment',
    'containers replace',
    tpl({ containers: [{ name: 'n', image: 'n' }, { $patch: 'replace' }] }),
  ],
  ['deployment', 'containers replace only', tpl({ containers: [{ $patch: 'replace' }] })],
  ['deployment', 'containers merge directive', tpl({ containers: [{ $patch: 'merge' }] })],
  ['deployment', 'containers unknown directive', tpl({ containers: [{ name: 'a', $patch: 'foo' }] })],
  ['deployment', 'container without name', tpl({ containers: [{ image: 'x' }] })],
  ['deployment', 'containers empty list', tpl({ containers: [] })],
  ['deployment', 'containers null', tpl({ containers: null })],
  ['deployment', 'container field null', ctrA({ args: null, resources: null })],
  ['deployment', 'container new with nulls', tpl({ containers: [{ name: 'z', image: 'z', args: null }] })],
  ['deployment', 'containers list of lists', tpl({ containers: [[1]] })],
  ['deployment', 'containers mixed types', tpl({ containers: [{ name: 'q' }, 'x'] })],
  ['deployment', 'containers scalar items', tpl({ containers: ['x'] })],
  [
    'deployment',
    'container duplicate names in patch',
    tpl({
      containers: [
        { name: 'a', image: '1' },
        { name: 'a', args: ['q'] },
      ],
    }),
  ],
  ['deployment', 'init container image', tpl({ initContainers: [{ name: 'init', image: 'alpine' }] })],
  ['deployment', 'init container add', tpl({ initContainers: [{ name: 'init2', image: 'alpine' }] })],
  // args/command: atomic
  ['deployment', 'args replaced', ctrA({ args: ['z'] })],
  ['deployment', 'command replaced', tpl({ containers: [{ name: 'b', command: ['a', 'b'] }] })],
  ['deployment', 'args deleteFromPrimitiveList', ctrA({ '$deleteFromPrimitiveList/args': ['x'] })],
  ['deployment', 'args setElementOrder', ctrA({ '$setElementOrder/args': ['y', 'x'] })],
  // ports (merge key containerPort)
  ['deployment', 'port by containerPort', ctrA({ ports: [{ containerPort: 80, name: 'web' }] })],
  [
    'deployment',
    'port udp by containerPort',
    ctrA({ ports: [{ containerPort: 80, protocol: 'UDP', hostPort: 53 }] }),
  ],
  ['deployment', 'port new', ctrA({ ports: [{ containerPort: 8080 }] })],
  ['deployment', 'port delete', ctrA({ ports: [{ containerPort: 443, $patch: 'delete' }] })],
  ['deployment', 'port delete duplicated key', ctrA({ ports: [{ containerPort: 80, $patch: 'delete' }] })],
  ['deployment', 'port without key', ctrA({ ports: [{ name: 'x' }] })],
  ['deployment', 'port key as string', ctrA({ ports: [{ containerPort: '80', name: 'q' }] })],
  ['deployment', 'ports replace', ctrA({ ports: [{ containerPort: 1 }, { $patch: 'replace' }] })],
  // env (merge by name)
  ['deployment', 'env change', ctrA({ env: [{ name: 'A', value: '2' }] })],
  [
    'deployment',
    'env add front',
    ctrA({
      env: [
        { name: 'Z', value: 'z' },
        { name: 'A', value: '1' },
      ],
    }),
  ],
  ['deployment', 'env null value', ctrA({ env: [{ name: 'A', value: null }] })],
  ['deployment', 'env valueFrom to value', ctrA({ env: [{ name: 'B', value: 'b', valueFrom: null }] })],
  ['deployment', 'env delete', ctrA({ env: [{ name: 'B', $patch: 'delete' }] })],
  [
    'deployment',
    'env new with nested null',
    ctrA({ env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'x', apiVersion: null } } }] }),
  ],
  ['deployment', 'env setElementOrder', ctrA({ '$setElementOrder/env': [{ name: 'B' }, { name: 'A' }] })],
  [
    'deployment',
    'env setElementOrder with change',
    ctrA({
      '$setElementOrder/env': [{ name: 'B' }, { name: 'C' }, { name: 'A' }],
      env: [{ name: 'C', value: 'c' }],
    }),
  ],
  [
    'deployment',
    'env setElementOrder partial',
    ctrA({ '$setElementOrder/env': [{ name: 'B' }], env: [{ name: 'B', value: 'x' }] }),
  ],
  ['deployment', 'env setElementOrder not a list', ctrA({ '$setElementOrder/env': { name: 'B' } })],
  ['deployment', 'envFrom atomic', ctrA({ envFrom: [{ configMapRef: { name: 'x' } }] })],
  // volumeMounts (merge by mountPath), volumes (merge,retainKeys by name)
  [
    'deployment',
    'volumeMount by mountPath',
    ctrA({ volumeMounts: [{ mountPath: '/data', readOnly: true }] }),
  ],
  [
    'deployment',
    'volumeMount new path same name',
    ctrA({ volumeMounts: [{ name: 'data', mountPath: '/data2' }] }),
  ],
  ['deployment', 'volumeMount delete', ctrA({ volumeMounts: [{ mountPath: '/etc/cfg', $patch: 'delete' }] })],
  ['deployment', 'volumeMount without key', ctrA({ volumeMounts: [{ name: 'data' }] })],
  ['deployment', 'volume add', tpl({ volumes: [{ name: 'v3', secret: { secretName: 's' } }] })],
  ['deployment', 'volume source switch', tpl({ volumes: [{ name: 'data', hostPath: { path: '/x' } }] })],
  [
    'deployment',
    'volume retainKeys',
    tpl({ volumes: [{ name: 'data', hostPath: { path: '/x' }, $retainKeys: ['name', 'hostPath'] }] }),
  ],
  [
    'deployment',
    'volume retainKeys missing key',
    tpl({ volumes: [{ name: 'data', hostPath: { path: '/x' }, $retainKeys: ['name'] }] }),
  ],
  ['deployment', 'volume retainKeys not a list', tpl({ volumes: [{ name: 'data', $retainKeys: 'name' }] })],
  ['deployment', 'volume retainKeys empty', tpl({ volumes: [{ name: 'cfg', $retainKeys: [] }] })],
  [
    'deployment',
    'volume retainKeys with null',
    tpl({ volumes: [{ name: 'cfg', configMap: null, emptyDir: {}, $retainKeys: ['name', 'emptyDir'] }] }),
  ],
  ['deployment', 'volume delete', tpl({ volumes: [{ name: 'cfg', $patch: 'delete' }] })],
  [
    'deployment',
    'volumes setElementOrder',
    tpl({ '$setElementOrder/volumes': [{ name: 'cfg' }, { name: 'data' }] }),
  ],
  // strategy (retainKeys)
  [
    'deployment',
    'strategy recreate retainKeys',
    { spec: { strategy: { type: 'Recreate', rollingUpdate: null, $retainKeys: ['type'] } } },
  ],
  ['deployment', 'strategy recreate plain', { spec: { strategy: { type: 'Recreate' } } }],
  [
    'deployment',
    'strategy rollingUpdate merge',
    { spec: { strategy: { rollingUpdate: { maxSurge: '50%' } } } },
  ],
  [
    'deployment',
    'strategy retainKeys keeps',
    { spec: { strategy: { $retainKeys: ['type', 'rollingUpdate'], type: 'RollingUpdate' } } },
  ],
  ['deployment', 'strategy replace', { spec: { strategy: { $patch: 'replace', type: 'Recreate' } } }],
  // tolerations (atomic), imagePullSecrets (merge by name), hostAliases (merge by ip)
  ['deployment', 'tolerations replaced', tpl({ tolerations: [{ key: 'k3', operator: 'Exists' }] })],
  ['deployment', 'tolerations delete directive', tpl({ tolerations: [{ key: 'k1', $patch: 'delete' }] })],
  [
    'deployment',
    'tolerations replace directive',
    tpl({ tolerations: [{ key: 'k9' }, { $patch: 'replace' }] }),
  ],
  ['deployment', 'imagePullSecrets merge', tpl({ imagePullSecrets: [{ name: 's3' }] })],
  ['deployment', 'imagePullSecrets delete', tpl({ imagePullSecrets: [{ name: 's1', $patch: 'delete' }] })],
  [
    'deployment',
    'hostAliases merge by ip',
    tpl({
      hostAliases: [
        { ip: '1.2.3.4', hostnames: ['b.local'] },
        { ip: '5.6.7.8', hostnames: ['c'] },
      ],
    }),
  ],
  [
    'deployment',
    'hostAliases hostnames deleteFromPrimitiveList',
    tpl({ hostAliases: [{ ip: '1.2.3.4', '$deleteFromPrimitiveList/hostnames': ['a.local'] }] }),
  ],
  [
    'deployment',
    'topologySpreadConstraints merge',
    tpl({
      topologySpreadConstraints: [
        { topologyKey: 'zone', maxSkew: 2 },
        { topologyKey: 'host', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' },
      ],
    }),
  ],
  [
    'deployment',
    'topologySpreadConstraints same key other policy',
    tpl({ topologySpreadConstraints: [{ topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' }] }),
  ],
  // finalizers (merge), ownerReferences (merge by uid)
  ['deployment', 'finalizers merge', { metadata: { finalizers: ['f3', 'f1'] } }],
  ['deployment', 'finalizers duplicate in patch', { metadata: { finalizers: ['f3', 'f3'] } }],
  ['deployment', 'finalizers empty list', { metadata: { finalizers: [] } }],
  ['deployment', 'finalizers null', { metadata: { finalizers: null } }],
  [
    'deployment',
    'finalizers deleteFromPrimitiveList',
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['f1'] } },
  ],
  [
    'deployment',
    'finalizers deleteFromPrimitiveList missing',
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['zz'] } },
  ],
  [
    'deployment',
    'finalizers deleteFromPrimitiveList and add',
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['f1'], finalizers: ['f9'] } },
  ],
  ['deployment', 'finalizers setElementOrder', { metadata: { '$setElementOrder/finalizers': ['f2', 'f1'] } }],
  [
    'deployment',
    'finalizers setElementOrder with add',
    { metadata: { '$setElementOrder/finalizers': ['f2', 'f3', 'f1'], finalizers: ['f3'] } },
  ],
  ['deployment', 'finalizers replace directive', { metadata: { finalizers: ['f9', { $patch: 'replace' }] } }],
  ['deployment', 'finalizers mixed', { metadata: { finalizers: ['f9', 3] } }],
  [
    'deployment',
    'ownerReferences merge by uid',
    {
      metadata: {
        ownerReferences: [
          { uid: 'u1', name: 'renamed' },
          { uid: 'u3', apiVersion: 'v1', kind: 'Secret', name: 's' },
        ],
      },
    },
  ],
  [
    'deployment',
    'ownerReferences delete',
    { metadata: { ownerReferences: [{ uid: 'u2', $patch: 'delete' }] } },
  ],
  ['deployment', 'ownerReferences without uid', { metadata: { ownerReferences: [{ name: 'o1' }] } }],
  [
    'deployment',
    'ownerReferences setElementOrder',
    { metadata: { '$setElementOrder/ownerReferences': [{ uid: 'u2' }, { uid: 'u1' }] } },
  ],
  // unknown fields: the Go struct has no patch metadata for them
  ['deployment', 'unknown scalar field', { spec: { foo: 'bar' } }],
  [
    'deployment',
    'unknown list field merged',
    { spec: { template: { spec: { containers: [{ name: 'a', foo: [1] }] } } } },
  ],
  ['deployment', 'unknown map field new', { spec: { fooMap: { a: 1 } } }],
  ['deployment', 'null directive', { metadata: { labels: { $patch: null } } }],
  ['deployment', 'numeric directive', { metadata: { labels: { $patch: 1 } } }],
  [
    'deployment',
    'new key with directive inside',
    tpl({ dnsConfig: { $patch: 'replace', nameservers: ['x'] } }),
  ],
  [
    'deployment',
    'new key with nested directive',
    tpl({ affinity: { nodeAffinity: { $patch: 'delete' }, podAffinity: {} } }),
  ],
  [
    'deployment',
    'new list with directive items',
    tpl({ readinessGates: [{ conditionType: 'x' }, { $patch: 'delete', conditionType: 'y' }] }),
  ],
  [
    'deployment',
    'deleteFromPrimitiveList on map list',
    tpl({ '$deleteFromPrimitiveList/tolerations': [{ key: 'k1' }] }),
  ],
  [
    'deployment',
    'deleteFromPrimitiveList null',
    { metadata: { '$deleteFromPrimitiveList/finalizers': null } },
  ],
  [
    'deployment',
    'deleteFromPrimitiveList absent field',
    tpl({ '$deleteFromPrimitiveList/schedulingGates': ['x'] }),
  ],
  [
    'deployment',
    'setElementOrder null original',
    { metadata: { '$setElementOrder/finalizers': ['f1'] }, spec: null },
  ],
  ['deployment', 'retainKeys numbers', { spec: { strategy: { $retainKeys: [1], type: 'Recreate' } } }],
  [
    'deployment',
    'appended item keeps directives',
    ctrA({ ports: [{ containerPort: 9, $retainKeys: ['x'], extra: { $patch: 'delete' } }] }),
  ],
  [
    'deployment',
    'setElementOrder primitive mismatch',
    { metadata: { '$setElementOrder/finalizers': ['f2', 'f1'], finalizers: ['f1', 'f2'] } },
  ],
  [
    'deployment',
    'setElementOrder with delete items',
    ctrA({ '$setElementOrder/env': [{ name: 'B' }], env: [{ name: 'A', $patch: 'delete' }] }),
  ],
  [
    'deployment',
    'setElementOrder order item without key',
    ctrA({ '$setElementOrder/env': [{ value: 'B' }], env: [{ name: 'B', value: 'x' }] }),
  ],
  ['emptyLists', 'list of lists', { spec: { containers: [[1]] } }],
  ['emptyLists', 'containers into empty', { spec: { containers: [{ name: 'a', image: 'a', args: null }] } }],
  ['emptyLists', 'finalizers into empty', { metadata: { finalizers: ['b', 'a', 'b'] } }],
  ['emptyLists', 'empty into empty', { metadata: { finalizers: [] } }],
  ['emptyLists', 'setElementOrder empty both', { metadata: { '$setElementOrder/finalizers': ['x'] } }],
  [
    'emptyLists',
    'setElementOrder new list',
    podSpec({
      '$setElementOrder/initContainers': [{ name: 'x' }, { name: 'y' }],
      initContainers: [
        { name: 'y', image: 'y' },
        { name: 'x', image: 'x' },
      ],
    }),
  ],
  [
    'emptyLists',
    'setElementOrder new list subset',
    podSpec({
      '$setElementOrder/initContainers': [{ name: 'x' }],
      initContainers: [
        { name: 'x', image: 'x' },
        { name: 'z', $patch: 'delete' },
      ],
    }),
  ],
  [
    'nodeStatus',
    'addresses merge by type',
    {
      status: {
        addresses: [
          { type: 'InternalIP', address: '10.0.0.2' },
          { type: 'ExternalIP', address: '1.1.1.1' },
        ],
      },
    },
  ],
  ['nodeStatus', 'addresses delete', { status: { addresses: [{ type: 'Hostname', $patch: 'delete' }] } }],
  [
    'nodeStatus',
    'conditions merge by type',
    {
      status: {
        conditions: [
          { type: 'Ready', status: 'False' },
          { type: 'MemoryPressure', status: 'False' },
        ],
      },
    },
  ],
  ['nodeStatus', 'images atomic', { status: { images: [{ names: ['b'], sizeBytes: 2 }] } }],
  ['serviceAccount', 'secrets merge by name', { secrets: [{ name: 's2' }] }],
  ['serviceAccount', 'imagePullSecrets', { imagePullSecrets: [{ name: 'p2' }] }],
  [
    'deploymentStatus',
    'status conditions merge by type',
    { status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'X' }] } },
  ],
  [
    'deploymentStatus',
    'volumeDevices merge by devicePath',
    {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'c',
                volumeDevices: [
                  { name: 'blk2', devicePath: '/dev/y' },
                  { name: 'other', devicePath: '/dev/x' },
                ],
              },
            ],
          },
        },
      },
    },
  ],
  [
    'deploymentStatus',
    'resizePolicy',
    {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'c', resizePolicy: [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }] },
            ],
          },
        },
      },
    },
  ],
  [
    'deploymentStatus',
    'resourceClaims merge by name',
    {
      spec: {
        template: {
          spec: {
            resourceClaims: [
              { name: 'r2', resourceClaimName: 'c2' },
              { name: 'r1', resourceClaimTemplateName: 't1' },
            ],
          },
        },
      },
    },
  ],
  [
    'deploymentStatus',
    'resourceClaims retainKeys',
    {
      spec: {
        template: {
          spec: {
            resourceClaims: [
              {
                name: 'r1',
                resourceClaimTemplateName: 't1',
                $retainKeys: ['name', 'resourceClaimTemplateName'],
              },
            ],
          },
        },
      },
    },
  ],
  [
    'deploymentStatus',
    'ephemeral containers new',
    { spec: { template: { spec: { ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] } } } },
  ],
  // pod
  [
    'pod',
    'env merge',
    c1({
      env: [
        { name: 'C', value: '3' },
        { name: 'A', value: null },
      ],
    }),
  ],
  ['pod', 'port merge', c1({ ports: [{ containerPort: 81 }] })],
  ['pod', 'schedulingGates merge', podSpec({ schedulingGates: [{ name: 'g2' }] })],
  ['pod', 'schedulingGates delete', podSpec({ schedulingGates: [{ name: 'g1', $patch: 'delete' }] })],
  ['pod', 'readinessGates atomic', podSpec({ readinessGates: [{ conditionType: 'r2' }] })],
  [
    'pod',
    'status conditions merge by type',
    {
      status: {
        conditions: [
          { type: 'Ready', status: 'False' },
          { type: 'PodScheduled', status: 'True' },
        ],
      },
    },
  ],
  ['pod', 'status phase', { status: { phase: 'Succeeded' } }],
  [
    'pod',
    'containers setElementOrder only',
    podSpec({ '$setElementOrder/containers': [{ name: 'c2' }, { name: 'c1' }] }),
  ],
  [
    'pod',
    'containers setElementOrder and change',
    podSpec({
      '$setElementOrder/containers': [{ name: 'c2' }, { name: 'c1' }],
      containers: [{ name: 'c1', image: 'n1' }],
    }),
  ],
  [
    'pod',
    'containers setElementOrder with new',
    podSpec({
      '$setElementOrder/containers': [{ name: 'c3' }, { name: 'c1' }, { name: 'c2' }],
      containers: [{ name: 'c3', image: 'i3' }],
    }),
  ],
  [
    'pod',
    'containers setElementOrder drops one',
    podSpec({ '$setElementOrder/containers': [{ name: 'c2' }] }),
  ],
  [
    'pod',
    'containers setElementOrder delete',
    podSpec({
      '$setElementOrder/containers': [{ name: 'c2' }],
      containers: [{ name: 'c1', $patch: 'delete' }],
    }),
  ],
  ['pod', 'setElementOrder missing field', podSpec({ '$setElementOrder/initContainers': [{ name: 'x' }] })],
  [
    'pod',
    'setElementOrder patch only',
    podSpec({
      '$setElementOrder/initContainers': [{ name: 'x' }],
      initContainers: [{ name: 'x', image: 'x' }],
    }),
  ],
  [
    'pod',
    'volumes retainKeys new',
    podSpec({ volumes: [{ name: 'v2', hostPath: { path: '/y' }, $retainKeys: ['name', 'hostPath'] }] }),
  ],
  ['pod', 'labels and finalizers', { metadata: { labels: { a: null, c: '3' }, finalizers: ['z', 'x'] } }],
  ['pod', 'finalizers add only', { metadata: { finalizers: ['y', 'w'] } }],
  [
    'pod',
    'finalizers deleteFromPrimitiveList all',
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['x', 'y'] } },
  ],
  [
    'pod',
    'containers reorder by patch',
    podSpec({
      containers: [
        { name: 'c2', image: 'new' },
        { name: 'c0', image: 'i0' },
      ],
    }),
  ],
  ['pod', 'args atomic', c1({ args: ['z'] })],
  [
    'pod',
    'container list delete and add',
    podSpec({
      containers: [
        { name: 'c1', $patch: 'delete' },
        { name: 'c9', image: 'x' },
      ],
    }),
  ],
  // service (ports merge key port in SMP)
  ['service', 'port by port', { spec: { ports: [{ port: 80, targetPort: 9090 }] } }],
  [
    'service',
    'port same number other protocol',
    { spec: { ports: [{ port: 53, protocol: 'TCP', name: 'dns-tcp' }] } },
  ],
  ['service', 'port new', { spec: { ports: [{ port: 443, name: 'https' }] } }],
  ['service', 'port delete', { spec: { ports: [{ port: 53, $patch: 'delete' }] } }],
  ['service', 'ports setElementOrder', { spec: { '$setElementOrder/ports': [{ port: 53 }, { port: 80 }] } }],
  ['service', 'externalIPs atomic', { spec: { externalIPs: ['10.0.0.2'] } }],
  ['service', 'selector replace', { spec: { selector: { $patch: 'replace', app: 'api' } } }],
  ['service', 'type change', { spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] } }],
  // configmap
  ['configMap', 'data merge', { data: { a: null, c: '3' } }],
  ['configMap', 'data replace', { data: { $patch: 'replace', z: '1' } }],
  ['configMap', 'data delete', { data: { $patch: 'delete' } }],
  ['configMap', 'binaryData new', { binaryData: { k: 'aGk=' } }],
  ['configMap', 'immutable', { immutable: true }],
  ['configMap', 'retainKeys at top', { $retainKeys: ['apiVersion', 'kind', 'metadata'] }],
  // node (taints merge by key, podCIDRs merge)
  [
    'node',
    'taints merge by key',
    {
      spec: {
        taints: [
          { key: 't1', effect: 'NoExecute' },
          { key: 't3', effect: 'NoSchedule' },
        ],
      },
    },
  ],
  ['node', 'taints delete', { spec: { taints: [{ key: 't2', $patch: 'delete' }] } }],
  ['node', 'podCIDRs merge', { spec: { podCIDRs: ['10.0.1.0/24'] } }],
  [
    'node',
    'podCIDRs deleteFromPrimitiveList',
    { spec: { '$deleteFromPrimitiveList/podCIDRs': ['10.0.0.0/24'] } },
  ],
  ['node', 'unschedulable', { spec: { unschedulable: true } }],
  // statefulset
  [
    'statefulSet',
    'volumeClaimTemplates atomic',
    {
      spec: {
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteMany'] } }],
      },
    },
  ],
  [
    'statefulSet',
    'updateStrategy retainKeys',
    { spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: null, $retainKeys: ['type'] } } },
  ],
  ['statefulSet', 'updateStrategy plain', { spec: { updateStrategy: { type: 'OnDelete' } } }],
  [
    'statefulSet',
    'container merge',
    { spec: { template: { spec: { containers: [{ name: 'db', image: 'pg:2' }] } } } },
  ],
  // role (rules atomic)
  ['role', 'rules replaced', { rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] }],
  ['role', 'rules delete directive', { rules: [{ $patch: 'delete' }] }],
  // namespace
  ['namespace', 'spec finalizers atomic', { spec: { finalizers: ['other'] } }],
  ['namespace', 'metadata finalizers merge', { metadata: { finalizers: ['c/d'] } }],
  // job
  [
    'job',
    'backoffLimit',
    { spec: { backoffLimit: 5, template: { spec: { containers: [{ name: 'j', args: ['a'] }] } } } },
  ],
  [
    'job',
    'template containers add',
    { spec: { template: { spec: { containers: [{ name: 'k', image: 'k' }] } } } },
  ],
  // ingress (atomic lists)
  ['ingress', 'rules replaced', { spec: { rules: [{ host: 'b.example' }] } }],
  ['ingress', 'tls replaced', { spec: { tls: [{ hosts: ['b.example'] }] } }],
];

// ---------------------------------------------------------------------------------------------
// JSON merge patch cases

const merge = [
  ['deployment', 'replicas', { spec: { replicas: 3 } }],
  ['deployment', 'labels', { metadata: { labels: { tier: null, x: 'y' } } }],
  ['deployment', 'containers replaced', tpl({ containers: [{ name: 'z', image: 'z' }] })],
  ['deployment', 'finalizers replaced', { metadata: { finalizers: ['f3'] } }],
  ['deployment', 'list with nulls inside', { metadata: { finalizers: ['a', null] } }],
  ['deployment', 'objects in list keep nulls', tpl({ containers: [{ name: 'z', image: null }] })],
  ['deployment', 'new map prunes nulls', tpl({ dnsConfig: { nameservers: null, searches: ['a'] } })],
  ['deployment', 'deep new map prunes nulls', tpl({ affinity: { nodeAffinity: { x: { y: null, z: 1 } } } })],
  ['deployment', 'delete missing', { spec: { nope: null } }],
  ['deployment', 'map to scalar', { spec: { template: 1 } }],
  ['deployment', 'scalar to map', { spec: { replicas: { a: 1, b: null } } }],
  ['deployment', 'empty object', {}],
  ['deployment', 'directive is data', { metadata: { labels: { $patch: 'replace' } } }],
  ['deployment', 'delete spec', { spec: null }],
  ['deployment', 'number types', { spec: { replicas: 1.5 } }],
  ['deployment', 'empty map value', { metadata: { annotations: {} } }],
  ['deployment', 'empty list value', { metadata: { finalizers: [] } }],
  ['pod', 'status', { status: { phase: 'Failed', conditions: null } }],
  ['pod', 'containers', { spec: { containers: [{ name: 'c1', image: 'x' }] } }],
  ['service', 'ports', { spec: { ports: [{ port: 1 }] } }],
  ['configMap', 'data', { data: { a: null, b: '3', c: '4' } }],
  ['configMap', 'data null', { data: null }],
  ['configMap', 'nested null in new', { data: null, binaryData: { x: null } }],
  ['configMap', 'string value', { metadata: { labels: 'x' } }],
  ['node', 'taints', { spec: { taints: null } }],
  ['role', 'rules', { rules: [] }],
];

// ---------------------------------------------------------------------------------------------
// JSON patch cases

const json = [
  ['deployment', 'add label', [{ op: 'add', path: '/metadata/labels/env', value: 'prod' }]],
  ['deployment', 'replace replicas', [{ op: 'replace', path: '/spec/replicas', value: 4 }]],
  ['deployment', 'remove label', [{ op: 'remove', path: '/metadata/labels/tier' }]],
  ['deployment', 'remove missing key', [{ op: 'remove', path: '/metadata/labels/nope' }]],
  ['deployment', 'replace missing key', [{ op: 'replace', path: '/metadata/labels/nope', value: 'x' }]],
  ['deployment', 'replace missing parent', [{ op: 'replace', path: '/metadata/nope/x', value: 'x' }]],
  ['deployment', 'add missing parent', [{ op: 'add', path: '/metadata/nope/x', value: 'x' }]],
  ['deployment', 'add at end', [{ op: 'add', path: '/metadata/finalizers/-', value: 'f3' }]],
  ['deployment', 'add at index', [{ op: 'add', path: '/metadata/finalizers/0', value: 'f0' }]],
  ['deployment', 'add at length', [{ op: 'add', path: '/metadata/finalizers/2', value: 'f3' }]],
  ['deployment', 'add past length', [{ op: 'add', path: '/metadata/finalizers/3', value: 'f3' }]],
  ['deployment', 'add negative index', [{ op: 'add', path: '/metadata/finalizers/-1', value: 'fx' }]],
  ['deployment', 'add too negative', [{ op: 'add', path: '/metadata/finalizers/-3', value: 'fx' }]],
  ['deployment', 'add bad index', [{ op: 'add', path: '/metadata/finalizers/x', value: 'fx' }]],
  ['deployment', 'add leading zero index', [{ op: 'add', path: '/metadata/finalizers/01', value: 'fx' }]],
  ['deployment', 'add plus index', [{ op: 'add', path: '/metadata/finalizers/+1', value: 'fx' }]],
  ['deployment', 'remove index', [{ op: 'remove', path: '/metadata/finalizers/0' }]],
  ['deployment', 'remove last', [{ op: 'remove', path: '/metadata/finalizers/-1' }]],
  ['deployment', 'remove out of range', [{ op: 'remove', path: '/metadata/finalizers/2' }]],
  ['deployment', 'remove dash', [{ op: 'remove', path: '/metadata/finalizers/-' }]],
  ['deployment', 'replace index', [{ op: 'replace', path: '/metadata/finalizers/1', value: 'F' }]],
  ['deployment', 'replace out of range', [{ op: 'replace', path: '/metadata/finalizers/7', value: 'F' }]],
  ['deployment', 'replace dash', [{ op: 'replace', path: '/metadata/finalizers/-', value: 'F' }]],
  ['deployment', 'replace negative', [{ op: 'replace', path: '/metadata/finalizers/-2', value: 'F' }]],
  [
    'deployment',
    'container image',
    [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:2' }],
  ],
  [
    'deployment',
    'container add',
    [{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'c', image: 'c' } }],
  ],
  [
    'deployment',
    'test ok then replace',
    [
      { op: 'test', path: '/spec/replicas', value: 2 },
      { op: 'replace', path: '/spec/replicas', value: 3 },
    ],
  ],
  ['deployment', 'test failing', [{ op: 'test', path: '/spec/replicas', value: 3 }]],
  ['deployment', 'test string vs number', [{ op: 'test', path: '/spec/replicas', value: '2' }]],
  [
    'deployment',
    'test object',
    [{ op: 'test', path: '/metadata/labels', value: { tier: 'fe', app: 'web' } }],
  ],
  ['deployment', 'test missing with null', [{ op: 'test', path: '/metadata/nope', value: null }]],
  ['deployment', 'test missing with value', [{ op: 'test', path: '/metadata/nope', value: 1 }]],
  ['deployment', 'test missing parent', [{ op: 'test', path: '/nope/x', value: 1 }]],
  ['deployment', 'test root', [{ op: 'test', path: '', value: {} }]],
  ['deployment', 'test list item', [{ op: 'test', path: '/metadata/finalizers/1', value: 'f2' }]],
  [
    'deployment',
    'move label',
    [{ op: 'move', from: '/metadata/labels/tier', path: '/metadata/labels/layer' }],
  ],
  [
    'deployment',
    'move list item',
    [{ op: 'move', from: '/metadata/finalizers/0', path: '/metadata/finalizers/-' }],
  ],
  [
    'deployment',
    'move missing from',
    [{ op: 'move', from: '/metadata/labels/nope', path: '/metadata/labels/x' }],
  ],
  ['deployment', 'move missing parent', [{ op: 'move', from: '/metadata/nope/a', path: '/metadata/q' }]],
  ['deployment', 'move into child', [{ op: 'move', from: '/metadata/labels', path: '/metadata/labels/x' }]],
  ['deployment', 'move to missing parent', [{ op: 'move', from: '/metadata/labels/app', path: '/nope/x' }]],
  [
    'deployment',
    'copy map',
    [{ op: 'copy', from: '/metadata/labels', path: '/spec/template/metadata/annotations' }],
  ],
  [
    'deployment',
    'copy list item',
    [{ op: 'copy', from: '/metadata/finalizers/1', path: '/metadata/finalizers/0' }],
  ],
  ['deployment', 'copy missing', [{ op: 'copy', from: '/metadata/nope', path: '/metadata/x' }]],
  ['deployment', 'unknown op', [{ op: 'nope', path: '/a' }]],
  ['deployment', 'missing op', [{ path: '/a' }]],
  ['deployment', 'missing path', [{ op: 'add', value: 1 }]],
  ['deployment', 'missing value', [{ op: 'add', path: '/metadata/labels/x' }]],
  ['deployment', 'null value', [{ op: 'add', path: '/metadata/labels/x', value: null }]],
  ['deployment', 'not a list', { op: 'add', path: '/a', value: 1 }],
  ['deployment', 'path without slash', [{ op: 'add', path: 'metadata', value: 1 }]],
  ['deployment', 'escaped path', [{ op: 'add', path: '/metadata/annotations/a~1b~0c', value: 'v' }]],
  ['deployment', 'escaped remove', [{ op: 'remove', path: '/metadata/annotations/a~1b' }]],
  ['deployment', 'add root', [{ op: 'add', path: '', value: { a: 1 } }]],
  [
    'deployment',
    'replace root',
    [{ op: 'replace', path: '', value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } }],
  ],
  ['deployment', 'remove root', [{ op: 'remove', path: '' }]],
  ['deployment', 'add to scalar', [{ op: 'add', path: '/spec/replicas/x', value: 1 }]],
  ['deployment', 'remove from scalar', [{ op: 'remove', path: '/spec/replicas/x' }]],
  [
    'deployment',
    'second op fails',
    [
      { op: 'add', path: '/metadata/labels/x', value: 'y' },
      { op: 'remove', path: '/nope' },
    ],
  ],
  ['deployment', 'empty list', []],
  [
    'deployment',
    'replace with object',
    [{ op: 'replace', path: '/spec/selector', value: { matchLabels: { a: 'b' } } }],
  ],
  ['deployment', 'add replaces existing', [{ op: 'add', path: '/spec/replicas', value: 9 }]],
  ['deployment', 'remove container', [{ op: 'remove', path: '/spec/template/spec/containers/1' }]],
  ['deployment', 'op uppercase', [{ op: 'ADD', path: '/metadata/labels/x', value: 'y' }]],
  ['deployment', 'path is number', [{ op: 'add', path: 5, value: 'y' }]],
  ['pod', 'status remove', [{ op: 'remove', path: '/status' }]],
  ['pod', 'add env', [{ op: 'add', path: '/spec/containers/0/env/1', value: { name: 'M', value: 'm' } }]],
  ['configMap', 'add data key', [{ op: 'add', path: '/data/c', value: '3' }]],
  ['configMap', 'replace data', [{ op: 'replace', path: '/data', value: {} }]],
];

// ---------------------------------------------------------------------------------------------
// Generated strategic patches over the Deployment (fixed seed)

const names = ['a', 'b', 'c'];

/**
 * Adds `$setElementOrder/<field>` for a list of maps keyed by name: the patch's own items sorted
 * by a random order, that order listed in full (one time in ten, left unsorted, so the mismatch
 * error is recorded too).
 */
function withOrder(obj, field, spec) {
  if (spec === undefined || !Array.isArray(obj[field])) return obj;
  const [order, roll] = spec;
  const rank = (item) => order.indexOf(item.name);
  const list = roll === 0 ? obj[field] : [...obj[field]].sort((a, b) => rank(a) - rank(b));
  return { ...obj, [field]: list, [`$setElementOrder/${field}`]: order.map((name) => ({ name })) };
}
const envNames = ['A', 'B', 'C'];
const maybe = (arb) => fc.option(arb, { nil: undefined, freq: 2 });
const compact = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const nonEmpty = (o) => (Object.keys(o).length > 0 ? o : undefined);

const envItem = fc.oneof(
  fc.record({
    name: fc.constantFrom(...envNames),
    value: fc.oneof(fc.constantFrom('1', '2', 'x'), fc.constant(null)),
  }),
  fc.record({ name: fc.constantFrom(...envNames), $patch: fc.constant('delete') }),
  fc.record({
    name: fc.constantFrom(...envNames),
    valueFrom: fc.constant({ fieldRef: { fieldPath: 'spec.nodeName' } }),
    value: fc.constant(null),
  }),
);
const portItem = fc.oneof(
  fc
    .record({
      containerPort: fc.constantFrom(80, 443, 8080),
      name: maybe(fc.constantFrom('p1', 'p2')),
      protocol: maybe(fc.constantFrom('TCP', 'UDP')),
    })
    .map(compact),
  fc.record({ containerPort: fc.constantFrom(80, 443, 8080), $patch: fc.constant('delete') }),
);
const mountItem = fc.oneof(
  fc
    .record({
      mountPath: fc.constantFrom('/data', '/etc/cfg', '/new'),
      name: fc.constantFrom('data', 'cfg'),
      readOnly: maybe(fc.boolean()),
    })
    .map(compact),
  fc.record({ mountPath: fc.constantFrom('/data', '/etc/cfg'), $patch: fc.constant('delete') }),
);
const containerFields = fc
  .record({
    image: maybe(fc.oneof(fc.constantFrom('nginx:2', 'busybox'), fc.constant(null))),
    args: maybe(fc.oneof(fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }), fc.constant(null))),
    env: maybe(fc.array(envItem, { maxLength: 3 })),
    ports: maybe(fc.array(portItem, { maxLength: 3 })),
    volumeMounts: maybe(fc.array(mountItem, { maxLength: 2 })),
    envOrder: maybe(
      fc.tuple(fc.shuffledSubarray(envNames, { minLength: envNames.length }), fc.integer({ min: 0, max: 9 })),
    ),
    resources: maybe(
      fc
        .record({
          limits: maybe(fc.record({ cpu: fc.constantFrom('1', '2') })),
          requests: maybe(fc.constant(null)),
        })
        .map(compact),
    ),
  })
  .map(({ envOrder, ...fields }) => withOrder(compact(fields), 'env', envOrder));
const containerItem = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.tuple(fc.constantFrom(...names), containerFields).map(([name, f]) => ({ name, ...f })),
  },
  { weight: 1, arbitrary: fc.record({ name: fc.constantFrom(...names), $patch: fc.constant('delete') }) },
);
const volumeItem = fc.oneof(
  fc.record({ name: fc.constantFrom('data', 'cfg', 'new'), emptyDir: fc.constant({}) }),
  fc.record({
    name: fc.constantFrom('data', 'cfg', 'new'),
    hostPath: fc.constant({ path: '/h' }),
    $retainKeys: fc.constant(['name', 'hostPath']),
  }),
  fc.record({ name: fc.constantFrom('data', 'cfg'), $patch: fc.constant('delete') }),
);
const podSpecPatch = fc
  .record({
    containers: maybe(fc.array(containerItem, { minLength: 1, maxLength: 3 })),
    containerOrder: maybe(
      fc.tuple(fc.shuffledSubarray(names, { minLength: names.length }), fc.integer({ min: 0, max: 9 })),
    ),
    volumes: maybe(fc.array(volumeItem, { maxLength: 2 })),
    tolerations: maybe(fc.array(fc.record({ key: fc.constantFrom('k1', 'k3') }), { maxLength: 2 })),
    imagePullSecrets: maybe(fc.array(fc.record({ name: fc.constantFrom('s1', 's3') }), { maxLength: 2 })),
    nodeSelector: maybe(fc.oneof(fc.constant(null), fc.record({ disk: fc.constantFrom('hdd', null) }))),
  })
  .map(({ containerOrder, ...fields }) => withOrder(compact(fields), 'containers', containerOrder));
const deploymentPatch = fc
  .record({
    labels: maybe(
      fc.dictionary(
        fc.constantFrom('app', 'tier', 'env'),
        fc.oneof(fc.constant(null), fc.constantFrom('x', 'y')),
        { maxKeys: 2 },
      ),
    ),
    // Both in one patch would depend on Go's random map order, so one or the other.
    finalizers: maybe(
      fc.oneof(
        fc.record({ add: fc.array(fc.constantFrom('f1', 'f2', 'f3'), { maxLength: 2 }) }),
        fc.record({ remove: fc.array(fc.constantFrom('f1', 'f2'), { minLength: 1, maxLength: 1 }) }),
      ),
    ),
    replicas: maybe(fc.integer({ min: 0, max: 5 })),
    strategy: maybe(
      fc.constantFrom(
        { type: 'Recreate', rollingUpdate: null, $retainKeys: ['type'] },
        { rollingUpdate: { maxSurge: 2 } },
      ),
    ),
    podSpec: podSpecPatch,
  })
  .map((g) => {
    const metadata = nonEmpty(
      compact({
        labels: g.labels && nonEmpty(g.labels),
        finalizers: g.finalizers?.add,
        '$deleteFromPrimitiveList/finalizers': g.finalizers?.remove,
      }),
    );
    const spec = nonEmpty(
      compact({
        replicas: g.replicas,
        strategy: g.strategy,
        template: Object.keys(g.podSpec).length > 0 ? { spec: g.podSpec } : undefined,
      }),
    );
    return compact({ metadata, spec });
  })
  .filter((p) => Object.keys(p).length > 0);

const generated = fc
  .sample(deploymentPatch, { seed: 20251125, numRuns: 300 })
  .map((patch, i) => ['deployment', `generated ${i}`, patch]);

// ---------------------------------------------------------------------------------------------
// Recording

const dir = mkdtempSync(join(tmpdir(), 'record-patch-oracle-'));
try {
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, '');
  const baseFiles = {};
  for (const [name, obj] of Object.entries(bases)) {
    baseFiles[name] = join(dir, `${name}.json`);
    writeFileSync(baseFiles[name], JSON.stringify(obj));
  }
  const record = (type, cases) =>
    cases.map(([base, name, patch]) => {
      const run = spawnSync(
        kubectl,
        [
          'patch',
          '--local',
          '-f',
          baseFiles[base],
          '--type',
          type,
          '-p',
          JSON.stringify(patch),
          '-o',
          'json',
        ],
        { encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig } },
      );
      if (run.status === 0) return { name, base, patch, result: JSON.parse(run.stdout) };
      const error = run.stderr.trim().replace(/^error: /, '');
      return { name, base, patch, error };
    });
  mkdirSync(outDir, { recursive: true });
  // One case per line keeps the golden files small and their diffs readable.
  const write = (file, data) =>
    writeFileSync(
      join(outDir, file),
      Array.isArray(data)
        ? `[\n${data.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`
        : `${JSON.stringify(data, null, 1)}\n`,
    );
  write('bases.json', bases);
  const sets = {
    'strategic.json': record('strategic', strategic),
    'strategic-generated.json': record('strategic', generated),
    'merge.json': record('merge', merge),
    'json.json': record('json', json),
  };
  for (const [file, cases] of Object.entries(sets)) {
    write(file, cases);
    const errors = cases.filter((c) => c.error !== undefined).length;
    console.log(`${file}: ${cases.length} cases (${errors} errors)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
