// Nodes as on kind, on the stepped clock: the node Lease renewed every 10s, the node's machine
// identity and condition times kept over a restart; the scheduler's filters (cordon, taints and
// tolerations, nodeSelector, required node affinity, a bound volume's node affinity) with
// FailedScheduling in upstream's words; the taint-eviction controller deleting pods from nodes
// with NoExecute taints they do not tolerate (at once, or after tolerationSeconds); and a kubelet
// restarted mid-deletion honouring the grace period that had begun.

import { afterEach, describe, expect, test } from 'vitest';
import {
  type KubeObject,
  nodesResource,
  persistentVolumeClaimsResource,
  podsResource,
  type Resource,
} from '../../../src/cluster/controllers/index.ts';
import { NodeLifecycleController, TaintEvictionController } from '../../../src/cluster/kubelet/index.ts';
import type { KubeletOptions } from '../../../src/cluster/kubelet/kubelet.ts';
import { TestCluster } from '../controllers/harness.ts';

const leases: Resource = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
const volumes: Resource = { group: '', version: 'v1', resource: 'persistentvolumes' };

let cluster: TestCluster;
afterEach(() => cluster?.stop());

/** A cluster with the taint-eviction and node lifecycle controllers too (kube-controller-manager runs them). */
async function startCluster(options: KubeletOptions): Promise<TestCluster> {
  const c = new TestCluster(options);
  c.manager.add(new TaintEvictionController(c.manager.context));
  c.manager.add(new NodeLifecycleController(c.manager.context));
  return c.start();
}

/** New control loops over a stopped cluster's objects and clock: what bosun up does after a restart. */
async function restart(options: KubeletOptions, previous: TestCluster): Promise<TestCluster> {
  const c = new TestCluster(options, previous);
  c.manager.add(new TaintEvictionController(c.manager.context));
  c.manager.add(new NodeLifecycleController(c.manager.context));
  await c.kubelet.registerNodes();
  await c.manager.start();
  await c.manager.idle();
  return c;
}

function pod(name: string, spec: KubeObject = {}, metadata: KubeObject = {}): KubeObject {
  return {
    metadata: { name, labels: { app: name }, ...metadata },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
  };
}

async function getPod(name: string): Promise<KubeObject | undefined> {
  return (await cluster.pods()).find((p) => p.metadata?.name === name);
}

async function eventsOf(name: string): Promise<string[]> {
  return (await cluster.events())
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}

/** Changes a node's spec (cordon, taints, labels) as kubectl would. */
async function editNode(name: string, edit: (node: KubeObject) => void): Promise<void> {
  const node = await cluster.client.get(nodesResource, undefined, name);
  edit(node);
  await cluster.client.update(nodesResource, undefined, node);
}

const notHelpful = (n: number) =>
  `no new claims to deallocate, preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;

describe('node registration, lease and heartbeats', () => {
  test('each node has a Lease renewed every 10s and kind-like status', async () => {
    cluster = await startCluster({ nodes: 2 });
    const start = cluster.clock.now();
    const lease = await cluster.client.get(leases, 'kube-node-lease', 'bosun-m02');
    const node = await cluster.client.get(nodesResource, undefined, 'bosun-m02');
    expect(lease.spec).toEqual({
      holderIdentity: 'bosun-m02',
      leaseDurationSeconds: 40,
      renewTime: new Date(start).toISOString().replace('Z', '000Z'),
    });
    expect(lease.metadata!.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'bosun-m02', uid: node.metadata!.uid },
    ]);
    expect(node.status.capacity).toEqual({
      cpu: '8',
      'ephemeral-storage': '102626232Ki',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: '16336852Ki',
      pods: '110',
    });
    const info = node.status.nodeInfo;
    expect(info.machineID).toMatch(/^[0-9a-f]{32}$/);
    expect(info.systemUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.bootID).toMatch(/^[0-9a-f]{8}-/);
    const other = await cluster.client.get(nodesResource, undefined, 'bosun');
    expect(other.status.nodeInfo.machineID).not.toBe(info.machineID);

    await cluster.run(25_000);
    const renewed = await cluster.client.get(leases, 'kube-node-lease', 'bosun-m02');
    expect(Date.parse(renewed.spec.renewTime) - start).toBe(20_000);
    // The status is posted again only every five minutes: heartbeats move, transitions do not.
    await cluster.run(5 * 60_000 - 25_000);
    const later = await cluster.client.get(nodesResource, undefined, 'bosun-m02');
    const ready = later.status.conditions.find((c: KubeObject) => c.type === 'Ready');
    expect(Date.parse(ready.lastHeartbeatTime) - start).toBe(5 * 60_000);
    expect(Date.parse(ready.lastTransitionTime)).toBe(Math.floor(start / 1000) * 1000);
  });

  test('a restart keeps the machine identity, the condition transition times and the lease', async () => {
    const first = await startCluster({ nodes: 1 });
    cluster = first;
    const node = await first.client.get(nodesResource, undefined, 'bosun');
    const lease = await first.client.get(leases, 'kube-node-lease', 'bosun');
    await first.run(60_000);
    first.stop();
    cluster = await restart({ nodes: 1 }, first);
    const again = await cluster.client.get(nodesResource, undefined, 'bosun');
    expect(again.metadata!.uid).toBe(node.metadata!.uid);
    expect(again.status.nodeInfo).toEqual(node.status.nodeInfo);
    const ready = (n: KubeObject) => n.status.conditions.find((c: KubeObject) => c.type === 'Ready');
    expect(ready(again).lastTransitionTime).toBe(ready(node).lastTransitionTime);
    expect(Date.parse(ready(again).lastHeartbeatTime)).toBeGreaterThan(
      Date.parse(ready(node).lastHeartbeatTime),
    );
    const leaseAgain = await cluster.client.get(leases, 'kube-node-lease', 'bosun');
    expect(leaseAgain.metadata!.uid).toBe(lease.metadata!.uid);
    expect(Date.parse(leaseAgain.spec.renewTime)).toBeGreaterThan(Date.parse(lease.spec.renewTime));
  });
});

interface SchedulingCase {
  name: string;
  /** Node edits before the pod is created. */
  nodes: Record<string, (node: KubeObject) => void>;
  spec: KubeObject;
  /** The node it lands on, or the FailedScheduling message (without the preemption sentence). */
  node?: string;
  failed?: string;
}

const cordon = (node: KubeObject) => {
  node.spec.unschedulable = true;
};
const taint = (key: string, value: string | undefined, effect: string) => (node: KubeObject) => {
  node.spec.taints = [
    ...(node.spec.taints ?? []),
    { key, ...(value !== undefined ? { value } : {}), effect },
  ];
};
const label = (key: string, value: string) => (node: KubeObject) => {
  node.metadata!.labels[key] = value;
};

const schedulingCases: SchedulingCase[] = [
  {
    name: 'cordoned and tainted nodes, counted per reason',
    nodes: { bosun: taint('k', 'v', 'NoSchedule'), 'bosun-m02': cordon, 'bosun-m03': cordon },
    spec: {},
    failed: '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) were unschedulable.',
  },
  {
    name: 'a taint without a value, and a NoExecute one',
    nodes: {
      bosun: taint('node-role.kubernetes.io/control-plane', undefined, 'NoSchedule'),
      'bosun-m02': taint('gpu', 'true', 'NoExecute'),
      'bosun-m03': taint('gpu', 'true', 'NoExecute'),
    },
    spec: {},
    // every tainted node counts under one reason, whichever taint it has
    failed: '0/3 nodes are available: 3 node(s) had untolerated taint(s).',
  },
  {
    name: 'PreferNoSchedule does not filter',
    nodes: { bosun: cordon, 'bosun-m02': cordon, 'bosun-m03': taint('k', 'v', 'PreferNoSchedule') },
    spec: {},
    node: 'bosun-m03',
  },
  {
    name: 'a toleration lets the pod onto the tainted node',
    nodes: { bosun: taint('dedicated', 'db', 'NoSchedule'), 'bosun-m02': cordon, 'bosun-m03': cordon },
    spec: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] },
    node: 'bosun',
  },
  {
    name: 'a toleration with the wrong value does not',
    nodes: { bosun: taint('dedicated', 'db', 'NoSchedule'), 'bosun-m02': cordon, 'bosun-m03': cordon },
    spec: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web' }] },
    failed: '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) were unschedulable.',
  },
  {
    name: 'tolerating the unschedulable taint passes a cordon (as DaemonSet pods do)',
    nodes: { bosun: cordon, 'bosun-m02': cordon, 'bosun-m03': cordon },
    spec: {
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
    },
    node: 'bosun',
  },
  {
    name: 'nodeSelector',
    nodes: { 'bosun-m02': label('disk', 'ssd') },
    spec: { nodeSelector: { disk: 'ssd' } },
    node: 'bosun-m02',
  },
  {
    name: 'nodeSelector matching no node; the cordon is reported first',
    nodes: { bosun: cordon },
    spec: { nodeSelector: { disk: 'ssd' } },
    failed:
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector.",
  },
  {
    name: 'required node affinity on a field',
    nodes: {},
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['bosun-m03'] }] },
            ],
          },
        },
      },
    },
    node: 'bosun-m03',
  },
  {
    name: 'required node affinity with NotIn and Exists',
    nodes: { bosun: label('zone', 'a'), 'bosun-m02': label('zone', 'b') },
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'zone', operator: 'Exists' },
                  { key: 'zone', operator: 'NotIn', values: ['a'] },
                ],
              },
            ],
          },
        },
      },
    },
    node: 'bosun-m02',
  },
];

describe('scheduling', () => {
  test.each(schedulingCases)('$name', async (c) => {
    cluster = await startCluster({ nodes: 3 });
    for (const [name, edit] of Object.entries(c.nodes)) await editNode(name, edit);
    await cluster.client.create(podsResource, 'default', pod('p', c.spec));
    await cluster.run(3000);
    const p = (await getPod('p'))!;
    if (c.node) {
      expect(p.spec.nodeName).toBe(c.node);
      expect(p.status.phase).toBe('Running');
      return;
    }
    expect(p.spec.nodeName).toBeUndefined();
    const message = `${c.failed} ${notHelpful(3)}`;
    expect(await eventsOf('p')).toEqual([`Warning FailedScheduling ${message}`]);
    expect(p.status.conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: expect.any(String),
        reason: 'Unschedulable',
        message,
      },
    ]);
    expect(p.status.phase).toBe('Pending');
  });

  test('a cordoned node carries the unschedulable taint until uncordoned', async () => {
    cluster = await startCluster({ nodes: 1 });
    await editNode('bosun', taint('k', 'v', 'NoSchedule'));
    await editNode('bosun', cordon);
    await cluster.run(1000);
    const cordoned = await cluster.client.get(nodesResource, undefined, 'bosun');
    expect(cordoned.spec.taints).toEqual([
      { key: 'k', value: 'v', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: expect.any(String) },
    ]);
    await editNode('bosun', (n) => {
      n.spec.unschedulable = false;
    });
    await cluster.run(1000);
    const uncordoned = await cluster.client.get(nodesResource, undefined, 'bosun');
    expect(uncordoned.spec.taints).toEqual([{ key: 'k', value: 'v', effect: 'NoSchedule' }]);
    expect(cluster.errors).toEqual([]);
  });

  test('uncordoning a node lets a waiting pod be scheduled', async () => {
    cluster = await startCluster({ nodes: 2 });
    await editNode('bosun', cordon);
    await editNode('bosun-m02', cordon);
    await cluster.client.create(podsResource, 'default', pod('waiting'));
    await cluster.run(2000);
    expect((await getPod('waiting'))?.spec.nodeName).toBeUndefined();
    await editNode('bosun-m02', (n) => {
      delete n.spec.unschedulable;
    });
    await cluster.run(3000);
    const p = (await getPod('waiting'))!;
    expect(p.spec.nodeName).toBe('bosun-m02');
    expect(p.status.phase).toBe('Running');
    expect(p.status.conditions.find((c: KubeObject) => c.type === 'PodScheduled').status).toBe('True');
  });

  test("a pod whose claim is bound to a local volume goes to the volume's node", async () => {
    cluster = await startCluster({ nodes: 3 });
    await cluster.client.create(volumes, undefined, {
      metadata: { name: 'local-m02' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'local',
        local: { path: '/mnt/disk' },
        claimRef: { namespace: 'default', name: 'data' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['bosun-m02'] }],
              },
            ],
          },
        },
      },
    });
    await cluster.client.create(persistentVolumeClaimsResource, 'default', {
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
        storageClassName: 'local',
        volumeName: 'local-m02',
      },
    });
    await cluster.run(2000);
    const withClaim = (name: string) =>
      pod(name, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] });
    await editNode('bosun-m02', cordon);
    await cluster.client.create(podsResource, 'default', withClaim('pinned'));
    await cluster.run(2000);
    expect((await getPod('pinned'))?.spec.nodeName).toBeUndefined();
    expect(await eventsOf('pinned')).toEqual([
      `Warning FailedScheduling 0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match PersistentVolume's node affinity. ${notHelpful(3)}`,
    ]);
    await editNode('bosun-m02', (n) => {
      delete n.spec.unschedulable;
    });
    await cluster.run(3000);
    expect((await getPod('pinned'))?.spec.nodeName).toBe('bosun-m02');
  });
});

describe('NoExecute taints (taint-eviction-controller)', () => {
  async function runningOn(name: string, spec: KubeObject = {}): Promise<void> {
    await cluster.client.create(podsResource, 'default', pod(name, { nodeName: 'bosun', ...spec }));
  }

  test('pods that do not tolerate the taint go at once; tolerating ones after tolerationSeconds; forever ones stay', async () => {
    cluster = await startCluster({ nodes: 1 });
    await runningOn('plain');
    await runningOn('for-30s', {
      tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
    });
    await runningOn('forever', { tolerations: [{ key: 'maintenance', operator: 'Exists' }] });
    await runningOn('no-schedule-only', {
      tolerations: [{ key: 'maintenance', effect: 'NoSchedule', operator: 'Exists' }],
    });
    await cluster.run(3000);
    expect((await cluster.pods()).every((p) => p.status.phase === 'Running')).toBe(true);

    await editNode('bosun', taint('maintenance', 'now', 'NoExecute'));
    await cluster.run(1000);
    const plain = (await getPod('plain'))!;
    expect(plain.metadata!.deletionTimestamp).toBeDefined();
    expect(plain.status.conditions.find((c: KubeObject) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    expect(await eventsOf('plain')).toContain(
      'Normal TaintManagerEviction Marking for deletion Pod default/plain',
    );
    expect((await getPod('no-schedule-only'))?.metadata?.deletionTimestamp).toBeDefined();
    await cluster.run(27_000);
    expect((await getPod('for-30s'))?.metadata?.deletionTimestamp).toBeUndefined();
    await cluster.run(3000);
    expect((await getPod('for-30s'))?.metadata?.deletionTimestamp).toBeDefined();
    await cluster.run(60_000);
    expect((await cluster.pods()).map((p) => p.metadata?.name)).toEqual(['forever']);
  });

  test('removing the taint in time cancels the eviction', async () => {
    cluster = await startCluster({ nodes: 1 });
    await runningOn('patient', {
      tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
    });
    await cluster.run(2000);
    await editNode('bosun', taint('maintenance', 'now', 'NoExecute'));
    await cluster.run(10_000);
    await editNode('bosun', (n) => {
      n.spec.taints = [];
    });
    await cluster.run(120_000);
    const p = (await getPod('patient'))!;
    expect(p.metadata!.deletionTimestamp).toBeUndefined();
    expect(await eventsOf('patient')).toContain(
      'Normal TaintManagerEviction Cancelling deletion of Pod default/patient',
    );
  });
});

describe('a kubelet restarted while a pod is Terminating', () => {
  test('keeps the pod until the grace period that began with the deletion is over, and its IP meanwhile', async () => {
    const first = await startCluster({ nodes: 1 });
    cluster = first;
    await first.client.create(podsResource, 'default', pod('slow', { terminationGracePeriodSeconds: 30 }));
    await first.run(5000);
    const running = (await getPod('slow'))!;
    expect(running.status.phase).toBe('Running');
    await first.client.delete(podsResource, 'default', 'slow');
    await first.run(10_000);
    first.stop();

    cluster = await restart({ nodes: 1 }, first);
    // A new pod started meanwhile must not be given the terminating pod's IP.
    await cluster.client.create(podsResource, 'default', pod('fresh'));
    await cluster.run(19_000);
    const slow = (await getPod('slow'))!;
    expect(slow.status.podIP).toBe(running.status.podIP);
    expect(slow.status.containerStatuses[0].state.running).toBeDefined();
    expect((await getPod('fresh'))?.status.podIP).not.toBe(running.status.podIP);
    await cluster.run(2000);
    expect(await getPod('slow')).toBeUndefined();
  });
});
