// Endpoints and EndpointSlices follow the ready pods behind a Service.

import { afterEach, expect, test } from 'vitest';
import {
  deploymentsResource,
  endpointSlicesResource,
  endpointsResource,
  servicesResource,
} from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

test('ready pods are addresses, starting ones not ready; named target ports resolve; the Service takes them along', async () => {
  cluster = await new TestCluster().start();
  await cluster.client.create(servicesResource, 'default', {
    metadata: { name: 'vweb', labels: { kiamol: 'ch09' } },
    spec: { selector: { app: 'vweb' }, ports: [{ port: 8090, targetPort: 'http' }] },
  });
  await cluster.client.create(deploymentsResource, 'default', {
    metadata: { name: 'vweb' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'vweb' } },
      template: {
        metadata: { labels: { app: 'vweb' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'kiamol/ch09-vweb:v1',
              ports: [{ name: 'http', containerPort: 80 }],
              readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 10 },
            },
          ],
        },
      },
    },
  });
  await cluster.run(2000); // running, not ready
  let ep = await cluster.client.get(endpointsResource, 'default', 'vweb');
  expect(ep.metadata?.labels).toEqual({
    kiamol: 'ch09',
    'endpoints.kubernetes.io/managed-by': 'endpoint-controller',
  });
  expect(ep.subsets).toHaveLength(1);
  expect(ep.subsets[0].addresses).toBeUndefined();
  expect(ep.subsets[0].notReadyAddresses.map((a: { ip: string }) => a.ip).sort()).toEqual([
    '10.42.0.2',
    '10.42.0.3',
  ]);
  expect(ep.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);

  await cluster.run(10_000);
  ep = await cluster.client.get(endpointsResource, 'default', 'vweb');
  expect(ep.subsets[0].addresses).toHaveLength(2);
  expect(ep.subsets[0].addresses[0]).toMatchObject({
    nodeName: 'bosun',
    targetRef: { kind: 'Pod', namespace: 'default' },
  });
  const [slice] = (await cluster.client.list(endpointSlicesResource, 'default')).items;
  expect(slice.metadata?.name).toMatch(/^vweb-\w{5}$/);
  expect(slice.metadata?.labels).toEqual({
    kiamol: 'ch09',
    'kubernetes.io/service-name': 'vweb',
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
  });
  expect(slice.addressType).toBe('IPv4');
  expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
  expect(slice.endpoints.map((e: { conditions: unknown }) => e.conditions)).toEqual([
    { ready: true, serving: true, terminating: false },
    { ready: true, serving: true, terminating: false },
  ]);

  await cluster.client.delete(servicesResource, 'default', 'vweb');
  await cluster.run(0);
  await expect(cluster.client.get(endpointsResource, 'default', 'vweb')).rejects.toMatchObject({ code: 404 });
  expect((await cluster.client.list(endpointSlicesResource, 'default')).items).toEqual([]);
});
