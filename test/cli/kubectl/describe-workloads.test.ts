// `bosun kubectl describe` of Pods, ReplicaSets, DaemonSets, StatefulSets, Jobs, CronJobs,
// ServiceAccounts, Endpoints, PersistentVolumeClaims and Ingresses against the real kubectl 1.35
// on the same control plane (controllers off: statuses are written as the kubelet would).

import { afterAll, beforeAll, describe } from 'vitest';
import { compareEach, Harness, kubectlBin } from './harness.ts';

if (!kubectlBin)
  console.log(
    'kubectl describe workloads compare: skipped, no reference kubectl (run scripts/reference-bins.sh)',
  );

type Obj = Record<string, any>;

const podTemplate = {
  metadata: { labels: { app: 'db' } },
  spec: {
    containers: [
      {
        name: 'db',
        image: 'postgres:16',
        ports: [{ containerPort: 5432 }],
        resources: { limits: { cpu: '500m', memory: '256Mi' } },
        volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql' }],
      },
    ],
  },
};

const started = '2024-03-01T10:00:00Z';

const cases: string[][] = [
  ['describe', 'pod', 'p1'],
  ['describe', 'pod', 'p2'],
  ['describe', 'pods'],
  ['describe', 'rs', 'rs1'],
  ['describe', 'ds', 'ds1'],
  ['describe', 'sts', 'ss1'],
  ['describe', 'job', 'j1'],
  ['describe', 'cronjob', 'cj1'],
  ['describe', 'sa', 'robot'],
  ['describe', 'sa', 'default'],
  ['describe', 'endpoints', 'ep1'],
  ['describe', 'pvc', 'claim1'],
  ['describe', 'ingress', 'ing1'],
  ['describe', 'ingress', 'ing2'],
];

describe.skipIf(!kubectlBin)('bosun kubectl describe (workloads) equals kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
    await h.both(async (ns) => {
      const rs: Obj = await h.api('POST', `/apis/apps/v1/namespaces/${ns}/replicasets`, {
        metadata: {
          name: 'rs1',
          labels: { app: 'web' },
          annotations: { 'deployment.kubernetes.io/revision': '3' },
        },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx' }] },
          },
        },
      });
      await h.api(
        'PATCH',
        `/apis/apps/v1/namespaces/${ns}/replicasets/rs1/status`,
        { status: { replicas: 2, readyReplicas: 1, availableReplicas: 1, fullyLabeledReplicas: 2 } },
        'application/merge-patch+json',
      );
      const owner = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'rs1',
        uid: rs.metadata.uid,
        controller: true,
      };
      await h.api('POST', `/api/v1/namespaces/${ns}/pods`, {
        metadata: {
          name: 'p1',
          labels: { app: 'web' },
          annotations: { note: 'hi' },
          ownerReferences: [owner],
        },
        spec: {
          nodeName: 'node-1',
          initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'] }],
          containers: [
            {
              name: 'web',
              image: 'nginx:1.25',
              ports: [{ containerPort: 80, name: 'http' }],
              env: [
                { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'LBL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
                { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
                { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
                { name: 'MODE', value: 'a\nb' },
              ],
              readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 },
              resources: { requests: { cpu: '100m' } },
            },
            { name: 'side', image: 'busybox', args: ['sleep', '1000'] },
          ],
          tolerations: [
            {
              key: 'node.kubernetes.io/not-ready',
              operator: 'Exists',
              effect: 'NoExecute',
              tolerationSeconds: 300,
            },
            { key: 'a', operator: 'Equal', value: 'b', effect: 'NoSchedule' },
          ],
          nodeSelector: { disk: 'ssd' },
          volumes: [
            {
              name: 'kube-api-access-abcde',
              projected: {
                sources: [
                  { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                  { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                  {
                    downwardAPI: {
                      items: [
                        {
                          path: 'namespace',
                          fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
                        },
                      ],
                    },
                  },
                ],
              },
            },
          ],
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'zone',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { app: 'web' } },
            },
          ],
        },
      });
      await h.api(
        'PATCH',
        `/api/v1/namespaces/${ns}/pods/p1/status`,
        {
          status: {
            phase: 'Running',
            hostIP: '127.0.0.1',
            podIP: '10.244.0.7',
            podIPs: [{ ip: '10.244.0.7' }],
            startTime: started,
            conditions: [
              { type: 'Initialized', status: 'True', lastTransitionTime: started },
              { type: 'Ready', status: 'False', lastTransitionTime: started },
              { type: 'PodScheduled', status: 'True', lastTransitionTime: started },
            ],
            initContainerStatuses: [
              {
                name: 'init',
                image: 'busybox',
                imageID: 'docker.io/library/busybox@sha256:1',
                containerID: 'containerd://aaa',
                ready: true,
                restartCount: 0,
                state: {
                  terminated: { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: started },
                },
              },
            ],
            containerStatuses: [
              {
                name: 'web',
                image: 'nginx:1.25',
                imageID: 'docker.io/library/nginx@sha256:2',
                containerID: 'containerd://bbb',
                ready: false,
                restartCount: 3,
                started: true,
                state: { running: { startedAt: started } },
                lastState: {
                  terminated: { exitCode: 137, reason: 'Error', startedAt: started, finishedAt: started },
                },
              },
              {
                name: 'side',
                image: 'busybox',
                imageID: '',
                ready: false,
                restartCount: 0,
                state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } },
              },
            ],
          },
        },
        'application/merge-patch+json',
      );
      const p1: Obj = await h.api('GET', `/api/v1/namespaces/${ns}/pods/p1`);
      // days ago, so `(xN over AGE)` is the same for both runs (the normaliser leaves it as is)
      const ago = (hours: number) =>
        new Date(Date.now() - hours * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
      for (const [name, reason, message, fieldPath, count] of [
        ['p1.1', 'Scheduled', 'Successfully assigned p1 to node-1', undefined, 1],
        ['p1.2', 'BackOff', 'Back-off pulling image "busybox"', 'spec.containers{side}', 4],
      ] as const)
        await h.api('POST', `/api/v1/namespaces/${ns}/events`, {
          metadata: { name },
          involvedObject: {
            apiVersion: 'v1',
            kind: 'Pod',
            name: 'p1',
            namespace: ns,
            uid: p1.metadata.uid,
            fieldPath,
          },
          reason,
          message,
          type: count > 1 ? 'Warning' : 'Normal',
          source: { component: count > 1 ? 'kubelet' : 'default-scheduler' },
          firstTimestamp: ago(60),
          lastTimestamp: ago(count > 1 ? 50 : 60),
          count,
        });
      await h.api('POST', `/api/v1/namespaces/${ns}/pods`, {
        metadata: { name: 'p2' },
        spec: {
          priorityClassName: '',
          containers: [
            {
              name: 'c',
              image: 'nginx',
              resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } },
              volumeMounts: [{ name: 'claim', mountPath: '/data', subPath: 'x' }],
            },
          ],
          volumes: [{ name: 'claim', persistentVolumeClaim: { claimName: 'claim1' } }],
        },
      });
      const ds: Obj = await h.api('POST', `/apis/apps/v1/namespaces/${ns}/daemonsets`, {
        metadata: { name: 'ds1' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: {
            metadata: { labels: { app: 'agent' } },
            spec: {
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              containers: [{ name: 'a', image: 'agent:1' }],
            },
          },
        },
      });
      await h.api(
        'PATCH',
        `/apis/apps/v1/namespaces/${ns}/daemonsets/ds1/status`,
        {
          status: {
            desiredNumberScheduled: 1,
            currentNumberScheduled: 1,
            updatedNumberScheduled: 1,
            numberAvailable: 1,
            numberMisscheduled: 0,
            numberReady: 1,
          },
        },
        'application/merge-patch+json',
      );
      await h.api('POST', `/api/v1/namespaces/${ns}/pods`, {
        metadata: {
          name: 'ds1-x',
          labels: { app: 'agent' },
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds1', uid: ds.metadata.uid, controller: true },
          ],
        },
        spec: { containers: [{ name: 'a', image: 'agent:1' }] },
      });
      await h.api('POST', `/apis/apps/v1/namespaces/${ns}/statefulsets`, {
        metadata: { name: 'ss1' },
        spec: {
          serviceName: 'db',
          replicas: 3,
          selector: { matchLabels: { app: 'db' } },
          template: podTemplate,
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
          volumeClaimTemplates: [
            {
              metadata: { name: 'data', labels: { tier: 'db' } },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
        },
      });
      await h.api('POST', `/apis/batch/v1/namespaces/${ns}/jobs`, {
        metadata: { name: 'j1' },
        spec: {
          completions: 3,
          parallelism: 2,
          backoffLimit: 4,
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'work', image: 'busybox', command: ['echo', 'hi'] }],
            },
          },
        },
      });
      await h.api(
        'PATCH',
        `/apis/batch/v1/namespaces/${ns}/jobs/j1/status`,
        { status: { startTime: started, active: 1, ready: 1, succeeded: 1 } },
        'application/merge-patch+json',
      );
      await h.api('POST', `/apis/batch/v1/namespaces/${ns}/cronjobs`, {
        metadata: { name: 'cj1', labels: { team: 'ops' } },
        spec: {
          schedule: '*/5 * * * *',
          jobTemplate: {
            spec: {
              template: {
                spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox' }] },
              },
            },
          },
        },
      });
      await h.api('POST', `/api/v1/namespaces/${ns}/serviceaccounts`, {
        metadata: { name: 'robot' },
        imagePullSecrets: [{ name: 'reg1' }, { name: 'reg2' }],
      });
      await h
        .api('POST', `/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: 'default' } })
        .catch(() => {});
      await h.api('POST', `/api/v1/namespaces/${ns}/endpoints`, {
        metadata: { name: 'ep1' },
        subsets: [
          {
            addresses: [{ ip: '10.1.0.1' }, { ip: '10.1.0.2' }],
            notReadyAddresses: [{ ip: '10.1.0.3' }],
            ports: [
              { name: 'http', port: 80, protocol: 'TCP' },
              { port: 9090, protocol: 'TCP' },
            ],
          },
        ],
      });
      await h.api('POST', `/api/v1/namespaces/${ns}/persistentvolumeclaims`, {
        metadata: { name: 'claim1' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'fast',
          resources: { requests: { storage: '2Gi' } },
        },
      });
      await h.api('POST', `/api/v1/namespaces/${ns}/services`, {
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
      });
      await h.api('POST', `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`, {
        metadata: { name: 'ing1', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } },
        spec: {
          ingressClassName: 'nginx',
          tls: [{ hosts: ['a.example.com'], secretName: 'tls1' }],
          rules: [
            {
              host: 'a.example.com',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'web', port: { number: 80 } } },
                  },
                  {
                    path: '/api',
                    pathType: 'Prefix',
                    backend: { service: { name: 'missing', port: { name: 'http' } } },
                  },
                ],
              },
            },
          ],
        },
      });
      await h.api('POST', `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`, {
        metadata: { name: 'ing2' },
        spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
      });
    });
  }, 60_000);
  afterAll(() => h.stop());

  compareEach(h, cases);
});
