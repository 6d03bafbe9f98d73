// Services of type LoadBalancer get the nodes' loopback addresses as ingress.

import { afterEach, expect, test } from 'vitest';
import { servicesResource } from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster;
afterEach(() => cluster?.stop());

test('a LoadBalancer Service gets status.loadBalancer.ingress on loopback; ClusterIP gets none', async () => {
  cluster = await new TestCluster({ nodes: 2 }).start();
  const service = (name: string, type: string) => ({
    metadata: { name },
    spec: { type, selector: { app: 'vweb' }, ports: [{ port: 8090, targetPort: 80 }] },
  });
  await cluster.client.create(servicesResource, 'default', service('vweb', 'LoadBalancer'));
  await cluster.client.create(servicesResource, 'default', service('internal', 'ClusterIP'));
  await cluster.run(0);
  const lb = await cluster.client.get(servicesResource, 'default', 'vweb');
  expect(lb.status).toEqual({
    loadBalancer: {
      ingress: [
        { ip: '127.0.0.1', ipMode: 'VIP' },
        { ip: '127.0.0.2', ipMode: 'VIP' },
      ],
    },
  });
  expect((await cluster.client.get(servicesResource, 'default', 'internal')).status).toEqual({
    loadBalancer: {},
  });
  const events = (await cluster.events())
    .filter((e) => e.involvedObject.name === 'vweb')
    .map((e) => `${e.reason} ${e.message}`);
  expect(events).toEqual([
    'EnsuringLoadBalancer Ensuring load balancer',
    'EnsuredLoadBalancer Ensured load balancer',
  ]);
});
