import { expect, test } from 'vitest';
import { created, strategy } from './helpers.ts';

// The status a v1.35 kube-apiserver stores on create: PrepareForCreate resets it to the zero value of
// the Go type, which JSON prints with the fields that lack omitempty (e.g. ReplicaSet `replicas: 0`).
const cases: [[string, string, string], Record<string, unknown>][] = [
  [['apps', 'v1', 'deployments'], {}],
  [['apps', 'v1', 'replicasets'], { replicas: 0 }],
  [['apps', 'v1', 'statefulsets'], { replicas: 0, availableReplicas: 0 }],
  [
    ['apps', 'v1', 'daemonsets'],
    { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
  ],
  [['batch', 'v1', 'jobs'], {}],
  [['batch', 'v1', 'cronjobs'], {}],
  [['', 'v1', 'replicationcontrollers'], { replicas: 0 }],
  [['', 'v1', 'resourcequotas'], {}],
  [['autoscaling', 'v1', 'horizontalpodautoscalers'], { currentReplicas: 0, desiredReplicas: 0 }],
  [['autoscaling', 'v2', 'horizontalpodautoscalers'], { currentMetrics: null, desiredReplicas: 0 }],
  [
    ['policy', 'v1', 'poddisruptionbudgets'],
    { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  ],
  [['networking.k8s.io', 'v1', 'ingresses'], { loadBalancer: {} }],
  [['', 'v1', 'services'], { loadBalancer: {} }],
  [['', 'v1', 'pods'], { phase: 'Pending', qosClass: 'BestEffort' }],
];

test.each(cases)('%j', (resource, status) => {
  // A client-sent status is dropped: create cannot set status.
  const obj = created(strategy(...resource), {
    metadata: { name: 'x', namespace: 'default' },
    spec: {},
    status: { replicas: 5, observedGeneration: 3 },
  });
  expect(obj.status).toEqual(status);
});
