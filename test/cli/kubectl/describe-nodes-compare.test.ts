// `bosun kubectl describe node` and `describe hpa` against the real kubectl 1.35 on the same
// control plane. Nodes are cluster-scoped, so both clients describe the very same nodes; their
// pods live in a namespace of their own so the pods table reads the same from both sides.

import { afterAll, beforeAll, describe } from 'vitest';
import { compareEach, Harness, kubectlBin } from './harness.ts';

if (!kubectlBin)
  console.log(
    'kubectl describe nodes compare: skipped, no reference kubectl (run scripts/reference-bins.sh)',
  );

type Obj = Record<string, any>;

const at = '2024-03-01T10:00:00Z';
const condition = (type: string, status: string, reason: string, message: string) => ({
  type,
  status,
  lastHeartbeatTime: at,
  lastTransitionTime: at,
  reason,
  message,
});

const nodes: { node: Obj; status: Obj }[] = [
  {
    node: {
      metadata: {
        name: 'alpha',
        labels: {
          'kubernetes.io/hostname': 'alpha',
          'node-role.kubernetes.io/control-plane': '',
          'node-role.kubernetes.io/worker': '',
          'kubernetes.io/role': 'edge',
        },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
      },
      spec: {
        podCIDR: '10.42.0.0/24',
        podCIDRs: ['10.42.0.0/24'],
        providerID: 'bosun://alpha',
        taints: [
          { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          { key: 'dedicated', value: 'gpu', effect: 'NoExecute' },
          { key: 'zone', value: 'a', effect: 'NoSchedule' },
        ],
      },
    },
    status: {
      capacity: {
        cpu: '8',
        memory: '16336852Ki',
        'ephemeral-storage': '102626232Ki',
        'hugepages-2Mi': '0',
        'example.com/gpu': '2',
        pods: '110',
      },
      allocatable: {
        cpu: '7500m',
        memory: '15Gi',
        'ephemeral-storage': '100Gi',
        'hugepages-2Mi': '256Mi',
        'example.com/gpu': '2',
        pods: '110',
      },
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: '127.0.0.1' },
        { type: 'Hostname', address: 'alpha' },
      ],
      nodeInfo: {
        machineID: 'm1',
        systemUUID: 'u1',
        bootID: 'b1',
        kernelVersion: '6.8.0',
        osImage: 'bosun simulated node',
        containerRuntimeVersion: 'containerd://2.1.0',
        kubeletVersion: 'v1.35.0',
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  },
  {
    node: { metadata: { name: 'beta' }, spec: { unschedulable: true } },
    status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
  },
];

const container = (name: string, resources: Obj, extra: Obj = {}) => ({
  name,
  image: 'nginx',
  resources,
  ...extra,
});

/** Pods on the nodes: plain, init and sidecar containers, overhead, best effort, and a finished one. */
const pods: { name: string; node: string; spec: Obj; phase: string }[] = [
  {
    name: 'web',
    node: 'alpha',
    phase: 'Running',
    spec: {
      containers: [
        container('web', {
          requests: { cpu: '100m', memory: '64Mi' },
          limits: { cpu: '500m', memory: '128Mi' },
        }),
        container('log', { requests: { cpu: '50m', memory: '100M', 'ephemeral-storage': '1Gi' } }),
      ],
    },
  },
  {
    name: 'batch',
    node: 'alpha',
    phase: 'Pending',
    spec: {
      initContainers: [
        container('setup', { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '2' } }),
        container(
          'proxy',
          { requests: { cpu: '200m', 'example.com/gpu': '1' } },
          { restartPolicy: 'Always' },
        ),
        container('migrate', { requests: { cpu: '300m' } }),
      ],
      containers: [
        container('main', {
          requests: { cpu: '1', memory: '512Mi', 'hugepages-2Mi': '64Mi' },
          limits: { cpu: '1500m', 'hugepages-2Mi': '64Mi' },
        }),
      ],
      overhead: { cpu: '250m', memory: '120Mi' },
    },
  },
  { name: 'idle', node: 'alpha', phase: 'Running', spec: { containers: [container('idle', {})] } },
  {
    name: 'done',
    node: 'alpha',
    phase: 'Succeeded',
    spec: { restartPolicy: 'Never', containers: [container('done', { requests: { cpu: '3' } })] },
  },
  {
    name: 'lone',
    node: 'beta',
    phase: 'Running',
    spec: { containers: [container('c', { limits: { cpu: '1', memory: '1Gi' } })] },
  },
];

const hpas: Obj[] = [
  {
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
        },
        {
          type: 'Resource',
          resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1024Mi' } },
        },
        {
          type: 'ContainerResource',
          containerResource: {
            name: 'cpu',
            container: 'app',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
        {
          type: 'Pods',
          pods: {
            metric: { name: 'packets-per-second' },
            target: { type: 'AverageValue', averageValue: '1k' },
          },
        },
        {
          type: 'Object',
          object: {
            metric: { name: 'requests-per-second' },
            describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' },
            target: { type: 'Value', value: '10k' },
          },
        },
        {
          type: 'External',
          external: {
            metric: { name: 'queue_messages' },
            target: { type: 'AverageValue', averageValue: '30' },
          },
        },
        { type: 'External', external: { metric: { name: 'lag' }, target: { type: 'Value', value: '0.5' } } },
      ],
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: 120,
          policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
        },
      },
    },
    status: {
      currentReplicas: 3,
      desiredReplicas: 4,
      currentMetrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', current: { averageUtilization: 75, averageValue: '150m' } },
        },
        { type: 'Resource', resource: { name: 'memory', current: { averageValue: '800Mi' } } },
        {
          type: 'ContainerResource',
          containerResource: { name: 'cpu', container: 'app', current: { averageValue: '90m' } },
        },
        {
          type: 'Pods',
          pods: { metric: { name: 'packets-per-second' }, current: { averageValue: '1500m' } },
        },
        {
          type: 'Object',
          object: {
            metric: { name: 'requests-per-second' },
            describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' },
            current: { value: '12000' },
          },
        },
      ],
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingActive',
          status: 'True',
          reason: 'ValidMetricFound',
          message: 'the HPA was able to successfully calculate a replica count',
        },
      ],
    },
  },
  {
    metadata: { name: 'plain' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }, maxReplicas: 3 },
  },
];

const cases: string[][] = [
  ['describe', 'node', 'alpha'],
  ['describe', 'node', 'beta'],
  ['describe', 'nodes'],
  ['describe', 'node/alpha', '--show-events=false'],
  ['describe', 'no', 'al'],
  ['describe', 'node', 'gamma'],
  ['describe', 'hpa', 'web'],
  ['describe', 'hpa', 'plain'],
  ['describe', 'hpa'],
  ['describe', 'horizontalpodautoscaler/web', '--show-events=false'],
];

describe.skipIf(!kubectlBin)('bosun kubectl describe (nodes, hpa) equals kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
    // kube-node-lease is one of the control plane's own namespaces
    await h.api('POST', '/api/v1/namespaces', { metadata: { name: 'nodes' } });
    const uids: Record<string, string> = {};
    for (const { node, status } of nodes) {
      const created = await h.api('POST', '/api/v1/nodes', node);
      uids[node.metadata.name] = created.metadata.uid;
      await h.api(
        'PATCH',
        `/api/v1/nodes/${node.metadata.name}/status`,
        { status },
        'application/merge-patch+json',
      );
    }
    await h.api('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', {
      metadata: { name: 'alpha' },
      spec: { holderIdentity: 'alpha', leaseDurationSeconds: 40, renewTime: '2024-03-01T10:00:05.000000Z' },
    });
    for (const p of pods) {
      await h.api('POST', '/api/v1/namespaces/nodes/pods', {
        metadata: { name: p.name },
        spec: { nodeName: p.node, ...p.spec },
      });
      await h.api(
        'PATCH',
        `/api/v1/namespaces/nodes/pods/${p.name}/status`,
        { status: { phase: p.phase } },
        'application/merge-patch+json',
      );
    }
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    // the node controller records events under the node's uid, the kubelet under its name
    for (const [i, uid] of [uids.alpha, 'alpha'].entries())
      await h.api('POST', '/api/v1/namespaces/default/events', {
        metadata: { name: `alpha.${i}` },
        involvedObject: { kind: 'Node', name: 'alpha', uid },
        reason: i === 0 ? 'RegisteredNode' : 'NodeReady',
        message:
          i === 0
            ? 'Node alpha event: Registered Node alpha in Controller'
            : 'Node alpha status is now: NodeReady',
        type: 'Normal',
        source: { component: i === 0 ? 'node-controller' : 'kubelet' },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      });
    await h.both(async (ns) => {
      for (const hpa of hpas) {
        const { status, ...body } = hpa;
        await h.api('POST', `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers`, body);
        if (status)
          await h.api(
            'PATCH',
            `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers/${hpa.metadata.name}/status`,
            { status },
            'application/merge-patch+json',
          );
      }
      const web: Obj = await h.api(
        'GET',
        `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers/web`,
      );
      await h.api('POST', `/api/v1/namespaces/${ns}/events`, {
        metadata: { name: 'web.hpa' },
        involvedObject: {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          name: 'web',
          namespace: ns,
          uid: web.metadata.uid,
        },
        reason: 'SuccessfulRescale',
        message: 'New size: 4; reason: cpu resource utilization (percentage of request) above target',
        type: 'Normal',
        source: { component: 'horizontal-pod-autoscaler' },
        // long ago, so `(x2 over <age>)` reads the same a second later
        firstTimestamp: at,
        lastTimestamp: at,
        count: 2,
      });
    });
  }, 60_000);
  afterAll(() => h.stop());

  compareEach(h, cases);
});
