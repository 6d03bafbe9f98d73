import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/cluster/registry/index.ts';
import { created, strategy } from './helpers.ts';

// Every expectation below comes from upstream's defaulting code, named in the case: pkg/apis/<group>/v1/
// defaults.go (SetDefaults_*) and zz_generated.defaults.go (which nested types are reached), and
// apiextensions-apiserver's pkg/apis/apiextensions/v1/defaults.go. A case defaults the input (`stage:
// 'defaults'`) or runs the whole create preparation (the default), then compares the value at `path`.

interface Case {
  name: string;
  resource: [group: string, version: string, plural: string];
  stage?: 'defaults' | 'create';
  input: KubeObject;
  path: string;
  expected: unknown;
}

const meta = (name: string) => ({ name, namespace: 'default' });
const c = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: 'busybox:1.36', ...extra });
const podTemplate = (spec: Record<string, unknown>) => ({ metadata: { labels: { app: 'x' } }, spec });
const workload = (kind: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: meta('w'),
  spec: { selector: { matchLabels: { app: 'x' } }, ...spec },
});

const cases: Case[] = [
  // --- core/v1 Pod and PodSpec ---------------------------------------------------------------
  {
    name: 'core SetDefaults_Pod: hostNetwork pods get hostPort = containerPort (containers and init containers)',
    resource: ['', 'v1', 'pods'],
    input: {
      metadata: meta('p'),
      spec: {
        hostNetwork: true,
        initContainers: [c('i', { ports: [{ containerPort: 9000 }] })],
        containers: [c('c', { ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 81 }] })],
      },
    },
    path: 'spec.containers.0.ports',
    expected: [
      { containerPort: 80, hostPort: 80, protocol: 'TCP' },
      { containerPort: 81, hostPort: 81, protocol: 'TCP' },
    ],
  },
  {
    name: 'core SetDefaults_Pod: init containers of hostNetwork pods too',
    resource: ['', 'v1', 'pods'],
    input: {
      metadata: meta('p'),
      spec: {
        hostNetwork: true,
        initContainers: [c('i', { ports: [{ containerPort: 9000 }] })],
        containers: [c('c')],
      },
    },
    path: 'spec.initContainers.0.ports',
    expected: [{ containerPort: 9000, hostPort: 9000, protocol: 'TCP' }],
  },
  {
    name: 'core SetDefaults_PodSpec: pod templates get no host ports (that is SetDefaults_Pod only)',
    resource: ['apps', 'v1', 'deployments'],
    input: workload('Deployment', {
      template: podTemplate({ hostNetwork: true, containers: [c('c', { ports: [{ containerPort: 80 }] })] }),
    }),
    path: 'spec.template.spec.containers.0.ports',
    expected: [{ containerPort: 80, protocol: 'TCP' }],
  },
  {
    name: 'core SetDefaults_EphemeralContainer: ephemeral containers are defaulted as containers',
    resource: ['', 'v1', 'pods'],
    stage: 'defaults',
    input: {
      metadata: meta('p'),
      spec: {
        containers: [c('c')],
        ephemeralContainers: [{ name: 'dbg', image: 'busybox', ports: [{ containerPort: 1 }] }],
      },
    },
    path: 'spec.ephemeralContainers.0',
    expected: {
      name: 'dbg',
      image: 'busybox',
      imagePullPolicy: 'Always',
      ports: [{ containerPort: 1, protocol: 'TCP' }],
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    },
  },
  {
    name: 'core SetDefaults_Probe + GRPCAction.Service "" (declarative) + SetDefaults_HTTPGetAction in lifecycle',
    resource: ['', 'v1', 'pods'],
    input: {
      metadata: meta('p'),
      spec: {
        containers: [
          c('c', {
            livenessProbe: { grpc: { port: 9090 } },
            startupProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
            lifecycle: { preStop: { httpGet: { port: 8080 } } },
          }),
        ],
      },
    },
    path: 'spec.containers.0',
    expected: {
      ...c('c'),
      imagePullPolicy: 'IfNotPresent',
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      livenessProbe: {
        grpc: { port: 9090, service: '' },
        failureThreshold: 3,
        periodSeconds: 10,
        successThreshold: 1,
        timeoutSeconds: 1,
      },
      startupProbe: {
        tcpSocket: { port: 80 },
        failureThreshold: 3,
        periodSeconds: 5,
        successThreshold: 1,
        timeoutSeconds: 1,
      },
      lifecycle: { preStop: { httpGet: { port: 8080, path: '/', scheme: 'HTTP' } } },
    },
  },
  {
    name: 'core volume defaults: RBD/ISCSI (declarative), AzureDisk, ScaleIO, HostPath, ImageVolume pull policy, ephemeral claim spec',
    resource: ['apps', 'v1', 'deployments'],
    input: workload('Deployment', {
      template: podTemplate({
        containers: [c('c')],
        volumes: [
          { name: 'rbd', rbd: { monitors: ['m'], image: 'i' } },
          { name: 'iscsi', iscsi: { targetPortal: 't', iqn: 'q', lun: 0 } },
          { name: 'az', azureDisk: { diskName: 'd', diskURI: 'u' } },
          { name: 'sio', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'x' } } },
          { name: 'hp', hostPath: { path: '/data' } },
          { name: 'img-latest', image: { reference: 'registry.io/artifacts' } },
          { name: 'img-tagged', image: { reference: 'registry.io/artifacts:v1' } },
          {
            name: 'eph',
            ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } },
          },
          {
            name: 'proj',
            projected: {
              sources: [
                { serviceAccountToken: { path: 't' } },
                { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } },
              ],
            },
          },
        ],
      }),
    }),
    path: 'spec.template.spec.volumes',
    expected: [
      {
        name: 'rbd',
        rbd: { monitors: ['m'], image: 'i', pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' },
      },
      { name: 'iscsi', iscsi: { targetPortal: 't', iqn: 'q', lun: 0, iscsiInterface: 'default' } },
      {
        name: 'az',
        azureDisk: {
          diskName: 'd',
          diskURI: 'u',
          cachingMode: 'ReadWrite',
          kind: 'Shared',
          fsType: 'ext4',
          readOnly: false,
        },
      },
      {
        name: 'sio',
        scaleIO: {
          gateway: 'g',
          system: 's',
          secretRef: { name: 'x' },
          storageMode: 'ThinProvisioned',
          fsType: 'xfs',
        },
      },
      { name: 'hp', hostPath: { path: '/data', type: '' } },
      { name: 'img-latest', image: { reference: 'registry.io/artifacts', pullPolicy: 'Always' } },
      { name: 'img-tagged', image: { reference: 'registry.io/artifacts:v1', pullPolicy: 'IfNotPresent' } },
      {
        name: 'eph',
        ephemeral: {
          volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' } },
        },
      },
      {
        name: 'proj',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { path: 't', expirationSeconds: 3600 } },
            {
              downwardAPI: {
                items: [{ path: 'n', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } }],
              },
            },
          ],
        },
      },
    ],
  },
  {
    name: 'core SetObjectDefaults_PodTemplate: the PodSpec defaults reach PodTemplate objects',
    resource: ['', 'v1', 'podtemplates'],
    input: { metadata: meta('pt'), template: { spec: { containers: [c('c')] } } },
    path: 'template.spec',
    expected: {
      containers: [
        {
          ...c('c'),
          imagePullPolicy: 'IfNotPresent',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  },
  {
    name: 'core SetDefaults_ReplicationController: selector and labels from the template; replicas 1 (declarative)',
    resource: ['', 'v1', 'replicationcontrollers'],
    input: { metadata: meta('rc'), spec: { template: podTemplate({ containers: [c('c')] }) } },
    path: 'metadata.labels',
    expected: { app: 'x' },
  },
  // --- core/v1 Service -----------------------------------------------------------------------
  {
    name: 'core SetDefaults_Service: ClientIP affinity gets the 10800s timeout',
    resource: ['', 'v1', 'services'],
    input: { metadata: meta('s'), spec: { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] } },
    path: 'spec.sessionAffinityConfig',
    expected: { clientIP: { timeoutSeconds: 10800 } },
  },
  {
    name: 'core SetDefaults_Service: affinity None drops sessionAffinityConfig',
    resource: ['', 'v1', 'services'],
    input: {
      metadata: meta('s'),
      spec: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } }, ports: [{ port: 80 }] },
    },
    path: 'spec.sessionAffinityConfig',
    expected: undefined,
  },
  {
    name: 'core SetDefaults_Service: ClusterIP with externalIPs is externally accessible (externalTrafficPolicy Cluster)',
    resource: ['', 'v1', 'services'],
    input: {
      metadata: meta('s'),
      spec: { externalIPs: ['1.2.3.4'], ports: [{ port: 80, protocol: 'UDP' }] },
    },
    path: 'spec.externalTrafficPolicy',
    expected: 'Cluster',
  },
  {
    name: 'core SetDefaults_Service: ExternalName gets no internalTrafficPolicy',
    resource: ['', 'v1', 'services'],
    input: { metadata: meta('s'), spec: { type: 'ExternalName', externalName: 'example.com' } },
    path: 'spec',
    expected: { type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' },
  },
  {
    name: 'core SetDefaults_Service: LoadBalancer allocates node ports and ingress IPs get ipMode VIP',
    resource: ['', 'v1', 'services'],
    stage: 'defaults',
    input: {
      metadata: meta('s'),
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
      status: { loadBalancer: { ingress: [{ ip: '127.0.0.1' }, { hostname: 'lb.example' }] } },
    },
    path: 'status.loadBalancer.ingress',
    expected: [{ ip: '127.0.0.1', ipMode: 'VIP' }, { hostname: 'lb.example' }],
  },
  // --- core/v1 storage, endpoints, limits, nodes ----------------------------------------------
  {
    name: 'core SetDefaults_PersistentVolume + volume source defaults inside the PV spec',
    resource: ['', 'v1', 'persistentvolumes'],
    input: {
      metadata: { name: 'pv' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/pv' } },
    },
    path: 'spec',
    expected: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      hostPath: { path: '/pv', type: '' },
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
    },
  },
  {
    name: 'core SetObjectDefaults_PersistentVolume: RBD and ISCSI persistent sources',
    resource: ['', 'v1', 'persistentvolumes'],
    stage: 'defaults',
    input: {
      metadata: { name: 'pv' },
      spec: { rbd: { monitors: ['m'], image: 'i' }, iscsi: { targetPortal: 't', iqn: 'q', lun: 1 } },
    },
    path: 'spec',
    expected: {
      rbd: { monitors: ['m'], image: 'i', pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' },
      iscsi: { targetPortal: 't', iqn: 'q', lun: 1, iscsiInterface: 'default' },
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
    },
  },
  {
    name: 'core SetDefaults_PersistentVolumeClaimSpec + SetDefaults_PersistentVolumeClaim (status Pending)',
    resource: ['', 'v1', 'persistentvolumeclaims'],
    input: {
      metadata: meta('c'),
      spec: {
        storageClassName: '',
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
      },
    },
    path: 'spec.volumeMode',
    expected: 'Filesystem',
  },
  {
    name: 'core SetDefaults_Endpoints: ports default to TCP',
    resource: ['', 'v1', 'endpoints'],
    input: { metadata: meta('e'), subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] },
    path: 'subsets.0.ports',
    expected: [{ port: 80, protocol: 'TCP' }],
  },
  {
    name: 'core SetDefaults_LimitRangeItem: default from max, defaultRequest from default (then min)',
    resource: ['', 'v1', 'limitranges'],
    input: {
      metadata: meta('l'),
      spec: {
        limits: [
          { type: 'Container', max: { cpu: '2', memory: '1Gi' }, min: { cpu: '100m' } },
          { type: 'Pod', max: { cpu: '4' } },
        ],
      },
    },
    path: 'spec.limits',
    expected: [
      {
        type: 'Container',
        max: { cpu: '2', memory: '1Gi' },
        min: { cpu: '100m' },
        default: { cpu: '2', memory: '1Gi' },
        defaultRequest: { cpu: '2', memory: '1Gi' },
      },
      { type: 'Pod', max: { cpu: '4' } },
    ],
  },
  {
    name: 'core SetDefaults_NodeStatus: allocatable defaults to capacity',
    resource: ['', 'v1', 'nodes'],
    stage: 'defaults',
    input: { metadata: { name: 'n' }, status: { capacity: { cpu: '4', pods: '110' } } },
    path: 'status.allocatable',
    expected: { cpu: '4', pods: '110' },
  },
  {
    name: 'core SetDefaults_Secret: type Opaque',
    resource: ['', 'v1', 'secrets'],
    input: { metadata: meta('s'), data: { a: 'Yg==' } },
    path: 'type',
    expected: 'Opaque',
  },
  // --- apps/v1 ----------------------------------------------------------------------------------
  {
    name: 'apps SetDefaults_Deployment: Recreate gets no rollingUpdate',
    resource: ['apps', 'v1', 'deployments'],
    input: workload('Deployment', {
      strategy: { type: 'Recreate' },
      template: podTemplate({ containers: [c('c')] }),
    }),
    path: 'spec.strategy',
    expected: { type: 'Recreate' },
  },
  {
    name: 'apps SetDefaults_DaemonSet: OnDelete gets no rollingUpdate',
    resource: ['apps', 'v1', 'daemonsets'],
    input: workload('DaemonSet', {
      updateStrategy: { type: 'OnDelete' },
      template: podTemplate({ containers: [c('c')] }),
    }),
    path: 'spec.updateStrategy',
    expected: { type: 'OnDelete' },
  },
  {
    name: 'apps SetDefaults_StatefulSet: an explicit RollingUpdate type without rollingUpdate stays without it',
    resource: ['apps', 'v1', 'statefulsets'],
    input: workload('StatefulSet', {
      serviceName: 's',
      updateStrategy: { type: 'RollingUpdate' },
      template: podTemplate({ containers: [c('c')] }),
    }),
    path: 'spec.updateStrategy',
    expected: { type: 'RollingUpdate' },
  },
  {
    name: 'apps SetDefaults_StatefulSet: partition 0 and maxUnavailable 1 (MaxUnavailableStatefulSet, beta on in 1.35) fill a given rollingUpdate',
    resource: ['apps', 'v1', 'statefulsets'],
    input: workload('StatefulSet', {
      serviceName: 's',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: {} },
      template: podTemplate({ containers: [c('c')] }),
    }),
    path: 'spec.updateStrategy',
    expected: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } },
  },
  {
    name: 'apps StatefulSet volumeClaimTemplates: SetDefaults_PersistentVolumeClaim(Spec) reach each template',
    resource: ['apps', 'v1', 'statefulsets'],
    input: workload('StatefulSet', {
      serviceName: 's',
      template: podTemplate({ containers: [c('c')] }),
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    }),
    path: 'spec.volumeClaimTemplates',
    expected: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Pending' },
      },
    ],
  },
  // --- batch/v1 -----------------------------------------------------------------------------------
  {
    name: 'batch SetDefaults_Job: labels from the template, manualSelector false, backoffLimitPerIndex makes backoffLimit MaxInt32',
    resource: ['batch', 'v1', 'jobs'],
    input: {
      metadata: meta('j'),
      spec: {
        completions: 3,
        completionMode: 'Indexed',
        backoffLimitPerIndex: 1,
        template: {
          metadata: { labels: { app: 'x' } },
          spec: { restartPolicy: 'Never', containers: [c('c')] },
        },
      },
    },
    path: 'metadata.labels+spec.backoffLimit+spec.manualSelector+spec.parallelism+spec.podReplacementPolicy+spec.suspend',
    expected: [{ app: 'x' }, 2147483647, false, 1, 'TerminatingOrFailed', false],
  },
  {
    name: 'batch SetDefaults_Job: a pod failure policy makes podReplacementPolicy Failed; patterns default to status True',
    resource: ['batch', 'v1', 'jobs'],
    input: {
      metadata: meta('j'),
      spec: {
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
        template: { spec: { restartPolicy: 'Never', containers: [c('c')] } },
      },
    },
    path: 'spec.podReplacementPolicy+spec.podFailurePolicy',
    expected: [
      'Failed',
      { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
    ],
  },
  {
    name: 'batch CronJob: SetDefaults_Job does not reach the job template; its pod failure policy patterns do',
    resource: ['batch', 'v1', 'cronjobs'],
    input: {
      metadata: meta('cj'),
      spec: {
        schedule: '@hourly',
        jobTemplate: {
          spec: {
            podFailurePolicy: {
              rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }],
            },
            template: { spec: { restartPolicy: 'Never', containers: [c('c')] } },
          },
        },
      },
    },
    path: 'spec.jobTemplate.spec.podFailurePolicy+spec.jobTemplate.spec.completions+spec.jobTemplate.spec.manualSelector',
    expected: [
      { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
      undefined,
      undefined,
    ],
  },
  // --- autoscaling/v2 -------------------------------------------------------------------------------
  {
    name: 'autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: minReplicas 1, cpu 80% metric, no behavior unless given',
    resource: ['autoscaling', 'v2', 'horizontalpodautoscalers'],
    input: {
      metadata: meta('h'),
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }, maxReplicas: 5 },
    },
    path: 'spec',
    expected: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' },
      maxReplicas: 5,
      minReplicas: 1,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ],
    },
  },
  {
    name: 'autoscaling/v2 SetDefaults_HorizontalPodAutoscalerBehavior: given rules kept, the rest from the defaults (no scale-down window)',
    resource: ['autoscaling', 'v2', 'horizontalpodautoscalers'],
    input: {
      metadata: meta('h'),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' },
        maxReplicas: 5,
        behavior: { scaleUp: { selectPolicy: 'Min' }, scaleDown: { stabilizationWindowSeconds: 60 } },
      },
    },
    path: 'spec.behavior',
    expected: {
      scaleUp: {
        selectPolicy: 'Min',
        stabilizationWindowSeconds: 0,
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: {
        stabilizationWindowSeconds: 60,
        selectPolicy: 'Max',
        policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      },
    },
  },
  // --- networking, rbac, storage, discovery, apiextensions -----------------------------------
  {
    name: 'networking SetDefaults_NetworkPolicy + SetDefaults_NetworkPolicyPort: egress rules add Egress; ports TCP',
    resource: ['networking.k8s.io', 'v1', 'networkpolicies'],
    input: {
      metadata: meta('np'),
      spec: {
        podSelector: {},
        ingress: [{ ports: [{ port: 80 }] }],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 443 }] }],
      },
    },
    path: 'spec',
    expected: {
      podSelector: {},
      ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }],
      egress: [
        {
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 443, protocol: 'TCP' },
          ],
        },
      ],
      policyTypes: ['Ingress', 'Egress'],
    },
  },
  {
    name: 'networking SetDefaults_IngressClass (defaults_test TestSetDefaultsForIngressClassParametersReference): scope Cluster',
    resource: ['networking.k8s.io', 'v1', 'ingressclasses'],
    input: {
      metadata: { name: 'ic' },
      spec: { controller: 'example.com/c', parameters: { kind: 'K', name: 'n' } },
    },
    path: 'spec',
    expected: { controller: 'example.com/c', parameters: { kind: 'K', name: 'n', scope: 'Cluster' } },
  },
  {
    name: 'networking SetDefaults_IngressClass: an explicit Namespace scope is kept, no parameters stay absent',
    resource: ['networking.k8s.io', 'v1', 'ingressclasses'],
    input: {
      metadata: { name: 'ic' },
      spec: { controller: 'c', parameters: { kind: 'K', name: 'n', scope: 'Namespace', namespace: 'ns' } },
    },
    path: 'spec.parameters.scope',
    expected: 'Namespace',
  },
  {
    name: 'rbac SetDefaults_Subject + SetDefaults_RoleBinding: User/Group in the RBAC group, ServiceAccount without one',
    resource: ['rbac.authorization.k8s.io', 'v1', 'rolebindings'],
    input: {
      metadata: meta('rb'),
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [
        { kind: 'ServiceAccount', name: 'sa', namespace: 'default' },
        { kind: 'ServiceAccount', name: 'sb', namespace: 'default', apiGroup: '' },
        { kind: 'User', name: 'u' },
        { kind: 'Group', name: 'g', apiGroup: '' },
      ],
    },
    path: 'roleRef+subjects',
    expected: [
      { kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' },
      [
        { kind: 'ServiceAccount', name: 'sa', namespace: 'default' },
        { kind: 'ServiceAccount', name: 'sb', namespace: 'default' },
        { kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'Group', name: 'g', apiGroup: 'rbac.authorization.k8s.io' },
      ],
    ],
  },
  {
    name: 'storage SetDefaults_StorageClass: reclaimPolicy Delete, volumeBindingMode Immediate',
    resource: ['storage.k8s.io', 'v1', 'storageclasses'],
    input: { metadata: { name: 'sc' }, provisioner: 'example.com/p' },
    path: 'reclaimPolicy+volumeBindingMode',
    expected: ['Delete', 'Immediate'],
  },
  {
    name: 'discovery SetDefaults_EndpointPort: name "" and protocol TCP',
    resource: ['discovery.k8s.io', 'v1', 'endpointslices'],
    input: { metadata: meta('es'), addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }] },
    path: 'ports',
    expected: [{ name: '', port: 80, protocol: 'TCP' }],
  },
  {
    name: 'apiextensions SetDefaults_CustomResourceDefinitionSpec + SetDefaults_ServiceReference (port 443)',
    resource: ['apiextensions.k8s.io', 'v1', 'customresourcedefinitions'],
    stage: 'defaults',
    input: {
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', kind: 'Widget' },
        versions: [{ name: 'v1', served: true, storage: true }],
        conversion: {
          strategy: 'Webhook',
          webhook: {
            conversionReviewVersions: ['v1'],
            clientConfig: { service: { namespace: 'ns', name: 'conv' } },
          },
        },
      },
    },
    path: 'spec.names+spec.conversion.webhook.clientConfig.service',
    expected: [
      { plural: 'widgets', kind: 'Widget', singular: 'widget', listKind: 'WidgetList' },
      { namespace: 'ns', name: 'conv', port: 443 },
    ],
  },
  {
    name: 'apiextensions SetDefaults_CustomResourceDefinitionSpec: conversion strategy None when absent',
    resource: ['apiextensions.k8s.io', 'v1', 'customresourcedefinitions'],
    stage: 'defaults',
    input: {
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Cluster',
        names: { plural: 'gadgets', kind: 'Gadget', singular: 'gizmo', listKind: 'GadgetItems' },
        versions: [{ name: 'v1', served: true, storage: true }],
      },
    },
    path: 'spec.names+spec.conversion',
    expected: [
      { plural: 'gadgets', kind: 'Gadget', singular: 'gizmo', listKind: 'GadgetItems' },
      { strategy: 'None' },
    ],
  },
];

/** The value at a dotted path; `a+b` reads several paths at once. */
function at(obj: unknown, path: string): unknown {
  const one = (p: string) =>
    p
      .split('.')
      .reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as any)[k]), obj);
  return path.includes('+') ? path.split('+').map(one) : one(path);
}

describe('defaults as kube-apiserver 1.35 applies them', () => {
  test.each(cases)('$name', ({ resource, stage, input, path, expected }) => {
    const s = strategy(...resource);
    let out: KubeObject;
    if (stage === 'defaults') {
      out = structuredClone(input);
      s.applyDefaults(out);
    } else out = created(s, input);
    expect(at(out, path)).toEqual(expected);
  });
});
