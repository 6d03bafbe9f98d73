import { afterEach, expect, test } from 'vitest';
import { deploymentsResource } from '../../../src/cluster/controllers/index.ts';
import { TestCluster } from './harness.ts';

let cluster: TestCluster | undefined;
afterEach(() => cluster?.stop());

test('smoke', async () => {
  cluster = await new TestCluster().start();
  await cluster.client.create(deploymentsResource, 'default', {
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  });
  await cluster.run(20_000);
  console.log(cluster.errors);
  const d = await cluster.deployment('web');
  console.log(JSON.stringify(d, null, 1));
  console.log(JSON.stringify(await cluster.revisions()));
  const pods = await cluster.pods();
  console.log(JSON.stringify(pods[0], null, 1));
  console.log((await cluster.events()).map((e) => `${e.involvedObject.name} ${e.reason} ${e.message}`).join('\n'));
  expect(d.status.availableReplicas).toBe(3);
});
